// Training one network on the whole logistic family (see family.h).
#include "core/mlp/family.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/logistic/logistic_map.h"

namespace dendrites::mlp {
namespace {

// Seed streams, one per use, so that changing one use never shifts the draws of another.
constexpr std::uint64_t kDataStream = 0x66616d6400000000ULL;    // "famd"
constexpr std::uint64_t kWeightStream = 0x66616d7700000000ULL;  // "famw"
constexpr std::uint64_t kOrderStream = 0x66616d6f00000000ULL;   // "famo"

// One sample through the network: ŷ, and ∂ŷ/∂(input 0) in *slope when slope is not null.
// Sums run in Network::Forward's order (z = b, then += W[:,k]·a_k for k = 0, 1, ...), so ŷ has
// the same bits as a batched forward pass.
double ForwardOne(const Network& net, double in0, double in1, double* slope) {
    int widest = 2;
    for (int l = 0; l <= net.NumWeightLayers(); ++l) widest = std::max(widest, net.Width(l));
    const auto w_max = static_cast<std::size_t>(widest);
    std::vector<double> buffer(4 * w_max, 0.0);
    double* a = buffer.data();   // a[l]: this layer's activations
    double* a_next = a + w_max;  // a[l+1]
    double* s = a_next + w_max;  // s[l] = ∂a[l]/∂x
    double* s_next = s + w_max;  // s[l+1]
    a[0] = in0;
    a[1] = in1;
    s[0] = 1.0;  // ∂x/∂x
    s[1] = 0.0;  // ∂u/∂x: r does not change with x
    for (int l = 0; l < net.NumWeightLayers(); ++l) {
        const Eigen::MatrixXd& w = net.W(l);
        const Eigen::VectorXd& b = net.B(l);
        const Activation f = net.LayerActivation(l + 1);
        const Eigen::Index rows = w.rows();
        for (Eigen::Index i = 0; i < rows; ++i) {
            a_next[i] = b[i];
            s_next[i] = 0.0;
        }
        for (Eigen::Index k = 0; k < w.cols(); ++k) {
            const double* wk = w.col(k).data();
            // z += W[:,k]·a_k, and ∂z/∂x += W[:,k]·∂a_k/∂x.
            for (Eigen::Index i = 0; i < rows; ++i) a_next[i] += wk[i] * a[k];
            if (slope != nullptr)
                for (Eigen::Index i = 0; i < rows; ++i) s_next[i] += wk[i] * s[k];
        }
        for (Eigen::Index i = 0; i < rows; ++i) {
            const double z = a_next[i];
            a_next[i] = Activate(f, z);
            // ∂a/∂x = f'(z) · ∂z/∂x.
            s_next[i] *= ActivationDerivative(f, z, a_next[i]);
        }
        std::swap(a, a_next);
        std::swap(s, s_next);
    }
    if (slope != nullptr) *slope = s[0];
    return a[0];
}

}  // namespace

std::string FamilyConfig::Validate() const {
    if (auto e = network.Validate(); !e.empty()) return e;
    if (auto e = optimizer.Validate(); !e.empty()) return e;
    if (network.layers.front() != 2)
        return "the input layer must have width 2 (the inputs are x and r)";
    if (network.layers.back() != 1)
        return "the output layer must have width 1 (the target is r·x·(1−x))";
    if (!(r_min >= 0.0 && r_min < 4.0)) return "r_min must be in [0, 4)";
    if (!(r_max > r_min && r_max <= 4.0))
        return "r_max must be above r_min and at most 4 (beyond 4 the map leaves [0, 1])";
    if (samples < 2 || samples > 1000000) return "training samples must be 2 to 1,000,000";
    if (batch < 1) return "batch size must be at least 1";
    if (test_x < 2 || test_x > 1000) return "the test grid needs 2 to 1000 x values";
    if (test_r < 2 || test_r > 1000) return "the test grid needs 2 to 1000 r values";
    return {};
}

double FamilyMap::Predict(double x, double r) const {
    return ForwardOne(network, x, EncodeR(r), nullptr);
}

double FamilyMap::Slope(double x, double r) const {
    double slope = 0.0;
    ForwardOne(network, x, EncodeR(r), &slope);
    return slope;
}

FamilyTrainer::FamilyTrainer(const FamilyConfig& config) {
    const std::string error = Configure(config);
    if (!error.empty()) Configure(FamilyConfig{});
    error_ = error;  // after the fallback, which clears it
}

std::string FamilyTrainer::Configure(const FamilyConfig& config) {
    if (auto e = config.Validate(); !e.empty()) return e;
    config_ = config;
    error_.clear();
    MakeData();
    Reset();
    return {};
}

void FamilyTrainer::MakeData() {
    const double r_min = config_.r_min, r_max = config_.r_max;
    // Training pairs: x and r uniform, drawn x then r for each sample in turn.
    Rng data_rng(config_.seed ^ kDataStream);
    train_x_.resize(2, config_.samples);
    train_y_.resize(1, config_.samples);
    for (int j = 0; j < config_.samples; ++j) {
        const double x = data_rng.Uniform();
        const double r = data_rng.Uniform(config_.r_min, config_.r_max);
        train_x_(0, j) = x;
        train_x_(1, j) = EncodeR(r, r_min, r_max);
        train_y_(0, j) = logistic::Map(x, r);
    }
    // The held-out grid: x evenly on [0, 1] and r evenly on [r_min, r_max], ends included.
    const int n = config_.test_x * config_.test_r;
    test_x_.resize(2, n);
    test_y_.resize(1, n);
    for (int j = 0; j < config_.test_r; ++j) {
        const double r = r_min + (r_max - r_min) * j / (config_.test_r - 1);
        for (int i = 0; i < config_.test_x; ++i) {
            const double x = static_cast<double>(i) / (config_.test_x - 1);
            const int column = j * config_.test_x + i;
            test_x_(0, column) = x;
            test_x_(1, column) = EncodeR(r, r_min, r_max);
            test_y_(0, column) = logistic::Map(x, r);
        }
    }
}

std::string FamilyTrainer::SetOptimizerParams(const OptimizerParams& params) {
    if (auto e = optimizer_.Retune(params, network_); !e.empty()) return e;
    config_.optimizer = params;
    return {};
}

void FamilyTrainer::Reset() {
    network_ = Network(config_.network);
    Rng weight_rng(config_.seed ^ kWeightStream);
    network_.Initialize(weight_rng);
    before_update_ = network_;
    optimizer_ = Optimizer(config_.optimizer, network_);
    batches_.Reset(config_.samples, config_.seed ^ kOrderStream, /*shuffle=*/true);
    pass_ = Pass{};
    status_ = FamilyStatus::Ready;
    divergence_.clear();
    steps_ = 0;
    samples_seen_ = 0;
    last_batch_loss_ = 0.0;
    train_seconds_ = 0.0;
    epochs_.clear();
    step_loss_.Clear();
    step_test_mse_.Clear();
    initial_test_mse_ = network_.MeanSquaredError(test_x_, test_y_);
    test_mse_ = initial_test_mse_;
    step_test_mse_.Add(0.0, test_mse_);
    batches_.StartEpoch();
}

void FamilyTrainer::FinishEpoch() {
    test_mse_ = network_.MeanSquaredError(test_x_, test_y_);
    epochs_.push_back({batches_.CompletedEpochs(), batches_.EpochMeanLoss(), test_mse_});
    batches_.StartEpoch();
}

void FamilyTrainer::Diverge(const std::string& why) {
    status_ = FamilyStatus::Diverged;
    divergence_ = "Training diverged at epoch " + std::to_string(Epoch() + 1) + ", step " +
                  std::to_string(steps_ + 1) + ": " + why + ". Lower the learning rate and reset.";
}

bool FamilyTrainer::StepBatch() {
    if (status_ == FamilyStatus::Diverged) return false;
    const BatchRange range = batches_.Next(config_.batch);
    batches_.Gather(range, train_x_, train_y_, batch_x_, batch_y_);

    // Forward, loss and backward; the update is applied only if all of them are finite.
    network_.Forward(batch_x_, pass_);
    const double loss = network_.Backward(batch_y_, pass_);
    if (!LossAndGradientsFinite(loss, pass_)) {
        Diverge("the loss or a gradient is not finite");
        return false;
    }
    // Finite gradients times a huge learning rate can still overflow a weight: keep a copy.
    before_update_ = network_;
    optimizer_.Step(network_, pass_);
    if (!network_.AllFinite()) {
        network_ = before_update_;
        Diverge("the update made a weight not finite (the weights before it are kept)");
        return false;
    }

    // Bookkeeping.
    const bool epoch_done = batches_.Applied(range, loss);
    ++steps_;
    samples_seen_ += static_cast<long long>(range.Size());
    last_batch_loss_ = loss;
    step_loss_.Add(static_cast<double>(steps_), loss);
    if (epoch_done) FinishEpoch();
    return true;
}

bool FamilyTrainer::StepEpoch() {
    return StepToEpochEnd([this] { return StepBatch(); }, [this] { return Epoch(); });
}

int FamilyTrainer::TrainFor(double budget_seconds, int max_batches) {
    // The closing test evaluation is part of the budget: batches stop early enough for it.
    const BudgetRun run =
        StepForBudget(budget_seconds - test_seconds_, max_batches, [this] { return StepBatch(); });
    if (run.steps == 0) return 0;
    using Clock = std::chrono::steady_clock;
    const auto test_start = Clock::now();
    test_mse_ = network_.MeanSquaredError(test_x_, test_y_);
    step_test_mse_.Add(static_cast<double>(steps_), test_mse_);
    test_seconds_ = std::chrono::duration<double>(Clock::now() - test_start).count();
    train_seconds_ += run.seconds + test_seconds_;
    // Finite weights can still give an infinite output (a weight near the largest double).
    if (!std::isfinite(test_mse_) && status_ != FamilyStatus::Diverged)
        Diverge("the test error is not finite");
    return run.steps;
}

double FamilyTrainer::Predict(double x, double r) const {
    return ForwardOne(network_, x, EncodeR(r, config_.r_min, config_.r_max), nullptr);
}

double FamilyTrainer::PredictSlope(double x, double r) const {
    double slope = 0.0;
    ForwardOne(network_, x, EncodeR(r, config_.r_min, config_.r_max), &slope);
    return slope;
}

FamilyMap FamilyTrainer::Snapshot() const {
    FamilyMap map;
    map.network = network_;
    map.r_min = config_.r_min;
    map.r_max = config_.r_max;
    return map;
}

double FamilyTrainer::TrainLoss() const {
    if (batches_.EpochBatches() > 0) return batches_.EpochMeanLoss();
    return epochs_.empty() ? 0.0 : epochs_.back().train_loss;
}

}  // namespace dendrites::mlp
