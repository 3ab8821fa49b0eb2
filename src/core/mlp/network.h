// A fully connected multilayer perceptron with an MSE loss, and its forward and backward pass.
//
// Layers are numbered by their weight matrices: layer l (0-based) maps the activations a[l] of
// width n_l to z[l+1] = W[l]·a[l] + b[l] and a[l+1] = f(z[l+1]); a[0] is the input. Hidden layers
// use the chosen activation, the output layer is linear. The loss of a batch of B samples is
//     L = (1/B) Σ_j Σ_i (ŷ_ij − y_ij)²          (mean squared error, as PyTorch's MSELoss)
//
// Matrix products are written as plain loops with a fixed summation order, not Eigen's blocked
// GEMM, whose order depends on the machine's cache sizes and SIMD width: the same seed must give
// the same weights, bit for bit, natively and in WebAssembly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/mlp/activation.h"

namespace dendrites {
class Rng;
}

namespace dendrites::mlp {

// How Initialize() draws the weights. With one input on [0, 1], zero biases would put every
// sigmoid unit's transition at x = 0; random biases spread them over the input range, which is
// why Auto uses FanIn for saturating activations (the reference experiment's median test MSE
// over seeds 1-5: 9.6e-4 with FanIn, 2.8e-3 with Xavier and zero biases).
enum class Init {
    Auto,    // FanIn for sigmoid, tanh and linear; He for ReLU and leaky ReLU
    Xavier,  // W ~ U(±sqrt(6/(n_in + n_out))), b = 0 (Glorot and Bengio, 2010)
    He,      // W ~ N(0, 2/n_in), b = 0 (He et al., 2015)
    FanIn,   // W and b ~ U(±1/sqrt(n_in)) (LeCun et al., 1998); PyTorch's nn.Linear default
};

constexpr int kMaxWidth = 2048;
constexpr int kMaxHiddenLayers = 16;

struct NetworkSpec {
    std::vector<int> layers{1, 30, 1};        // widths from input to output
    Activation hidden = Activation::Sigmoid;  // activation of every hidden layer
    Init init = Init::Auto;

    // Empty when valid; otherwise a readable message.
    std::string Validate() const;
    // Weights and biases of a network of these widths: the sum of n_{l+1} (n_l + 1).
    std::size_t ParameterCount() const;
};

const char* InitName(Init init);

// Everything one forward and backward pass computes, kept because the UI shows it.
// Index l runs over the layers of neurons: 0 is the input, NumLayers() the output.
struct Pass {
    std::vector<Eigen::MatrixXd> z;           // z[l]: pre-activations, n_l x B (z[0] unused)
    std::vector<Eigen::MatrixXd> a;           // a[l]: activations, n_l x B (a[0] = input)
    std::vector<Eigen::MatrixXd> delta;       // delta[l] = ∂L/∂z[l], n_l x B (delta[0] unused)
    std::vector<Eigen::MatrixXd> d_loss_d_w;  // per weight layer: ∂L/∂W[l], n_{l+1} x n_l
    std::vector<Eigen::VectorXd> d_loss_d_b;  // per weight layer: ∂L/∂b[l]
    double loss = 0.0;
    int BatchSize() const { return a.empty() ? 0 : static_cast<int>(a[0].cols()); }
};

class Network {
public:
    explicit Network(const NetworkSpec& spec = NetworkSpec{});

    // Draws weights by the spec's scheme; biases start at zero except with Init::FanIn.except with Init::FanIn.
    void Initialize(Rng& rng);

    const NetworkSpec& Spec() const { return spec_; }
    int NumWeightLayers() const { return static_cast<int>(w_.size()); }
    int Width(int layer) const { return spec_.layers[static_cast<std::size_t>(layer)]; }
    Activation LayerActivation(int layer) const;  // of neuron layer 1..NumWeightLayers()

    const Eigen::MatrixXd& W(int l) const { return w_[static_cast<std::size_t>(l)]; }
    const Eigen::VectorXd& B(int l) const { return b_[static_cast<std::size_t>(l)]; }
    Eigen::MatrixXd& MutableW(int l) { return w_[static_cast<std::size_t>(l)]; }
    Eigen::VectorXd& MutableB(int l) { return b_[static_cast<std::size_t>(l)]; }
    std::size_t ParameterCount() const;
    // Every weight and bias in one list: per weight layer l, W[l] row by row (row i holds the
    // weights into neuron i of layer l+1), then b[l]. SetParameters reads the same order and
    // returns an error (changing nothing) unless there are exactly ParameterCount() finite values.
    std::vector<double> Parameters() const;
    std::string SetParameters(const std::vector<double>& values);

    // Forward pass over a batch (one sample per column); fills pass.z and pass.a.
    void Forward(const Eigen::MatrixXd& x, Pass& pass) const;
    // Backward pass after Forward: the MSE against y, then delta and the gradients by the chain
    // rule from the output down. Returns the loss.
    double Backward(const Eigen::MatrixXd& y, Pass& pass) const;

    // Output for one input vector; allocates, so meant for drawing, not for training loops.
    double Predict(double x) const;
    // Mean squared error over a dataset (forward only).
    double MeanSquaredError(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) const;

    // True when every weight and bias is finite.
    bool AllFinite() const;

private:
    NetworkSpec spec_;
    std::vector<Eigen::MatrixXd> w_;  // w_[l]: n_{l+1} x n_l
    std::vector<Eigen::VectorXd> b_;  // b_[l]: n_{l+1}
};

}  // namespace dendrites::mlp
