// Surrogate-gradient training of a LIF layer (see surrogate.h for the equations).
#include "core/spiking/surrogate.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "core/detmath.h"
#include "core/random.h"

namespace dendrites::spiking {
namespace {

constexpr std::uint64_t kRasterStream = 0x7261737400000000ULL;  // "rast"
constexpr std::uint64_t kWeightStream = 0x7765696700000000ULL;  // "weig"

std::string Num(double v) {
    return std::to_string(v);
}

std::string ValidateTargets(const std::vector<std::vector<int>>& targets, int n_outputs,
                            int steps) {
    if (targets.empty()) return {};
    if (static_cast<int>(targets.size()) != n_outputs)
        return "target_steps must list one train per output (" + std::to_string(n_outputs) +
               "), got " + std::to_string(targets.size());
    for (std::size_t j = 0; j < targets.size(); ++j) {
        for (std::size_t k = 0; k < targets[j].size(); ++k) {
            const int t = targets[j][k];
            if (t < 1 || t >= steps)
                return "target step " + std::to_string(t) + " of output " + std::to_string(j) +
                       " is outside [1, " + std::to_string(steps) + ")";
            if (k > 0 && t <= targets[j][k - 1])
                return "target steps of output " + std::to_string(j) +
                       " must be strictly increasing";
        }
    }
    return {};
}

// The logistic function σ(z) = 1 / (1 + e^−z); 0 or 1 in the far tails, never NaN.
double Logistic(double z) {
    return 1.0 / (1.0 + Exp(-z));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Model and task
// ---------------------------------------------------------------------------------------------

std::string SurrogateTaskParams::Validate() const {
    if (n_inputs < 1 || n_inputs > 1000) return "n_inputs must be 1 to 1000";
    if (n_outputs < 1 || n_outputs > 8) return "n_outputs must be 1 to 8";
    if (steps < 10 || steps > 5000) return "steps must be 10 to 5000 (1 ms each)";
    if (!(input_rate_Hz > 0.0 && input_rate_Hz <= 1000.0))
        return "input_rate_Hz must be in (0, 1000] (got " + Num(input_rate_Hz) + ")";
    if (!(tau_m_ms > 0.0 && tau_m_ms <= 1000.0)) return "tau_m_ms must be in (0, 1000]";
    if (!(threshold > 0.0 && threshold <= 1e3)) return "threshold must be in (0, 1000]";
    if (!(tau_vr_ms > 0.0 && tau_vr_ms <= 1000.0)) return "tau_vr_ms must be in (0, 1000]";
    if (!std::isfinite(w_init_mean) || std::fabs(w_init_mean) > 10.0)
        return "w_init_mean must be finite and within [-10, 10]";
    if (!(w_init_std >= 0.0 && w_init_std <= 10.0)) return "w_init_std must be in [0, 10]";
    return ValidateTargets(target_steps, n_outputs, steps);
}

std::vector<std::vector<int>> DefaultTargetSteps(int n_outputs, int steps) {
    std::vector<std::vector<int>> targets(static_cast<std::size_t>(std::max(0, n_outputs)));
    for (int j = 0; j < n_outputs; ++j) {
        const int count = 3 + j;
        for (int k = 0; k < count; ++k) {
            const int t = (k + 1) * steps / (count + 1) + 5 * j;
            if (t >= 1 && t < steps) targets[static_cast<std::size_t>(j)].push_back(t);
        }
    }
    return targets;
}

int SurrogateTask::InputSpikeCount() const {
    int n = 0;
    for (const auto& a : active) n += static_cast<int>(a.size());
    return n;
}

SurrogateTask MakeSurrogateTask(const SurrogateTaskParams& params) {
    SurrogateTask task;
    task.params = params;
    if (task.params.target_steps.empty())
        task.params.target_steps = DefaultTargetSteps(params.n_outputs, params.steps);
    const auto steps = static_cast<std::size_t>(params.steps);
    task.beta = Exp(-kSurrogateDtMs / params.tau_m_ms);
    task.alpha = Exp(-kSurrogateDtMs / params.tau_vr_ms);

    // Input rasters: one Bernoulli draw per input and step, in step-major order.
    Rng rng(params.seed ^ kRasterStream);
    const double p_spike = params.input_rate_Hz * kSurrogateDtMs / 1000.0;
    task.active.assign(steps, {});
    for (std::size_t t = 0; t < steps; ++t)
        for (int i = 0; i < params.n_inputs; ++i)
            if (rng.Bernoulli(p_spike)) task.active[t].push_back(i);

    // Targets as 0/1 trains, and filtered once by the loss kernel.
    for (const auto& times : task.params.target_steps) {
        std::vector<int> train(steps, 0);
        for (int t : times) train[static_cast<std::size_t>(t)] = 1;
        std::vector<double> filtered(steps, 0.0);
        double y = 0.0;
        for (std::size_t t = 0; t < steps; ++t) {
            y = task.alpha * y + train[t];
            filtered[t] = y;
        }
        task.target.push_back(std::move(train));
        task.target_filtered.push_back(std::move(filtered));
    }
    return task;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Spike derivatives
// ---------------------------------------------------------------------------------------------

const char* SurrogateName(SurrogateKind kind) {
    switch (kind) {
        case SurrogateKind::kTrue: return "true derivative (zero)";
        case SurrogateKind::kFastSigmoid: return "fast sigmoid 1/(1+k|x|)^2";
        case SurrogateKind::kSigmoid: return "sigmoid' k s(kx)(1-s(kx))";
    }
    return "?";
}

const char* SurrogateShortName(SurrogateKind kind) {
    switch (kind) {
        case SurrogateKind::kTrue: return "true";
        case SurrogateKind::kFastSigmoid: return "fast-sigmoid";
        case SurrogateKind::kSigmoid: return "sigmoid";
    }
    return "?";
}

double SpikeForward(double x, double slope, bool smooth) {
    if (smooth) return Logistic(slope * x);
    return x >= 0.0 ? 1.0 : 0.0;
}

double SpikeDerivative(SurrogateKind kind, double x, double slope, bool smooth) {
    if (smooth || kind == SurrogateKind::kSigmoid) {
        const double sig = Logistic(slope * x);
        return slope * sig * (1.0 - sig);  // d/dx σ(kx)
    }
    if (kind == SurrogateKind::kFastSigmoid) {
        const double d = 1.0 + slope * std::fabs(x);
        return 1.0 / (d * d);
    }
    return 0.0;  // dH/dx: zero for every x ≠ 0, undefined at 0
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Forward, backward
// ---------------------------------------------------------------------------------------------

double SurrogateForward(const SurrogateTask& task, const Eigen::MatrixXd& w,
                        const SpikeGradient& grad, SurrogatePass* pass) {
    const SurrogateTaskParams& p = task.params;
    const auto steps = static_cast<std::size_t>(p.steps);
    const auto n_out = static_cast<std::size_t>(p.n_outputs);
    pass->u.assign(n_out, std::vector<double>(steps, 0.0));
    pass->s.assign(n_out, std::vector<double>(steps, 0.0));
    pass->y.assign(n_out, std::vector<double>(steps, 0.0));
    double sum_sq = 0.0;
    for (std::size_t j = 0; j < n_out; ++j) {
        const auto row = static_cast<Eigen::Index>(j);
        double u = 0.0, y = 0.0;
        for (std::size_t t = 0; t < steps; ++t) {
            // Threshold: the spike of step t from the potential at its start.
            const double s = SpikeForward(u - p.threshold, grad.slope, grad.smooth_forward);
            // Loss filter: y[t] = α y[t−1] + S[t].
            y = task.alpha * y + s;
            pass->u[j][t] = u;
            pass->s[j][t] = s;
            pass->y[j][t] = y;
            const double diff = y - task.target_filtered[j][t];
            sum_sq += diff * diff;
            // Integrate: leak, this step's input spikes, reset by subtraction.
            double input = 0.0;
            for (int i : task.active[t]) input += w(row, i);
            u = task.beta * u + input - p.threshold * s;
        }
    }
    pass->loss = kSurrogateDtMs / p.tau_vr_ms * sum_sq;
    return pass->loss;
}

void SurrogateBackward(const SurrogateTask& task, const SpikeGradient& grad, SurrogatePass* pass) {
    const SurrogateTaskParams& p = task.params;
    const auto steps = static_cast<std::size_t>(p.steps);
    const double scale = 2.0 * kSurrogateDtMs / p.tau_vr_ms;
    pass->d_loss_d_w.setZero(p.n_outputs, p.n_inputs);
    for (std::size_t j = 0; j < static_cast<std::size_t>(p.n_outputs); ++j) {
        const auto row = static_cast<Eigen::Index>(j);
        double g_next = 0.0;       // g[t+1] = dL/dS[t+1] through the loss filter
        double lambda_next = 0.0;  // λ[t+1] = dL/du[t+1]; λ[T] = 0
        for (std::size_t t = steps; t-- > 0;) {
            // dL/dw_ji: the inputs of step t reach u[t+1].
            for (int i : task.active[t]) pass->d_loss_d_w(row, i) += lambda_next;
            // dL/dy[t] from the loss, then through the filter y[t+1] = α y[t] + S[t+1].
            const double e = scale * (pass->y[j][t] - task.target_filtered[j][t]);
            const double g = e + task.alpha * g_next;
            // dL/dS[t]: the filter, plus the reset −θ S[t] in u[t+1].
            const double d_loss_d_s = grad.detach_reset ? g : g - p.threshold * lambda_next;
            // dL/du[t]: through the spike (the chosen derivative) and the leak β u[t].
            const double ds_du = SpikeDerivative(grad.kind, pass->u[j][t] - p.threshold, grad.slope,
                                                 grad.smooth_forward);
            const double lambda = d_loss_d_s * ds_du + task.beta * lambda_next;
            g_next = g;
            lambda_next = lambda;
        }
    }
}

std::vector<int> OutputSpikeSteps(const SurrogatePass& pass, int j) {
    std::vector<int> steps;
    if (j < 0 || j >= static_cast<int>(pass.s.size())) return steps;
    const auto& s = pass.s[static_cast<std::size_t>(j)];
    for (std::size_t t = 0; t < s.size(); ++t)
        if (s[t] >= 0.5) steps.push_back(static_cast<int>(t));
    return steps;
}

SpikeMatch MatchSpikes(const std::vector<int>& output, const std::vector<int>& target,
                       int tolerance_steps) {
    SpikeMatch match;
    std::vector<bool> used(output.size(), false);
    for (int t : target) {
        // The closest unused output spike within the tolerance.
        std::size_t best = output.size();
        int best_distance = tolerance_steps + 1;
        for (std::size_t k = 0; k < output.size(); ++k) {
            const int d = std::abs(output[k] - t);
            if (!used[k] && d < best_distance) {
                best = k;
                best_distance = d;
            }
        }
        if (best < output.size()) {
            used[best] = true;
            ++match.matched;
        } else {
            ++match.missed;
        }
    }
    match.extra = static_cast<int>(output.size()) - match.matched;
    return match;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Training
// ---------------------------------------------------------------------------------------------

std::string SurrogateLearning::Validate() const {
    if (!(gradient.slope > 0.0 && gradient.slope <= 1000.0))
        return "surrogate slope must be in (0, 1000] (got " + Num(gradient.slope) + ")";
    if (!(lr > 0.0 && lr <= 10.0)) return "learning rate must be in (0, 10] (got " + Num(lr) + ")";
    if (!(beta1 >= 0.0 && beta1 < 1.0)) return "beta1 must be in [0, 1)";
    if (!(beta2 >= 0.0 && beta2 < 1.0)) return "beta2 must be in [0, 1)";
    if (!(epsilon > 0.0 && epsilon < 1.0)) return "epsilon must be in (0, 1)";
    return {};
}

std::string SurrogateConfig::Validate() const {
    if (auto e = task.Validate(); !e.empty()) return e;
    return learning.Validate();
}

SurrogateTrainer::SurrogateTrainer(const SurrogateConfig& config) {
    error_ = Configure(config);
    if (!error_.empty()) Configure(SurrogateConfig{});
}

std::string SurrogateTrainer::Configure(const SurrogateConfig& config) {
    if (auto e = config.Validate(); !e.empty()) return e;
    task_ = MakeSurrogateTask(config.task);
    config_ = config;
    config_.task = task_.params;  // with the default targets filled in
    error_.clear();
    Reset();
    return {};
}

std::string SurrogateTrainer::SetLearning(const SurrogateLearning& learning) {
    if (auto e = learning.Validate(); !e.empty()) return e;
    const SurrogateLearning& old = config_.learning;
    const bool restart = learning.optimizer != old.optimizer ||
                         learning.gradient.kind != old.gradient.kind ||
                         learning.gradient.smooth_forward != old.gradient.smooth_forward ||
                         learning.gradient.detach_reset != old.gradient.detach_reset;
    config_.learning = learning;
    if (restart) ClearOptimizer();
    // The same weights under another derivative: recompute the pass (its gradient changes).
    SurrogateForward(task_, w_, config_.learning.gradient, &pass_);
    SurrogateBackward(task_, config_.learning.gradient, &pass_);
    return {};
}

void SurrogateTrainer::ClearOptimizer() {
    adam_.m.setZero(w_.rows(), w_.cols());
    adam_.s.setZero(w_.rows(), w_.cols());
    adam_.beta1_power = 1.0;
    adam_.beta2_power = 1.0;
}

void SurrogateTrainer::Reset() {
    const SurrogateTaskParams& p = config_.task;
    Rng rng(p.seed ^ kWeightStream);
    w_.resize(p.n_outputs, p.n_inputs);
    for (Eigen::Index j = 0; j < w_.rows(); ++j)
        for (Eigen::Index i = 0; i < w_.cols(); ++i)
            w_(j, i) = rng.Normal(p.w_init_mean, p.w_init_std);
    w_initial_ = w_;
    ClearOptimizer();
    status_ = SurrogateStatus::kReady;
    divergence_.clear();
    iteration_ = 0;
    train_seconds_ = 0.0;
    SurrogateForward(task_, w_, config_.learning.gradient, &pass_);
    SurrogateBackward(task_, config_.learning.gradient, &pass_);
    initial_loss_ = pass_.loss;
    loss_history_.Clear();
    loss_history_.Add(0.0, initial_loss_);
}

Eigen::MatrixXd SurrogateTrainer::UpdatedWeights(const Eigen::MatrixXd& grad,
                                                 AdamState* adam) const {
    const SurrogateLearning& l = config_.learning;
    Eigen::MatrixXd w = w_;
    if (l.optimizer == SurrogateOptimizer::kSgd) {
        for (Eigen::Index k = 0; k < w.size(); ++k) w.data()[k] -= l.lr * grad.data()[k];
        return w;
    }
    // Adam with bias correction by β^t (Kingma and Ba 2015).
    adam->beta1_power *= l.beta1;
    adam->beta2_power *= l.beta2;
    for (Eigen::Index k = 0; k < w.size(); ++k) {
        const double g = grad.data()[k];
        double& m = adam->m.data()[k];
        double& s = adam->s.data()[k];
        m = l.beta1 * m + (1.0 - l.beta1) * g;
        s = l.beta2 * s + (1.0 - l.beta2) * g * g;
        const double m_hat = m / (1.0 - adam->beta1_power);
        const double s_hat = s / (1.0 - adam->beta2_power);
        w.data()[k] -= l.lr * m_hat / (std::sqrt(s_hat) + l.epsilon);
    }
    return w;
}

bool SurrogateTrainer::Step() {
    if (status_ == SurrogateStatus::kDiverged) return false;
    const std::string at = "Training stopped at iteration " + std::to_string(iteration_ + 1);
    // The update, on copies: nothing is applied unless the result is usable.
    AdamState adam = adam_;
    Eigen::MatrixXd next = UpdatedWeights(pass_.d_loss_d_w, &adam);
    if (!next.allFinite() || next.cwiseAbs().maxCoeff() > kMaxWeight) {
        status_ = SurrogateStatus::kDiverged;
        divergence_ = at + ": a weight grew beyond 1e6. Lower the learning rate and reset.";
        return false;
    }
    SurrogatePass trial;
    SurrogateForward(task_, next, config_.learning.gradient, &trial);
    SurrogateBackward(task_, config_.learning.gradient, &trial);
    if (!std::isfinite(trial.loss) || !trial.d_loss_d_w.allFinite()) {
        status_ = SurrogateStatus::kDiverged;
        divergence_ = at +
                      ": the loss or a gradient is not finite. Lower the learning rate "
                      "and reset.";
        return false;
    }
    w_ = std::move(next);
    adam_ = std::move(adam);
    pass_ = std::move(trial);
    ++iteration_;
    loss_history_.Add(static_cast<double>(iteration_), pass_.loss);
    return true;
}

int SurrogateTrainer::TrainFor(double budget_seconds, int max_iterations) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    int done = 0;
    double elapsed = 0.0;
    while (done < max_iterations && Step()) {
        ++done;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (elapsed >= budget_seconds) break;
    }
    train_seconds_ += elapsed;
    return done;
}

double SurrogateTrainer::GradientNorm() const {
    double sum_sq = 0.0;
    for (Eigen::Index k = 0; k < pass_.d_loss_d_w.size(); ++k)
        sum_sq += pass_.d_loss_d_w.data()[k] * pass_.d_loss_d_w.data()[k];
    return std::sqrt(sum_sq);
}

double SurrogateTrainer::WeightChangeNorm() const {
    double sum_sq = 0.0;
    for (Eigen::Index k = 0; k < w_.size(); ++k) {
        const double d = w_.data()[k] - w_initial_.data()[k];
        sum_sq += d * d;
    }
    return std::sqrt(sum_sq);
}

}  // namespace dendrites::spiking
