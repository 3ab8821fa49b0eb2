// `dendrites-cli train`: train an MLP on logistic-map data and report the losses.
//
// The experiment starts from --config FILE (or the defaults) and every flag given on the
// command line overrides its member; --save FILE writes the experiment that is trained.
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/validators.h"
#include "cli/experiment_file.h"
#include "core/mlp/trainer.h"

namespace dendrites::cli {
namespace {

// One flag given on the command line: it changes the configuration, or says what is wrong.
using Setting = std::function<std::string(mlp::TrainerConfig&)>;

struct TrainOptions {
    std::vector<Setting> settings;  // one per flag given, applied on top of --config
    std::string config_file;
    std::string save_file;
    int epochs = 25;
    bool json = false;
    bool quiet = false;
};

template <typename T>
std::string DefaultText(const T& value) {
    std::ostringstream s;
    s << value;
    return s.str();
}

// --flag VALUE: when given, `set(config, value)` runs on the configuration and returns an error
// naming the flag, or "".
template <typename T, typename Set>
CLI::Option* AddSetting(CLI::App* cmd, TrainOptions& o, const std::string& flag,
                        const std::string& help, const T& default_value, Set set) {
    CLI::Option* option = cmd->add_option_function<T>(
        flag,
        [&o, set](const T& value) {
            o.settings.push_back([set, value](mlp::TrainerConfig& c) { return set(c, value); });
        },
        help);
    option->default_str(DefaultText(default_value));
    return option;
}

// The same for a member that takes any value the flag's check lets through.
template <typename T, typename Set>
CLI::Option* AddValue(CLI::App* cmd, TrainOptions& o, const std::string& flag,
                      const std::string& help, const T& default_value, Set set) {
    return AddSetting<T>(cmd, o, flag, help, default_value,
                         [set](mlp::TrainerConfig& c, const T& value) {
                             set(c, value);
                             return std::string();
                         });
}

// Parses "1,30,1" (also "1-30-1") into widths; returns an error message or empty.
std::string ParseLayers(const std::string& text, std::vector<int>& out) {
    out.clear();
    std::string token;
    std::stringstream stream(text);
    const char separator = text.find(',') != std::string::npos ? ',' : '-';
    while (std::getline(stream, token, separator)) {
        try {
            std::size_t used = 0;
            const int width = std::stoi(token, &used);
            if (used != token.size()) throw std::invalid_argument(token);
            out.push_back(width);
        } catch (const std::exception&) {
            return "--layers: '" + text + "' is not a list of widths such as 1,30,1";
        }
    }
    if (out.size() < 2) return "--layers: need at least an input and an output width (e.g. 1,30,1)";
    if (out.front() != 1)
        return "--layers: the first width must be 1 (one input, x_n); got " + text;
    if (out.back() != 1)
        return "--layers: the last width must be 1 (one output, x_{n+1}); got " + text;
    return {};
}

std::string SetActivation(mlp::TrainerConfig& c, const std::string& name) {
    if (auto f = mlp::ParseActivation(name))
        c.network.hidden = *f;
    else
        return "--activation: unknown '" + name + "' (choose " + mlp::ActivationNameList() + ")";
    return {};
}

std::string SetOptimizer(mlp::TrainerConfig& c, const std::string& name) {
    if (auto k = mlp::ParseOptimizer(name))
        c.optimizer.kind = *k;
    else
        return "--optimizer: unknown '" + name + "' (choose " + mlp::OptimizerNameList() + ")";
    return {};
}

std::string SetSampling(mlp::TrainerConfig& c, const std::string& name) {
    if (name == "orbit")
        c.data.sampling = logistic::Sampling::Orbit;
    else if (name == "uniform")
        c.data.sampling = logistic::Sampling::Uniform;
    else
        return "--sampling: unknown '" + name + "' (choose orbit, uniform)";
    return {};
}

std::string SetInit(mlp::TrainerConfig& c, const std::string& name) {
    const std::map<std::string, mlp::Init> inits{{"auto", mlp::Init::Auto},
                                                 {"xavier", mlp::Init::Xavier},
                                                 {"he", mlp::Init::He},
                                                 {"fan_in", mlp::Init::FanIn}};
    if (auto it = inits.find(name); it != inits.end())
        c.network.init = it->second;
    else
        return "--init: unknown '" + name + "' (choose auto, xavier, he, fan_in)";
    return {};
}

int Fail(const std::string& message) {
    std::cerr << "dendrites-cli train: " << message << "\n";
    return kExitBadInput;
}

int RunTrain(const TrainOptions& o) {
    // 1. The experiment: the file (or the defaults), then the flags.
    scene::Experiment experiment;
    if (!o.config_file.empty()) {
        if (auto e = LoadExperimentFile(o.config_file, &experiment); !e.empty()) return Fail(e);
    }
    experiment.lab = "mlp";
    for (const Setting& setting : o.settings) {
        if (auto e = setting(experiment.mlp); !e.empty()) return Fail(e);
    }
    mlp::Trainer trainer;
    if (auto e = trainer.Configure(experiment.mlp); !e.empty()) return Fail(e);
    if (!o.save_file.empty()) {
        if (auto e = SaveExperimentFile(o.save_file, experiment); !e.empty()) return Fail(e);
    }

    // 2. Train.
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
        if (!trainer.StepEpoch()) {
            std::cerr << "dendrites-cli train: " << trainer.DivergenceMessage() << "\n";
            return kExitRunFailed;
        }
        if (!o.quiet) {
            const auto& rec = trainer.Epochs().back();
            std::printf("epoch %3d  train_loss %.6e  test_mse %.6e\n", rec.epoch, rec.train_loss,
                        rec.test_loss);
        }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (o.json) {
        const auto& c = trainer.Config();
        nlohmann::json out = {
            {"train_mse", trainer.FullTrainLoss()},
            {"test_mse", trainer.TestLoss()},
            {"epochs", trainer.Epoch()},
            {"steps", trainer.Steps()},
            {"samples", trainer.SamplesSeen()},
            {"seconds", seconds},
            {"samples_per_second", seconds > 0 ? trainer.SamplesSeen() / seconds : 0.0},
            {"seed", c.seed},
            {"layers", c.network.layers},
            {"activation", mlp::ActivationName(c.network.hidden)},
            {"optimizer", mlp::OptimizerName(c.optimizer.kind)},
            {"lr", c.optimizer.lr},
            {"batch", c.batch},
            {"r", c.data.r},
        };
        std::cout << out.dump() << std::endl;
    }
    return kExitOk;
}

}  // namespace

void AddTrainCommand(CLI::App& app, int* exit_code) {
    auto options = std::make_shared<TrainOptions>();
    TrainOptions& o = *options;
    const mlp::TrainerConfig d;  // the defaults, shown in --help
    using Config = mlp::TrainerConfig;
    CLI::App* cmd = app.add_subcommand("train", "Train an MLP on data from the logistic map");
    cmd->add_option("--config", o.config_file,
                    "Start from the experiment in FILE (JSON); flags given override it");
    cmd->add_option("--save", o.save_file, "Write the experiment that is trained to FILE (JSON)");
    AddValue(cmd, o, "--r", "Logistic map parameter r, in [0, 4]", d.data.r,
             [](Config& c, double v) { c.data.r = v; })
        ->check(Between(0.0, 4.0));
    AddValue(cmd, o, "--samples", "Number of (x_n, x_{n+1}) training pairs", d.data.samples,
             [](Config& c, int v) { c.data.samples = v; })
        ->check(Between(2, 1000000, true));
    AddValue(cmd, o, "--x0", "Start of the orbit, in [0, 1]", d.data.x0, [](Config& c, double v) {
        c.data.x0 = v;
    })->check(Between(0.0, 1.0));
    AddSetting(cmd, o, "--sampling", "orbit (consecutive iterates) or uniform",
               std::string("orbit"), SetSampling);
    AddValue(cmd, o, "--noise", "Std of Gaussian noise added to targets", d.data.noise_std,
             [](Config& c, double v) { c.data.noise_std = v; })
        ->check(Between(0.0, 1.0));
    AddValue(cmd, o, "--test-fraction", "Share of samples held out", d.data.test_fraction,
             [](Config& c, double v) { c.data.test_fraction = v; })
        ->check(Between(0.0, 0.9));
    AddValue(cmd, o, "--eval-points", "Unseen uniform inputs for test_mse", d.eval_points,
             [](Config& c, int v) { c.eval_points = v; })
        ->check(Between(1, 100000, true));
    AddSetting(
        cmd, o, "--layers", "Layer widths, input to output, e.g. 1,30,1", std::string("1,30,1"),
        [](Config& c, const std::string& text) { return ParseLayers(text, c.network.layers); });
    AddSetting(cmd, o, "--activation",
               std::string("Hidden activation: ") + mlp::ActivationNameList(),
               std::string(mlp::ActivationName(d.network.hidden)), SetActivation);
    AddSetting(cmd, o, "--init", "Weight initialisation: auto, xavier, he, fan_in",
               std::string(mlp::InitName(d.network.init)), SetInit);
    AddSetting(cmd, o, "--optimizer", std::string("Optimizer: ") + mlp::OptimizerNameList(),
               std::string(mlp::OptimizerName(d.optimizer.kind)), SetOptimizer);
    AddValue(cmd, o, "--lr", "Learning rate", d.optimizer.lr, [](Config& c, double v) {
        c.optimizer.lr = v;
    })->check(Positive());
    AddValue(cmd, o, "--momentum", "Momentum coefficient", d.optimizer.momentum,
             [](Config& c, double v) { c.optimizer.momentum = v; })
        ->check(Between(0.0, 0.999999));
    AddValue(cmd, o, "--rho", "RMSProp decay", d.optimizer.rho, [](Config& c, double v) {
        c.optimizer.rho = v;
    })->check(Between(0.0, 0.999999));
    AddValue(cmd, o, "--beta1", "Adam beta1", d.optimizer.beta1, [](Config& c, double v) {
        c.optimizer.beta1 = v;
    })->check(Between(0.0, 0.999999));
    AddValue(cmd, o, "--beta2", "Adam beta2", d.optimizer.beta2, [](Config& c, double v) {
        c.optimizer.beta2 = v;
    })->check(Between(0.0, 0.999999));
    AddValue(cmd, o, "--epsilon", "RMSProp/Adam epsilon", d.optimizer.epsilon,
             [](Config& c, double v) { c.optimizer.epsilon = v; })
        ->check(Positive());
    AddValue(cmd, o, "--batch", "Batch size: 1 online, >= samples full batch", d.batch,
             [](Config& c, int v) { c.batch = v; })
        ->check(Positive());
    CLI::Option* no_shuffle = cmd->add_flag(
        "--no-shuffle",
        [&o](std::int64_t) {
            o.settings.push_back([](Config& c) {
                c.shuffle = false;
                return std::string();
            });
        },
        "Keep the sample order fixed");
    cmd->add_flag(
           "--shuffle",
           [&o](std::int64_t) {
               o.settings.push_back([](Config& c) {
                   c.shuffle = true;
                   return std::string();
               });
           },
           "Reshuffle the samples every epoch (the default; overrides --config)")
        ->excludes(no_shuffle);
    cmd->add_option("--epochs", o.epochs, "Epochs to train")
        ->capture_default_str()
        ->check(Positive());
    AddValue(cmd, o, "--seed", "Random seed", d.seed,
             [](Config& c, std::uint64_t v) { c.seed = v; })
        ->check(NonNegativeWhole());
    cmd->add_flag("--json", o.json, "End with one line of JSON with the results");
    cmd->add_flag("--quiet", o.quiet, "No per-epoch lines");
    cmd->callback([options, exit_code] { *exit_code = RunTrain(*options); });
}

}  // namespace dendrites::cli
