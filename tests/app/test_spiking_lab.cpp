// Tests of the spiking lab's application state (no window needed): how simulated time follows
// wall time, and that rejected changes leave the running scene untouched.
#include <catch_amalgamated.hpp>

#include <cmath>

#include "app/spiking_lab.h"

using dendrites::app::SpikingLab;
using namespace dendrites::spiking;
using Catch::Matchers::WithinAbs;

namespace {
constexpr double kUnlimitedBudget = 1e9;  // seconds: only the speed limits the advance
}

TEST_CASE("the lab advances speed times frame time of simulated time", "[app][spiking]") {
    SpikingLab lab;  // one neuron, dt 0.1 ms
    lab.SetSpeed(100.0);
    lab.Play();
    for (int frame = 0; frame < 10; ++frame) lab.Update(0.1, kUnlimitedBudget);
    CHECK(lab.Net().step() == 1000);  // 10 frames x 0.1 s x 100 ms/s = 100 ms = 1000 steps
}

TEST_CASE("slow motion carries fractions of a step from frame to frame", "[app][spiking]") {
    SpikingLab lab;
    lab.SetSpeed(1.0);  // 1 ms per second: one 0.1 ms step every 0.1 s
    lab.Play();
    for (int frame = 0; frame < 40; ++frame) lab.Update(0.025, kUnlimitedBudget);
    CHECK(lab.Net().step() == 10);
}

TEST_CASE("a very long frame never turns into one giant advance", "[app][spiking]") {
    SpikingLab lab;
    lab.SetSpeed(100.0);
    lab.Play();
    lab.Update(3600.0, kUnlimitedBudget);  // an hour in a hidden tab
    const double allowed_ms = SpikingLab::kMaxFrameSeconds * 100.0;
    CHECK_THAT(lab.Net().time_ms(), WithinAbs(allowed_ms, 1e-9));
}

TEST_CASE("a paused lab does not advance; Step advances 1 ms", "[app][spiking]") {
    SpikingLab lab;
    lab.Update(1.0, kUnlimitedBudget);
    CHECK(lab.Net().step() == 0);
    lab.StepOnce();
    CHECK(lab.Net().step() == 10);
}

TEST_CASE("a rejected scene change keeps the running scene and explains why", "[app][spiking]") {
    SpikingLab lab;
    lab.Play();
    lab.Update(0.1, kUnlimitedBudget);
    const std::int64_t step = lab.Net().step();
    SceneConfig bad = lab.Config();
    bad.one_neuron.lif.v_reset_mV = -40.0;  // above the threshold of -50 mV
    CHECK_FALSE(lab.Apply(bad).empty());
    CHECK_FALSE(lab.Notice().empty());
    CHECK(lab.Net().step() == step);
    CHECK(lab.Config().one_neuron.lif.v_reset_mV == -65.0);
    CHECK_FALSE(lab.SetInputCurrent(std::nan("")).empty());
    CHECK(lab.Config().one_neuron.i_ext == 2.5);
    CHECK_FALSE(lab.StimulateNeuron(7).empty());  // the scene has one neuron
}

TEST_CASE("every scene builds and runs in the lab", "[app][spiking]") {
    const int k = GENERATE(range(0, kSceneCount));
    SpikingLab lab;
    REQUIRE(lab.SelectScene(static_cast<SceneKind>(k)).empty());
    CHECK(lab.Config().kind == static_cast<SceneKind>(k));
    lab.StepOnce();
    CHECK(lab.Net().time_ms() >= 1.0 - 1e-9);
}

TEST_CASE("the one-neuron f-I curve puts the simulated rate on the closed form", "[app][spiking]") {
    SpikingLab lab;
    const auto& is = lab.FiCurrents();
    REQUIRE(is.size() > 10);
    const LifParams p = lab.Config().one_neuron.lif;
    for (std::size_t k = 0; k < is.size(); ++k) {
        const double isi = LifClosedFormIsiMs(p, is[k]);
        const double expected = std::isfinite(isi) ? 1000.0 / isi : 0.0;
        INFO("I = " << is[k] << " nA");
        // Whole-step intervals and a 1 s count: within one step of ISI and one spike.
        CHECK(std::fabs(lab.FiSimulated()[k] - expected) <= 0.02 * expected + 1.0);
    }
}
