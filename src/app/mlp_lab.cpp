// The MLP lab's state and commands (see mlp_lab.h).
#include "app/mlp_lab.h"

#include <algorithm>
#include <cstdio>

namespace dendrites::app {

MlpLab::MlpLab() = default;

void MlpLab::Update(double budget_seconds) {
    if (!running_) return;
    trainer_.TrainFor(budget_seconds, batches_per_frame_);
    if (trainer_.Status() == mlp::TrainerStatus::Diverged) running_ = false;
}

void MlpLab::Play() {
    if (trainer_.Status() == mlp::TrainerStatus::Diverged) return;
    step_through_ = false;
    running_ = true;
}

void MlpLab::Pause() {
    running_ = false;
}

void MlpLab::StepBatch() {
    running_ = false;
    trainer_.TrainFor(1.0, 1);
}

void MlpLab::StepEpoch() {
    running_ = false;
    // In slices, so that even a huge epoch keeps the trainer's throughput and test loss current;
    // each slice stops at the epoch's end, so an epoch is always exactly one pass.
    const int target = trainer_.Epoch() + 1;
    while (trainer_.Epoch() < target && trainer_.Status() != mlp::TrainerStatus::Diverged)
        trainer_.TrainFor(0.05, trainer_.BatchesLeftInEpoch());
}

void MlpLab::Reset() {
    running_ = false;
    trainer_.Reset();
}

std::string MlpLab::Apply(const mlp::TrainerConfig& config) {
    std::string error = trainer_.Configure(config);
    if (!error.empty()) {
        notice_ = "Not applied: " + error;
        return error;
    }
    if (selected_ && !SelectWeight(sel_layer_, sel_from_, sel_to_).empty()) selected_ = false;
    return {};  // keeps playing if it was: the new experiment starts at once
}

std::string MlpLab::ApplyOptimizer(const mlp::OptimizerParams& params) {
    std::string error = trainer_.SetOptimizerParams(params);
    if (!error.empty()) notice_ = "Not applied: " + error;
    return error;
}

void MlpLab::SetBatchesPerFrame(int n) {
    batches_per_frame_ = std::clamp(n, 1, kMaxBatchesPerFrame);
}

void MlpLab::SetProbeX(double x) {
    probe_x_ = std::clamp(x, 0.0, 1.0);
}

std::string MlpLab::SelectWeight(int layer, int from, int to) {
    const mlp::Network& net = trainer_.Net();
    if (layer < 0 || layer >= net.NumWeightLayers())
        return "layer must be 1 to " + std::to_string(net.NumWeightLayers()) +
               " (1 is the first weight matrix)";
    if (from < 0 || from >= net.Width(layer))
        return "from must be 0 to " + std::to_string(net.Width(layer) - 1);
    if (to < 0 || to >= net.Width(layer + 1))
        return "to must be 0 to " + std::to_string(net.Width(layer + 1) - 1);
    selected_ = true;
    sel_layer_ = layer;
    sel_from_ = from;
    sel_to_ = to;
    return {};
}

void MlpLab::StartStepThrough() {
    running_ = false;
    step_through_ = true;
    stage_ = 0;
    const mlp::Network& net = trainer_.Net();
    net.Forward(Eigen::MatrixXd::Constant(1, 1, probe_x_), stage_pass_);
    net.Backward(Eigen::MatrixXd::Constant(1, 1, logistic::Map(probe_x_, trainer_.Config().data.r)),
                 stage_pass_);
}

void MlpLab::NextStage() {
    if (!step_through_) StartStepThrough();
    if (stage_ == StageCount()) {  // the update was shown: the next sample
        StartStepThrough();
        return;
    }
    ++stage_;
    if (stage_ == StageCount())
        trainer_.TrainOnSample(probe_x_, logistic::Map(probe_x_, trainer_.Config().data.r));
}

std::string MlpLab::StageText() const {
    const int n = trainer_.Net().NumWeightLayers();
    char text[320];
    if (stage_ == 0) {
        std::snprintf(text, sizeof text,
                      "One sample: x = %.3f, target f(x). Press Next stage to send it forward.",
                      probe_x_);
    } else if (stage_ <= n) {
        std::snprintf(text, sizeof text,
                      "Forward, layer %d: z = W a + b from layer %d's values, then a = f(z). It "
                      "cannot start before layer %d is done: the sweep has a strict order.",
                      stage_, stage_ - 1, stage_ - 1);
    } else if (stage_ == n + 1) {
        const double y_hat = stage_pass_.a.back()(0, 0);
        const double y = logistic::Map(probe_x_, trainer_.Config().data.r);
        std::snprintf(text, sizeof text,
                      "Loss: the output %.4f against the target %.4f, L = (y^ - y)^2 = %.3e. The "
                      "error is one global number, known only at the output.",
                      y_hat, y, (y_hat - y) * (y_hat - y));
    } else if (stage_ <= 2 * n + 1) {
        const int layer = 2 * n + 2 - stage_;  // n, n-1, ..., 1
        std::snprintf(text, sizeof text,
                      "Backward, layer %d: delta = dL/dz, from the layer above's delta through "
                      "the weights and f'(z); the gradient of weight layer %d is delta times "
                      "layer %d's values. Edges now show the gradients.",
                      layer, layer, layer - 1);
    } else {
        std::snprintf(text, sizeof text,
                      "Update: every weight takes one optimizer step against its gradient "
                      "(online learning: after this single sample). Next stage starts again.");
    }
    return text;
}

mlp::ChainRule MlpLab::Chain() const {
    if (!selected_) {
        mlp::ChainRule none;
        none.error = "no weight selected";
        return none;
    }
    const double y = logistic::Map(probe_x_, trainer_.Config().data.r);
    return mlp::ExplainWeight(trainer_.Net(), probe_x_, y, sel_layer_, sel_from_, sel_to_);
}

}  // namespace dendrites::app
