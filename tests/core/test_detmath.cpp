// Tests of the platform-independent exp, expm1, log and tanh (src/core/detmath).
#include <catch_amalgamated.hpp>

#include <cmath>
#include <limits>

#include "core/detmath.h"
#include "core/random.h"

using Catch::Matchers::WithinRel;
using Catch::Matchers::WithinULP;
using namespace dendrites;

TEST_CASE("Exp, Log and Tanh agree with the C library to a few ulps", "[detmath]") {
    // The C library is the reference here; ours may differ from it only in the last bits.
    Rng rng(2024);
    for (int i = 0; i < 20000; ++i) {
        const double x = rng.Uniform(-700.0, 700.0);
        CHECK_THAT(Exp(x), WithinULP(std::exp(x), 4));
        const double small = rng.Uniform(-1.0, 1.0);
        CHECK_THAT(Expm1(small), WithinULP(std::expm1(small), 4));
        CHECK_THAT(Tanh(small), WithinULP(std::tanh(small), 4));
        const double positive = std::exp(rng.Uniform(-700.0, 700.0));
        CHECK_THAT(Log(positive), WithinULP(std::log(positive), 4));
    }
}

TEST_CASE("Exp, Log and Tanh have exact special values", "[detmath]") {
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(Exp(0.0) == 1.0);
    CHECK(Exp(1000.0) == inf);
    CHECK(Exp(-1000.0) == 0.0);
    CHECK(Exp(-740.0) > 0.0);  // subnormal, not flushed
    CHECK_THAT(Exp(-740.0), WithinRel(std::exp(-740.0), 1e-10));
    CHECK(Log(1.0) == 0.0);
    CHECK(Log(0.0) == -inf);
    CHECK(std::isnan(Log(-1.0)));
    CHECK(Tanh(0.0) == 0.0);
    CHECK(Tanh(50.0) == 1.0);
    CHECK(Tanh(-50.0) == -1.0);
    CHECK(Tanh(-0.3) == -Tanh(0.3));
    CHECK(std::isnan(Exp(std::nan(""))));
}
