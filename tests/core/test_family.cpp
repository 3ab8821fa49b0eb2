// Tests of the family trainer (inputs x and r): the learned bifurcation diagram against the
// closed-form fixed point and 2-cycle, chaos at r = 3.9, the slope against finite differences,
// determinism, validation and divergence (src/core/mlp/family).
#include <catch_amalgamated.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "core/logistic/dynamics.h"
#include "core/logistic/logistic_map.h"
#include "core/mlp/family.h"

using Catch::Matchers::ContainsSubstring;
using Catch::Matchers::WithinAbs;
using namespace dendrites;
using namespace dendrites::mlp;

namespace {

constexpr int kTrainedEpochs = 20;  // 12,500 Adam steps: about 1.3 s natively in Release
// Seed 1 reaches a test MSE of about 1e-5 after 20 epochs (seeds 1-5: 3e-6 to 1.6e-5); the
// bound leaves a margin of 4 and gives an RMS error of the map below 0.007.
constexpr double kTestMseBound = 5e-5;

// One network trained once and shared by the tests below (training is the slow part).
const FamilyTrainer& TrainedFamily() {
    static const FamilyTrainer trained = [] {
        FamilyTrainer trainer;  // the defaults: 2-32-32-1 tanh, Adam 0.003, r in [2.8, 4]
        for (int e = 0; e < kTrainedEpochs; ++e) trainer.StepEpoch();
        return trainer;
    }();
    return trained;
}

// The iterates the bifurcation diagram keeps at r (one column).
std::vector<double> LearnedColumn(const FamilyTrainer& trainer, double r, int transient, int keep) {
    const logistic::MapOfR f = [&trainer](double x, double rr) { return trainer.Predict(x, rr); };
    return logistic::Bifurcation(f, r, r, 1, transient, keep, 0.5).front().x;
}

double Spread(const std::vector<double>& xs) {
    const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
    return *hi - *lo;
}

}  // namespace

TEST_CASE("The family data are uniform pairs with exact targets r·x·(1−x)", "[family]") {
    FamilyConfig config;
    config.samples = 2000;
    const FamilyTrainer trainer(config);
    const Eigen::MatrixXd& x = trainer.TrainInputs();
    const Eigen::MatrixXd& y = trainer.TrainTargets();
    REQUIRE(x.rows() == 2);
    REQUIRE(x.cols() == 2000);
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        REQUIRE(x(0, j) >= 0.0);
        REQUIRE(x(0, j) < 1.0);
        REQUIRE(x(1, j) >= 0.0);  // u = (r − 2.8) / 1.2
        REQUIRE(x(1, j) < 1.0);
        const double r = 2.8 + 1.2 * x(1, j);
        REQUIRE_THAT(y(0, j), WithinAbs(r * x(0, j) * (1.0 - x(0, j)), 1e-14));
    }
    // Uniform on [0, 1): means 1/2 within 4 standard errors (σ = 1/√12, n = 2000).
    CHECK_THAT(x.row(0).mean(), WithinAbs(0.5, 4.0 * 0.2887 / std::sqrt(2000.0)));
    CHECK_THAT(x.row(1).mean(), WithinAbs(0.5, 4.0 * 0.2887 / std::sqrt(2000.0)));
    // The held-out grid: 21 x by 13 r values; at x = 1/2 and r = r_max the target is r/4 = 1.
    const Eigen::MatrixXd& grid = trainer.TestInputs();
    REQUIRE(grid.cols() == 21 * 13);
    const Eigen::Index top_middle = 12 * 21 + 10;
    CHECK(grid(0, top_middle) == 0.5);
    CHECK(grid(1, top_middle) == 1.0);
    CHECK_THAT(trainer.TestTargets()(0, top_middle), WithinAbs(1.0, 1e-15));
}

TEST_CASE("Predict matches the batched forward pass bit for bit", "[family]") {
    const FamilyTrainer trainer;  // untrained weights are as good a test as any
    const FamilyMap map = trainer.Snapshot();
    for (double x : {0.0, 0.13, 0.5, 0.99}) {
        for (double r : {2.8, 3.3, 4.0}) {
            Eigen::MatrixXd column(2, 1);
            column << x, (r - 2.8) / (4.0 - 2.8);  // u, family.h's encoding
            Pass pass;
            trainer.Net().Forward(column, pass);
            CHECK(trainer.Predict(x, r) == pass.a.back()(0, 0));
            CHECK(map.Predict(x, r) == pass.a.back()(0, 0));
        }
    }
}

TEST_CASE("The slope dŷ/dx agrees with a central difference", "[family]") {
    const FamilyTrainer& trainer = TrainedFamily();
    const double h = 1e-5;
    for (double x : {0.05, 0.3, 0.5, 0.8}) {
        for (double r : {2.9, 3.5, 3.9}) {
            const double up = trainer.Predict(x + h, r);
            const double down = trainer.Predict(x - h, r);
            const double central = (up - down) / (2.0 * h);
            // Truncation error h²/6 · f''' plus rounding 1e-16/h: far below 1e-6.
            CHECK_THAT(trainer.PredictSlope(x, r), WithinAbs(central, 1e-6));
        }
    }
}

TEST_CASE("Training fits the whole family within a few seconds", "[family]") {
    const FamilyTrainer& trainer = TrainedFamily();
    CHECK(trainer.Status() == FamilyStatus::Ready);
    CHECK(trainer.Epoch() == kTrainedEpochs);
    CHECK(trainer.Steps() == kTrainedEpochs * 625);  // 20,000 samples / 32 per batch
    CHECK(trainer.TestMse() < kTestMseBound);
    CHECK(trainer.TestMse() < 1e-3 * trainer.InitialTestMse());
    CHECK(trainer.Epochs().size() == static_cast<std::size_t>(kTrainedEpochs));
    CHECK_FALSE(trainer.StepLoss().Empty());
}

TEST_CASE("At r = 2.9 the learned map has one attracting fixed point near 1 − 1/r", "[family]") {
    const double r = 2.9;
    const std::vector<double> kept = LearnedColumn(TrainedFamily(), r, 1000, 100);
    // The multiplier is f'(x*) = 2 − r = −0.9: after 1000 steps the orbit sits on x*.
    CHECK(Spread(kept) < 1e-9);
    // A map error ε moves a fixed point by about ε / (1 − f'(x*)) = ε / 1.9; with the RMS error
    // below 0.007 (kTestMseBound) that is 0.0037, so 0.005.
    CHECK_THAT(kept.back(), WithinAbs(1.0 - 1.0 / r, 0.005));
}

TEST_CASE("At r = 3.2 the learned map has the closed-form 2-cycle", "[family]") {
    const double r = 3.2;
    const std::vector<double> kept = LearnedColumn(TrainedFamily(), r, 1000, 100);
    // Period 2: every second iterate repeats, neighbours differ.
    for (std::size_t k = 0; k + 2 < kept.size(); ++k)
        REQUIRE_THAT(kept[k + 2], WithinAbs(kept[k], 1e-9));
    CHECK(std::fabs(kept[0] - kept[1]) > 0.1);
    // The 2-cycle of r·x·(1−x): x = (r + 1 ∓ sqrt((r − 3)(r + 1))) / (2r) = 0.51304, 0.79945.
    const double root = std::sqrt((r - 3.0) * (r + 1.0));
    const double low = (r + 1.0 - root) / (2.0 * r);
    const double high = (r + 1.0 + root) / (2.0 * r);
    // A map error ε moves a point of the cycle by up to (1 + |f'(q)|) ε / (1 − f'(p) f'(q)),
    // with f'(q) = −1.92 at the upper point and the multiplier 4 + 2r − r² = 0.16: 3.5 ε,
    // so 0.025 for ε = 0.007.
    CHECK_THAT(std::min(kept[0], kept[1]), WithinAbs(low, 0.025));
    CHECK_THAT(std::max(kept[0], kept[1]), WithinAbs(high, 0.025));
}

TEST_CASE("At r = 3.5 the learned map has a 4-cycle, not a 2-cycle", "[family]") {
    // The true map's 4-cycle is stable for 1 + √6 = 3.449 < r < 3.544: 3.5 is well inside.
    const std::vector<double> kept = LearnedColumn(TrainedFamily(), 3.5, 2000, 100);
    for (std::size_t k = 0; k + 4 < kept.size(); ++k)
        REQUIRE_THAT(kept[k + 4], WithinAbs(kept[k], 1e-9));
    CHECK(std::fabs(kept[0] - kept[2]) > 0.01);
}

TEST_CASE("At r = 3.9 the learned map is chaotic", "[family]") {
    const FamilyTrainer& trainer = TrainedFamily();
    const double r = 3.9;
    const std::vector<double> kept = LearnedColumn(trainer, r, 1000, 1000);
    // No short cycle: almost all of 1000 iterates are distinct (to 1e-6), and the orbit stays
    // in the interval the true map maps into itself, [f(r/4), r/4] = [0.095, 0.975].
    std::set<long long> distinct;
    for (double x : kept) distinct.insert(std::llround(x * 1e6));
    CHECK(distinct.size() > 900);
    CHECK(*std::min_element(kept.begin(), kept.end()) > 0.05);
    CHECK(*std::max_element(kept.begin(), kept.end()) < 1.0);
    // A positive Lyapunov exponent from the analytic slope, near the true map's (about 0.49,
    // from ln|r(1 − 2x)| along its own orbit): both averages over 5000 chaotic steps carry a
    // sampling error of a few hundredths, so 0.1.
    const double lambda = logistic::LyapunovOfMap(
        [&trainer, r](double x) { return trainer.Predict(x, r); },
        [&trainer, r](double x) { return trainer.PredictSlope(x, r); }, 0.5, 1000, 5000);
    CHECK(lambda > 0.0);
    CHECK_THAT(lambda, WithinAbs(logistic::LyapunovExponent(r, 0.5, 1000, 5000), 0.1));
}

TEST_CASE("The same seed gives the same weights bit for bit", "[family]") {
    FamilyConfig config;
    config.samples = 3000;
    auto train = [](const FamilyConfig& c) {
        FamilyTrainer trainer(c);
        for (int e = 0; e < 3; ++e) trainer.StepEpoch();
        return trainer;
    };
    const FamilyTrainer a = train(config);
    const FamilyTrainer b = train(config);
    REQUIRE(a.Net().NumWeightLayers() == 3);
    for (int l = 0; l < a.Net().NumWeightLayers(); ++l) {
        CHECK(a.Net().W(l) == b.Net().W(l));
        CHECK(a.Net().B(l) == b.Net().B(l));
    }
    CHECK(a.StepLoss().Ys() == b.StepLoss().Ys());
    CHECK(a.TestMse() == b.TestMse());
    // A reset replays the run exactly; another seed gives other weights.
    FamilyTrainer c = train(config);
    c.Reset();
    for (int e = 0; e < 3; ++e) c.StepEpoch();
    CHECK(c.Net().W(1) == a.Net().W(1));
    config.seed = 2;
    CHECK_FALSE(train(config).Net().W(1) == a.Net().W(1));
}

TEST_CASE("Validate rejects configurations with readable messages", "[family]") {
    CHECK(FamilyConfig{}.Validate().empty());
    struct Case {
        void (*change)(FamilyConfig&);
        const char* message;
    };
    const Case cases[] = {
        {[](FamilyConfig& c) {
             c.network.layers = {1, 8, 1};
         },
         "width 2"},
        {[](FamilyConfig& c) {
             c.network.layers = {2, 8, 2};
         },
         "output layer"},
        {[](FamilyConfig& c) { c.network.layers = {2}; }, "at least an input"},
        {[](FamilyConfig& c) { c.r_min = -0.1; }, "r_min"},
        {[](FamilyConfig& c) { c.r_max = 4.5; }, "r_max"},
        {[](FamilyConfig& c) { c.r_max = c.r_min; }, "r_max"},
        {[](FamilyConfig& c) { c.samples = 1; }, "samples"},
        {[](FamilyConfig& c) { c.batch = 0; }, "batch"},
        {[](FamilyConfig& c) { c.test_x = 1; }, "test grid"},
        {[](FamilyConfig& c) { c.test_r = 5000; }, "test grid"},
        {[](FamilyConfig& c) { c.optimizer.lr = 0.0; }, "learning rate"},
    };
    for (const Case& test : cases) {
        FamilyConfig config;
        test.change(config);
        CHECK_THAT(config.Validate(), ContainsSubstring(test.message));
    }
    // A rejected configuration changes nothing; an invalid one at construction gives defaults.
    FamilyConfig small;
    small.samples = 500;
    FamilyTrainer trainer(small);
    trainer.StepBatch();
    FamilyConfig bad = small;
    bad.batch = 0;
    CHECK_FALSE(trainer.Configure(bad).empty());
    CHECK(trainer.Config().batch == 32);
    CHECK(trainer.Steps() == 1);
    const FamilyTrainer fallback(bad);
    CHECK_THAT(fallback.Error(), ContainsSubstring("batch"));
    CHECK(fallback.Config().samples == 20000);
}

TEST_CASE("An absurd learning rate stops training with a message and finite weights", "[family]") {
    FamilyConfig config;
    config.samples = 500;
    config.optimizer.kind = OptimizerKind::Sgd;
    config.optimizer.lr = 10.0;
    FamilyTrainer trainer(config);
    bool diverged = false;
    for (int e = 0; e < 50 && !diverged; ++e) diverged = !trainer.StepEpoch();
    REQUIRE(diverged);
    CHECK(trainer.Status() == FamilyStatus::Diverged);
    CHECK_THAT(trainer.DivergenceMessage(), ContainsSubstring("diverged"));
    CHECK_THAT(trainer.DivergenceMessage(), ContainsSubstring("learning rate"));
    CHECK(trainer.Net().AllFinite());
    const long long steps = trainer.Steps();
    CHECK_FALSE(trainer.StepBatch());
    CHECK(trainer.TrainFor(0.01) == 0);
    CHECK(trainer.Steps() == steps);
    trainer.Reset();
    CHECK(trainer.Status() == FamilyStatus::Ready);
    CHECK(trainer.DivergenceMessage().empty());
}

TEST_CASE("TrainFor respects its budget and its batch limit", "[family]") {
    FamilyTrainer trainer;
    CHECK(trainer.TrainFor(10.0, 7) == 7);
    CHECK(trainer.Steps() == 7);
    const int batches = trainer.TrainFor(0.02);
    CHECK(batches >= 1);
    CHECK(trainer.TrainSeconds() < 1.0);
    CHECK(trainer.TestMse() < trainer.InitialTestMse());
}
