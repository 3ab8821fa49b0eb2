// Tests of the MLP lab's application state (no window needed): its epoch command trains exactly
// one pass over the data however long each slice takes, so a seed gives one result; the
// backprop step-through updates once per sample online and once per batch with the mean.
#include <catch_amalgamated.hpp>

#include <algorithm>

#include "app/mlp_lab.h"

using dendrites::app::MlpLab;
using namespace dendrites;

namespace {

// The largest difference between the weights of two networks of the same shape.
double MaxWeightDifference(const mlp::Network& a, const mlp::Network& b) {
    double d = 0.0;
    for (int l = 0; l < a.NumWeightLayers(); ++l)
        d = std::max(d, (a.W(l) - b.W(l)).cwiseAbs().maxCoeff());
    return d;
}

}  // namespace

TEST_CASE("an epoch in the lab is exactly one pass over the training data", "[app][mlp]") {
    MlpLab lab;  // the reference experiment: 10,000 pairs, batch 16 -> 625 steps per epoch
    for (int e = 1; e <= 3; ++e) {
        lab.StepEpoch();
        CHECK(lab.Trainer().Epoch() == e);
        CHECK(lab.Trainer().Steps() == 625LL * e);
    }
}

TEST_CASE("reset and the same epochs give the same test loss, bit for bit", "[app][mlp]") {
    MlpLab lab;
    lab.StepEpoch();
    lab.StepEpoch();
    const double first = lab.Trainer().TestLoss();
    lab.Reset();
    lab.StepEpoch();
    lab.StepEpoch();
    CHECK(lab.Trainer().TestLoss() == first);
}

TEST_CASE("the online step-through makes one update per sample", "[app][mlp]") {
    MlpLab lab;  // 1-30-1: two weight layers, 6 stages per sample
    REQUIRE(lab.StageCount() == 6);
    lab.SetProbeX(0.25);
    const mlp::Network before = lab.Trainer().Net();
    for (int k = 1; k <= 5; ++k) {
        lab.NextStage();
        CHECK(lab.Stage() == k);
        CHECK(lab.Trainer().Steps() == 0);
    }
    lab.NextStage();
    CHECK(lab.Trainer().Steps() == 1);
    CHECK(lab.Trainer().SamplesSeen() == 1);
    // The same step as a trainer taking that one sample.
    mlp::Trainer reference(lab.Config());
    REQUIRE(reference.TrainOnSample(0.25, logistic::Map(0.25, 4.0)));
    CHECK(MaxWeightDifference(reference.Net(), lab.Trainer().Net()) == 0.0);
    CHECK(MaxWeightDifference(before, lab.Trainer().Net()) > 0.0);
    // The next sample is the first input of the training data, and the slider follows it.
    lab.NextStage();
    CHECK(lab.Stage() == 0);
    CHECK(lab.ProbeX() == lab.Trainer().TrainData().x(0, 0));
}

TEST_CASE("the mini-batch step-through sums gradients and updates once with their mean",
          "[app][mlp]") {
    MlpLab lab;
    lab.SetProbeX(0.7);
    lab.SetStepThroughBatch(3);
    lab.StartStepThrough();
    const int per_sample = lab.StageCount() - 1;  // stages 1..2N+1 before the next sample
    Eigen::MatrixXd x(1, 3), y(1, 3);
    for (int k = 0; k < 3; ++k) {
        CHECK(lab.SampleInBatch() == k);
        x(0, k) = lab.ProbeX();
        y(0, k) = logistic::Map(x(0, k), 4.0);
        for (int s = 0; s < per_sample; ++s) lab.NextStage();
        CHECK(lab.SamplesSummed() == k + 1);
        CHECK(lab.Trainer().Steps() == 0);  // no weight changes before the batch is complete
        if (k < 2) lab.NextStage();         // the next sample enters
    }
    CHECK(x(0, 0) == 0.7);
    CHECK(x(0, 1) == lab.Trainer().TrainData().x(0, 0));
    CHECK(x(0, 2) == lab.Trainer().TrainData().x(0, 1));
    // The mean the lab shows is the mean of the three samples' gradients, as a batch pass
    // computes it.
    mlp::Pass batch;
    lab.Trainer().Net().Forward(x, batch);
    lab.Trainer().Net().Backward(y, batch);
    REQUIRE(lab.GradientMean().size() == batch.d_loss_d_w.size());
    for (std::size_t l = 0; l < batch.d_loss_d_w.size(); ++l)
        CHECK((lab.GradientMean()[l] - batch.d_loss_d_w[l]).cwiseAbs().maxCoeff() < 1e-15);
    lab.NextStage();  // the update
    CHECK(lab.Stage() == lab.StageCount());
    CHECK(lab.Trainer().Steps() == 1);
    CHECK(lab.Trainer().SamplesSeen() == 3);
    mlp::Trainer reference(lab.Config());
    REQUIRE(reference.TrainOnBatch(x, y));
    CHECK(MaxWeightDifference(reference.Net(), lab.Trainer().Net()) == 0.0);
}

TEST_CASE("the animated step-through advances with wall time", "[app][mlp]") {
    MlpLab lab;
    lab.SetAnimation(true, 8.0);  // 8 stages per second
    CHECK(lab.Animating());
    CHECK(lab.Stage() == 0);
    for (int f = 0; f < 6; ++f) lab.Update(0.0625, 0.008);  // 6/16 s: 3 stages (exact in binary)
    CHECK(lab.Stage() == 3);
    lab.Update(10.0, 0.008);  // a long frame is not made up for: 1 + 0.25 s worth at most
    CHECK(lab.Stage() == 6);  // the update
    CHECK(lab.Trainer().Steps() == 1);
    lab.SetAnimation(false, 8.0);
    lab.Update(1.0, 0.008);
    const int stage = lab.Stage();
    lab.Update(1.0, 0.008);
    CHECK(lab.Stage() == stage);
}
