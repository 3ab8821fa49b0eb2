// The gradient of one weight taken apart: the chain rule factor by factor, and as a sum over paths.
//
// Notation of network.h: neuron layers 0 (input) .. N = NumWeightLayers() (output, linear);
// weight layer L maps a[L] to z[L+1]; the weight w = W[L](j, i) joins neuron i of layer L to
// neuron j of layer L+1. For one sample (x, y) the loss is L = (ŷ − y)² (network.h's MSE with a
// batch of 1), so ∂L/∂ŷ = 2(ŷ − y).
//
// Every path from w up to the loss passes through neuron j of layer L+1, then one neuron k_m of
// each layer m = L+2 .. N (k_N = 0, the single output). Its product is
//     ∂L/∂a⁽ᴺ⁾ · Π_{m=N..L+2} [∂a⁽ᵐ⁾/∂z⁽ᵐ⁾ · ∂z⁽ᵐ⁾_{k_m}/∂a⁽ᵐ⁻¹⁾_{k_{m−1}}] · ∂a⁽ᴸ⁺¹⁾ⱼ/∂z⁽ᴸ⁺¹⁾ⱼ
//       · ∂z⁽ᴸ⁺¹⁾ⱼ/∂w
// and ∂L/∂w is the sum of these products over all Π_{m=L+2..N} n_m paths.
//
// Factor convention (ChainRule::factors, from the loss down; A = N − L − 1 layers above L+1):
//     [0]            ∂L/∂a⁽ᴺ⁾₀                      = 2(ŷ − y)
//     then for m = N down to L+2:
//                    ∂a⁽ᵐ⁾ₖ/∂z⁽ᵐ⁾ₖ                  = f'(z)   (1 at the linear output)
//                    ∂z⁽ᵐ⁾ₖ/∂a⁽ᵐ⁻¹⁾ₖ' = w           = W[m−1](k, k')
//     then           ∂a⁽ᴸ⁺¹⁾ⱼ/∂z⁽ᴸ⁺¹⁾ⱼ              = f'(z)
//                    ∂z⁽ᴸ⁺¹⁾ⱼ/∂w = a⁽ᴸ⁾ᵢ             = a[L](i)
// so there are 2A + 3 factors. Layer numbers are superscripts, neuron indices subscripts (UTF-8).
//
// The highlighted path: either the caller's (one neuron index per layer L+2 .. N−1, i.e. the
// hidden layers strictly between L+1 and the output), or by default, at each of those layers, the
// neuron with the largest |contribution|, where the contribution of neuron k of layer m is the
// sum of the products of all paths through it, ∂L/∂z⁽ᵐ⁾ₖ · ∂z⁽ᵐ⁾ₖ/∂w. The contributions of one
// layer add up to ∂L/∂w, so this is the neuron through which most of the gradient flows (ties go
// to the lower index).
#pragma once

#include <string>
#include <vector>

#include "core/mlp/network.h"

namespace dendrites::mlp {

// Paths are enumerated one by one up to this many; above it the same sum is taken layer by layer.
constexpr double kMaxEnumeratedPaths = 1e6;

struct ChainFactor {
    std::string label;  // e.g. "∂z⁽³⁾₀/∂a⁽²⁾₄ = w"
    double value = 0.0;
};

struct ChainRule {
    std::string error;  // empty when the request was valid; otherwise what was wrong

    std::vector<ChainFactor> factors;  // along the highlighted path, loss first (see above)
    std::vector<int> path;             // neuron index at layers L+1 .. N of the highlighted path
    double path_product = 0.0;         // product of the factors, in their order

    double paths = 0.0;         // number of paths from w to the loss (exact below 2^53)
    bool enumerated = false;    // true when path_sum was summed path by path
    double path_sum = 0.0;      // Σ over all paths of their products = ∂L/∂w
    double path_abs_sum = 0.0;  // Σ over all paths of |product|: the scale of any cancellation
    double backprop = 0.0;      // ∂L/∂w from Network::Forward and Backward on the batch {x}
    double finite_difference = 0.0;  // (L(w + h) − L(w − h)) / 2h
    double fd_step = 0.0;            // h = 1e-6 · max(1, |w|)
    double loss = 0.0;               // (ŷ − y)²
    double weight = 0.0;             // w itself
};

// Explains ∂L/∂W[layer](to, from) for one sample. The network needs one input and one output.
// `path`, when given, holds one neuron index per layer layer+2 .. N−1 (empty for the top two
// weight layers). Invalid indices, a wrong path or non-finite x, y give `error` and nothing else.
ChainRule ExplainWeight(const Network& net, double x, double y, int layer, int from, int to,
                        const std::vector<int>* path = nullptr);

// dŷ/dx at x for a network with one input and one output, by forward-mode chain rule:
// s[0] = 1, s[l+1] = f'(z[l+1]) ⊙ (W[l]·s[l]), dŷ/dx = s[N]. NaN if the widths are not 1.
double InputDerivative(const Network& net, double x);

}  // namespace dendrites::mlp
