// Deterministic exp, expm1, log and tanh (see detmath.h).
#include "core/detmath.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace dendrites {
namespace {

// ln 2 split so that k·kLn2Hi is exact for |k| < 2^11 (kLn2Hi has 11 trailing zero bits).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;

// 2^k for −1022 <= k <= 1023, built from the exponent bits.
double PowerOfTwo(int k) {
    const std::uint64_t bits = static_cast<std::uint64_t>(k + 1023) << 52;
    double result;
    std::memcpy(&result, &bits, sizeof result);
    return result;
}

// e^r − 1 for |r| <= 0.35 by its Taylor series r + r²/2! + ... + r^16/16!, in Horner form.
// The first omitted term is below 0.35^17/17! ≈ 5e−23 relative to r: far under one ulp.
double Expm1Small(double r) {
    double sum = 1.0;
    for (int n = 16; n >= 2; --n) sum = 1.0 + sum * r / n;
    return r * sum;
}

// Splits x = k·ln 2 + r with |r| <= ln2/2, returning r and setting k.
double Reduce(double x, int& k) {
    k = static_cast<int>(std::floor(x * kInvLn2 + 0.5));
    return (x - k * kLn2Hi) - k * kLn2Lo;
}

}  // namespace

double Exp(double x) {
    if (std::isnan(x)) return x;
    if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
    if (x < -745.1332191019412) return 0.0;
    int k;
    const double r = Reduce(x, k);
    const double e_r = 1.0 + Expm1Small(r);
    // Scale by 2^k in two exact steps so that subnormal results and k = 1024 stay in range.
    const int half = k / 2;
    return e_r * PowerOfTwo(half) * PowerOfTwo(k - half);
}

double Expm1(double x) {
    if (std::fabs(x) <= 0.34657359027997264) return Expm1Small(x);
    if (x < -40.0) return -1.0;
    return Exp(x) - 1.0;
}

double Log(double x) {
    if (std::isnan(x) || x < 0.0) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0.0) return -std::numeric_limits<double>::infinity();
    if (std::isinf(x)) return x;
    // x = m·2^e with m in [√½, √2); then ln x = e·ln 2 + 2·atanh(s), s = (m − 1)/(m + 1).
    int e = 0;
    double m = std::frexp(x, &e);  // m in [0.5, 1), exact
    if (m < 0.70710678118654752) {
        m *= 2.0;
        --e;
    }
    const double s = (m - 1.0) / (m + 1.0);  // |s| <= 0.1716
    const double s2 = s * s;
    // 2·atanh(s) = 2(s + s³/3 + s⁵/5 + ...); terms to s^25 leave < 1e−20 relative error.
    double series = 0.0;
    for (int n = 25; n >= 3; n -= 2) series = (series + 1.0 / n) * s2;
    const double log_m = 2.0 * s + 2.0 * s * series;
    return (e * kLn2Hi + log_m) + e * kLn2Lo;
}

double Tanh(double x) {
    if (std::isnan(x)) return x;
    const double ax = std::fabs(x);
    if (ax > 19.1) return x > 0.0 ? 1.0 : -1.0;  // 1 − tanh < 2^−54 beyond here
    // tanh|x| = u/(u + 2) with u = e^{2|x|} − 1: no cancellation for small |x|.
    const double u = Expm1(2.0 * ax);
    const double t = u / (u + 2.0);
    return x < 0.0 ? -t : t;
}

}  // namespace dendrites
