// Gradient-descent optimizers: SGD, momentum, RMSProp and Adam, with PyTorch's conventions.
//
// With gradient g of a parameter θ at step t (t = 1, 2, ...):
//   SGD       θ ← θ − η·g
//   momentum  v ← μ·v + g;                          θ ← θ − η·v
//   RMSProp   s ← ρ·s + (1 − ρ)·g²;                 θ ← θ − η·g / (√s + ε)
//   Adam      m ← β1·m + (1 − β1)·g;  s ← β2·s + (1 − β2)·g²
//             m̂ = m / (1 − β1^t);  ŝ = s / (1 − β2^t);  θ ← θ − η·m̂ / (√ŝ + ε)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/mlp/network.h"

namespace dendrites::mlp {

enum class OptimizerKind { Sgd, Momentum, RmsProp, Adam };

struct OptimizerParams {
    OptimizerKind kind = OptimizerKind::RmsProp;
    double lr = 0.001;      // learning rate η
    double momentum = 0.9;  // μ, momentum only
    double rho = 0.99;      // ρ, RMSProp's decay of the squared-gradient average
    double beta1 = 0.9;     // Adam's decay of the gradient average
    double beta2 = 0.999;   // Adam's decay of the squared-gradient average
    double epsilon = 1e-8;  // ε, keeps the RMSProp and Adam steps finite

    std::string Validate() const;
};

const char* OptimizerName(OptimizerKind kind);
std::optional<OptimizerKind> ParseOptimizer(const std::string& name);
const char* OptimizerNameList();

class Optimizer {
public:
    Optimizer() = default;
    Optimizer(const OptimizerParams& params, const Network& network);

    // Clears every buffer (velocities, averages, the step count) for `network`'s shapes.
    void Reset(const Network& network);
    void SetParams(const OptimizerParams& params) { params_ = params; }
    // Live tuning: validates `params` (returns why not, changing nothing) and applies them,
    // keeping the buffers unless the kind changes (their contents mean different things per kind).
    std::string Retune(const OptimizerParams& params, const Network& network);
    const OptimizerParams& Params() const { return params_; }
    long long StepCount() const { return t_; }

    // One update of every weight and bias from the gradients in `pass`.
    void Step(Network& network, const Pass& pass);

private:
    void Update(Eigen::Ref<Eigen::MatrixXd> theta, const Eigen::Ref<const Eigen::MatrixXd>& g,
                Eigen::MatrixXd& m, Eigen::MatrixXd& s) const;

    OptimizerParams params_;
    long long t_ = 0;
    double beta1_power_ = 1.0;  // β1^t, kept as a running product (no pow: same bits everywhere)
    double beta2_power_ = 1.0;
    std::vector<Eigen::MatrixXd> m_w_, s_w_, m_b_, s_b_;
};

}  // namespace dendrites::mlp
