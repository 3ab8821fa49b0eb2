// Tests of the map-as-dynamical-system tools against closed forms: Lyapunov exponents, the
// 2-cycle, orbit separation, cobweb layout, and networks as maps (src/core/logistic/dynamics).
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/logistic/dynamics.h"
#include "core/logistic/logistic_map.h"
#include "core/mlp/chain_rule.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using namespace dendrites;
using namespace dendrites::logistic;

namespace {

Map1D TrueMap(double r) {
    return [r](double x) { return Map(x, r); };
}
Map1D TrueSlope(double r) {
    return [r](double x) { return r * (1.0 - 2.0 * x); };
}

}  // namespace

TEST_CASE("An orbit of the true map matches the values in science.md", "[logistic][dynamics]") {
    const std::vector<double> orbit = Orbit(TrueMap(3.9), 0.2, 3);
    REQUIRE(orbit.size() == 4);
    CHECK(orbit[0] == 0.2);
    CHECK_THAT(orbit[1], WithinRel(0.624, 1e-15));
    CHECK_THAT(orbit[2], WithinRel(0.9150336, 1e-15));
    CHECK_THAT(orbit[3], WithinRel(0.30321373239705673, 1e-15));
    CHECK(Orbit(TrueMap(3.9), 0.2, -1).empty());
}

TEST_CASE("The Lyapunov exponent is ln 2 at r = 4 and negative on the 2-cycle at r = 3.2",
          "[logistic][dynamics]") {
    // r = 4: λ = ln 2 (science.md); an average over 10⁶ iterates of a chaotic orbit.
    const double chaotic = LyapunovOfMap(TrueMap(4.0), TrueSlope(4.0), 0.3, 1000, 1000000);
    CHECK_THAT(chaotic, WithinAbs(std::log(2.0), 0.01));
    CHECK_THAT(chaotic, WithinAbs(LyapunovExponent(4.0, 0.3, 1000, 1000000), 1e-12));
    // r = 3.2: the stable 2-cycle {p, q} has multiplier f'(p)f'(q) = 4 + 2r − r² = 0.16, so
    // λ = ln(0.16)/2 once the transient has died out.
    const double periodic = LyapunovOfMap(TrueMap(3.2), TrueSlope(3.2), 0.3, 2000, 10000);
    CHECK(periodic < 0.0);
    CHECK_THAT(periodic, WithinAbs(0.5 * std::log(0.16), 1e-9));
}

TEST_CASE("Two orbits 1e-10 apart separate after about log2(0.1/1e-10) = 30 steps",
          "[logistic][dynamics]") {
    const Map1D f = TrueMap(4.0);
    const int first = SeparationStepFrom(f, 0.3, f, 0.3 + 1e-10, 0.1, 1000);
    const int second = SeparationStepFrom(f, 0.3, f, 0.3 + 1e-10, 0.1, 1000);
    CHECK(first == second);
    CHECK(first >= 20);
    CHECK(first <= 45);
    CHECK(SeparationStep(f, f, 0.3) == -1);  // the same map from the same point never separates
    CHECK(SeparationStepFrom(f, 0.1, f, 0.5) == 0);
}

TEST_CASE("The bifurcation diagram at r = 3.2 shows the closed-form 2-cycle",
          "[logistic][dynamics]") {
    const double r = 3.2;
    const std::vector<BifurcationColumn> columns = Bifurcation(Map, r, r, 1, 2000, 8);
    REQUIRE(columns.size() == 1);
    CHECK(columns[0].r == r);
    std::vector<double> x = columns[0].x;
    REQUIRE(x.size() == 8);
    std::sort(x.begin(), x.end());
    // x = (r + 1 ± sqrt((r − 3)(r + 1))) / (2r)
    const double root = std::sqrt((r - 3.0) * (r + 1.0));
    const double low = (r + 1.0 - root) / (2.0 * r), high = (r + 1.0 + root) / (2.0 * r);
    for (int k = 0; k < 4; ++k) {
        CHECK_THAT(x[static_cast<std::size_t>(k)], WithinAbs(low, 1e-12));
        CHECK_THAT(x[static_cast<std::size_t>(k) + 4], WithinAbs(high, 1e-12));
    }
    // Consecutive iterates alternate between the two points.
    CHECK(std::fabs(columns[0].x[0] - columns[0].x[1]) > 0.2);
    CHECK(columns[0].x[0] == columns[0].x[2]);

    const std::vector<BifurcationColumn> sweep = Bifurcation(Map, 2.5, 4.0, 4, 100, 3);
    REQUIRE(sweep.size() == 4);
    CHECK(sweep.front().r == 2.5);
    CHECK(sweep.back().r == 4.0);
    CHECK_THAT(sweep[1].r, WithinRel(3.0, 1e-15));
    CHECK(Bifurcation(Map, 2.5, 4.0, 0, 100, 3).empty());
}

TEST_CASE("Cobweb points alternate between the diagonal and the graph", "[logistic][dynamics]") {
    const Map1D f = TrueMap(3.9);
    const auto points = Cobweb(f, 0.2, 5);
    const std::vector<double> orbit = Orbit(f, 0.2, 5);
    REQUIRE(points.size() == 11);
    for (std::size_t k = 0; k <= 5; ++k) {
        CHECK(points[2 * k].first == orbit[k]);  // (x_k, x_k) on the diagonal
        CHECK(points[2 * k].second == orbit[k]);
        if (k == 5) break;
        CHECK(points[2 * k + 1].first == orbit[k]);  // (x_k, x_{k+1}) on the graph
        CHECK(points[2 * k + 1].second == orbit[k + 1]);
    }
}

TEST_CASE("A network is a map: its Lyapunov exponent from InputDerivative",
          "[logistic][dynamics]") {
    SECTION("a 1-1 linear network x' = a·x + b has λ = ln|a|") {
        mlp::NetworkSpec spec;
        spec.layers = {1, 1};
        mlp::Network net(spec);
        net.MutableW(0)(0, 0) = -0.7;
        net.MutableB(0)(0) = 0.9;
        const Map1D f = [&](double x) { return net.Predict(x); };
        const Map1D df = [&](double x) { return mlp::InputDerivative(net, x); };
        CHECK_THAT(LyapunovOfMap(f, df, 0.2, 10, 100), WithinAbs(std::log(0.7), 1e-12));
    }
    SECTION("Sprott's fit b·tanh(a·x) + c·x as a 1-2-1 tanh network has λ ≈ 0.6907") {
        // science.md: a, b, c below, Lyapunov exponent of the fit 0.6907 (computed). The linear
        // term c·x is a second tanh unit with a small input weight ε: tanh(εx)/ε = x − ε²x³/3 + ...
        const double a = 1.42668906710772, b = 5.97811605717192, c = -5.32641819604181;
        const double eps = 1e-5;
        mlp::NetworkSpec spec;
        spec.layers = {1, 2, 1};
        spec.hidden = mlp::Activation::Tanh;
        mlp::Network net(spec);
        net.MutableW(0)(0, 0) = a;
        net.MutableW(0)(1, 0) = eps;
        net.MutableW(1)(0, 0) = b;
        net.MutableW(1)(0, 1) = c / eps;
        const Map1D f = [&](double x) { return net.Predict(x); };
        const Map1D df = [&](double x) { return mlp::InputDerivative(net, x); };
        CHECK_THAT(f(0.3), WithinAbs(b * std::tanh(a * 0.3) + c * 0.3, 1e-9));
        CHECK_THAT(LyapunovOfMap(f, df, 0.3, 1000, 200000), WithinAbs(0.6907, 0.01));
    }
}
