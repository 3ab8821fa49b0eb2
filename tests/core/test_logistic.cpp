// Tests of the logistic map and its datasets (src/core/logistic).
#include <catch_amalgamated.hpp>

#include <cmath>

#include "core/logistic/logistic_map.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using namespace dendrites::logistic;

TEST_CASE("The map's first iterates match values computed by hand", "[logistic]") {
    // science.md: r = 3.9, x0 = 0.2 gives 0.624, 0.9150336, 0.30321373239705673 (binary64).
    const double x1 = Map(0.2, 3.9);
    const double x2 = Map(x1, 3.9);
    const double x3 = Map(x2, 3.9);
    CHECK_THAT(x1, WithinRel(0.624, 1e-15));
    CHECK_THAT(x2, WithinRel(0.9150336, 1e-15));
    CHECK(x3 == 0.30321373239705673);
}

TEST_CASE("An orbit dataset holds consecutive iterates as (x_n, x_n+1) pairs", "[logistic]") {
    DataParams params;
    params.r = 3.9;
    params.samples = 50;
    DataSplit split = MakeData(params, 1);
    REQUIRE(split.error.empty());
    REQUIRE(split.train.Size() == 50);
    CHECK(split.train.x(0, 0) == 0.2);
    CHECK_THAT(split.train.y(0, 0), WithinRel(0.624, 1e-15));
    for (int n = 0; n + 1 < 50; ++n) CHECK(split.train.x(0, n + 1) == split.train.y(0, n));
}

TEST_CASE("A split keeps every sample exactly once", "[logistic]") {
    DataParams params;
    params.samples = 1000;
    params.test_fraction = 0.2;
    DataSplit split = MakeData(params, 3);
    REQUIRE(split.error.empty());
    CHECK(split.test.Size() == 200);
    CHECK(split.train.Size() == 800);
    double sum_all = 0.0, sum_split = split.train.x.sum() + split.test.x.sum();
    double x = 0.2;
    for (int n = 0; n < 1000; ++n, x = Map(x, 4.0)) sum_all += x;
    CHECK_THAT(sum_split, WithinRel(sum_all, 1e-12));
}

TEST_CASE("An orbit that lands on a fixed point is reported, not used", "[logistic]") {
    DataParams params;
    params.x0 = 0.5;  // 0.5 -> 1 -> 0 -> 0 at r = 4, exactly in binary64
    params.samples = 100;
    DataSplit split = MakeData(params, 1);
    CHECK_THAT(split.error, Catch::Matchers::ContainsSubstring("fixed point"));
    params.x0 = 0.0;
    CHECK_FALSE(MakeData(params, 1).error.empty());
}

TEST_CASE("Invalid data parameters name the parameter", "[logistic]") {
    DataParams params;
    params.r = 4.5;
    CHECK_THAT(params.Validate(), Catch::Matchers::StartsWith("r must be"));
    params = DataParams{};
    params.samples = 1;
    CHECK_THAT(params.Validate(), Catch::Matchers::StartsWith("samples"));
}

TEST_CASE("Uniform data at r = 4 has the target variance of the closed form", "[logistic]") {
    // For x ~ U(0, 1), y = 4x(1 - x): E[y] = 2/3, E[y^2] = 16/30, Var = 16/30 - 4/9 = 0.08889.
    DataParams params;
    params.sampling = Sampling::Uniform;
    params.samples = 200000;
    DataSplit split = MakeData(params, 11);
    const double mean = split.train.y.mean();
    const double var = (split.train.y.array() - mean).square().mean();
    CHECK_THAT(mean, WithinAbs(2.0 / 3.0, 0.003));
    CHECK_THAT(var, WithinAbs(16.0 / 30.0 - 4.0 / 9.0, 0.002));
}

TEST_CASE("The evaluation set is uniform, exact and independent of the training data",
          "[logistic]") {
    Dataset eval = MakeEvaluationSet(4.0, 100, 1);
    REQUIRE(eval.Size() == 100);
    for (int j = 0; j < 100; ++j) {
        CHECK(eval.x(0, j) >= 0.0);
        CHECK(eval.x(0, j) < 1.0);
        CHECK(eval.y(0, j) == Map(eval.x(0, j), 4.0));
    }
    CHECK(MakeEvaluationSet(4.0, 100, 2).x != eval.x);
}

TEST_CASE("The Lyapunov exponent at r = 4 is ln 2", "[logistic]") {
    CHECK_THAT(LyapunovExponent(4.0, 0.2, 100, 200000), WithinAbs(std::log(2.0), 0.01));
    // At r = 2.5 the orbit settles on the stable fixed point 0.6: exponent ln|2 - r| = ln 0.5.
    CHECK_THAT(LyapunovExponent(2.5, 0.2, 1000, 1000), WithinAbs(std::log(0.5), 1e-6));
}
