// Experiment files for the subcommands: --config FILE reads one, --save FILE writes one.
#pragma once

#include <string>

#include "core/scene/experiment.h"

namespace dendrites::cli {

// Reads the experiment in `path` into *out (unchanged on error). Warnings (unknown keys) go to
// stderr. Returns an error naming the file and the JSON path, or an empty string.
std::string LoadExperimentFile(const std::string& path, scene::Experiment* out);

// Writes `experiment` as pretty JSON; returns an error naming the file, or an empty string.
std::string SaveExperimentFile(const std::string& path, const scene::Experiment& experiment);

}  // namespace dendrites::cli
