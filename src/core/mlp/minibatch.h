// Mini-batch machinery shared by the MLP trainers (Trainer in trainer.h, FamilyTrainer in
// family.h): the epoch's shuffled sample order, batch gathering and the time-budgeted loop.
//
// An epoch visits a fixed training set of n samples once, in an order kept in a permutation of
// 0..n-1. Each epoch shuffles that permutation in place (Fisher-Yates, Rng::Shuffle), so epoch k
// visits the k-th composition of shuffles, not a fresh shuffle of 0..n-1; the order stream has
// its own seed, so no other draw (weights, data, noise) shifts it. The epoch is cut into
// consecutive ranges [begin, end) of positions in that order, each `batch` long except a shorter
// last one. A range is handed out by Next() and only counted by Applied() once its update was
// applied, so a step that diverges leaves the epoch where it was.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "core/mlp/network.h"
#include "core/random.h"

namespace dendrites::mlp {

// Positions [begin, end) in the epoch's order.
struct BatchRange {
    std::size_t begin = 0;
    std::size_t end = 0;

    std::size_t Size() const { return end - begin; }
};

// Where training stands in its epochs: the visiting order, the position in it, the number of
// completed epochs and the current epoch's batch losses.
class MiniBatchCursor {
public:
    // No epoch completed, the order 0..samples-1 and the shuffling stream seeded with `seed`;
    // call StartEpoch() before the first batch. With `shuffle` false every epoch keeps the
    // index order (and nothing is drawn).
    void Reset(int samples, std::uint64_t seed, bool shuffle);
    // Back to the first position, the order shuffled once more, no batch losses yet.
    void StartEpoch();

    // The next `batch` positions, fewer at the end of the epoch.
    BatchRange Next(int batch) const;
    // Counts a batch whose update was applied, with its loss. Returns true when it completed the
    // epoch: the caller records the epoch (EpochMeanLoss() is still its mean), then StartEpoch().
    bool Applied(BatchRange range, double loss);

    // Copies the samples of `range` (columns of x and y picked by the order) into batch_x and
    // batch_y, which are resized only when the batch's size changes.
    void Gather(BatchRange range, const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                Eigen::MatrixXd& batch_x, Eigen::MatrixXd& batch_y) const;

    int CompletedEpochs() const { return completed_epochs_; }
    double Progress() const;           // share of the current epoch done
    int BatchesLeft(int batch) const;  // batches of `batch` samples until the epoch ends
    int EpochBatches() const { return epoch_batches_; }  // applied in the current epoch
    // Mean of the current epoch's batch losses, 0 before its first batch.
    double EpochMeanLoss() const;

private:
    Rng rng_;
    bool shuffle_ = true;
    std::vector<int> order_;  // a permutation of the sample indices
    std::size_t cursor_ = 0;  // next position in order_ within the current epoch
    int completed_epochs_ = 0;
    double epoch_loss_sum_ = 0.0;
    int epoch_batches_ = 0;
};

// True when the loss and every weight and bias gradient of the pass are finite: the condition
// for applying its update.
bool LossAndGradientsFinite(double loss, const Pass& pass);

// Steps until `epoch_count()` moves past its value at the call, i.e. the rest of the current
// epoch. Returns false as soon as `step()` does (training diverged).
template <typename Step, typename EpochCount>
bool StepToEpochEnd(Step&& step, EpochCount&& epoch_count) {
    const int target = epoch_count() + 1;
    while (epoch_count() < target) {
        if (!step()) return false;
    }
    return true;
}

struct BudgetRun {
    int steps = 0;         // successful calls of step()
    double seconds = 0.0;  // time spent, as measured after the last successful step
};

// Calls `step()` until it returns false, `max_steps` calls have succeeded, or `budget_seconds`
// have passed. The clock is read after each successful step, so at least one step is tried
// however small the budget.
template <typename Step>
BudgetRun StepForBudget(double budget_seconds, int max_steps, Step&& step) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    BudgetRun run;
    while (run.steps < max_steps && step()) {
        ++run.steps;
        run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        if (run.seconds >= budget_seconds) break;
    }
    return run;
}

}  // namespace dendrites::mlp
