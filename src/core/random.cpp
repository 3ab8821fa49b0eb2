// Seeded engine and the project's own distributions (see random.h for why they are our own).
#include "core/random.h"

#include <cmath>

#include "core/detmath.h"

namespace dendrites {
namespace {

std::uint64_t SplitMix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t RotateLeft(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

}  // namespace

Rng::Rng(std::uint64_t seed) {
    Seed(seed);
}

void Rng::Seed(std::uint64_t seed) {
    std::uint64_t state = seed;
    for (auto& word : s_) word = SplitMix64(state);
    has_spare_normal_ = false;
    spare_normal_ = 0.0;
}

std::uint64_t Rng::NextU64() {
    const std::uint64_t result = RotateLeft(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = RotateLeft(s_[3], 45);
    return result;
}

double Rng::Uniform() {
    // The top 53 bits scaled by 2^-53: exact in binary64, so identical on every platform.
    return static_cast<double>(NextU64() >> 11) * 0x1.0p-53;
}

double Rng::Uniform(double lo, double hi) {
    return lo + (hi - lo) * Uniform();
}

std::uint64_t Rng::UniformInt(std::uint64_t n) {
    // Lemire-style rejection on the low end keeps the draw unbiased for any n.
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
        const std::uint64_t x = NextU64();
        if (x >= threshold) return x % n;
    }
}

double Rng::Normal() {
    if (has_spare_normal_) {
        has_spare_normal_ = false;
        return spare_normal_;
    }
    // Marsaglia polar method: only +, *, /, sqrt and our own Log, which round alike everywhere.
    double u, v, s;
    do {
        u = 2.0 * Uniform() - 1.0;
        v = 2.0 * Uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * Log(s) / s);
    spare_normal_ = v * factor;
    has_spare_normal_ = true;
    return u * factor;
}

double Rng::Normal(double mean, double stddev) {
    return mean + stddev * Normal();
}

double Rng::Exponential(double rate) {
    return -Log(1.0 - Uniform()) / rate;
}

std::uint64_t Rng::Poisson(double lambda) {
    if (lambda <= 0.0) return 0;
    if (lambda > 500.0) {
        const double x = std::floor(Normal(lambda, std::sqrt(lambda)) + 0.5);
        return x < 0.0 ? 0 : static_cast<std::uint64_t>(x);
    }
    // Knuth: count uniforms until their product drops below e^-lambda.
    const double limit = Exp(-lambda);
    std::uint64_t k = 0;
    double product = Uniform();
    while (product > limit) {
        ++k;
        product *= Uniform();
    }
    return k;
}

bool Rng::Bernoulli(double p) {
    return Uniform() < p;
}

}  // namespace dendrites
