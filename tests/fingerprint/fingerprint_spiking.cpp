// Fingerprints of seeded spiking runs: FNV-1a over every spike (step, neuron) and the bit
// patterns of a few final membrane potentials. Native and WebAssembly must print the same.
#include <cstdio>

#include "core/spiking/scenes.h"
#include "fingerprint.h"

namespace {

using namespace dendrites::spiking;

void PrintOne(const char* name, SceneConfig config, double duration_ms) {
    config.SetSeed(1);
    Network net;
    const BuildResult built = BuildScene(config, &net);
    if (!built.ok()) {
        std::printf("spiking %s build error: %s\n", name, built.error.c_str());
        return;
    }
    Fnv1a hash;
    std::uint64_t spikes = 0;
    const auto steps = static_cast<std::int64_t>(duration_ms / net.dt_ms() + 0.5);
    for (std::int64_t k = 0; k < steps; ++k) {
        net.Step();
        for (int i : net.spikes_this_step()) {
            hash.Add(static_cast<std::uint64_t>(k));
            hash.Add(static_cast<std::uint64_t>(i));
            ++spikes;
        }
    }
    for (int i = 0; i < net.size() && i < 8; ++i) hash.Add(net.v_mV()[i]);
    for (int p = 0; p < net.projection_count(); ++p) {  // plastic weights
        const Projection& proj = net.projection(p);
        if (proj.spec.stdp) {
            for (std::int64_t j = 0; j < proj.size() && j < 64; ++j) hash.Add(proj.weight[j]);
        }
    }
    std::printf("spiking %s seed=1 spikes=%llu hash=0x%016llx\n", name,
                static_cast<unsigned long long>(spikes),
                static_cast<unsigned long long>(hash.Value()));
}

}  // namespace

void PrintSpikingFingerprints() {
    SceneConfig c;
    c.kind = SceneKind::kOneNeuron;
    c.one_neuron.noise_sd = 0.5;
    PrintOne("one-neuron", c, 500.0);
    c.kind = SceneKind::kZoo;
    PrintOne("zoo", c, 300.0);
    c.kind = SceneKind::kDelays;
    PrintOne("delays", c, 300.0);
    c.kind = SceneKind::kIzhikevich1000;
    PrintOne("izhikevich-1000", c, 300.0);
    c.kind = SceneKind::kBrunel;
    PrintOne("brunel", c, 200.0);
    c.kind = SceneKind::kStdp;
    c.stdp.mode = StdpMode::kPoissonInputs;
    PrintOne("stdp", c, 500.0);
    c.kind = SceneKind::kStructural;
    PrintOne("structural", c, 500.0);
    c.kind = SceneKind::kCuba;
    PrintOne("cuba", c, 300.0);
}
