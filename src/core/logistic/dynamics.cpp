// Orbits, separation, Lyapunov exponents, cobwebs and bifurcation diagrams (see dynamics.h).
#include "core/logistic/dynamics.h"

#include <cmath>
#include <limits>

#include "core/detmath.h"

namespace dendrites::logistic {

std::vector<double> Orbit(const Map1D& f, double x0, int n) {
    std::vector<double> orbit;
    if (n < 0) return orbit;
    orbit.reserve(static_cast<std::size_t>(n) + 1);
    double x = x0;
    orbit.push_back(x);
    for (int k = 0; k < n; ++k) {
        x = f(x);
        orbit.push_back(x);
    }
    return orbit;
}

int SeparationStepFrom(const Map1D& f, double x0_f, const Map1D& g, double x0_g, double threshold,
                       int max_steps) {
    double a = x0_f, b = x0_g;
    for (int n = 0; n <= max_steps; ++n) {
        // !(d <= threshold) also catches a NaN difference.
        if (!(std::fabs(a - b) <= threshold)) return n;
        a = f(a);
        b = g(b);
    }
    return -1;
}

int SeparationStep(const Map1D& f, const Map1D& g, double x0, double threshold, int max_steps) {
    return SeparationStepFrom(f, x0, g, x0, threshold, max_steps);
}

double LyapunovOfMap(const Map1D& f, const Map1D& df, double x0, int transient, int iterations) {
    if (iterations < 1) return std::numeric_limits<double>::quiet_NaN();
    double x = x0;
    for (int n = 0; n < transient; ++n) x = f(x);
    // Log from detmath.h, so the exponent has the same bits natively and in WebAssembly.
    double sum = 0.0;
    for (int n = 0; n < iterations; ++n) {
        sum += Log(std::fabs(df(x)));
        x = f(x);
    }
    return sum / iterations;
}

std::vector<std::pair<double, double>> Cobweb(const Map1D& f, double x0, int n) {
    std::vector<std::pair<double, double>> points;
    if (n < 0) return points;
    points.reserve(2 * static_cast<std::size_t>(n) + 1);
    double x = x0;
    points.emplace_back(x, x);
    for (int k = 0; k < n; ++k) {
        const double next = f(x);
        points.emplace_back(x, next);     // vertical: up or down to the graph
        points.emplace_back(next, next);  // horizontal: across to the diagonal
        x = next;
    }
    return points;
}

std::vector<BifurcationColumn> Bifurcation(const MapOfR& f_of_r, double r_min, double r_max,
                                           int r_steps, int transient, int keep, double x0) {
    std::vector<BifurcationColumn> columns;
    if (r_steps < 1 || keep < 0) return columns;
    columns.reserve(static_cast<std::size_t>(r_steps));
    for (int s = 0; s < r_steps; ++s) {
        BifurcationColumn column;
        column.r = r_steps == 1 ? r_min : r_min + (r_max - r_min) * s / (r_steps - 1);
        double x = x0;
        for (int n = 0; n < transient; ++n) x = f_of_r(x, column.r);
        column.x.reserve(static_cast<std::size_t>(keep));
        for (int n = 0; n < keep; ++n) {
            x = f_of_r(x, column.r);
            column.x.push_back(x);
        }
        columns.push_back(std::move(column));
    }
    return columns;
}

}  // namespace dendrites::logistic
