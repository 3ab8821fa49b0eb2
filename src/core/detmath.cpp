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

// 1/n! for n = 0..13. Each entry is the correctly rounded quotient of the one before by n, which
// every IEEE 754 compiler folds to the same bits.
struct InverseFactorials {
    double c[14] = {};
    constexpr InverseFactorials() {
        c[0] = 1.0;
        for (int n = 1; n < 14; ++n) c[n] = c[n - 1] / n;
    }
};
constexpr InverseFactorials kInverseFactorial;

// e^r − 1 for |r| <= 0.35 by its Taylor series r·(1/1! + r/2! + ... + r^12/13!), evaluated by
// Estrin's scheme (pairs of terms combined with r², r⁴, r⁸) so that the multiplications do not
// wait on each other; no divisions. The first omitted term is below 0.35^14/14! ≈ 5e−18
// relative to r: under one ulp.
double Expm1Small(double r) {
    const double* c = kInverseFactorial.c;
    const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    const double q0 = c[1] + c[2] * r, q1 = c[3] + c[4] * r, q2 = c[5] + c[6] * r;
    const double q3 = c[7] + c[8] * r, q4 = c[9] + c[10] * r, q5 = c[11] + c[12] * r;
    const double s0 = q0 + q1 * r2, s1 = q2 + q3 * r2, s2 = q4 + q5 * r2;
    const double t0 = s0 + s1 * r4, t1 = s2 + c[13] * r4;
    return r * (t0 + t1 * r8);
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
    if (x > 700.0) return Exp(x);  // e^x - 1 rounds to e^x (or overflows) here
    // e^x − 1 = 2^k (e^r − 1) + (2^k − 1): no cancellation, unlike Exp(x) − 1 near x = 0.35.
    int k;
    const double r = Reduce(x, k);
    const double two_k = PowerOfTwo(k);
    return two_k * Expm1Small(r) + (two_k - 1.0);
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
