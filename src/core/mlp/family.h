// Trains one MLP on the whole logistic family: inputs (x, r), output r·x·(1−x), r over a range.
//
// The single-r Trainer learns one map x -> f(x); this trainer learns the map as a function of
// its parameter too, so one network can be iterated at any r and drawn as a bifurcation diagram
// beside the true one (period doubling, then chaos, all from the same weights).
//
// Data. A fixed training set of `samples` pairs, drawn once from the seed:
//     x ~ U[0, 1),  r ~ U[r_min, r_max),  target y = r·x·(1−x)   (exact, no noise)
// visited in a fresh shuffled order every epoch (as Trainer). A fixed set rather than fresh
// samples per batch, so "epoch" keeps its meaning and the run is the same experiment as the
// single-r lab's; 20,000 pairs cover the unit square densely enough that the held-out error
// follows the training error (tests/core/test_family.cpp checks the learned diagram too).
//
// Encoding. The network sees the column (x, u), x as it is and
//     u = (r − r_min) / (r_max − r_min)                        (so u is in [0, 1], as x is):
// both inputs on one scale make the first layer's FanIn initialisation equally sensitive to
// each. The output is ŷ itself, unscaled (y is in [0, 1]).
//
// Test error. MSE on a held-out grid of test_x × test_r points, x evenly on [0, 1] and r evenly
// on [r_min, r_max], both ends included (a grid, not random points, so no corner is missed).
// Kept small (273 points by default) because TrainFor evaluates it on every call, each frame.
//
// Divergence. An update is applied only when the batch loss and every gradient are finite; if
// the update itself overflows a weight, the weights from before it are restored. Either way
// training stops in the Diverged state with a message, and the weights stay finite.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/history.h"
#include "core/mlp/minibatch.h"
#include "core/mlp/network.h"
#include "core/mlp/optimizer.h"
#include "core/random.h"

namespace dendrites::mlp {

struct FamilyConfig {
    // tanh hidden units: smooth, so the learned map has a smooth slope (its Lyapunov exponent
    // uses dŷ/dx), and centred, which suits a product-like target.
    NetworkSpec network{{2, 32, 32, 1}, Activation::Tanh, Init::Auto};
    OptimizerParams optimizer{OptimizerKind::Adam, 0.003};  // Adam, η = 0.003, PyTorch betas
    double r_min = 2.8;      // lower end of the trained parameter range, in [0, 4)
    double r_max = 4.0;      // upper end, in (r_min, 4]; beyond 4 the map leaves [0, 1]
    int samples = 20000;     // fixed training pairs (x, r) -> r·x·(1−x), 2 to 1,000,000
    int batch = 32;          // samples per update
    int test_x = 21;         // held-out grid: x values evenly on [0, 1] (step 0.05)
    int test_r = 13;         //   times r values evenly on [r_min, r_max] (step 0.1)
    std::uint64_t seed = 1;  // training pairs, weights and shuffling

    // Empty when valid; otherwise a message naming the offending field.
    std::string Validate() const;
};

// The network's second input for parameter r: u = (r − r_min) / (r_max − r_min).
inline double EncodeR(double r, double r_min, double r_max) {
    return (r - r_min) / (r_max - r_min);
}

// A trained family network frozen with its input encoding: the learned map ŷ(x, r), to iterate
// while the trainer moves on (the app draws a bifurcation diagram from one snapshot).
struct FamilyMap {
    Network network{FamilyConfig{}.network};
    double r_min = 2.8;  // the encoding's range: u = (r − r_min) / (r_max − r_min)
    double r_max = 4.0;

    double EncodeR(double r) const { return mlp::EncodeR(r, r_min, r_max); }
    // ŷ(x, r). The same bits as Network::Forward on the column (x, u), without allocating
    // matrices (one scratch buffer per call).
    double Predict(double x, double r) const;
    // ∂ŷ/∂x at (x, r), by forward-mode differentiation: the chain rule from the input up, as
    // InputDerivative in chain_rule.h, carrying ∂a/∂x beside each layer's activations.
    double Slope(double x, double r) const;
};

enum class FamilyStatus { Ready, Diverged };

struct FamilyEpoch {
    int epoch;
    double train_loss;  // mean of the epoch's batch losses
    double test_mse;    // on the held-out grid after the epoch
};

class FamilyTrainer {
public:
    // Builds from `config`; if it is invalid the trainer keeps the defaults and Error() says why.
    explicit FamilyTrainer(const FamilyConfig& config = FamilyConfig{});

    // Applies a new configuration and resets. On failure returns the message and changes nothing.
    std::string Configure(const FamilyConfig& config);
    // Changes only the optimizer's hyper-parameters, keeping weights and buffers (live tuning).
    std::string SetOptimizerParams(const OptimizerParams& params);
    // Fresh weights, cleared optimizer buffers and histories, epoch 0 (same seed: same run).
    void Reset();

    // One mini-batch: forward, backward, update. Returns false when training has diverged.
    bool StepBatch();
    // Finishes the current epoch. Returns false when training has diverged.
    bool StepEpoch();
    // As many mini-batches as fit in `budget_seconds` (at least one), at most `max_batches`;
    // then the test MSE is brought up to date, within the same budget (its last duration is
    // kept aside for it). Returns the number of batches applied.
    int TrainFor(double budget_seconds, int max_batches = 1 << 30);

    // The learned map ŷ(x, r) and its slope ∂ŷ/∂x with the current weights (see FamilyMap).
    double Predict(double x, double r) const;
    double PredictSlope(double x, double r) const;
    // A copy of the current weights with the encoding: stays fixed while training goes on.
    FamilyMap Snapshot() const;

    const FamilyConfig& Config() const { return config_; }
    const Network& Net() const { return network_; }
    const std::string& Error() const { return error_; }
    const Eigen::MatrixXd& TrainInputs() const { return train_x_; }   // 2 x samples: (x, u)
    const Eigen::MatrixXd& TrainTargets() const { return train_y_; }  // 1 x samples
    const Eigen::MatrixXd& TestInputs() const { return test_x_; }     // 2 x grid: (x, u)
    const Eigen::MatrixXd& TestTargets() const { return test_y_; }

    FamilyStatus Status() const { return status_; }
    const std::string& DivergenceMessage() const { return divergence_; }
    int Epoch() const { return batches_.CompletedEpochs(); }  // completed epochs
    long long Steps() const { return steps_; }                // updates applied
    long long SamplesSeen() const { return samples_seen_; }
    double EpochProgress() const { return batches_.Progress(); }  // share of this epoch done
    double LastBatchLoss() const { return last_batch_loss_; }
    double TrainLoss() const;  // mean batch loss of this epoch so far, else of the last epoch
    double InitialTestMse() const { return initial_test_mse_; }
    double TestMse() const { return test_mse_; }            // on the held-out grid, kept current
    double TrainSeconds() const { return train_seconds_; }  // time spent in TrainFor

    const std::vector<FamilyEpoch>& Epochs() const { return epochs_; }
    const History& StepLoss() const { return step_loss_; }  // batch loss by step, thinned
    const History& StepTestMse() const { return step_test_mse_; }

private:
    void MakeData();
    void FinishEpoch();
    void Diverge(const std::string& why);

    FamilyConfig config_;
    Eigen::MatrixXd train_x_, train_y_, test_x_, test_y_;
    Network network_;
    Network before_update_;  // the weights before the last update, restored if it overflows
    Optimizer optimizer_;
    Pass pass_;
    std::string error_;

    MiniBatchCursor batches_;  // the epoch's shuffled order, epochs completed, its batch losses
    Eigen::MatrixXd batch_x_, batch_y_;

    FamilyStatus status_ = FamilyStatus::Ready;
    std::string divergence_;
    long long steps_ = 0;
    long long samples_seen_ = 0;
    double last_batch_loss_ = 0.0;
    double initial_test_mse_ = 0.0;
    double test_mse_ = 0.0;
    double train_seconds_ = 0.0;
    double test_seconds_ = 0.0;  // duration of the last test evaluation in TrainFor
    std::vector<FamilyEpoch> epochs_;
    History step_loss_{4096};
    History step_test_mse_{1024};
};

}  // namespace dendrites::mlp
