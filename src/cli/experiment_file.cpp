// Reading and writing experiment files for --config and --save (see experiment_file.h).
#include "cli/experiment_file.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace dendrites::cli {

std::string LoadExperimentFile(const std::string& path, scene::Experiment* out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return "--config " + path + ": cannot read the file";
    std::ostringstream text;
    text << in.rdbuf();
    const scene::LoadResult result = scene::FromJsonText(text.str(), out);
    for (const std::string& w : result.warnings) {
        std::cerr << "warning: --config " << path << ": " << w << "\n";
    }
    if (!result.ok) return "--config " + path + ": " + result.error;
    return {};
}

std::string SaveExperimentFile(const std::string& path, const scene::Experiment& experiment) {
    std::ofstream out(path, std::ios::binary);
    if (out) out << scene::ToJsonText(experiment);
    if (!out) return "--save " + path + ": cannot write the file";
    return {};
}

}  // namespace dendrites::cli
