// Flag validators with messages people can read ("must be positive (got 0)"), instead of
// CLI11's ranges, which print the limits of a double in full. CLI11 puts the flag's name in
// front of each message. Header-only: the desktop app's options use them too.
#pragma once

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace dendrites::cli {

// The whole of `text` as a finite number, or false. The process keeps the "C" locale, so
// strtod reads '.' as the decimal point whatever the user's locale.
inline bool ReadNumber(const std::string& text, double* value) {
    if (text.empty()) return false;
    char* end = nullptr;
    errno = 0;
    *value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && errno == 0 && std::isfinite(*value);
}

inline std::string Shown(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", x);
    return buffer;
}

// A number in [lo, hi]; whole numbers only when `whole`.
inline CLI::Validator Between(double lo, double hi, bool whole = false) {
    const std::string range = "[" + Shown(lo) + ", " + Shown(hi) + "]";
    return CLI::Validator(
        [lo, hi, whole, range](std::string& text) -> std::string {
            double x = 0;
            if (!ReadNumber(text, &x)) return "'" + text + "' is not a number";
            if (whole && x != std::floor(x)) return "must be a whole number (got " + text + ")";
            if (x < lo || x > hi) return "must be in " + range + " (got " + text + ")";
            return {};
        },
        whole ? "INT in " + range : "NUMBER in " + range);
}

inline CLI::Validator Positive() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            double x = 0;
            if (!ReadNumber(text, &x)) return "'" + text + "' is not a number";
            if (!(x > 0)) return "must be positive (got " + text + ")";
            return {};
        },
        "POSITIVE");
}

// A whole number >= 0 (seeds, counts): "-1" is refused rather than wrapped to 2^64 - 1.
inline CLI::Validator NonNegativeWhole() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
                return "must be a whole number >= 0 (got '" + text + "')";
            return {};
        },
        "UINT");
}

}  // namespace dendrites::cli
