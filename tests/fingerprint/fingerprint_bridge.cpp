// Fingerprints of the bridge's seeded runs: the network of (x, r), surrogate-gradient training,
// the unclocked spiking network and the k-bit membrane.
#include <cstdio>

#include "core/bridge/digital_membrane.h"
#include "core/bridge/unclocked.h"
#include "core/mlp/family.h"
#include "core/random.h"
#include "core/spiking/surrogate.h"
#include "fingerprint.h"

namespace {

using namespace dendrites;

void Print(const char* name, std::uint64_t hash, double value) {
    std::printf("bridge %s hash=0x%016llx value=%.17g\n", name,
                static_cast<unsigned long long>(hash), value);
}

void AddMatrix(Fnv1a& h, const Eigen::MatrixXd& m) {
    for (Eigen::Index k = 0; k < m.cols(); ++k)
        for (Eigen::Index i = 0; i < m.rows(); ++i) h.Add(m(i, k));
}

}  // namespace

void PrintBridgeFingerprints() {
    {
        mlp::FamilyTrainer family;
        family.StepEpoch();
        Fnv1a h;
        for (int l = 0; l < family.Net().NumWeightLayers(); ++l) {
            AddMatrix(h, family.Net().W(l));
            AddMatrix(h, family.Net().B(l));
        }
        Print("family-epoch-1", h.Value(), family.Predict(0.3, 3.7));
    }
    {
        spiking::SurrogateTrainer trainer;
        for (int k = 0; k < 40; ++k) trainer.Step();
        Fnv1a h;
        AddMatrix(h, trainer.Weights());
        Print("surrogate-40", h.Value(), trainer.Loss());
    }
    {
        spiking::Network net;
        bridge::BuildUnclocked(bridge::UnclockedParams{}, &net);
        Fnv1a h;
        std::uint64_t spikes = 0;
        for (int k = 0; k < 5000; ++k) {
            net.Step();
            for (int i : net.spikes_this_step()) {
                h.Add(static_cast<std::uint64_t>(net.step()) * 1000 + static_cast<std::uint64_t>(i));
                ++spikes;
            }
        }
        for (double w : net.projection(bridge::kExcToExc).weight) h.Add(w);
        Print("unclocked-500ms", h.Value(), static_cast<double>(spikes));
    }
    {
        spiking::LifParams p;
        bridge::DigitalLif analog(p, bridge::VoltageGrid{-80, -40, 0}, 0.1);
        bridge::DigitalLif digital(p, bridge::VoltageGrid{-80, -40, 8}, 0.1);
        Rng rng(7);
        Fnv1a h;
        for (int k = 0; k < 20000; ++k) {
            const double i = 2.05 + 0.6 * rng.Normal();
            h.Add(static_cast<std::uint64_t>(analog.Step(i)) * 2 + digital.Step(i));
            h.Add(analog.V());
            h.Add(digital.V());
        }
        Print("membranes-2s", h.Value(), analog.V());
    }
}
