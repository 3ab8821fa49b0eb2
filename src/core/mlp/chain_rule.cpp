// One weight's gradient as chain-rule factors and as a sum over paths (see chain_rule.h).
#include "core/mlp/chain_rule.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dendrites::mlp {
namespace {

// Superscript "⁽12⁾" and subscript "₁₂" forms of a non-negative integer, in UTF-8.
std::string Digits(int n, const char* const glyphs[10]) {
    const std::string decimal = std::to_string(n);
    std::string out;
    for (char c : decimal) out += glyphs[c - '0'];
    return out;
}

std::string Sup(int n) {
    static const char* const kSup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
    return "⁽" + Digits(n, kSup) + "⁾";
}

std::string Sub(int n) {
    static const char* const kSub[10] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
    return Digits(n, kSub);
}

std::string A(int m, int k) {
    return "a" + Sup(m) + Sub(k);
}
std::string Z(int m, int k) {
    return "z" + Sup(m) + Sub(k);
}

// The quantities of one forward pass of a single sample, by neuron layer m and neuron k.
struct Sample {
    const Network& net;
    Pass pass;
    double Act(int m, int k) const { return pass.a[static_cast<std::size_t>(m)](k, 0); }
    // ∂a⁽ᵐ⁾ₖ/∂z⁽ᵐ⁾ₖ
    double Slope(int m, int k) const {
        const auto um = static_cast<std::size_t>(m);
        return ActivationDerivative(net.LayerActivation(m), pass.z[um](k, 0), pass.a[um](k, 0));
    }
    // ∂z⁽ᵐ⁾ₖ/∂a⁽ᵐ⁻¹⁾ₖ'
    double Weight(int m, int k, int k_below) const { return net.W(m - 1)(k, k_below); }
};

std::string Validate(const Network& net, double x, double y, int layer, int from, int to,
                     const std::vector<int>* path) {
    const int n = net.NumWeightLayers();
    if (net.Width(0) != 1 || net.Width(n) != 1)
        return "the chain rule view needs a network with one input and one output";
    if (!std::isfinite(x) || !std::isfinite(y)) return "x and y must be finite numbers";
    if (layer < 0 || layer >= n)
        return "weight layer " + std::to_string(layer) + " does not exist (0 to " +
               std::to_string(n - 1) + ")";
    if (from < 0 || from >= net.Width(layer))
        return "neuron " + std::to_string(from) + " is not in layer " + std::to_string(layer) +
               " (width " + std::to_string(net.Width(layer)) + ")";
    if (to < 0 || to >= net.Width(layer + 1))
        return "neuron " + std::to_string(to) + " is not in layer " + std::to_string(layer + 1) +
               " (width " + std::to_string(net.Width(layer + 1)) + ")";
    if (path == nullptr) return {};
    const int hidden_above = std::max(0, n - layer - 2);  // layers layer+2 .. n−1
    if (static_cast<int>(path->size()) != hidden_above)
        return "the path needs " + std::to_string(hidden_above) + " neuron indices (got " +
               std::to_string(path->size()) + ")";
    for (int q = 0; q < hidden_above; ++q) {
        const int m = layer + 2 + q;
        const int k = (*path)[static_cast<std::size_t>(q)];
        if (k < 0 || k >= net.Width(m))
            return "path neuron " + std::to_string(k) + " is not in layer " + std::to_string(m) +
                   " (width " + std::to_string(net.Width(m)) + ")";
    }
    return {};
}

// g[m](k) = ∂L/∂z⁽ᵐ⁾ₖ for m = L+1 .. N, and the same recursion on absolute values, which sums
// |product| over all paths. Index m of the result vectors is the neuron layer.
void DownwardSums(const Sample& s, int layer, double d_loss_d_out, std::vector<Eigen::VectorXd>& g,
                  std::vector<Eigen::VectorXd>& g_abs) {
    const int n = s.net.NumWeightLayers();
    g.assign(static_cast<std::size_t>(n) + 1, Eigen::VectorXd());
    g_abs = g;
    g[n] = Eigen::VectorXd::Constant(1, d_loss_d_out * s.Slope(n, 0));
    g_abs[n] = g[n].cwiseAbs();
    for (int m = n; m > layer + 1; --m) {
        const int width_below = s.net.Width(m - 1);
        Eigen::VectorXd& below = g[static_cast<std::size_t>(m) - 1];
        Eigen::VectorXd& below_abs = g_abs[static_cast<std::size_t>(m) - 1];
        below.setZero(width_below);
        below_abs.setZero(width_below);
        for (int kb = 0; kb < width_below; ++kb) {
            // ∂L/∂z⁽ᵐ⁻¹⁾ = f'(z⁽ᵐ⁻¹⁾) · Σ_k ∂L/∂z⁽ᵐ⁾ₖ · W(k, kb)   (one chain-rule step down)
            double sum = 0.0, sum_abs = 0.0;
            for (int k = 0; k < s.net.Width(m); ++k) {
                sum += g[static_cast<std::size_t>(m)](k) * s.Weight(m, k, kb);
                sum_abs += g_abs[static_cast<std::size_t>(m)](k) * std::fabs(s.Weight(m, k, kb));
            }
            const double slope = s.Slope(m - 1, kb);
            below(kb) = sum * slope;
            below_abs(kb) = sum_abs * std::fabs(slope);
        }
    }
}

// The default path: at each layer m = L+2 .. N−1 the neuron with the largest
// |∂L/∂z⁽ᵐ⁾ₖ · ∂z⁽ᵐ⁾ₖ/∂w|; ∂z/∂w is carried upward from the weight (forward mode).
std::vector<int> LargestContributionPath(const Sample& s, int layer, int from, int to,
                                         const std::vector<Eigen::VectorXd>& g) {
    const int n = s.net.NumWeightLayers();
    std::vector<int> path;
    Eigen::VectorXd dz_dw = Eigen::VectorXd::Zero(s.net.Width(layer + 1));
    dz_dw(to) = s.Act(layer, from);  // ∂z⁽ᴸ⁺¹⁾ⱼ/∂w = a⁽ᴸ⁾ᵢ, zero for the other neurons
    for (int m = layer + 2; m < n; ++m) {
        Eigen::VectorXd next = Eigen::VectorXd::Zero(s.net.Width(m));
        for (int k = 0; k < s.net.Width(m); ++k)
            for (int kb = 0; kb < s.net.Width(m - 1); ++kb)
                next(k) += s.Weight(m, k, kb) * s.Slope(m - 1, kb) * dz_dw(kb);
        dz_dw = next;
        int best = 0;
        double best_abs = -1.0;
        for (int k = 0; k < s.net.Width(m); ++k) {
            const double c = std::fabs(g[static_cast<std::size_t>(m)](k) * dz_dw(k));
            if (c > best_abs) {
                best_abs = c;
                best = k;
            }
        }
        path.push_back(best);
    }
    return path;
}

// Depth-first sum of every path's product. `prefix` is the product of the factors from the loss
// down to and including ∂a⁽ᵐ⁾ₖ/∂z⁽ᵐ⁾ₖ, multiplied in the same order as ChainRule::factors.
void EnumeratePaths(const Sample& s, int layer, int from, int to, int m, int k, double prefix,
                    double& sum, double& abs_sum) {
    if (m == layer + 1) {
        const double product = prefix * s.Act(layer, from);
        sum += product;
        abs_sum += std::fabs(product);
        return;
    }
    const int first = m - 1 == layer + 1 ? to : 0;
    const int last = m - 1 == layer + 1 ? to + 1 : s.net.Width(m - 1);
    for (int kb = first; kb < last; ++kb) {
        const double down = prefix * s.Weight(m, k, kb) * s.Slope(m - 1, kb);
        EnumeratePaths(s, layer, from, to, m - 1, kb, down, sum, abs_sum);
    }
}

void FillFactors(const Sample& s, int layer, int from, double d_loss_d_out, ChainRule& out) {
    const int n = s.net.NumWeightLayers();
    out.factors.push_back({"∂L/∂" + A(n, 0), d_loss_d_out});
    for (int m = n; m >= layer + 1; --m) {
        const int k = out.path[static_cast<std::size_t>(m - layer - 1)];
        out.factors.push_back({"∂" + A(m, k) + "/∂" + Z(m, k), s.Slope(m, k)});
        if (m == layer + 1) break;
        const int kb = out.path[static_cast<std::size_t>(m - layer - 2)];
        out.factors.push_back({"∂" + Z(m, k) + "/∂" + A(m - 1, kb) + " = w", s.Weight(m, k, kb)});
    }
    const int j = out.path.front();
    out.factors.push_back({"∂" + Z(layer + 1, j) + "/∂w = " + A(layer, from), s.Act(layer, from)});
    out.path_product = 1.0;
    for (const ChainFactor& f : out.factors) out.path_product *= f.value;
}

double SampleLoss(const Network& net, double x, double y) {
    const double e = net.Predict(x) - y;
    return e * e;
}

}  // namespace

ChainRule ExplainWeight(const Network& net, double x, double y, int layer, int from, int to,
                        const std::vector<int>* path) {
    ChainRule out;
    out.error = Validate(net, x, y, layer, from, to, path);
    if (!out.error.empty()) return out;
    const int n = net.NumWeightLayers();

    // Step 1: forward and backward pass on the batch {x}, as the trainer does.
    Sample s{net, Pass{}};
    net.Forward(Eigen::MatrixXd::Constant(1, 1, x), s.pass);
    out.loss = net.Backward(Eigen::MatrixXd::Constant(1, 1, y), s.pass);
    out.backprop = s.pass.d_loss_d_w[static_cast<std::size_t>(layer)](to, from);
    out.weight = net.W(layer)(to, from);
    const double d_loss_d_out = 2.0 * (s.Act(n, 0) - y);  // ∂L/∂ŷ for a batch of 1

    // Step 2: the layer-by-layer sums, then the highlighted path (j, chosen neurons, output 0).
    std::vector<Eigen::VectorXd> g, g_abs;
    DownwardSums(s, layer, d_loss_d_out, g, g_abs);
    const std::vector<int> middle = path ? *path : LargestContributionPath(s, layer, from, to, g);
    out.path.push_back(to);
    out.path.insert(out.path.end(), middle.begin(), middle.end());
    if (layer + 1 < n) out.path.push_back(0);
    FillFactors(s, layer, from, d_loss_d_out, out);

    // Step 3: the sum over all paths, one by one when there are few enough.
    out.paths = 1.0;
    for (int m = layer + 2; m <= n; ++m) out.paths *= static_cast<double>(net.Width(m));
    out.enumerated = out.paths <= kMaxEnumeratedPaths;
    const double a_in = s.Act(layer, from);
    if (out.enumerated) {
        EnumeratePaths(s, layer, from, to, n, 0, d_loss_d_out * s.Slope(n, 0), out.path_sum,
                       out.path_abs_sum);
    } else {
        out.path_sum = g[static_cast<std::size_t>(layer) + 1](to) * a_in;
        out.path_abs_sum = g_abs[static_cast<std::size_t>(layer) + 1](to) * std::fabs(a_in);
    }

    // Step 4: central difference on a copy; the step actually taken is (w + h) − (w − h).
    Network copy = net;
    out.fd_step = 1e-6 * std::max(1.0, std::fabs(out.weight));
    const double w_up = out.weight + out.fd_step, w_down = out.weight - out.fd_step;
    copy.MutableW(layer)(to, from) = w_up;
    const double loss_up = SampleLoss(copy, x, y);
    copy.MutableW(layer)(to, from) = w_down;
    const double loss_down = SampleLoss(copy, x, y);
    out.finite_difference = (loss_up - loss_down) / (w_up - w_down);
    return out;
}

double InputDerivative(const Network& net, double x) {
    const int n = net.NumWeightLayers();
    if (net.Width(0) != 1 || net.Width(n) != 1) return std::numeric_limits<double>::quiet_NaN();
    Pass pass;
    net.Forward(Eigen::MatrixXd::Constant(1, 1, x), pass);
    Eigen::VectorXd s = Eigen::VectorXd::Constant(1, 1.0);  // ∂a⁽⁰⁾/∂x
    for (int l = 0; l < n; ++l) {
        const auto next = static_cast<std::size_t>(l) + 1;
        // ∂z⁽ˡ⁺¹⁾/∂x = W[l] · ∂a⁽ˡ⁾/∂x, then ∂a⁽ˡ⁺¹⁾/∂x = f'(z⁽ˡ⁺¹⁾) ⊙ ∂z⁽ˡ⁺¹⁾/∂x
        Eigen::VectorXd dz = Eigen::VectorXd::Zero(net.Width(l + 1));
        for (Eigen::Index k = 0; k < s.size(); ++k)
            for (Eigen::Index i = 0; i < dz.size(); ++i) dz(i) += net.W(l)(i, k) * s(k);
        for (Eigen::Index i = 0; i < dz.size(); ++i)
            dz(i) *= ActivationDerivative(net.LayerActivation(l + 1), pass.z[next](i, 0),
                                          pass.a[next](i, 0));
        s = dz;
    }
    return s(0);
}

}  // namespace dendrites::mlp
