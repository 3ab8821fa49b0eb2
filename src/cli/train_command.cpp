// `dendrites-cli train`: train an MLP on logistic-map data and report the losses.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/mlp/trainer.h"

namespace dendrites::cli {
namespace {

struct TrainOptions {
    mlp::TrainerConfig config;
    std::string layers = "1,30,1";
    std::string activation = "sigmoid";
    std::string optimizer = "rmsprop";
    std::string sampling = "orbit";
    std::string init = "auto";
    int epochs = 25;
    bool json = false;
    bool quiet = false;
};

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
    return {};
}

// Fills the parts of the configuration that need parsing; returns a message naming the flag.
std::string Finish(TrainOptions& o) {
    auto& c = o.config;
    if (auto e = ParseLayers(o.layers, c.network.layers); !e.empty()) return e;
    if (auto f = mlp::ParseActivation(o.activation)) c.network.hidden = *f;
    else return "--activation: unknown '" + o.activation + "' (choose " + mlp::ActivationNameList() + ")";
    if (auto k = mlp::ParseOptimizer(o.optimizer)) c.optimizer.kind = *k;
    else return "--optimizer: unknown '" + o.optimizer + "' (choose " + mlp::OptimizerNameList() + ")";
    if (o.sampling == "orbit") c.data.sampling = logistic::Sampling::Orbit;
    else if (o.sampling == "uniform") c.data.sampling = logistic::Sampling::Uniform;
    else return "--sampling: unknown '" + o.sampling + "' (choose orbit, uniform)";
    const std::map<std::string, mlp::Init> inits{
        {"auto", mlp::Init::Auto},
        {"xavier", mlp::Init::Xavier},
        {"he", mlp::Init::He},
        {"fan_in", mlp::Init::FanIn}};
    if (auto it = inits.find(o.init); it != inits.end()) c.network.init = it->second;
    else return "--init: unknown '" + o.init + "' (choose auto, xavier, he, fan_in)";
    if (c.network.layers.front() != 1)
        return "--layers: the first width must be 1 (one input, x_n); got " + o.layers;
    if (c.network.layers.back() != 1)
        return "--layers: the last width must be 1 (one output, x_{n+1}); got " + o.layers;
    if (o.epochs < 1) return "--epochs: must be at least 1";
    return {};
}

int RunTrain(TrainOptions& o) {
    if (auto e = Finish(o); !e.empty()) {
        std::cerr << "dendrites-cli train: " << e << "\n";
        return kExitBadInput;
    }
    mlp::Trainer trainer;
    if (auto e = trainer.Configure(o.config); !e.empty()) {
        std::cerr << "dendrites-cli train: " << e << "\n";
        return kExitBadInput;
    }
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
    auto& o = *options;
    auto& c = o.config;
    CLI::App* cmd = app.add_subcommand("train", "Train an MLP on data from the logistic map");
    cmd->add_option("--r", c.data.r, "Logistic map parameter r, in [0, 4]")
        ->capture_default_str()->check(CLI::Range(0.0, 4.0));
    cmd->add_option("--samples", c.data.samples, "Number of (x_n, x_{n+1}) training pairs")
        ->capture_default_str()->check(CLI::Range(2, 1000000));
    cmd->add_option("--x0", c.data.x0, "Start of the orbit, in [0, 1]")
        ->capture_default_str()->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--sampling", o.sampling, "orbit (consecutive iterates) or uniform")
        ->capture_default_str();
    cmd->add_option("--noise", c.data.noise_std, "Std of Gaussian noise added to targets")
        ->capture_default_str()->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--test-fraction", c.data.test_fraction, "Share of samples held out")
        ->capture_default_str()->check(CLI::Range(0.0, 0.9));
    cmd->add_option("--eval-points", c.eval_points, "Unseen uniform inputs for test_mse")
        ->capture_default_str()->check(CLI::Range(1, 100000));
    cmd->add_option("--layers", o.layers, "Layer widths, input to output, e.g. 1,30,1")
        ->capture_default_str();
    cmd->add_option("--activation", o.activation,
                    std::string("Hidden activation: ") + mlp::ActivationNameList())
        ->capture_default_str();
    cmd->add_option("--init", o.init, "Weight initialisation: auto, xavier, he, fan_in")
        ->capture_default_str();
    cmd->add_option("--optimizer", o.optimizer,
                    std::string("Optimizer: ") + mlp::OptimizerNameList())
        ->capture_default_str();
    cmd->add_option("--lr", c.optimizer.lr, "Learning rate")
        ->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--momentum", c.optimizer.momentum, "Momentum coefficient")
        ->capture_default_str()->check(CLI::Range(0.0, 0.999999));
    cmd->add_option("--rho", c.optimizer.rho, "RMSProp decay")
        ->capture_default_str()->check(CLI::Range(0.0, 0.999999));
    cmd->add_option("--beta1", c.optimizer.beta1, "Adam beta1")
        ->capture_default_str()->check(CLI::Range(0.0, 0.999999));
    cmd->add_option("--beta2", c.optimizer.beta2, "Adam beta2")
        ->capture_default_str()->check(CLI::Range(0.0, 0.999999));
    cmd->add_option("--epsilon", c.optimizer.epsilon, "RMSProp/Adam epsilon")
        ->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--batch", c.batch, "Batch size: 1 online, >= samples full batch")
        ->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_flag("--no-shuffle", [&c](std::int64_t) { c.shuffle = false; },
                  "Keep the sample order fixed");
    cmd->add_option("--epochs", o.epochs, "Epochs to train")
        ->capture_default_str()->check(CLI::PositiveNumber);
    cmd->add_option("--seed", c.seed, "Random seed")->capture_default_str();
    cmd->add_flag("--json", o.json, "End with one line of JSON with the results");
    cmd->add_flag("--quiet", o.quiet, "No per-epoch lines");
    cmd->callback([options, exit_code] { *exit_code = RunTrain(*options); });
}

}  // namespace dendrites::cli
