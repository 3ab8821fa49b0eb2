// Rounding a network's weights and biases to a few levels per layer (see quantize.h).
#include "core/mlp/quantize.h"

#include <algorithm>
#include <cmath>

namespace dendrites::mlp {
namespace {

// Nearest of the levels m·(2k − (levels − 1))/(levels − 1), k = 0 .. levels − 1. Written this
// way the end levels are exactly ±m and level k is exactly minus level levels − 1 − k.
double RoundToLevel(double v, double m, double step, double levels) {
    const double k = std::clamp(std::round((v + m) / step), 0.0, levels - 1.0);
    return m * (2.0 * k - (levels - 1.0)) / (levels - 1.0);
}

}  // namespace

Network QuantizedCopy(const Network& net, int bits) {
    bits = std::clamp(bits, kMinQuantizationBits, kMaxQuantizationBits);
    const double levels = std::ldexp(1.0, bits);  // 2^bits, exact
    Network out = net;
    for (int l = 0; l < out.NumWeightLayers(); ++l) {
        Eigen::MatrixXd& w = out.MutableW(l);
        Eigen::VectorXd& b = out.MutableB(l);
        const double m = std::max(w.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff());
        if (!(m > 0.0) || !std::isfinite(m)) continue;  // all zero (or not finite): nothing to do
        const double step = 2.0 * m / (levels - 1.0);
        for (Eigen::Index k = 0; k < w.size(); ++k)
            w.data()[k] = RoundToLevel(w.data()[k], m, step, levels);
        for (Eigen::Index k = 0; k < b.size(); ++k)
            b.data()[k] = RoundToLevel(b.data()[k], m, step, levels);
    }
    return out;
}

}  // namespace dendrites::mlp
