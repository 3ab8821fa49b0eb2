// The logistic map x' = r·x·(1−x) and the datasets the MLP lab learns from.
//
// A dataset is a set of (x_n, x_{n+1}) pairs, made either by iterating the map from x0 (the
// reference experiment: 10,000 consecutive iterates at r = 4 from x0 = 0.2) or by drawing x
// uniformly from [0, 1]. Inputs and targets are stored column-wise: column j is sample j.
#pragma once

#include <cstdint>
#include <string>

#include <Eigen/Core>

namespace dendrites::logistic {

inline double Map(double x, double r) {
    return r * x * (1.0 - x);
}

enum class Sampling { Orbit, Uniform };

struct DataParams {
    double r = 4.0;                       // map parameter, in [0, 4]
    int samples = 10000;                  // number of (x_n, x_{n+1}) pairs, 2 to 1,000,000
    double x0 = 0.2;                      // starting point of the orbit, in [0, 1]
    Sampling sampling = Sampling::Orbit;  // consecutive iterates, or uniform random x
    double noise_std = 0.0;               // Gaussian noise added to targets (not to inputs)
    double test_fraction = 0.0;           // share of samples held out as a test set, [0, 0.9]

    // Empty when valid; otherwise a message naming the offending parameter.
    std::string Validate() const;
};

struct Dataset {
    Eigen::MatrixXd x;  // 1 x n inputs
    Eigen::MatrixXd y;  // 1 x n targets
    int Size() const { return static_cast<int>(x.cols()); }
};

struct DataSplit {
    Dataset train;
    Dataset test;       // empty when test_fraction is 0
    std::string error;  // non-empty if the data could not be made (see MakeData)
};

// Builds the training (and held-out) data. Draws (uniform x, noise, split) use `seed`.
// An orbit that collapses onto a fixed point (at r = 4 some floating-point orbits reach 0
// exactly, after which every pair is (0, 0)) is detected and reported in `error`.
DataSplit MakeData(const DataParams& params, std::uint64_t seed);

// The reference evaluation set: `count` inputs uniform on [0, 1] and their exact images.
// Independent of the training data (its own stream derived from `seed`).
Dataset MakeEvaluationSet(double r, int count, std::uint64_t seed);

// Lyapunov exponent of the map at r, averaged along an orbit: mean of ln|r(1 − 2x)|.
double LyapunovExponent(double r, double x0, int transient, int iterations);

}  // namespace dendrites::logistic
