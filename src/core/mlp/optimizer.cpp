// Optimizer updates (see optimizer.h for the formulas).
#include "core/mlp/optimizer.h"

#include <cmath>

namespace dendrites::mlp {

std::string OptimizerParams::Validate() const {
    auto fmt = [](double v) { return std::to_string(v); };
    if (!(lr > 0.0 && lr <= 10.0)) return "learning rate must be in (0, 10] (got " + fmt(lr) + ")";
    if (!(momentum >= 0.0 && momentum < 1.0)) return "momentum must be in [0, 1)";
    if (!(rho >= 0.0 && rho < 1.0)) return "rho must be in [0, 1)";
    if (!(beta1 >= 0.0 && beta1 < 1.0)) return "beta1 must be in [0, 1)";
    if (!(beta2 >= 0.0 && beta2 < 1.0)) return "beta2 must be in [0, 1)";
    if (!(epsilon > 0.0 && epsilon < 1.0)) return "epsilon must be in (0, 1)";
    return {};
}

const char* OptimizerName(OptimizerKind kind) {
    switch (kind) {
        case OptimizerKind::Sgd: return "sgd";
        case OptimizerKind::Momentum: return "momentum";
        case OptimizerKind::RmsProp: return "rmsprop";
        case OptimizerKind::Adam: return "adam";
    }
    return "?";
}

std::optional<OptimizerKind> ParseOptimizer(const std::string& name) {
    for (OptimizerKind k : {OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::RmsProp,
                            OptimizerKind::Adam}) {
        if (name == OptimizerName(k)) return k;
    }
    return std::nullopt;
}

const char* OptimizerNameList() {
    return "sgd, momentum, rmsprop, adam";
}

Optimizer::Optimizer(const OptimizerParams& params, const Network& network) : params_(params) {
    Reset(network);
}

std::string Optimizer::Retune(const OptimizerParams& params, const Network& network) {
    if (auto e = params.Validate(); !e.empty()) return e;
    const bool kind_changed = params.kind != params_.kind;
    params_ = params;
    if (kind_changed) Reset(network);
    return {};
}

void Optimizer::Reset(const Network& network) {
    const auto n = static_cast<std::size_t>(network.NumWeightLayers());
    m_w_.resize(n);
    s_w_.resize(n);
    m_b_.resize(n);
    s_b_.resize(n);
    for (std::size_t l = 0; l < n; ++l) {
        const auto& w = network.W(static_cast<int>(l));
        m_w_[l].setZero(w.rows(), w.cols());
        s_w_[l].setZero(w.rows(), w.cols());
        m_b_[l].setZero(w.rows(), 1);
        s_b_[l].setZero(w.rows(), 1);
    }
    t_ = 0;
    beta1_power_ = 1.0;
    beta2_power_ = 1.0;
}

void Optimizer::Step(Network& network, const Pass& pass) {
    ++t_;
    beta1_power_ *= params_.beta1;
    beta2_power_ *= params_.beta2;
    for (int l = 0; l < network.NumWeightLayers(); ++l) {
        const auto ul = static_cast<std::size_t>(l);
        Update(network.MutableW(l), pass.d_loss_d_w[ul], m_w_[ul], s_w_[ul]);
        Update(network.MutableB(l), pass.d_loss_d_b[ul], m_b_[ul], s_b_[ul]);
    }
}

void Optimizer::Update(Eigen::Ref<Eigen::MatrixXd> theta,
                       const Eigen::Ref<const Eigen::MatrixXd>& g, Eigen::MatrixXd& m,
                       Eigen::MatrixXd& s) const {
    const double lr = params_.lr;
    const double eps = params_.epsilon;
    switch (params_.kind) {
        case OptimizerKind::Sgd: theta -= lr * g; break;
        case OptimizerKind::Momentum:
            m = params_.momentum * m + g;  // velocity
            theta -= lr * m;
            break;
        case OptimizerKind::RmsProp:
            s = params_.rho * s + (1.0 - params_.rho) * g.cwiseProduct(g);
            theta.array() -= lr * g.array() / (s.array().sqrt() + eps);
            break;
        case OptimizerKind::Adam: {
            m = params_.beta1 * m + (1.0 - params_.beta1) * g;
            s = params_.beta2 * s + (1.0 - params_.beta2) * g.cwiseProduct(g);
            const double m_scale = 1.0 / (1.0 - beta1_power_);  // bias corrections
            const double s_scale = 1.0 / (1.0 - beta2_power_);
            theta.array() -= lr * (m.array() * m_scale) / ((s.array() * s_scale).sqrt() + eps);
            break;
        }
    }
}

}  // namespace dendrites::mlp
