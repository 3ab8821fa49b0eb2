// Seeded random numbers that give the same stream on every platform (native and WebAssembly).
//
// The standard library's distributions are implementation-defined (libstdc++ and libc++ draw
// different normals from the same engine), so only the engine's raw 64-bit output is used and
// every distribution is written here, from operations that IEEE 754 rounds identically everywhere.
#pragma once

#include <cstdint>
#include <vector>

namespace dendrites {

// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64 so that nearby seeds give
// unrelated streams.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 1);

    void Seed(std::uint64_t seed);
    std::uint64_t NextU64();

    // Uniform double in [0, 1) with 53 random bits.
    double Uniform();
    // Uniform double in [lo, hi).
    double Uniform(double lo, double hi);
    // Uniform integer in [0, n); n must be positive. Unbiased (rejection sampling).
    std::uint64_t UniformInt(std::uint64_t n);
    // Standard normal draw (Marsaglia polar method; the spare value is kept for the next call).
    double Normal();
    double Normal(double mean, double stddev);
    // Exponential draw with the given rate (mean 1/rate).
    double Exponential(double rate);
    // Poisson draw with mean `lambda` (Knuth's method for small lambda, normal approximation
    // rounded and clamped at zero above 500).
    std::uint64_t Poisson(double lambda);
    // true with probability p.
    bool Bernoulli(double p);

    // Fisher-Yates shuffle of indices.
    template <typename T>
    void Shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            const std::size_t j = static_cast<std::size_t>(UniformInt(i));
            std::swap(v[i - 1], v[j]);
        }
    }

private:
    std::uint64_t s_[4];
    bool has_spare_normal_ = false;
    double spare_normal_ = 0.0;
};

}  // namespace dendrites
