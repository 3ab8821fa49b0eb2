// Benchmark: the reference experiment (10,000 iterates at r = 4 from x0 = 0.2, 1-30-1 sigmoid,
// RMSProp lr 0.001, batch 16, 25 epochs), seeds 1 to 5. Prints wall time, samples per second
// and the test MSE on 100 unseen inputs. Built natively and for WebAssembly (run under Node).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "core/mlp/trainer.h"

int main() {
    using namespace dendrites::mlp;
    using Clock = std::chrono::steady_clock;
    std::vector<double> seconds, mses;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        TrainerConfig config;  // defaults are the reference experiment
        config.seed = seed;
        const auto start = Clock::now();
        Trainer trainer(config);
        for (int e = 0; e < 25; ++e) trainer.StepEpoch();
        const double s = std::chrono::duration<double>(Clock::now() - start).count();
        seconds.push_back(s);
        mses.push_back(trainer.TestLoss());
        std::printf("seed %llu  %.4f s  %.3g samples/s  test_mse %.3e\n",
                    static_cast<unsigned long long>(seed), s, 250000.0 / s, trainer.TestLoss());
    }
    std::sort(seconds.begin(), seconds.end());
    std::sort(mses.begin(), mses.end());
    std::printf("median: %.4f s per run (%.3g samples/s), test_mse %.3e\n", seconds[2],
                250000.0 / seconds[2], mses[2]);
    return 0;
}
