// The MLP lab's state and commands (see mlp_lab.h).
#include "app/mlp_lab.h"

#include <algorithm>
#include <cstdio>

namespace dendrites::app {

MlpLab::MlpLab() = default;

void MlpLab::Update(double dt_seconds, double budget_seconds) {
    if (Animating()) {
        // Whole stages only; a long frame (a hidden tab) is not made up for.
        stage_clock_ = std::min(stage_clock_ + dt_seconds * stages_per_second_, 1.0 + 0.25 * stages_per_second_);
        for (int k = 0; stage_clock_ >= 1.0 && k < 1000; ++k) {
            stage_clock_ -= 1.0;
            NextStage();
        }
        return;
    }
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
    if (step_through_) StartStepThrough();
}

std::string MlpLab::Apply(const mlp::TrainerConfig& requested) {
    // Weights that came with a link or a file belong to their network and seed: a new
    // architecture or seed from the controls starts from the seed's weights again.
    mlp::TrainerConfig config = requested;
    const mlp::TrainerConfig& now = trainer_.Config();
    const bool same_weights = config.initial_weights == now.initial_weights;
    const bool new_network = config.network.layers != now.network.layers ||
                             config.network.hidden != now.network.hidden ||
                             config.network.init != now.network.init || config.seed != now.seed;
    if ((same_weights && new_network) ||
        (!config.initial_weights.empty() &&
         config.initial_weights.size() != config.network.ParameterCount()))
        config.initial_weights.clear();
    std::string error = trainer_.Configure(config);
    if (!error.empty()) {
        notice_ = "Not applied: " + error;
        return error;
    }
    if (selected_ && !SelectWeight(sel_layer_, sel_from_, sel_to_).empty()) selected_ = false;
    if (step_through_) StartStepThrough();  // the sweep's pass must match the new network
    return {};  // keeps playing if it was: the new experiment starts at once
}

mlp::TrainerConfig MlpLab::ConfigWithTrainedWeights() const {
    mlp::TrainerConfig c = trainer_.Config();
    c.initial_weights = trainer_.Net().Parameters();
    return c;
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
    sample_in_batch_ = 0;
    samples_summed_ = 0;
    grad_sum_.clear();
    grad_mean_.clear();
    batch_x_.resize(1, 0);
    batch_y_.resize(1, 0);
    LoadStageSample(probe_x_);
}

void MlpLab::LoadStageSample(double x) {
    stage_x_ = std::clamp(x, 0.0, 1.0);
    probe_x_ = stage_x_;
    const double y = logistic::Map(stage_x_, trainer_.Config().data.r);
    const mlp::Network& net = trainer_.Net();
    net.Forward(Eigen::MatrixXd::Constant(1, 1, stage_x_), stage_pass_);
    net.Backward(Eigen::MatrixXd::Constant(1, 1, y), stage_pass_);
}

double MlpLab::NextTrainingInput() {
    const logistic::Dataset& data = trainer_.TrainData();
    if (data.Size() == 0) return probe_x_;
    if (data_cursor_ >= static_cast<std::size_t>(data.Size())) data_cursor_ = 0;
    return data.x(0, static_cast<Eigen::Index>(data_cursor_++));
}

void MlpLab::NextStage() {
    if (!step_through_) StartStepThrough();  // and on to its first stage
    const int backward_done = StageCount() - 1;  // 2N + 1
    if (stage_ == StageCount()) {  // the update was shown: a new sample, a new batch
        sample_in_batch_ = 0;
        samples_summed_ = 0;
        grad_sum_.clear();
        grad_mean_.clear();
        batch_x_.resize(1, 0);
        batch_y_.resize(1, 0);
        stage_ = 0;
        LoadStageSample(NextTrainingInput());
        return;
    }
    if (stage_ == backward_done && sample_in_batch_ + 1 < step_batch_) {
        ++sample_in_batch_;  // the next sample of the batch; no weight has changed yet
        stage_ = 0;
        LoadStageSample(NextTrainingInput());
        return;
    }
    ++stage_;
    if (stage_ == backward_done) {  // this sample's gradient joins the batch's sum
        const auto n = static_cast<Eigen::Index>(samples_summed_);
        batch_x_.conservativeResize(1, n + 1);
        batch_y_.conservativeResize(1, n + 1);
        batch_x_(0, n) = stage_x_;
        batch_y_(0, n) = logistic::Map(stage_x_, trainer_.Config().data.r);
        if (grad_sum_.empty()) {
            grad_sum_ = stage_pass_.d_loss_d_w;
        } else {
            for (std::size_t l = 0; l < grad_sum_.size(); ++l) grad_sum_[l] += stage_pass_.d_loss_d_w[l];
        }
        ++samples_summed_;
        grad_mean_ = grad_sum_;
        for (auto& g : grad_mean_) g /= static_cast<double>(samples_summed_);
    }
    if (stage_ == StageCount()) {
        if (trainer_.TrainOnBatch(batch_x_, batch_y_)) ++sweep_updates_;
        if (trainer_.Status() == mlp::TrainerStatus::Diverged) animate_ = false;
    }
}

void MlpLab::SetStepThroughBatch(int samples) {
    step_batch_ = std::clamp(samples, 1, kMaxStepBatch);
    if (step_through_) StartStepThrough();
}

void MlpLab::SetAnimation(bool on, double stages_per_second) {
    animate_ = on;
    stages_per_second_ = std::clamp(stages_per_second, 0.1, 1000.0);
    if (on && !step_through_) StartStepThrough();
    if (!on) stage_clock_ = 0.0;
}

std::string MlpLab::StageText() const {
    const int n = trainer_.Net().NumWeightLayers();
    const bool batch = step_batch_ > 1;
    char which[64] = "";
    if (batch) std::snprintf(which, sizeof which, "Sample %d of %d: ", sample_in_batch_ + 1, step_batch_);
    char text[400];
    if (stage_ == 0 && !batch) {
        std::snprintf(text, sizeof text,
                      "One sample: x = %.3f, target f(x). %s", stage_x_,
                      Animating() ? "It is about to go forward." : "Press Next stage to send it forward.");
    } else if (stage_ == 0) {
        std::snprintf(text, sizeof text,
                      "%sx = %.3f enters. The gradients of %d sample%s so far are summed (the "
                      "edges show their mean); no weight has changed yet.",
                      which, stage_x_, samples_summed_, samples_summed_ == 1 ? "" : "s");
    } else if (stage_ <= n) {
        std::snprintf(text, sizeof text,
                      "%sForward, layer %d: z = W a + b from layer %d's values, then a = f(z). It "
                      "cannot start before layer %d is done: the sweep has a strict order.",
                      which, stage_, stage_ - 1, stage_ - 1);
    } else if (stage_ == n + 1) {
        const double y_hat = stage_pass_.a.back()(0, 0);
        const double y = logistic::Map(stage_x_, trainer_.Config().data.r);
        std::snprintf(text, sizeof text,
                      "%sLoss: the output %.4f against the target %.4f, L = (y^ - y)^2 = %.3e. The "
                      "error is one global number, known only at the output.",
                      which, y_hat, y, (y_hat - y) * (y_hat - y));
    } else if (stage_ <= 2 * n + 1) {
        const int layer = 2 * n + 2 - stage_;  // n, n-1, ..., 1
        int used = std::snprintf(text, sizeof text,
                      "%sBackward, layer %d: delta = dL/dz, from the layer above's delta through "
                      "the weights and f'(z); the gradient of weight layer %d is delta times "
                      "layer %d's values.",
                      which, layer, layer, layer - 1);
        if (stage_ == 2 * n + 1 && batch && used > 0 && used < static_cast<int>(sizeof text))
            std::snprintf(text + used, sizeof text - static_cast<std::size_t>(used),
                          " Its gradient joins the sum: %d of %d.", samples_summed_, step_batch_);
    } else if (!batch) {
        std::snprintf(text, sizeof text,
                      "Update: every weight takes one optimizer step against its gradient "
                      "(online learning: after this single sample). Next stage starts again.");
    } else {
        std::snprintf(text, sizeof text,
                      "Update: one optimizer step with the mean gradient of all %d samples. Online "
                      "learning would have taken %d noisier steps by now, one per sample.",
                      step_batch_, step_batch_);
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
