// The bridge lab's core: how much work each kind of network does, a membrane stored with a few
// bits, and the small unclocked network.
#include <catch_amalgamated.hpp>

#include <cmath>

#include "core/bridge/digital_membrane.h"
#include "core/bridge/unclocked.h"
#include "core/bridge/work.h"
#include "core/detmath.h"

using namespace dendrites;
using namespace dendrites::bridge;
using Catch::Matchers::WithinAbs;

TEST_CASE("An MLP's multiply-adds per sample, counted by hand", "[bridge]") {
    // 1-30-1: forward 30 + 30; backward: gradients 30 + 30, delta through W[1] 30.
    MlpWork w = MlpWorkPerSample(std::vector<int>{1, 30, 1});
    CHECK(w.forward == 60);
    CHECK(w.backward == 90);
    // 2-3-4-1: forward 6 + 12 + 4 = 22; backward 6 + 2*12 + 2*4 = 38.
    w = MlpWorkPerSample(std::vector<int>{2, 3, 4, 1});
    CHECK(w.forward == 22);
    CHECK(w.backward == 38);
    CHECK(w.Total() == 60);
}

TEST_CASE("Synaptic events are spikes times the firing cells' out-degrees", "[bridge]") {
    spiking::Network net(0.1, 3);
    spiking::PopulationSpec pop;
    pop.size = 4;
    REQUIRE(net.AddPopulation(pop).ok());
    spiking::ProjectionSpec s;  // 0 -> 1, 2, 3 and 1 -> 2
    s.rule = spiking::ConnectionRule::kExplicit;
    s.receptor = spiking::Receptor::kDelta;
    s.synapses = {{0, 1, 0.0, 1.0}, {0, 2, 0.0, 2.0}, {0, 3, 0.0, 3.0}, {1, 2, 0.0, 1.0}};
    REQUIRE(net.Connect(s).ok());
    CHECK(OutDegrees(net) == std::vector<std::int64_t>{3, 1, 0, 0});
    EventCounter counter(net);
    CHECK(counter.Synapses() == 4);
    net.ForceSpike(0);
    net.Step();
    counter.Count(net);
    net.ForceSpike(1);
    net.ForceSpike(3);
    net.Step();
    counter.Count(net);
    CHECK(counter.Spikes() == 3);
    CHECK(counter.Events() == 3 + 1 + 0);
}

TEST_CASE("A voltage grid has 2^bits levels including both ends", "[bridge]") {
    VoltageGrid g{-80.0, -40.0, 2};  // levels -80, -66.67, -53.33, -40
    CHECK_THAT(g.Step(), WithinAbs(40.0 / 3.0, 1e-12));
    CHECK_THAT(g.Round(-60.0), WithinAbs(-80.0 + 2 * 40.0 / 3.0, 1e-12));
    CHECK(g.Round(-100.0) == -80.0);
    CHECK(g.Round(0.0) == -40.0);
    VoltageGrid off{-80.0, -40.0, 0};
    CHECK(off.Round(-61.234) == -61.234);
    CHECK_FALSE(VoltageGrid{-40.0, -80.0, 4}.Validate().empty());
}

TEST_CASE("The continuous cell fires at the LIF's closed-form rate", "[bridge]") {
    spiking::LifParams p;  // E_L -70, reset -65, threshold -50, R 10, tau 8, t_ref 2
    const double i = 2.5, dt = 0.01;
    DigitalLif cell(p, VoltageGrid{-80.0, -40.0, 0}, dt);
    int spikes = 0;
    const int steps = static_cast<int>(1000.0 / dt);
    for (int k = 0; k < steps; ++k) spikes += cell.Step(i);
    // T = t_ref + tau ln((R I - (V_reset - E_L)) / (R I - (V_th - E_L))), to within a step.
    const double period = p.t_ref_ms + p.tau_m_ms * std::log((25.0 - 5.0) / (25.0 - 20.0));
    CHECK(std::abs(spikes - 1000.0 / period) <= 1000.0 / period * (2 * dt / period) + 1);
}

TEST_CASE("A membrane of 4 bits cannot take steps smaller than half a level", "[bridge]") {
    spiking::LifParams p;
    p.tau_m_ms = 20.0;
    const double i = 2.1, dt = 0.1;  // V_inf = -49 mV: above threshold, fires when continuous
    const VoltageGrid coarse{-80.0, -40.0, 4};
    // From the rounded reset the first step's change is (V_inf - V)(1 - exp(-dt/tau)).
    const double v0 = coarse.Round(p.v_reset_mV);
    const double change = (-70.0 + 10.0 * i - v0) * (1.0 - std::exp(-dt / p.tau_m_ms));
    REQUIRE(change < coarse.Step() / 2);
    DigitalLif digital(p, coarse, dt), analog(p, VoltageGrid{-80.0, -40.0, 0}, dt),
        fine(p, VoltageGrid{-80.0, -40.0, 16}, dt);
    int n_digital = 0, n_analog = 0, n_fine = 0;
    for (int k = 0; k < 10000; ++k) {  // 1 s
        n_digital += digital.Step(i);
        n_analog += analog.Step(i);
        n_fine += fine.Step(i);
    }
    CHECK(n_digital == 0);
    CHECK(digital.V() == v0);
    CHECK(n_analog > 10);
    CHECK(std::abs(n_fine - n_analog) <= 1);  // 16 bits: a step of 0.6 uV
}

TEST_CASE("The unclocked network is recurrent, delayed, plastic and active", "[bridge]") {
    UnclockedParams params;
    spiking::Network net;
    const spiking::BuildResult r = BuildUnclocked(params, &net);
    REQUIRE(r.ok());
    CHECK(net.size() == params.n_exc + params.n_inh);
    REQUIRE(net.projection_count() == 4);
    CHECK(net.projection(kExcToExc).spec.stdp);
    // Delays differ from synapse to synapse and lie in the range (whole steps).
    const spiking::Projection& ee = net.projection(kExcToExc);
    REQUIRE(ee.size() > 10);
    int lo = 1 << 30, hi = 0;
    for (auto d : ee.delay_steps) {
        lo = std::min(lo, int{d});
        hi = std::max(hi, int{d});
    }
    CHECK(lo >= 10);
    CHECK(hi <= 150);
    CHECK(hi - lo > 50);
    EventCounter counter(net);
    const double w0 = ee.weight[0];
    bool changed = false;
    for (int k = 0; k < 20000; ++k) {  // 2 s
        net.Step();
        counter.Count(net);
        changed = changed || net.projection(kExcToExc).weight[0] != w0;
    }
    const double rate = counter.Spikes() / (2.0 * net.size());
    INFO("mean rate " << rate << " Hz");
    CHECK(rate > 1.0);
    CHECK(rate < 60.0);
    CHECK(counter.Events() > counter.Spikes());
    CHECK(changed);  // STDP moved the first synapse's weight
    CHECK_FALSE(UnclockedParams{0}.Validate().empty());
}
