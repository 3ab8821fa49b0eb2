// A one-dimensional map x' = f(x) as a dynamical system: orbits, divergence of two orbits,
// Lyapunov exponent, cobweb diagram and bifurcation diagram.
//
// The map is any callable double(double), so the true logistic map and a trained network's
// Predict are treated alike, e.g. Map1D f = [&](double x) { return net.Predict(x); }.
// Nothing here clamps x to [0, 1]: a learned map may leave the interval, and that is worth seeing.
#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace dendrites::logistic {

using Map1D = std::function<double(double)>;
using MapOfR = std::function<double(double x, double r)>;  // e.g. Map in logistic_map.h

// x0, f(x0), f²(x0), ..., fⁿ(x0): n + 1 values (empty for n < 0).
std::vector<double> Orbit(const Map1D& f, double x0, int n);

// The first n >= 0 with |fⁿ(x0_f) − gⁿ(x0_g)| > threshold, or −1 if none up to max_steps
// (a NaN difference counts as separated).
int SeparationStepFrom(const Map1D& f, double x0_f, const Map1D& g, double x0_g,
                       double threshold = 0.1, int max_steps = 1000);
// The same with both orbits starting at x0: where a learned map stops shadowing the true one.
int SeparationStep(const Map1D& f, const Map1D& g, double x0, double threshold = 0.1,
                   int max_steps = 1000);

// λ = (1/N) Σ_{n=0}^{N−1} ln|f'(x_n)| along the orbit after `transient` steps; df is f'
// (for a network, mlp::InputDerivative). −inf if the orbit hits f' = 0 exactly; NaN for
// iterations < 1.
double LyapunovOfMap(const Map1D& f, const Map1D& df, double x0, int transient, int iterations);

// The cobweb polyline of n steps, 2n + 1 points: point 2k = (x_k, x_k) on the diagonal and
// point 2k + 1 = (x_k, x_{k+1}) on the graph, so the line alternates vertical (to the graph) and
// horizontal (back to the diagonal) segments: (x0,x0), (x0,x1), (x1,x1), (x1,x2), ...
std::vector<std::pair<double, double>> Cobweb(const Map1D& f, double x0, int n);

struct BifurcationColumn {
    double r = 0.0;
    std::vector<double> x;  // the last `keep` iterates after the transient, in orbit order
};

// For r_steps values of r evenly from r_min to r_max (both ends included; r_min alone when
// r_steps is 1), iterate f(·, r) from x0, drop `transient` iterates and keep the next `keep`.
std::vector<BifurcationColumn> Bifurcation(const MapOfR& f_of_r, double r_min, double r_max,
                                           int r_steps, int transient, int keep, double x0 = 0.5);

}  // namespace dendrites::logistic
