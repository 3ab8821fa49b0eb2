// Trains an MLP on logistic-map data: mini-batches, epochs, a time budget, loss histories.
//
// The trainer owns the data, the network, the optimizer and the last forward/backward pass (the
// UI draws its activations and gradients). Configure() validates a new configuration on a copy
// and keeps the old state when it is rejected. A step whose loss or gradients are not finite is
// not applied: training stops in the Diverged state with a message, and the weights stay finite.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/history.h"
#include "core/logistic/logistic_map.h"
#include "core/mlp/minibatch.h"
#include "core/mlp/network.h"
#include "core/mlp/optimizer.h"
#include "core/random.h"

namespace dendrites::mlp {

struct TrainerConfig {
    logistic::DataParams data;
    NetworkSpec network;
    OptimizerParams optimizer;
    int batch = 16;          // samples per update: 1 is online learning, >= samples is full batch
    bool shuffle = true;     // reshuffle the sample order every epoch
    int eval_points = 100;   // size of the unseen uniform evaluation set (the "test" loss)
    std::uint64_t seed = 1;  // weights, shuffling, noise, uniform data and evaluation inputs
    // Empty: the weights are drawn from the seed. Otherwise the network starts (and every Reset
    // starts again) from these, in Network::Parameters order: a trained network carried by a
    // link or a file. The optimizer's buffers still start at zero.
    std::vector<double> initial_weights;

    std::string Validate() const;
};

enum class TrainerStatus { Ready, Diverged };

struct EpochRecord {
    int epoch;
    double train_loss;  // mean of the epoch's batch losses
    double test_loss;   // MSE on the evaluation set after the epoch
};

class Trainer {
public:
    // Builds from `config`; if it is invalid the trainer keeps the default configuration and
    // Error() says why.
    explicit Trainer(const TrainerConfig& config = TrainerConfig{});

    // Applies a new configuration and resets. On failure returns the message and changes nothing.
    std::string Configure(const TrainerConfig& config);
    // Changes only the optimizer's hyper-parameters, keeping weights and buffers (live tuning).
    std::string SetOptimizerParams(const OptimizerParams& params);
    // Fresh weights, cleared optimizer buffers and histories, epoch 0.
    void Reset();

    // One mini-batch: forward, backward, update. Returns false when training has diverged.
    bool StepBatch();
    // Finishes the current epoch (all its remaining batches).
    bool StepEpoch();
    // One online update on the given sample (the app's backprop step-through): forward,
    // backward and one optimizer step, outside the epoch's order. False if it diverged.
    bool TrainOnSample(double x, double y);
    // One update on the given samples (1 x B inputs and targets, one per column): the mean
    // gradient of the batch, one optimizer step, outside the epoch's order. False if it diverged
    // or the shapes are wrong.
    bool TrainOnBatch(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);
    // As many mini-batches as fit in `budget_seconds` (at least one), at most `max_batches`.
    int TrainFor(double budget_seconds, int max_batches = 1 << 30);

    const TrainerConfig& Config() const { return config_; }
    const Network& Net() const { return network_; }
    const Pass& LastPass() const { return pass_; }
    const logistic::Dataset& TrainData() const { return data_.train; }
    const logistic::Dataset& HoldoutData() const { return data_.test; }
    const logistic::Dataset& EvalData() const { return eval_; }
    const std::string& Error() const { return error_; }

    TrainerStatus Status() const { return status_; }
    const std::string& DivergenceMessage() const { return divergence_; }
    int Epoch() const { return batches_.CompletedEpochs(); }  // completed epochs
    long long Steps() const { return steps_; }                // updates applied
    long long SamplesSeen() const { return samples_seen_; }
    double EpochProgress() const { return batches_.Progress(); }  // share of this epoch done
    // Mini-batches until the current epoch ends.
    int BatchesLeftInEpoch() const { return batches_.BatchesLeft(config_.batch); }
    double LastBatchLoss() const { return last_batch_loss_; }
    double InitialTestLoss() const { return initial_test_loss_; }
    double TestLoss() const { return test_loss_; }  // on the evaluation set, kept current
    double TrainLoss() const;      // mean batch loss of this epoch so far, else of the last epoch
    double FullTrainLoss() const;  // exact MSE over all training data
    double SamplesPerSecond() const { return samples_per_second_; }
    double TrainSeconds() const { return train_seconds_; }

    const std::vector<EpochRecord>& Epochs() const { return epochs_; }
    const History& StepLoss() const { return step_loss_; }  // batch loss by step, thinned
    const History& StepTestLoss() const { return step_test_loss_; }
    // Per weight layer (0 = the first matrix), the root mean square of dL/dW of each mini-batch,
    // by step: how much gradient reaches each layer (vanishing gradients show as a gap).
    const std::vector<History>& LayerGradients() const { return layer_gradients_; }

private:
    void FinishEpoch();
    void RecordLayerGradients();

    TrainerConfig config_;
    logistic::DataSplit data_;
    logistic::Dataset eval_;
    Network network_;
    Optimizer optimizer_;
    Pass pass_;
    std::string error_;

    MiniBatchCursor batches_;  // the epoch's shuffled order, epochs completed, its batch losses
    Eigen::MatrixXd batch_x_, batch_y_;

    TrainerStatus status_ = TrainerStatus::Ready;
    std::string divergence_;
    long long steps_ = 0;
    long long samples_seen_ = 0;
    double last_batch_loss_ = 0.0;
    double initial_test_loss_ = 0.0;
    double test_loss_ = 0.0;
    double samples_per_second_ = 0.0;
    double train_seconds_ = 0.0;
    std::vector<EpochRecord> epochs_;
    History step_loss_{4096};
    History step_test_loss_{1024};
    std::vector<History> layer_gradients_;
};

}  // namespace dendrites::mlp
