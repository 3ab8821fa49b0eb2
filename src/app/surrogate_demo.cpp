// The surrogate-gradient demo's state and commands (see surrogate_demo.h).
#include "app/surrogate_demo.h"

#include <algorithm>

namespace dendrites::app {

SurrogateDemo::SurrogateDemo() = default;

void SurrogateDemo::Update(double budget_seconds) {
    if (!running_) return;
    trainer_.TrainFor(budget_seconds, iterations_per_frame_);
    if (trainer_.Status() == spiking::SurrogateStatus::kDiverged) {
        running_ = false;
        notice_ = trainer_.DivergenceMessage();
    }
}

void SurrogateDemo::Play() {
    if (trainer_.Status() == spiking::SurrogateStatus::kDiverged) {
        notice_ = trainer_.DivergenceMessage();
        return;
    }
    running_ = true;
}

void SurrogateDemo::Pause() {
    running_ = false;
}

void SurrogateDemo::Step() {
    running_ = false;
    if (!trainer_.Step()) notice_ = trainer_.DivergenceMessage();
}

void SurrogateDemo::Reset() {
    running_ = false;
    notice_.clear();
    trainer_.Reset();
}

std::string SurrogateDemo::ApplyLearning(const spiking::SurrogateLearning& learning) {
    std::string error = trainer_.SetLearning(learning);
    if (!error.empty()) notice_ = "Not applied: " + error;
    return error;
}

std::string SurrogateDemo::ApplyTask(const spiking::SurrogateTaskParams& task) {
    spiking::SurrogateConfig config = trainer_.Config();
    config.task = task;
    std::string error = trainer_.Configure(config);
    if (!error.empty()) {
        notice_ = "Not applied: " + error;
        return error;
    }
    running_ = false;
    selected_output_ = std::min(selected_output_, task.n_outputs - 1);
    return {};
}

std::string SurrogateDemo::SetSurrogate(spiking::SurrogateKind kind) {
    spiking::SurrogateLearning l = Learning();
    l.gradient.kind = kind;
    return ApplyLearning(l);
}

std::string SurrogateDemo::SetSlope(double slope) {
    spiking::SurrogateLearning l = Learning();
    l.gradient.slope = slope;
    return ApplyLearning(l);
}

std::string SurrogateDemo::SetLearningRate(double lr) {
    spiking::SurrogateLearning l = Learning();
    l.lr = lr;
    return ApplyLearning(l);
}

std::string SurrogateDemo::SetOptimizer(spiking::SurrogateOptimizer optimizer) {
    spiking::SurrogateLearning l = Learning();
    l.optimizer = optimizer;
    return ApplyLearning(l);
}

std::string SurrogateDemo::SetSmoothForward(bool smooth) {
    spiking::SurrogateLearning l = Learning();
    l.gradient.smooth_forward = smooth;
    return ApplyLearning(l);
}

std::string SurrogateDemo::SetOutputCount(int n) {
    if (n < 1 || n > kMaxOutputs) {
        const std::string error = "outputs must be 1 to " + std::to_string(kMaxOutputs);
        notice_ = "Not applied: " + error;
        return error;
    }
    spiking::SurrogateTaskParams task = Task();
    task.n_outputs = n;
    task.target_steps.clear();  // the default targets for the new count
    return ApplyTask(task);
}

std::string SurrogateDemo::SetSeed(std::uint64_t seed) {
    spiking::SurrogateTaskParams task = Task();
    task.seed = seed;
    return ApplyTask(task);
}

void SurrogateDemo::SetIterationsPerFrame(int n) {
    iterations_per_frame_ = std::clamp(n, 1, kMaxIterationsPerFrame);
}

void SurrogateDemo::SelectOutput(int j) {
    selected_output_ = std::clamp(j, 0, Task().n_outputs - 1);
}

std::vector<int> SurrogateDemo::OutputSpikes(int j) const {
    return spiking::OutputSpikeSteps(trainer_.LastPass(), j);
}

spiking::SpikeMatch SurrogateDemo::Match(int j) const {
    const auto& targets = Task().target_steps;
    if (j < 0 || j >= static_cast<int>(targets.size())) return {};
    return spiking::MatchSpikes(OutputSpikes(j), targets[static_cast<std::size_t>(j)],
                                kMatchToleranceSteps);
}

bool SurrogateDemo::AllMatched() const {
    for (int j = 0; j < Task().n_outputs; ++j) {
        const spiking::SpikeMatch m = Match(j);
        if (m.missed > 0 || m.extra > 0) return false;
    }
    return true;
}

nlohmann::json SurrogateDemo::State() const {
    const spiking::SurrogateTrainer& t = trainer_;
    nlohmann::json outputs = nlohmann::json::array();
    for (int j = 0; j < Task().n_outputs; ++j) {
        const spiking::SpikeMatch m = Match(j);
        outputs.push_back({{"spikes", OutputSpikes(j).size()},
                           {"targets", Task().target_steps[static_cast<std::size_t>(j)].size()},
                           {"matched", m.matched},
                           {"missed", m.missed},
                           {"extra", m.extra}});
    }
    return {
        {"iteration", t.Iteration()},
        {"loss", t.Loss()},
        {"initial_loss", t.InitialLoss()},
        {"surrogate", spiking::SurrogateShortName(Learning().gradient.kind)},
        {"slope", Learning().gradient.slope},
        {"smooth_forward", Learning().gradient.smooth_forward},
        {"lr", Learning().lr},
        {"optimizer", Learning().optimizer == spiking::SurrogateOptimizer::kAdam ? "adam" : "sgd"},
        {"gradient_norm", t.GradientNorm()},
        {"weight_change", t.WeightChangeNorm()},
        {"outputs", outputs},
        {"all_matched", AllMatched()},
        {"seed", Task().seed},
        {"running", running_},
        {"diverged", t.Status() == spiking::SurrogateStatus::kDiverged},
        {"train_seconds", t.TrainSeconds()},
    };
}

}  // namespace dendrites::app
