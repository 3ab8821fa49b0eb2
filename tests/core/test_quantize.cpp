// Tests of quantized network copies: the levels, and the effect on a trained network's test MSE
// (src/core/mlp/quantize).
#include <catch_amalgamated.hpp>

#include <cmath>
#include <set>

#include "core/mlp/quantize.h"
#include "core/mlp/trainer.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using namespace dendrites;
using namespace dendrites::mlp;

TEST_CASE("Quantized weights take 2^bits levels spanning ±max|w| per layer", "[mlp][quantize]") {
    NetworkSpec spec;
    spec.layers = {1, 4, 1};
    Network net(spec);
    net.MutableW(0) << 0.9, -0.2, 0.05, 0.31;
    net.MutableB(0) << -0.7, 0.0, 0.1, 0.2;
    net.MutableW(1) << 3.0, 0.0, 0.0, 0.0;    // layer 1: m = 3, all others zero
    const Network q = QuantizedCopy(net, 2);  // levels ±m/3 and ±m
    const double m = 0.9;
    CHECK(q.W(0)(0, 0) == m);
    CHECK_THAT(q.W(0)(1, 0), WithinRel(-m / 3.0, 1e-15));
    CHECK_THAT(q.W(0)(2, 0), WithinRel(m / 3.0, 1e-15));  // 0.05 is nearer +0.3 than −0.3
    CHECK_THAT(q.B(0)(0), WithinRel(-m, 1e-15));          // −0.7: nearer −0.9 than −0.3
    CHECK(q.W(1)(0, 0) == 3.0);
    CHECK_THAT(q.W(1)(0, 1), WithinRel(1.0, 1e-15));  // 0 rounds to the upper of ±m/3

    // A layer never has more than 2^bits distinct values.
    Rng rng(4);
    NetworkSpec wide;
    wide.layers = {1, 64, 1};
    Network big(wide);
    big.Initialize(rng);
    for (int bits : {1, 3}) {
        const Network qb = QuantizedCopy(big, bits);
        std::set<double> values(qb.W(0).data(), qb.W(0).data() + qb.W(0).size());
        values.insert(qb.B(0).data(), qb.B(0).data() + qb.B(0).size());
        CHECK(values.size() <= (1u << bits));
    }
    // Out-of-range bit counts are clamped, not rejected.
    CHECK(QuantizedCopy(big, 0).W(0) == QuantizedCopy(big, 1).W(0));
    CHECK((QuantizedCopy(big, 60).W(0) - big.W(0)).cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("16 bits leave a trained network's test MSE unchanged and 2 bits ruin it",
          "[mlp][quantize]") {
    // The reference experiment (see test_mlp.cpp), seed 1, 25 epochs.
    TrainerConfig config;
    Trainer trainer(config);
    for (int e = 0; e < 25; ++e) REQUIRE(trainer.StepEpoch());
    const logistic::Dataset& eval = trainer.EvalData();
    const double trained = trainer.Net().MeanSquaredError(eval.x, eval.y);
    const double q16 = QuantizedCopy(trainer.Net(), 16).MeanSquaredError(eval.x, eval.y);
    const double q2 = QuantizedCopy(trainer.Net(), 2).MeanSquaredError(eval.x, eval.y);
    CAPTURE(trained, q16, q2);
    CHECK(trained < 2e-3);
    CHECK_THAT(q16, WithinAbs(trained, 1e-6));
    CHECK(q2 > trained + 1e-3);
}
