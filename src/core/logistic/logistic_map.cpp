// Datasets from the logistic map (see logistic_map.h).
#include "core/logistic/logistic_map.h"

#include <cmath>
#include <numeric>
#include <vector>

#include "core/detmath.h"
#include "core/random.h"

namespace dendrites::logistic {
namespace {

// Streams of the seed used for each purpose, so that changing one use never shifts another.
constexpr std::uint64_t kDataStream = 0x6461746100000000ULL;  // "data"
constexpr std::uint64_t kEvalStream = 0x6576616c00000000ULL;  // "eval"

std::string Fmt(double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}

Dataset Select(const Dataset& all, const std::vector<int>& indices, std::size_t begin,
               std::size_t end) {
    Dataset out;
    const auto n = static_cast<Eigen::Index>(end - begin);
    out.x.resize(all.x.rows(), n);
    out.y.resize(all.y.rows(), n);
    for (Eigen::Index j = 0; j < n; ++j) {
        out.x.col(j) = all.x.col(indices[begin + static_cast<std::size_t>(j)]);
        out.y.col(j) = all.y.col(indices[begin + static_cast<std::size_t>(j)]);
    }
    return out;
}

}  // namespace

std::string DataParams::Validate() const {
    if (!(r >= 0.0 && r <= 4.0)) return "r must be in [0, 4] (got " + Fmt(r) + ")";
    if (samples < 2 || samples > 1000000)
        return "samples must be between 2 and 1000000 (got " + std::to_string(samples) + ")";
    if (!(x0 >= 0.0 && x0 <= 1.0)) return "x0 must be in [0, 1] (got " + Fmt(x0) + ")";
    if (!(noise_std >= 0.0 && noise_std <= 1.0))
        return "noise must be in [0, 1] (got " + Fmt(noise_std) + ")";
    if (!(test_fraction >= 0.0 && test_fraction <= 0.9))
        return "test fraction must be in [0, 0.9] (got " + Fmt(test_fraction) + ")";
    return {};
}

DataSplit MakeData(const DataParams& params, std::uint64_t seed) {
    DataSplit split;
    split.error = params.Validate();
    if (!split.error.empty()) return split;

    Rng rng(seed ^ kDataStream);
    Dataset all;
    all.x.resize(1, params.samples);
    all.y.resize(1, params.samples);
    if (params.sampling == Sampling::Orbit) {
        double x = params.x0;
        for (int n = 0; n < params.samples; ++n) {
            const double next = Map(x, params.r);
            // A fixed point reached exactly makes the rest of the orbit one repeated pair.
            if (next == x && n + 1 < params.samples) {
                split.error = "the orbit from x0 = " + Fmt(params.x0) +
                              " reaches the fixed point x = " + Fmt(x) + " after " +
                              std::to_string(n) +
                              " iterations; choose another x0 or uniform sampling";
                return split;
            }
            all.x(0, n) = x;
            all.y(0, n) = next;
            x = next;
        }
    } else {
        for (int n = 0; n < params.samples; ++n) {
            const double x = rng.Uniform();
            all.x(0, n) = x;
            all.y(0, n) = Map(x, params.r);
        }
    }
    if (params.noise_std > 0.0) {
        for (int n = 0; n < params.samples; ++n) all.y(0, n) += rng.Normal(0.0, params.noise_std);
    }

    // Held-out samples are a random subset, so an orbit's test points interleave with training.
    std::vector<int> order(static_cast<std::size_t>(params.samples));
    std::iota(order.begin(), order.end(), 0);
    const auto n_test = static_cast<std::size_t>(std::floor(params.test_fraction * params.samples));
    if (n_test > 0) rng.Shuffle(order);
    split.test = Select(all, order, 0, n_test);
    split.train = Select(all, order, n_test, order.size());
    return split;
}

Dataset MakeEvaluationSet(double r, int count, std::uint64_t seed) {
    Rng rng(seed ^ kEvalStream);
    Dataset eval;
    eval.x.resize(1, count);
    eval.y.resize(1, count);
    for (int j = 0; j < count; ++j) {
        eval.x(0, j) = rng.Uniform();
        eval.y(0, j) = Map(eval.x(0, j), r);
    }
    return eval;
}

double LyapunovExponent(double r, double x0, int transient, int iterations) {
    double x = x0;
    for (int n = 0; n < transient; ++n) x = Map(x, r);
    double sum = 0.0;
    for (int n = 0; n < iterations; ++n) {
        sum += Log(std::fabs(r * (1.0 - 2.0 * x)));
        x = Map(x, r);
    }
    return sum / iterations;
}

}  // namespace dendrites::logistic
