// Single-neuron tests of the spiking lab: LIF against its closed form (science.md) and the
// Izhikevich (2003) firing types.
#include <catch_amalgamated.hpp>

#include <cmath>
#include <vector>

#include "core/spiking/scenes.h"

using namespace dendrites::spiking;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// Spike steps of neuron 0 in a one-neuron scene run for duration_ms.
std::vector<std::int64_t> RunOneNeuron(const OneNeuronScene& scene, double duration_ms) {
    Network net;
    const BuildResult r = BuildOneNeuron(scene, &net);
    REQUIRE(r.ok());
    net.Run(static_cast<std::int64_t>(std::lround(duration_ms / scene.dt_ms)));
    std::vector<std::int64_t> steps;
    const auto& spikes = net.recorder().spikes();
    for (std::size_t k = 0; k < spikes.size(); ++k) steps.push_back(spikes[k].step);
    return steps;
}

std::vector<double> IsisMs(const std::vector<std::int64_t>& steps, double dt_ms) {
    std::vector<double> isi;
    for (std::size_t k = 1; k < steps.size(); ++k) isi.push_back((steps[k] - steps[k - 1]) * dt_ms);
    return isi;
}

struct LifCase {
    double e_l, v_reset, v_th, r, tau, t_ref, i_nA, isi_ms;
};

}  // namespace

TEST_CASE("LIF interspike interval matches the closed form within one step for the science.md "
          "table",
          "[spiking][lif]") {
    // science.md, LIF table (Neuronal Dynamics exercises; Dayan and Abbott Fig. 5.5).
    const LifCase c = GENERATE(LifCase{-70, -65, -50, 10, 8, 2, 2.1, 24.181},
                               LifCase{-70, -65, -50, 10, 8, 2, 2.5, 13.090},
                               LifCase{-70, -65, -50, 10, 8, 2, 3.0, 9.330},
                               LifCase{-70, -65, -50, 10, 8, 2, 4.0, 6.477},
                               LifCase{-65, -65, -50, 10, 10, 0, 2.0, 13.863});
    const double dt = GENERATE(0.1, 0.01);
    OneNeuronScene scene;
    scene.dt_ms = dt;
    scene.lif = {c.e_l, c.v_reset, c.v_th, c.r, c.tau, c.t_ref};
    scene.i_ext = c.i_nA;
    const auto isi = IsisMs(RunOneNeuron(scene, 300.0), dt);
    REQUIRE(isi.size() >= 5);
    for (double x : isi) {
        // Threshold is detected at the end of the step in which it is crossed: at most one
        // step late, never early.
        CHECK(x >= c.isi_ms - 1e-3);
        CHECK(x <= c.isi_ms + dt + 1e-3);
    }
    CHECK_THAT(LifClosedFormIsiMs(scene.lif, c.i_nA), WithinAbs(c.isi_ms, 1e-3));
}

TEST_CASE("LIF never fires below the rheobase", "[spiking][lif]") {
    OneNeuronScene scene;  // rheobase (V_th - E_L)/R = 20 mV / 10 MOhm = 2 nA
    REQUIRE_THAT(scene.lif.RheobaseNanoamp(), WithinRel(2.0, 1e-12));
    scene.i_ext = GENERATE(0.0, 1.0, 1.99, 2.0);
    CHECK(RunOneNeuron(scene, 2000.0).empty());
}

TEST_CASE("every LIF interval under constant drive is the same whole number of steps",
          "[spiking][lif]") {
    OneNeuronScene scene;
    scene.i_ext = GENERATE(2.1, 2.5, 3.0, 4.0);
    const auto steps = RunOneNeuron(scene, 1000.0);
    REQUIRE(steps.size() > 10);
    // The first interval starts from E_L, not V_reset; all later ones start from V_reset.
    const std::int64_t first = steps[2] - steps[1];
    for (std::size_t k = 2; k < steps.size(); ++k) CHECK(steps[k] - steps[k - 1] == first);
}

TEST_CASE("LIF refractoriness is exact and input during it has no effect on V",
          "[spiking][lif]") {
    const double dt = 0.1;
    LifParams lif;  // t_ref 2 ms = 20 steps
    SECTION("a huge drive fires exactly every refractory period plus one step") {
        OneNeuronScene scene;
        scene.lif = lif;
        scene.i_ext = 1000.0;
        const auto steps = RunOneNeuron(scene, 100.0);
        REQUIRE(steps.size() > 10);
        for (std::size_t k = 1; k < steps.size(); ++k) CHECK(steps[k] - steps[k - 1] == 21);
    }
    SECTION("a current pulse during refractoriness leaves the voltage trajectory unchanged") {
        auto make = [&](bool with_pulse, Network* net) {
            PopulationSpec pop;
            pop.lif = lif;
            REQUIRE(net->Clear(dt, 1).empty());
            REQUIRE(net->AddPopulation(pop).ok());
            REQUIRE(net->SetBiasCurrent(0, 1, 1.5).empty());  // subthreshold
            if (with_pulse) {
                Stimulus s;
                s.kind = StimulusKind::kStep;
                s.amplitude = 50.0;
                s.start_ms = 10.1;  // steps 101..120: inside the refractory window
                s.stop_ms = 12.1;
                REQUIRE(net->AddStimulus(s).ok());
            }
        };
        Network a, b;
        make(false, &a);
        make(true, &b);
        for (int k = 0; k < 400; ++k) {
            if (k == 100) {
                a.ForceSpike(0);
                b.ForceSpike(0);
            }
            a.Step();
            b.Step();
            if (k > 100 && k <= 120) {
                CHECK(a.v_mV()[0] == lif.v_reset_mV);
                CHECK(b.v_mV()[0] == lif.v_reset_mV);
            }
            CHECK(a.v_mV()[0] == b.v_mV()[0]);
        }
    }
}

TEST_CASE("Izhikevich regular spiking adapts and fast spiking hardly does", "[spiking][izh]") {
    // Izhikevich (2003) Fig. 2: RS intervals lengthen markedly; FS keeps firing fast.
    OneNeuronScene scene;
    scene.model = NeuronModel::kIzhikevich;
    scene.i_ext = 15.0;
    scene.izhikevich = IzhikevichPreset(IzhikevichType::kRS);
    const auto rs = IsisMs(RunOneNeuron(scene, 500.0), scene.dt_ms);
    scene.izhikevich = IzhikevichPreset(IzhikevichType::kFS);
    const auto fs = IsisMs(RunOneNeuron(scene, 500.0), scene.dt_ms);
    REQUIRE(rs.size() >= 5);
    REQUIRE(fs.size() >= 20);
    CHECK(rs.back() > 3.0 * rs.front());
    for (std::size_t k = 1; k < rs.size(); ++k) CHECK(rs[k] >= rs[k - 1] - 0.11);
    CHECK(fs.back() < 2.0 * fs.front());
    CHECK(fs.size() > 3 * rs.size());
}

TEST_CASE("Izhikevich intrinsically bursting and chattering cells burst", "[spiking][izh]") {
    OneNeuronScene scene;
    scene.model = NeuronModel::kIzhikevich;
    scene.i_ext = 10.0;
    SECTION("IB: an initial burst, then tonic spikes") {
        scene.izhikevich = IzhikevichPreset(IzhikevichType::kIB);
        const auto isi = IsisMs(RunOneNeuron(scene, 500.0), scene.dt_ms);
        REQUIRE(isi.size() >= 6);
        CHECK(isi[0] < 10.0);
        CHECK(isi[1] < 10.0);
        for (std::size_t k = 3; k < isi.size(); ++k) CHECK(isi[k] > 20.0);
    }
    SECTION("CH: repeated bursts of closely spaced spikes") {
        scene.izhikevich = IzhikevichPreset(IzhikevichType::kCH);
        const auto isi = IsisMs(RunOneNeuron(scene, 500.0), scene.dt_ms);
        int short_isi = 0, long_isi = 0;
        for (double x : isi) {
            short_isi += x < 10.0;
            long_isi += x > 30.0;
        }
        CHECK(long_isi >= 5);               // several bursts ...
        CHECK(short_isi >= 2 * long_isi);  // ... of several spikes each
    }
}

TEST_CASE("Izhikevich membrane potential stays finite under huge input", "[spiking][izh]") {
    const double input = GENERATE(1e6, -1e6, 1e300, -1e300);
    double v = -65.0, u = -13.0;
    const IzhikevichParams p = IzhikevichPreset(IzhikevichType::kRS);
    for (int k = 0; k < 1000; ++k) {
        IzhikevichStep(p, input, 0.5, &v, &u);
        REQUIRE(std::isfinite(v));
        REQUIRE(std::isfinite(u));
        REQUIRE(v <= kIzhikevichPeak_mV);
    }
}

TEST_CASE("neuron parameters are validated with readable messages", "[spiking][params]") {
    LifParams lif;
    lif.tau_m_ms = -1;
    CHECK(lif.Validate().find("tau_m_ms") != std::string::npos);
    lif = LifParams{};
    lif.v_reset_mV = -40;
    CHECK(lif.Validate().find("v_reset_mV") != std::string::npos);
    IzhikevichParams izh;
    izh.a = std::nan("");
    CHECK_FALSE(izh.Validate().empty());
    CHECK(IzhikevichParams{}.Validate().empty());
}
