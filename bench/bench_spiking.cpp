// Benchmark of the spiking core: wall time of CUBA (4000 LIF, 1 s at dt 0.1 ms) and of the
// Izhikevich (2003) 1000-cell network (1000 ms at dt 1 ms). Network building is timed apart.
// Builds natively and with Emscripten; compare with bench/brian2_cuba.py.
#include <chrono>
#include <cstdio>

#include "core/spiking/scenes.h"

namespace {

using namespace dendrites::spiking;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

// Builds the scene, runs duration_ms `repeats` times from fresh builds, prints the best run.
void Bench(const char* name, const SceneConfig& config, double duration_ms, int repeats) {
    double best_run = 1e30, build = 0.0;
    long long spikes = 0;
    for (int r = 0; r < repeats; ++r) {
        Network net;
        const auto t0 = Clock::now();
        const BuildResult built = BuildScene(config, &net);
        const auto t1 = Clock::now();
        if (!built.ok()) {
            std::printf("%s: build failed: %s\n", name, built.error.c_str());
            return;
        }
        net.Run(static_cast<std::int64_t>(duration_ms / net.dt_ms() + 0.5));
        const auto t2 = Clock::now();
        build = Seconds(t0, t1);
        if (Seconds(t1, t2) < best_run) best_run = Seconds(t1, t2);
        spikes = net.Statistics().spikes;
    }
    std::printf("%-16s simulated %6.0f ms  run %.4f s (best of %d)  build %.4f s  spikes %lld\n",
                name, duration_ms, best_run, repeats, build, spikes);
}

}  // namespace

int main() {
    SceneConfig cuba;
    cuba.kind = SceneKind::kCuba;
    Bench("cuba", cuba, 1000.0, 5);
    SceneConfig izh;
    izh.kind = SceneKind::kIzhikevich1000;
    Bench("izhikevich-1000", izh, 1000.0, 5);
    SceneConfig brunel;
    brunel.kind = SceneKind::kBrunel;
    Bench("brunel-ai", brunel, 1000.0, 1);
    return 0;
}
