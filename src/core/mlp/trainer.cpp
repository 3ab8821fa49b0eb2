// Mini-batch training of the MLP (see trainer.h).
#include "core/mlp/trainer.h"

#include <cmath>

namespace dendrites::mlp {
namespace {

constexpr std::uint64_t kWeightStream = 0x7765696700000000ULL;  // "weig"
constexpr std::uint64_t kOrderStream = 0x6f72646500000000ULL;   // "orde"

}  // namespace

std::string TrainerConfig::Validate() const {
    if (auto e = data.Validate(); !e.empty()) return e;
    if (auto e = network.Validate(); !e.empty()) return e;
    if (auto e = optimizer.Validate(); !e.empty()) return e;
    if (network.layers.front() != 1)
        return "the input layer must have width 1 (the data has one input, x_n)";
    if (network.layers.back() != 1)
        return "the output layer must have width 1 (the data has one target, x_{n+1})";
    if (batch < 1) return "batch size must be at least 1";
    if (eval_points < 1 || eval_points > 100000) return "evaluation points must be 1 to 100000";
    if (!initial_weights.empty()) {
        const std::size_t expected = network.ParameterCount();
        if (initial_weights.size() != expected)
            return "the initial weights are " + std::to_string(initial_weights.size()) +
                   " numbers, but a network of these widths has " + std::to_string(expected);
        for (double w : initial_weights) {
            if (!std::isfinite(w)) return "the initial weights must be finite numbers";
        }
    }
    return {};
}

Trainer::Trainer(const TrainerConfig& config) {
    const std::string error = Configure(config);
    if (error.empty()) return;
    Configure(TrainerConfig{});  // clears error_, so the reason is kept after it
    error_ = error;
}

std::string Trainer::Configure(const TrainerConfig& config) {
    if (auto e = config.Validate(); !e.empty()) return e;
    logistic::DataSplit data = logistic::MakeData(config.data, config.seed);
    if (!data.error.empty()) return data.error;
    config_ = config;
    data_ = std::move(data);
    eval_ = logistic::MakeEvaluationSet(config.data.r, config.eval_points, config.seed);
    error_.clear();
    Reset();
    return {};
}

std::string Trainer::SetOptimizerParams(const OptimizerParams& params) {
    if (auto e = optimizer_.Retune(params, network_); !e.empty()) return e;
    config_.optimizer = params;
    return {};
}

void Trainer::Reset() {
    network_ = Network(config_.network);
    Rng weight_rng(config_.seed ^ kWeightStream);
    network_.Initialize(weight_rng);
    if (!config_.initial_weights.empty()) network_.SetParameters(config_.initial_weights);
    optimizer_ = Optimizer(config_.optimizer, network_);
    batches_.Reset(data_.train.Size(), config_.seed ^ kOrderStream, config_.shuffle);
    pass_ = Pass{};
    status_ = TrainerStatus::Ready;
    divergence_.clear();
    steps_ = 0;
    samples_seen_ = 0;
    last_batch_loss_ = 0.0;
    samples_per_second_ = 0.0;
    train_seconds_ = 0.0;
    epochs_.clear();
    step_loss_.Clear();
    step_test_loss_.Clear();
    layer_gradients_.assign(static_cast<std::size_t>(network_.NumWeightLayers()), History(1024));
    initial_test_loss_ = network_.MeanSquaredError(eval_.x, eval_.y);
    test_loss_ = initial_test_loss_;
    step_test_loss_.Add(0.0, test_loss_);
    // A pass over the first sample, so the untrained network's activations and gradients show.
    network_.Forward(data_.train.x.leftCols(1), pass_);
    network_.Backward(data_.train.y.leftCols(1), pass_);
    batches_.StartEpoch();
}

void Trainer::FinishEpoch() {
    test_loss_ = network_.MeanSquaredError(eval_.x, eval_.y);
    epochs_.push_back({batches_.CompletedEpochs(), batches_.EpochMeanLoss(), test_loss_});
    batches_.StartEpoch();
}

bool Trainer::StepBatch() {
    if (status_ == TrainerStatus::Diverged) return false;
    const BatchRange range = batches_.Next(config_.batch);
    batches_.Gather(range, data_.train.x, data_.train.y, batch_x_, batch_y_);

    // Forward, loss and backward; the update is applied only if everything is finite.
    network_.Forward(batch_x_, pass_);
    const double loss = network_.Backward(batch_y_, pass_);
    if (!LossAndGradientsFinite(loss, pass_)) {
        status_ = TrainerStatus::Diverged;
        divergence_ = "Training diverged at epoch " + std::to_string(Epoch() + 1) + ", step " +
                      std::to_string(steps_ + 1) +
                      ": the loss or a gradient is not finite. "
                      "Lower the learning rate and reset.";
        return false;
    }
    optimizer_.Step(network_, pass_);

    const bool epoch_done = batches_.Applied(range, loss);
    ++steps_;
    samples_seen_ += static_cast<long long>(range.Size());
    last_batch_loss_ = loss;
    step_loss_.Add(static_cast<double>(steps_), loss);
    RecordLayerGradients();
    if (epoch_done) FinishEpoch();
    return true;
}

bool Trainer::TrainOnSample(double x, double y) {
    return TrainOnBatch(Eigen::MatrixXd::Constant(1, 1, x), Eigen::MatrixXd::Constant(1, 1, y));
}

bool Trainer::TrainOnBatch(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
    if (status_ == TrainerStatus::Diverged) return false;
    if (x.rows() != 1 || x.cols() < 1 || y.rows() != 1 || y.cols() != x.cols()) return false;
    batch_x_ = x;
    batch_y_ = y;
    network_.Forward(batch_x_, pass_);
    const double loss = network_.Backward(batch_y_, pass_);
    if (!LossAndGradientsFinite(loss, pass_)) {
        status_ = TrainerStatus::Diverged;
        divergence_ = "Training diverged on a hand-picked batch: lower the learning rate and reset.";
        return false;
    }
    optimizer_.Step(network_, pass_);
    ++steps_;
    samples_seen_ += x.cols();
    last_batch_loss_ = loss;
    step_loss_.Add(static_cast<double>(steps_), loss);
    test_loss_ = network_.MeanSquaredError(eval_.x, eval_.y);
    step_test_loss_.Add(static_cast<double>(steps_), test_loss_);
    return true;
}

bool Trainer::StepEpoch() {
    return StepToEpochEnd([this] { return StepBatch(); }, [this] { return Epoch(); });
}

int Trainer::TrainFor(double budget_seconds, int max_batches) {
    const long long samples_before = samples_seen_;
    const BudgetRun run =
        StepForBudget(budget_seconds, max_batches, [this] { return StepBatch(); });
    if (run.steps == 0) return 0;
    const double elapsed = run.seconds;
    train_seconds_ += elapsed;
    // Smoothed throughput over recent calls (time spent training, not wall time between frames).
    if (elapsed > 0.0) {
        const double rate = static_cast<double>(samples_seen_ - samples_before) / elapsed;
        samples_per_second_ =
            samples_per_second_ == 0.0 ? rate : 0.9 * samples_per_second_ + 0.1 * rate;
    }
    test_loss_ = network_.MeanSquaredError(eval_.x, eval_.y);
    step_test_loss_.Add(static_cast<double>(steps_), test_loss_);
    return run.steps;
}

void Trainer::RecordLayerGradients() {
    for (std::size_t l = 0; l < layer_gradients_.size() && l < pass_.d_loss_d_w.size(); ++l) {
        const Eigen::MatrixXd& g = pass_.d_loss_d_w[l];
        double sum_sq = 0.0;
        for (Eigen::Index k = 0; k < g.size(); ++k) sum_sq += g.data()[k] * g.data()[k];
        const double rms = g.size() > 0 ? std::sqrt(sum_sq / static_cast<double>(g.size())) : 0.0;
        layer_gradients_[l].Add(static_cast<double>(steps_), rms);
    }
}

double Trainer::TrainLoss() const {
    if (batches_.EpochBatches() > 0) return batches_.EpochMeanLoss();
    return epochs_.empty() ? 0.0 : epochs_.back().train_loss;
}

double Trainer::FullTrainLoss() const {
    return network_.MeanSquaredError(data_.train.x, data_.train.y);
}

}  // namespace dendrites::mlp
