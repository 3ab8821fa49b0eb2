// Tests of the chain rule view: the sum over all paths against backprop and central differences,
// the factor convention, path counts, the default path and input validation (src/core/mlp).
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/mlp/chain_rule.h"
#include "core/random.h"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using namespace dendrites;
using namespace dendrites::mlp;

namespace {

// A 1-w-...-w-1 net with `weight_layers` weight layers, hidden widths drawn from 1..3, random
// weights and biases.
Network RandomNet(int weight_layers, Activation f, Rng& rng) {
    NetworkSpec spec;
    spec.layers = {1};
    for (int l = 1; l < weight_layers; ++l)
        spec.layers.push_back(1 + static_cast<int>(rng.UniformInt(3)));
    spec.layers.push_back(1);
    spec.hidden = f;
    Network net(spec);
    net.Initialize(rng);
    for (int l = 0; l < net.NumWeightLayers(); ++l)
        for (Eigen::Index i = 0; i < net.B(l).size(); ++i)
            net.MutableB(l)(i) = rng.Uniform(-0.5, 0.5);
    return net;
}

Network FixedNet(const std::vector<int>& widths, Activation f, std::uint64_t seed) {
    NetworkSpec spec;
    spec.layers = widths;
    spec.hidden = f;
    Network net(spec);
    Rng rng(seed);
    net.Initialize(rng);
    return net;
}

}  // namespace

TEST_CASE("The sum over all paths equals backprop and a central difference at every depth",
          "[mlp][chain_rule]") {
    const Activation f = GENERATE(Activation::Sigmoid, Activation::Tanh, Activation::Relu,
                                  Activation::LeakyRelu, Activation::Linear);
    const int depth = GENERATE(range(1, 9));
    CAPTURE(ActivationName(f), depth);
    Rng rng(1000 + static_cast<std::uint64_t>(depth));
    const Network net = RandomNet(depth, f, rng);
    for (int trial = 0; trial < 6; ++trial) {
        const int layer = static_cast<int>(rng.UniformInt(static_cast<std::uint64_t>(depth)));
        const int from =
            static_cast<int>(rng.UniformInt(static_cast<std::uint64_t>(net.Width(layer))));
        const int to =
            static_cast<int>(rng.UniformInt(static_cast<std::uint64_t>(net.Width(layer + 1))));
        const double x = rng.Uniform(), y = rng.Uniform();
        CAPTURE(layer, from, to, x, y);
        const ChainRule c = ExplainWeight(net, x, y, layer, from, to);
        REQUIRE(c.error.empty());
        REQUIRE(c.enumerated);
        // Rounding: the path sum and backprop add the same terms in different orders, so they
        // differ by a few ulps of the sum of |terms|. The central difference with h = 1e-6 has a
        // truncation error ~h²·L''' (negligible) and a rounding error ~ulp(L)/h ≈ 2e-10·L, so
        // 1e-8·max(1, L) is a safe absolute floor for gradients near zero.
        const double sum_floor = 1e-13 * std::max(1.0, c.path_abs_sum);
        const double fd_floor = 1e-8 * std::max(1.0, c.loss);
        CHECK_THAT(c.path_sum, WithinRel(c.backprop, 1e-6) || WithinAbs(c.backprop, sum_floor));
        CHECK_THAT(c.finite_difference,
                   WithinRel(c.backprop, 1e-6) || WithinAbs(c.backprop, fd_floor));
        CHECK_THAT(c.path_sum, WithinRel(c.finite_difference, 1e-6) ||
                                   WithinAbs(c.finite_difference, fd_floor));
    }
}

TEST_CASE("The highlighted path has 2A + 3 factors whose product is path_product",
          "[mlp][chain_rule]") {
    const Network net = FixedNet({1, 3, 5, 4, 1}, Activation::Tanh, 7);  // N = 4
    SECTION("a weight in the first layer: A = 3 layers above layer 1 (2, 3 and 4)") {
        const ChainRule c = ExplainWeight(net, 0.3, 0.8, 0, 0, 2);
        REQUIRE(c.error.empty());
        REQUIRE(c.factors.size() == 2 * 3 + 3);
        REQUIRE(c.path.size() == 4);  // neurons at layers 1, 2, 3, 4
        CHECK(c.path.front() == 2);
        CHECK(c.path.back() == 0);
        double product = 1.0;
        for (const ChainFactor& f : c.factors) product *= f.value;
        CHECK(c.path_product == product);
        CHECK(c.factors.front().label == "∂L/∂a⁽⁴⁾₀");
        CHECK(c.factors[1].label == "∂a⁽⁴⁾₀/∂z⁽⁴⁾₀");
        CHECK(c.factors[1].value == 1.0);  // linear output
        CHECK_THAT(c.factors[2].label, Catch::Matchers::StartsWith("∂z⁽⁴⁾₀/∂a⁽³⁾") &&
                                           Catch::Matchers::EndsWith(" = w"));
        CHECK(c.factors[c.factors.size() - 2].label == "∂a⁽¹⁾₂/∂z⁽¹⁾₂");
        CHECK(c.factors.back().label == "∂z⁽¹⁾₂/∂w = a⁽⁰⁾₀");
        CHECK(c.factors.back().value == 0.3);  // a⁽⁰⁾ = x
        // ∂L/∂ŷ = 2(ŷ − y) for a batch of one
        CHECK_THAT(c.factors.front().value, WithinRel(2.0 * (net.Predict(0.3) - 0.8), 1e-15));
    }
    SECTION("a weight into the output: A = 0, three factors, one path") {
        const ChainRule c = ExplainWeight(net, 0.3, 0.8, 3, 1, 0);
        REQUIRE(c.error.empty());
        CHECK(c.factors.size() == 3);
        CHECK(c.paths == 1.0);
        CHECK_THAT(c.path_product, WithinRel(c.backprop, 1e-12));
        CHECK(c.factors.back().label == "∂z⁽⁴⁾₀/∂w = a⁽³⁾₁");
    }
}

TEST_CASE("The products of every explicitly given path add up to the gradient",
          "[mlp][chain_rule]") {
    const Network net = FixedNet({1, 3, 2, 3, 1}, Activation::Sigmoid, 11);
    const ChainRule whole = ExplainWeight(net, 0.6, 0.2, 0, 0, 1);
    REQUIRE(whole.error.empty());
    CHECK(whole.paths == 6.0);  // widths 2 and 3 above layer 1
    double sum = 0.0;
    double best_contribution[2][3] = {};
    for (int k2 = 0; k2 < 2; ++k2)
        for (int k3 = 0; k3 < 3; ++k3) {
            const std::vector<int> path{k2, k3};
            const ChainRule c = ExplainWeight(net, 0.6, 0.2, 0, 0, 1, &path);
            REQUIRE(c.error.empty());
            CHECK(c.path == std::vector<int>{1, k2, k3, 0});
            sum += c.path_product;
            best_contribution[k2][k3] = c.path_product;
        }
    CHECK_THAT(sum, WithinRel(whole.path_sum, 1e-12));
    CHECK_THAT(sum, WithinRel(whole.backprop, 1e-12));

    // The default path takes, layer by layer, the neuron carrying the most gradient.
    double through2[2] = {}, through3[3] = {};
    for (int k2 = 0; k2 < 2; ++k2)
        for (int k3 = 0; k3 < 3; ++k3) {
            through2[k2] += best_contribution[k2][k3];
            through3[k3] += best_contribution[k2][k3];
        }
    const auto argmax_abs = [](const double* v, int n) {
        int best = 0;
        for (int k = 1; k < n; ++k)
            if (std::fabs(v[k]) > std::fabs(v[best])) best = k;
        return best;
    };
    CHECK(whole.path[1] == argmax_abs(through2, 2));
    CHECK(whole.path[2] == argmax_abs(through3, 3));
}

TEST_CASE("The path count is the product of the widths above and large counts are not enumerated",
          "[mlp][chain_rule]") {
    const Network small = FixedNet({1, 4, 3, 5, 2, 1}, Activation::Relu, 3);
    CHECK(ExplainWeight(small, 0.5, 0.5, 0, 0, 0).paths == 3.0 * 5.0 * 2.0);
    CHECK(ExplainWeight(small, 0.5, 0.5, 2, 1, 4).paths == 2.0);
    CHECK(ExplainWeight(small, 0.5, 0.5, 4, 1, 0).paths == 1.0);

    const Network wide = FixedNet({1, 2, 120, 120, 120, 1}, Activation::Tanh, 5);
    const ChainRule c = ExplainWeight(wide, 0.4, 0.1, 0, 0, 1);
    REQUIRE(c.error.empty());
    CHECK(c.paths == 120.0 * 120.0 * 120.0);
    CHECK_FALSE(c.enumerated);
    CHECK_THAT(c.path_sum,
               WithinRel(c.backprop, 1e-6) || WithinAbs(c.backprop, 1e-13 * c.path_abs_sum));
    CHECK(c.factors.size() == 2 * 4 + 3);  // A = 4 layers above layer 1
}

TEST_CASE("Bad indices, paths and inputs give an error, not a result", "[mlp][chain_rule]") {
    const Network net = FixedNet({1, 3, 2, 1}, Activation::Sigmoid, 2);
    const std::vector<int> short_path{};
    const std::vector<int> out_of_range{2};
    const std::vector<int> good{1};
    CHECK_FALSE(ExplainWeight(net, 0.5, 0.5, -1, 0, 0).error.empty());
    CHECK_FALSE(ExplainWeight(net, 0.5, 0.5, 3, 0, 0).error.empty());
    CHECK_FALSE(ExplainWeight(net, 0.5, 0.5, 0, 1, 0).error.empty());  // input has width 1
    CHECK_FALSE(ExplainWeight(net, 0.5, 0.5, 0, 0, 3).error.empty());
    CHECK_FALSE(ExplainWeight(net, 0.5, 0.5, 1, -1, 0).error.empty());
    CHECK_FALSE(ExplainWeight(net, std::nan(""), 0.5, 0, 0, 0).error.empty());
    CHECK_FALSE(ExplainWeight(net, 0.5, INFINITY, 0, 0, 0).error.empty());
    CHECK_FALSE(ExplainWeight(net, 0.5, 0.5, 0, 0, 0, &short_path).error.empty());
    CHECK_FALSE(ExplainWeight(net, 0.5, 0.5, 0, 0, 0, &out_of_range).error.empty());
    CHECK(ExplainWeight(net, 0.5, 0.5, 0, 0, 0, &good).error.empty());
    const Network two_in = FixedNet({2, 3, 1}, Activation::Sigmoid, 2);
    const ChainRule bad = ExplainWeight(two_in, 0.5, 0.5, 0, 0, 0);
    CHECK_FALSE(bad.error.empty());
    CHECK(bad.factors.empty());
}

TEST_CASE("InputDerivative equals a central difference of Predict", "[mlp][chain_rule]") {
    const Activation f = GENERATE(Activation::Sigmoid, Activation::Tanh, Activation::Relu,
                                  Activation::LeakyRelu, Activation::Linear);
    CAPTURE(ActivationName(f));
    Rng rng(77);
    for (int depth = 1; depth <= 5; ++depth) {
        const Network net = RandomNet(depth, f, rng);
        for (int trial = 0; trial < 5; ++trial) {
            const double x = rng.Uniform();
            const double h = 1e-6;
            const double fd = (net.Predict(x + h) - net.Predict(x - h)) / ((x + h) - (x - h));
            CAPTURE(depth, x);
            // Rounding of the central difference: ~ulp(ŷ)/h ≈ 2e-10·|ŷ|; 1e-8 leaves a margin.
            CHECK_THAT(InputDerivative(net, x),
                       WithinRel(fd, 1e-6) ||
                           WithinAbs(fd, 1e-8 * std::max(1.0, std::fabs(net.Predict(x)))));
        }
    }
}
