// Network tests of the spiking lab: delays, gap junctions, STDP, Brunel states, CUBA rate and
// determinism. Expected values come from closed forms and science.md.
#include <catch_amalgamated.hpp>

#include <cmath>
#include <vector>

#include "core/spiking/scenes.h"

using namespace dendrites::spiking;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// A network of one periodic source (index 0) and one passive LIF cell (index 1, E_L = 0,
// threshold out of reach) joined by a delta synapse of 1 mV with the given delay.
BuildResult SourceToCell(double dt_ms, double delay_ms, double phase_ms, Network* net) {
    REQUIRE(net->Clear(dt_ms, 1).empty());
    PopulationSpec src;
    src.model = NeuronModel::kPeriodicSource;
    src.source.period_ms = 1000.0;
    src.source.phase_ms = phase_ms;
    PopulationSpec cell;
    cell.lif.e_l_mV = 0.0;
    cell.lif.v_reset_mV = 0.0;
    cell.lif.v_th_mV = 1000.0;
    REQUIRE(net->AddPopulation(src).ok());
    REQUIRE(net->AddPopulation(cell).ok());
    ProjectionSpec s;
    s.pre = 0;
    s.post = 1;
    s.rule = ConnectionRule::kOneToOne;
    s.receptor = Receptor::kDelta;
    s.weight = 1.0;
    s.delay_ms = delay_ms;
    return net->Connect(s);
}

// Pre and post periodic sources with one plastic synapse of initial weight w0.
void PairingNetwork(double t_pre_ms, double t_post_ms, double period_ms, double delay_ms,
                    double w0, Network* net) {
    REQUIRE(net->Clear(0.1, 1).empty());
    PopulationSpec pre, post;
    pre.model = post.model = NeuronModel::kPeriodicSource;
    pre.source = {0.0, period_ms, t_pre_ms};
    post.source = {0.0, period_ms, t_post_ms};
    REQUIRE(net->AddPopulation(pre).ok());
    REQUIRE(net->AddPopulation(post).ok());
    ProjectionSpec s;
    s.pre = 0;
    s.post = 1;
    s.rule = ConnectionRule::kOneToOne;
    s.weight = w0;
    s.delay_ms = delay_ms;
    s.stdp = true;  // A+ 0.01, A- 0.012, tau 20 ms, w in [0, 1] (science.md)
    REQUIRE(net->Connect(s).ok());
}

SpikeStatistics RunBrunel(double g, double nu_ratio) {
    BrunelScene scene;  // browser scale: N_E 2000, N_I 500
    scene.g = g;
    scene.nu_ratio = nu_ratio;
    Network net;
    REQUIRE(BuildBrunel(scene, &net).ok());
    net.Run(1000);  // 100 ms of transient
    net.ResetStatistics();
    net.Run(4000);
    return net.Statistics();
}

}  // namespace

TEST_CASE("a spike sent at step k arrives at step k + delay/dt", "[spiking][delay]") {
    const double dt = GENERATE(0.1, 0.25);
    const double delay = GENERATE(0.5, 1.0, 1.5, 2.0, 4.75);
    Network net;
    const BuildResult r = SourceToCell(dt, delay, 5.0, &net);
    REQUIRE(r.ok());
    CHECK(r.warnings.empty());
    const std::int64_t k_send = std::lround(5.0 / dt);
    const std::int64_t d_steps = std::lround(delay / dt);  // no ties among these values
    std::int64_t arrival = -1;
    for (int k = 0; k < 200 && arrival < 0; ++k) {
        net.Step();
        if (net.v_mV()[1] != 0.0) arrival = net.step() - 1;
    }
    CHECK(arrival == k_send + d_steps);
}

TEST_CASE("delays round to the nearest step and a sub-step delay is clamped with a warning",
          "[spiking][delay]") {
    Network net;
    const BuildResult r = SourceToCell(0.1, 0.02, 1.0, &net);
    REQUIRE(r.ok());
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("one step") != std::string::npos);
    CHECK(net.projection(0).delay_steps[0] == 1);
    REQUIRE(SourceToCell(0.1, 0.26, 1.0, &net).ok());
    CHECK(net.projection(0).delay_steps[0] == 3);  // 2.6 steps -> 3
    REQUIRE(SourceToCell(0.1, 0.24, 1.0, &net).ok());
    CHECK(net.projection(0).delay_steps[0] == 2);  // 2.4 steps -> 2
}

TEST_CASE("two gap-coupled passive cells converge at rate 1/tau + 2g/C", "[spiking][gap]") {
    // tau dV_a/dt = -(V_a - E_L) + R g (V_b - V_a), and symmetrically for b, so the difference
    // D = V_a - V_b obeys tau dD/dt = -(1 + 2 R g) D: D(t) = D0 exp(-(1/tau + 2g/C) t), C = tau/R,
    // while the mean relaxes to E_L with 1/tau alone.
    const double dt = 0.01, tau = 10.0, r = 10.0, g = 0.05, e_l = -70.0;
    Network net(dt, 1);
    PopulationSpec pop;
    pop.size = 2;
    pop.lif.e_l_mV = e_l;
    pop.lif.tau_m_ms = tau;
    pop.lif.r_m_MOhm = r;
    pop.lif.v_th_mV = 1000.0;
    REQUIRE(net.AddPopulation(pop).ok());
    REQUIRE(net.AddGapJunction(0, 1, g).ok());
    REQUIRE(net.SetVoltage(0, -60.0).empty());
    const double t = 5.0;
    net.Run(std::lround(t / dt));
    const double rate = 1.0 / tau + 2.0 * g / (tau / r);
    const double diff = net.v_mV()[0] - net.v_mV()[1];
    CHECK_THAT(diff, WithinRel(10.0 * std::exp(-rate * t), 2e-3));
    const double mean = 0.5 * (net.v_mV()[0] + net.v_mV()[1]) - e_l;
    CHECK_THAT(mean, WithinRel(5.0 * std::exp(-t / tau), 2e-3));
}

TEST_CASE("STDP gives the science.md weight changes with the arrival time as pre time",
          "[spiking][stdp]") {
    Network net;
    SECTION("pre arrives at 10 ms, post at 15 ms: +A+ exp(-5/20) = +0.0077880") {
        PairingNetwork(9.0, 15.0, 1000.0, 1.0, 0.5, &net);  // sent 9 ms + 1 ms delay
        net.Run(300);
        CHECK_THAT(net.projection(0).weight[0] - 0.5, WithinAbs(0.0077880, 1e-7));
    }
    SECTION("post at 10 ms, pre arrives at 15 ms: -A- exp(-5/20) = -0.0093456") {
        PairingNetwork(13.0, 10.0, 1000.0, 2.0, 0.5, &net);  // sent 13 ms + 2 ms delay
        net.Run(300);
        CHECK_THAT(net.projection(0).weight[0] - 0.5, WithinAbs(-0.0093456, 1e-7));
    }
}

TEST_CASE("STDP weights stay within [w_min, w_max] under long one-sided pairing",
          "[spiking][stdp]") {
    Network net;
    const bool potentiate = GENERATE(true, false);
    // 1000 pairings, 50 ms apart: 1000 * 0.0078 would move the weight far past either bound.
    if (potentiate) {
        PairingNetwork(5.0, 11.0, 50.0, 1.0, 0.5, &net);
    } else {
        PairingNetwork(10.0, 5.0, 50.0, 1.0, 0.5, &net);
    }
    for (int k = 0; k < 500000; ++k) {
        net.Step();
        const double w = net.projection(0).weight[0];
        REQUIRE(w >= 0.0);
        REQUIRE(w <= 1.0);
    }
    CHECK(net.projection(0).weight[0] == (potentiate ? 1.0 : 0.0));
}

TEST_CASE("the STDP pairing scene changes the weight by the same amount at every pairing",
          "[spiking][stdp][scene]") {
    StdpScene scene;  // pairing 5 ms after arrival, 200 ms apart (traces decay to e^-10)
    Network net;
    REQUIRE(BuildStdp(scene, &net).ok());
    net.Run(std::lround(1000.0 / scene.dt_ms));  // pairings at 10..16, 210..216, ... ms
    CHECK_THAT(net.projection(0).weight[0] - 0.5, WithinAbs(5 * 0.0077880, 1e-5));
}

TEST_CASE("Brunel AI is irregular and asynchronous, SR is synchronous", "[spiking][brunel]") {
    // Brunel (2000) Fig. 8: AI at g = 5, nu_ext/nu_thr = 2; SR at g = 3, same drive.
    const SpikeStatistics ai = RunBrunel(5.0, 2.0);
    const SpikeStatistics sr = RunBrunel(3.0, 2.0);
    CHECK(ai.cv_isi > 0.8);
    CHECK(ai.cv_isi < 1.5);
    CHECK(ai.synchrony_chi < 0.3);
    CHECK(sr.synchrony_chi > 0.35);
    CHECK(sr.synchrony_chi > 2.0 * ai.synchrony_chi);
    CHECK(sr.cv_isi < 0.5);
}

TEST_CASE("Brunel scaling keeps epsilon and J C_E and reaches the published size at scale 1",
          "[spiking][brunel]") {
    BrunelScene s;
    CHECK(s.NExc() == 2000);
    CHECK(s.NInh() == 500);
    CHECK_THAT(s.JmV() * s.CExc(), WithinRel(100.0, 1e-12));
    CHECK_THAT(s.NuThrHz(), WithinRel(10.0, 1e-12));  // theta / (J C_E tau), science.md
    s.scale = 1.0;
    CHECK(s.NExc() + s.NInh() == 12500);
    CHECK(s.CExc() == 1000);
    CHECK_THAT(s.JmV(), WithinRel(0.1, 1e-12));
}

TEST_CASE("CUBA mean rate is within 20 percent of the Brian2 reference", "[spiking][cuba]") {
    CubaScene scene;  // Vogels-Abbott CUBA, 4000 LIF cells, 1 s (science.md)
    Network net;
    REQUIRE(BuildCuba(scene, &net).ok());
    net.Run(10000);
    CHECK_THAT(net.Statistics().mean_rate_Hz, WithinRel(5.6, 0.2));
}

TEST_CASE("the same seed gives the same spikes and another seed different ones",
          "[spiking][determinism]") {
    auto run = [](std::uint64_t seed) {
        Izhikevich1000Scene scene;
        scene.seed = seed;
        Network net;
        REQUIRE(BuildIzhikevich1000(scene, &net).ok());
        std::vector<std::int64_t> out;
        for (int k = 0; k < 300; ++k) {
            net.Step();
            for (int i : net.spikes_this_step()) out.push_back(k * 1000 + i);
        }
        return out;
    };
    const auto a = run(3), b = run(3), c = run(4);
    CHECK(!a.empty());
    CHECK(a == b);
    CHECK(a != c);
}

TEST_CASE("the Izhikevich network fires at a few hertz per cell", "[spiking][izh][scene]") {
    Network net;
    REQUIRE(BuildIzhikevich1000(Izhikevich1000Scene{}, &net).ok());
    net.Run(1000);  // 1000 ms at the paper's dt = 1 ms
    const double rate = net.Statistics().mean_rate_Hz;
    CHECK(rate > 2.0);
    CHECK(rate < 30.0);
}

TEST_CASE("structural plasticity prunes weak synapses and grows new ones",
          "[spiking][structural]") {
    StructuralScene scene;
    scene.structural.prune_below = 0.3;  // most weights start at 0.25: many are pruned
    scene.structural.grow_probability = 0.01;  // about 22 of the 2200 absent grow per rewiring
    scene.structural.grow_weight = 0.4;        // above the pruning bound, so they stay
    Network net;
    REQUIRE(BuildStructural(scene, &net).ok());
    const Projection& proj = net.projection(0);
    std::vector<std::uint8_t> before = proj.active;
    net.Run(std::lround(1000.0 / scene.dt_ms));
    int pruned = 0, grown = 0;
    for (std::size_t j = 0; j < before.size(); ++j) {
        pruned += before[j] && !proj.active[j];
        grown += !before[j] && proj.active[j];
    }
    CHECK(pruned > 0);
    CHECK(grown > 0);
    for (std::size_t j = 0; j < before.size(); ++j) {
        if (proj.active[j]) {
            CHECK(proj.weight[j] >= scene.stdp.w_min);
            CHECK(proj.weight[j] <= scene.stdp.w_max);
        }
    }
}

TEST_CASE("bad input is reported, never aborted on", "[spiking][params]") {
    Network net;
    CHECK_FALSE(net.Clear(-1.0, 1).empty());
    REQUIRE(net.Clear(0.1, 1).empty());
    PopulationSpec pop;
    pop.size = 0;
    CHECK_FALSE(net.AddPopulation(pop).ok());
    pop.size = 3;
    REQUIRE(net.AddPopulation(pop).ok());
    ProjectionSpec s;
    s.post = 4;
    CHECK_FALSE(net.Connect(s).ok());
    s.post = 0;
    s.delay_ms = 1e6;
    CHECK_FALSE(net.Connect(s).ok());
    CHECK_FALSE(net.SetBiasCurrent(2, 5, 1.0).empty());
    CHECK_FALSE(net.AddGapJunction(0, 0, 0.1).ok());
    BrunelScene b;
    b.scale = 50;
    CHECK(BuildBrunel(b, &net).error.find("scale") != std::string::npos);
}

TEST_CASE("the pair rule gives the science.md values", "[spiking][stdp]") {
    const StdpParams p;  // A+ 0.01, A- 0.012, tau 20 ms
    CHECK_THAT(StdpPairDeltaW(p, 5.0), WithinAbs(0.0077880, 1e-7));
    CHECK_THAT(StdpPairDeltaW(p, -5.0), WithinAbs(-0.0093456, 1e-7));
}

TEST_CASE("the learning window measured from the simulation is the pair rule", "[spiking][stdp]") {
    StdpParams p;
    p.tau_minus_ms = 33.7;  // Bi and Poo's asymmetric fit (science.md), to tell the sides apart
    p.tau_plus_ms = 16.8;
    const double dt_ms = GENERATE(0.1, 0.5);
    std::vector<double> offsets;
    for (int k = -12; k <= 12; ++k) offsets.push_back(5.0 * k);
    const std::vector<double> dw = MeasureStdpWindow(p, dt_ms, offsets);
    REQUIRE(dw.size() == offsets.size());
    for (std::size_t k = 0; k < offsets.size(); ++k) {
        INFO("offset " << offsets[k] << " ms, dt " << dt_ms << " ms");
        CHECK_THAT(dw[k], WithinAbs(StdpPairDeltaW(p, offsets[k]), 1e-12));
    }
}
