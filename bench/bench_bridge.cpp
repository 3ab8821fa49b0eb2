// Benchmark of the bridge's per-frame work: an epoch of the (x, r) network, one surrogate-
// gradient update, a simulated second of the unclocked network, and the analog screen's
// refresh (the MLP rounded to 1..16 bits, each evaluated on 100 inputs). Best of several runs;
// builds natively and with Emscripten. Results: docs/benchmarks.md.
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/bridge/unclocked.h"
#include "core/bridge/work.h"
#include "core/mlp/family.h"
#include "core/mlp/quantize.h"
#include "core/mlp/trainer.h"
#include "core/spiking/surrogate.h"

namespace {

using namespace dendrites;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// Runs `work` `repeats` times and returns the shortest wall time.
template <typename Work>
double Best(int repeats, Work work) {
    double best = 1e30;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = Clock::now();
        work();
        best = std::min(best, Seconds(t0, Clock::now()));
    }
    return best;
}

}  // namespace

int main() {
    {
        mlp::FamilyTrainer family;
        const double epoch = Best(5, [&] { family.StepEpoch(); });
        std::printf("family epoch (20000 samples, 2-32-32-1)  %.4f s  test MSE %.2e\n", epoch,
                    family.TestMse());
    }
    {
        spiking::SurrogateTrainer trainer;
        const int updates = 200;
        const double run = Best(3, [&] {
            trainer.Reset();
            for (int k = 0; k < updates; ++k) trainer.Step();
        });
        std::printf("surrogate update (100 inputs, 2 outputs, 300 steps)  %.1f us\n",
                    1e6 * run / updates);
    }
    {
        std::int64_t events = 0;
        const double run = Best(5, [&] {
            spiking::Network net;
            bridge::BuildUnclocked(bridge::UnclockedParams{}, &net);
            bridge::EventCounter counter(net);
            for (int k = 0; k < 10000; ++k) {
                net.Step();
                counter.Count(net);
            }
            events = counter.Events();
        });
        std::printf("unclocked network, 1 s simulated (16 cells)  %.4f s  %lld synaptic events\n",
                    run, static_cast<long long>(events));
    }
    {
        mlp::Trainer t;
        for (int e = 0; e < 5; ++e) t.StepEpoch();
        double sum = 0.0;
        const double refresh = Best(20, [&] {
            for (int bits = 1; bits <= 16; ++bits) {
                const mlp::Network q = mlp::QuantizedCopy(t.Net(), bits);
                sum += q.MeanSquaredError(t.EvalData().x, t.EvalData().y);
            }
        });
        std::printf("analog screen refresh (1-30-1 at 1..16 bits)  %.1f us  (checksum %.3g)\n",
                    1e6 * refresh, sum);
    }
    return 0;
}
