// The epoch's shuffled order and the batches cut from it (see minibatch.h).
#include "core/mlp/minibatch.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace dendrites::mlp {

void MiniBatchCursor::Reset(int samples, std::uint64_t seed, bool shuffle) {
    rng_.Seed(seed);
    shuffle_ = shuffle;
    order_.resize(static_cast<std::size_t>(samples));
    std::iota(order_.begin(), order_.end(), 0);
    cursor_ = 0;
    completed_epochs_ = 0;
    epoch_loss_sum_ = 0.0;
    epoch_batches_ = 0;
}

void MiniBatchCursor::StartEpoch() {
    cursor_ = 0;
    if (shuffle_) rng_.Shuffle(order_);
    epoch_loss_sum_ = 0.0;
    epoch_batches_ = 0;
}

BatchRange MiniBatchCursor::Next(int batch) const {
    return {cursor_, std::min(order_.size(), cursor_ + static_cast<std::size_t>(batch))};
}

bool MiniBatchCursor::Applied(BatchRange range, double loss) {
    cursor_ = range.end;
    epoch_loss_sum_ += loss;
    ++epoch_batches_;
    if (cursor_ < order_.size()) return false;
    ++completed_epochs_;
    return true;
}

void MiniBatchCursor::Gather(BatchRange range, const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                             Eigen::MatrixXd& batch_x, Eigen::MatrixXd& batch_y) const {
    const auto n = static_cast<Eigen::Index>(range.Size());
    batch_x.resize(x.rows(), n);
    batch_y.resize(y.rows(), n);
    for (Eigen::Index j = 0; j < n; ++j) {
        const int sample = order_[range.begin + static_cast<std::size_t>(j)];
        batch_x.col(j) = x.col(sample);
        batch_y.col(j) = y.col(sample);
    }
}

double MiniBatchCursor::Progress() const {
    return order_.empty() ? 0.0 : static_cast<double>(cursor_) / static_cast<double>(order_.size());
}

int MiniBatchCursor::BatchesLeft(int batch) const {
    const std::size_t left = order_.size() - cursor_;
    const auto size = static_cast<std::size_t>(batch);
    return static_cast<int>((left + size - 1) / size);
}

double MiniBatchCursor::EpochMeanLoss() const {
    return epoch_batches_ > 0 ? epoch_loss_sum_ / epoch_batches_ : 0.0;
}

bool LossAndGradientsFinite(double loss, const Pass& pass) {
    if (!std::isfinite(loss)) return false;
    for (std::size_t l = 0; l < pass.d_loss_d_w.size(); ++l)
        if (!pass.d_loss_d_w[l].allFinite() || !pass.d_loss_d_b[l].allFinite()) return false;
    return true;
}

}  // namespace dendrites::mlp
