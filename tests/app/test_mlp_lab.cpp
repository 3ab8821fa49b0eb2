// Tests of the MLP lab's application state (no window needed): its epoch command trains exactly
// one pass over the data however long each slice takes, so a seed gives one result.
#include <catch_amalgamated.hpp>

#include "app/mlp_lab.h"

using dendrites::app::MlpLab;

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
