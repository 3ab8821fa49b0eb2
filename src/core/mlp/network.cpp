// Forward and backward pass of the MLP (see network.h for the notation).
#include "core/mlp/network.h"

#include <cmath>

#include "core/random.h"

namespace dendrites::mlp {

std::string NetworkSpec::Validate() const {
    if (layers.size() < 2) return "a network needs at least an input and an output layer";
    if (layers.size() > static_cast<std::size_t>(kMaxHiddenLayers) + 2)
        return "at most " + std::to_string(kMaxHiddenLayers) + " hidden layers";
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l] < 1 || layers[l] > kMaxWidth)
            return "layer " + std::to_string(l) + " has width " + std::to_string(layers[l]) +
                   "; widths must be between 1 and " + std::to_string(kMaxWidth);
    }
    return {};
}

const char* InitName(Init init) {
    switch (init) {
        case Init::Auto: return "auto";
        case Init::Xavier: return "xavier";
        case Init::He: return "he";
        case Init::FanIn: return "fan_in";
    }
    return "?";
}

Network::Network(const NetworkSpec& spec) : spec_(spec) {
    const std::size_t n = spec_.layers.size() - 1;
    w_.resize(n);
    b_.resize(n);
    for (std::size_t l = 0; l < n; ++l) {
        w_[l] = Eigen::MatrixXd::Zero(spec_.layers[l + 1], spec_.layers[l]);
        b_[l] = Eigen::VectorXd::Zero(spec_.layers[l + 1]);
    }
}

void Network::Initialize(Rng& rng) {
    const bool rectifier =
        spec_.hidden == Activation::Relu || spec_.hidden == Activation::LeakyRelu;
    const bool he = spec_.init == Init::He || (spec_.init == Init::Auto && rectifier);
    const bool fan_in = spec_.init == Init::FanIn || (spec_.init == Init::Auto && !rectifier);
    for (std::size_t l = 0; l < w_.size(); ++l) {
        const double n_in = static_cast<double>(w_[l].cols());
        const double n_out = static_cast<double>(w_[l].rows());
        const double xavier_bound = std::sqrt(6.0 / (n_in + n_out));
        const double he_std = std::sqrt(2.0 / n_in);
        const double fan_in_bound = 1.0 / std::sqrt(n_in);
        // Column by column, row by row: a fixed draw order for every platform.
        for (Eigen::Index k = 0; k < w_[l].cols(); ++k) {
            for (Eigen::Index i = 0; i < w_[l].rows(); ++i) {
                if (fan_in) {
                    w_[l](i, k) = rng.Uniform(-fan_in_bound, fan_in_bound);
                } else if (he) {
                    w_[l](i, k) = rng.Normal(0.0, he_std);
                } else {
                    w_[l](i, k) = rng.Uniform(-xavier_bound, xavier_bound);
                }
            }
        }
        b_[l].setZero();
        if (fan_in) {
            for (Eigen::Index i = 0; i < b_[l].size(); ++i)
                b_[l](i) = rng.Uniform(-fan_in_bound, fan_in_bound);
        }
    }
}

Activation Network::LayerActivation(int layer) const {
    return layer == NumWeightLayers() ? Activation::Linear : spec_.hidden;
}

std::size_t NetworkSpec::ParameterCount() const {
    std::size_t count = 0;
    for (std::size_t l = 0; l + 1 < layers.size(); ++l)
        count += static_cast<std::size_t>(layers[l + 1]) * (static_cast<std::size_t>(layers[l]) + 1);
    return count;
}

std::vector<double> Network::Parameters() const {
    std::vector<double> values;
    values.reserve(ParameterCount());
    for (std::size_t l = 0; l < w_.size(); ++l) {
        for (Eigen::Index i = 0; i < w_[l].rows(); ++i)
            for (Eigen::Index k = 0; k < w_[l].cols(); ++k) values.push_back(w_[l](i, k));
        for (Eigen::Index i = 0; i < b_[l].size(); ++i) values.push_back(b_[l](i));
    }
    return values;
}

std::string Network::SetParameters(const std::vector<double>& values) {
    if (values.size() != ParameterCount())
        return "expected " + std::to_string(ParameterCount()) + " weights and biases, got " +
               std::to_string(values.size());
    for (std::size_t j = 0; j < values.size(); ++j) {
        if (!std::isfinite(values[j])) return "weight " + std::to_string(j) + " is not finite";
    }
    std::size_t j = 0;
    for (std::size_t l = 0; l < w_.size(); ++l) {
        for (Eigen::Index i = 0; i < w_[l].rows(); ++i)
            for (Eigen::Index k = 0; k < w_[l].cols(); ++k) w_[l](i, k) = values[j++];
        for (Eigen::Index i = 0; i < b_[l].size(); ++i) b_[l](i) = values[j++];
    }
    return {};
}

std::size_t Network::ParameterCount() const {
    std::size_t count = 0;
    for (std::size_t l = 0; l < w_.size(); ++l) count += w_[l].size() + b_[l].size();
    return count;
}

void Network::Forward(const Eigen::MatrixXd& x, Pass& pass) const {
    const int n_layers = NumWeightLayers();
    const Eigen::Index batch = x.cols();
    pass.z.resize(static_cast<std::size_t>(n_layers) + 1);
    pass.a.resize(static_cast<std::size_t>(n_layers) + 1);
    pass.a[0] = x;
    for (int l = 0; l < n_layers; ++l) {
        const Eigen::MatrixXd& w = w_[static_cast<std::size_t>(l)];
        const Eigen::VectorXd& b = b_[static_cast<std::size_t>(l)];
        const Eigen::MatrixXd& a_in = pass.a[static_cast<std::size_t>(l)];
        Eigen::MatrixXd& z = pass.z[static_cast<std::size_t>(l) + 1];
        Eigen::MatrixXd& a = pass.a[static_cast<std::size_t>(l) + 1];
        z.resize(w.rows(), batch);
        a.resize(w.rows(), batch);
        const Activation f = LayerActivation(l + 1);
        for (Eigen::Index j = 0; j < batch; ++j) {
            // z = b + Σ_k W[:,k]·a_k, accumulated k = 0, 1, ... (element-wise, so SIMD-safe).
            double* zj = z.col(j).data();
            for (Eigen::Index i = 0; i < w.rows(); ++i) zj[i] = b[i];
            for (Eigen::Index k = 0; k < w.cols(); ++k) {
                const double a_k = a_in(k, j);
                const double* wk = w.col(k).data();
                for (Eigen::Index i = 0; i < w.rows(); ++i) zj[i] += wk[i] * a_k;
            }
            for (Eigen::Index i = 0; i < w.rows(); ++i) a(i, j) = Activate(f, zj[i]);
        }
    }
}

double Network::Backward(const Eigen::MatrixXd& y, Pass& pass) const {
    const int n_layers = NumWeightLayers();
    const Eigen::MatrixXd& y_hat = pass.a[static_cast<std::size_t>(n_layers)];
    const Eigen::Index batch = y.cols();
    const double inv_batch = 1.0 / static_cast<double>(batch);
    pass.delta.resize(static_cast<std::size_t>(n_layers) + 1);
    pass.d_loss_d_w.resize(static_cast<std::size_t>(n_layers));
    pass.d_loss_d_b.resize(static_cast<std::size_t>(n_layers));

    // Loss, and the output delta: ∂L/∂z_out = ∂L/∂ŷ · ∂ŷ/∂z_out = (2/B)(ŷ − y) · 1 (linear output).
    double loss = 0.0;
    Eigen::MatrixXd& delta_out = pass.delta[static_cast<std::size_t>(n_layers)];
    delta_out.resize(y.rows(), batch);
    for (Eigen::Index j = 0; j < batch; ++j) {
        for (Eigen::Index i = 0; i < y.rows(); ++i) {
            const double error = y_hat(i, j) - y(i, j);
            loss += error * error;
            delta_out(i, j) = 2.0 * inv_batch * error;
        }
    }
    loss *= inv_batch;

    for (int l = n_layers - 1; l >= 0; --l) {
        const auto ul = static_cast<std::size_t>(l);
        const Eigen::MatrixXd& w = w_[ul];
        const Eigen::MatrixXd& delta = pass.delta[ul + 1];
        const Eigen::MatrixXd& a_in = pass.a[ul];
        // ∂L/∂W[l] = Σ_j delta_j · a[l]_jᵀ  and  ∂L/∂b[l] = Σ_j delta_j   (delta already has 1/B).
        Eigen::MatrixXd& d_w = pass.d_loss_d_w[ul];
        Eigen::VectorXd& d_b = pass.d_loss_d_b[ul];
        d_w.setZero(w.rows(), w.cols());
        d_b.setZero(w.rows());
        for (Eigen::Index j = 0; j < batch; ++j) {
            const double* dj = delta.col(j).data();
            for (Eigen::Index k = 0; k < w.cols(); ++k) {
                const double a_k = a_in(k, j);
                double* gk = d_w.col(k).data();
                for (Eigen::Index i = 0; i < w.rows(); ++i) gk[i] += dj[i] * a_k;
            }
            for (Eigen::Index i = 0; i < w.rows(); ++i) d_b[i] += dj[i];
        }
        if (l == 0) break;  // the input layer has no delta
        // delta[l] = ∂L/∂z[l] = (W[l]ᵀ · delta[l+1]) ⊙ f'(z[l])   (chain rule through a[l]).
        const Activation f = LayerActivation(l);
        const Eigen::MatrixXd& z_in = pass.z[ul];
        Eigen::MatrixXd& delta_in = pass.delta[ul];
        delta_in.resize(w.cols(), batch);
        for (Eigen::Index j = 0; j < batch; ++j) {
            const double* dj = delta.col(j).data();
            for (Eigen::Index k = 0; k < w.cols(); ++k) {
                const double* wk = w.col(k).data();
                double d_loss_d_a = 0.0;
                for (Eigen::Index i = 0; i < w.rows(); ++i) d_loss_d_a += wk[i] * dj[i];
                delta_in(k, j) = d_loss_d_a * ActivationDerivative(f, z_in(k, j), a_in(k, j));
            }
        }
    }
    pass.loss = loss;
    return loss;
}

double Network::Predict(double x) const {
    Pass pass;
    Forward(Eigen::MatrixXd::Constant(1, 1, x), pass);
    return pass.a.back()(0, 0);
}

double Network::MeanSquaredError(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) const {
    Pass pass;
    Forward(x, pass);
    const Eigen::MatrixXd& y_hat = pass.a.back();
    double sum = 0.0;
    for (Eigen::Index j = 0; j < y.cols(); ++j)
        for (Eigen::Index i = 0; i < y.rows(); ++i)
            sum += (y_hat(i, j) - y(i, j)) * (y_hat(i, j) - y(i, j));
    return sum / static_cast<double>(y.cols());
}

bool Network::AllFinite() const {
    for (std::size_t l = 0; l < w_.size(); ++l)
        if (!w_[l].allFinite() || !b_[l].allFinite()) return false;
    return true;
}

}  // namespace dendrites::mlp
