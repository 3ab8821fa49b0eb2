// Surrogate gradients: training a layer of LIF neurons to fire at target times, and why the
// spike's own derivative cannot do it.
//
// [SECTION] Index
//   Model and task ...... SurrogateTaskParams, SurrogateTask, MakeSurrogateTask
//   Spike derivatives ... SurrogateKind, SpikeForward, SpikeDerivative
//   Forward, backward ... SurrogatePass, SurrogateForward, SurrogateBackward, MatchSpikes
//   Training ............ SurrogateLearning, SurrogateConfig, SurrogateTrainer
//
// [SECTION] Model (discrete time, dt = 1 ms)
//
//   u_j[0]   = 0
//   S_j[t]   = H(u_j[t] − θ)                              spike; H(0) = 1 (u reaching θ fires)
//   u_j[t+1] = β u_j[t] + Σ_i w_ji s_i[t] − θ S_j[t]      leak, input, reset by subtraction
//   β = exp(−dt/τ_m). Integration: exact for a leaky integrator driven by delta pulses, with
//   each input spike delivered at the end of its step. The inputs s_i[t] ∈ {0, 1} are fixed
//   Bernoulli rasters, P(spike in a step) = rate·dt, drawn once from the task's seed.
//
//   Task: output j should fire exactly at its target steps. Loss (van Rossum 2001): both trains
//   are filtered by a causal exponential kernel and the squared difference is summed,
//     y_j[t] = α y_j[t−1] + S_j[t],   ŷ_j[t] likewise for the target,   α = exp(−dt/τ_vr)
//     L      = (dt/τ_vr) Σ_j Σ_t (y_j[t] − ŷ_j[t])²
//   In continuous time a spike with no partner costs 1/2 (0.55 in 1 ms steps at τ_vr = 10 ms)
//   and a spike displaced by δ costs 1 − exp(−δ/τ_vr) (0.105 for one 1 ms step): L is roughly
//   half the wrong spikes plus the timing errors in units of τ_vr.
//
// [SECTION] Backward (backprop through time, the adjoint of the recursion above)
//
//   e_j[t]    = ∂L/∂y_j[t] = 2 (dt/τ_vr)(y_j[t] − ŷ_j[t])
//   g_j[t]    = e_j[t] + α g_j[t+1]                 dL/dS_j[t] through the loss filter
//   dS_j[t]   = g_j[t] − θ λ_j[t+1]                 dL/dS_j[t]: the filter plus the reset
//   λ_j[t]    = dS_j[t] · S'(u_j[t]) + β λ_j[t+1]   dL/du_j[t], with λ_j[T] = 0
//   dL/dw_ji  = Σ_t λ_j[t+1] s_i[t]
//
//   S'(u) is where the choice enters. The true derivative of H is 0 wherever it is defined
//   (every u ≠ θ; at u = θ it does not exist), so λ ≡ 0 and every gradient is exactly zero:
//   gradient descent never moves. A surrogate (Zenke and Ganguli 2018; Neftci, Mostafa and
//   Zenke 2019) keeps the real spikes forward and uses a smooth bump in x = u − θ backward:
//     fast sigmoid (SuperSpike)   S'(u) ≈ 1 / (1 + k|x|)²
//     sigmoid'                    S'(u) ≈ k σ(kx)(1 − σ(kx)),   σ(z) = 1 / (1 + e^−z)
//   With `smooth_forward` the forward pass itself uses S = σ(k(u − θ)) and the backward pass
//   its exact derivative (the kind is then ignored): the loss is differentiable and the BPTT
//   gradient can be checked against finite differences. With `detach_reset` the term −θ λ[t+1]
//   is dropped from dS (the reset treated as a constant; Zenke and Vogels 2021 report that
//   this often trains better); the gradient is then no longer the exact one. Off by default.
//
//   | parameter       | default | unit | meaning                                          |
//   |-----------------|---------|------|--------------------------------------------------|
//   | n_inputs        | 100     |      | input spike trains                               |
//   | n_outputs       | 2       |      | output LIF neurons (1 to 3 in the app)           |
//   | steps           | 300     | ms   | T, trial length (dt = 1 ms)                      |
//   | input_rate_Hz   | 20      | Hz   | rate of every input train                        |
//   | tau_m_ms        | 10      | ms   | membrane time constant, β = exp(−dt/τ_m)         |
//   | threshold       | 1       |      | θ, in units of the potential (dimensionless)     |
//   | tau_vr_ms       | 10      | ms   | van Rossum kernel time constant                  |
//   | w_init_mean     | 0.04    |      | initial weights ~ Normal(mean, std)              |
//   | w_init_std      | 0.06    |      |                                                  |
//   | slope           | 5       | 1/θ  | k, steepness of the surrogate                    |
//   | lr              | 0.01    |      | learning rate η (Adam, β1 0.9, β2 0.999, ε 1e-8) |
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/history.h"

namespace dendrites::spiking {

// ---------------------------------------------------------------------------------------------
// [SECTION] Model and task
// ---------------------------------------------------------------------------------------------

struct SurrogateTaskParams {
    int n_inputs = 100;  // 50 learn too, but 100 give enough input near every target
    int n_outputs = 2;
    int steps = 300;              // trial length T in 1 ms steps
    double input_rate_Hz = 20.0;  // every input train
    double tau_m_ms = 10.0;       // membrane time constant
    double threshold = 1.0;       // θ
    double tau_vr_ms = 10.0;      // van Rossum kernel
    double w_init_mean = 0.04;    // initial weights ~ Normal(mean, std): about twice the
                                  // target spike count at first
    double w_init_std = 0.06;
    // Target spike steps of each output (sorted, in [1, steps)); empty: DefaultTargetSteps().
    std::vector<std::vector<int>> target_steps;
    // Input rasters and initial weights. Seed 2 puts every spike exactly on its target (loss
    // 0, gradient 0) in about 70 updates; most seeds end with a spike or two a step off, and
    // those flicker as the update keeps pushing (an input-driven LIF can only cross θ in a
    // step right after an input spike arrives, so not every target time is reachable).
    std::uint64_t seed = 2;

    std::string Validate() const;
};

constexpr double kSurrogateDtMs = 1.0;

// Evenly spread targets: output j fires 3 + j times, staggered so the outputs differ.
std::vector<std::vector<int>> DefaultTargetSteps(int n_outputs, int steps);

// The fixed data of one task: the input rasters and the targets, filtered once.
struct SurrogateTask {
    SurrogateTaskParams params;                        // target_steps filled in
    std::vector<std::vector<int>> active;              // active[t]: inputs that spike in step t
    std::vector<std::vector<int>> target;              // target[j]: 0/1 per step
    std::vector<std::vector<double>> target_filtered;  // ŷ_j[t]
    double beta = 0.0;                                 // exp(−dt/τ_m)
    double alpha = 0.0;                                // exp(−dt/τ_vr)
    int InputSpikeCount() const;
};

// Draws the rasters from params.seed. Call only with valid params (Validate() empty).
SurrogateTask MakeSurrogateTask(const SurrogateTaskParams& params);

// ---------------------------------------------------------------------------------------------
// [SECTION] Spike derivatives
// ---------------------------------------------------------------------------------------------

enum class SurrogateKind {
    kTrue,         // dH/du: zero wherever it exists, so no gradient at all
    kFastSigmoid,  // 1 / (1 + k|x|)²  (SuperSpike)
    kSigmoid,      // k σ(kx)(1 − σ(kx))
};
constexpr int kSurrogateKindCount = 3;

const char* SurrogateName(SurrogateKind kind);       // "true derivative (zero)", ...
const char* SurrogateShortName(SurrogateKind kind);  // "true", "fast-sigmoid", "sigmoid"

// S as a function of x = u − θ: H(x) (1 at x = 0), or σ(kx) when `smooth`.
double SpikeForward(double x, double slope, bool smooth);
// The backward derivative dS/du at x = u − θ: the exact σ' when `smooth`, else the kind's.
double SpikeDerivative(SurrogateKind kind, double x, double slope, bool smooth);

// ---------------------------------------------------------------------------------------------
// [SECTION] Forward, backward
// ---------------------------------------------------------------------------------------------

// How the backward pass treats the spike (and, for the gradient check, the forward pass).
struct SpikeGradient {
    SurrogateKind kind = SurrogateKind::kFastSigmoid;
    double slope = 5.0;           // k
    bool smooth_forward = false;  // S = σ(k(u − θ)) forward too (for finite-difference checks)
    bool detach_reset = false;  // drop the reset's path −θ λ[t+1] from dL/dS (Zenke and Vogels
                                // 2021); the gradient is then no longer exact
};

// What Forward() keeps for Backward() and for the plots; index [j][t], t = 0 .. T−1.
struct SurrogatePass {
    std::vector<std::vector<double>> u;  // membrane potential at the start of step t
    std::vector<std::vector<double>> s;  // S_j[t] (0/1, or σ with smooth forward)
    std::vector<std::vector<double>> y;  // filtered output train
    double loss = 0.0;
    Eigen::MatrixXd d_loss_d_w;  // n_outputs × n_inputs, filled by Backward()
};

// Runs the layer over the trial and returns the loss (also kept in pass->loss).
double SurrogateForward(const SurrogateTask& task, const Eigen::MatrixXd& w,
                        const SpikeGradient& grad, SurrogatePass* pass);
// Fills pass->d_loss_d_w by backprop through time over the pass Forward() kept.
void SurrogateBackward(const SurrogateTask& task, const SpikeGradient& grad, SurrogatePass* pass);

// Spike steps of output j in a pass (S ≥ 1/2, which is every spike of the real forward).
std::vector<int> OutputSpikeSteps(const SurrogatePass& pass, int j);

// Output against target spikes: a target counts as matched when an unused output spike lies
// within `tolerance_steps` of it (greedy, in time order).
struct SpikeMatch {
    int matched = 0;
    int missed = 0;  // targets with no output spike near them
    int extra = 0;   // output spikes matched to no target
};
SpikeMatch MatchSpikes(const std::vector<int>& output, const std::vector<int>& target,
                       int tolerance_steps);

// ---------------------------------------------------------------------------------------------
// [SECTION] Training
// ---------------------------------------------------------------------------------------------

enum class SurrogateOptimizer { kSgd, kAdam };

// What can change while training runs (live): the spike's backward derivative and the steps.
struct SurrogateLearning {
    SpikeGradient gradient;
    SurrogateOptimizer optimizer = SurrogateOptimizer::kAdam;
    double lr = 0.01;       // η
    double beta1 = 0.9;     // Adam's decay of the gradient average
    double beta2 = 0.999;   // Adam's decay of the squared-gradient average
    double epsilon = 1e-8;  // keeps Adam's step finite

    std::string Validate() const;
};

struct SurrogateConfig {
    SurrogateTaskParams task;
    SurrogateLearning learning;

    std::string Validate() const;
};

enum class SurrogateStatus { kReady, kDiverged };

// Full-batch training of the layer on its one trial. After every update the current weights
// are run forward and backward, so LastPass() always shows them and Loss() is their loss.
// A gradient or loss that is not finite, or a weight beyond kMaxWeight, stops training in the
// Diverged state with a message; the weights of that step are not applied.
class SurrogateTrainer {
public:
    explicit SurrogateTrainer(const SurrogateConfig& config = SurrogateConfig{});

    // Rebuilds the task and resets. On failure returns the message and changes nothing.
    std::string Configure(const SurrogateConfig& config);
    // Changes the learning settings, keeping the weights; Adam's buffers restart when the
    // optimizer or the surrogate changes (their averages describe another gradient).
    std::string SetLearning(const SurrogateLearning& learning);
    // Initial weights from the seed, cleared optimizer state and history, iteration 0.
    void Reset();

    // One full-batch update. False (and nothing changes) once diverged.
    bool Step();
    // Updates until `budget_seconds` have passed (at least one) or `max_iterations` are done.
    int TrainFor(double budget_seconds, int max_iterations = 1 << 30);

    const SurrogateConfig& Config() const { return config_; }
    const SurrogateTask& Task() const { return task_; }
    const Eigen::MatrixXd& Weights() const { return w_; }
    const SurrogatePass& LastPass() const { return pass_; }
    const std::string& Error() const { return error_; }  // why the constructor's config failed

    SurrogateStatus Status() const { return status_; }
    const std::string& DivergenceMessage() const { return divergence_; }
    long long Iteration() const { return iteration_; }
    double Loss() const { return pass_.loss; }
    double InitialLoss() const { return initial_loss_; }
    double GradientNorm() const;      // Euclidean norm of dL/dw for the current weights
    double WeightChangeNorm() const;  // norm of w − w_initial: zero if nothing ever moved
    double TrainSeconds() const { return train_seconds_; }
    const History& LossHistory() const { return loss_history_; }  // (iteration, loss)

    static constexpr double kMaxWeight = 1e6;

private:
    // Adam's running averages and bias-correction powers.
    struct AdamState {
        Eigen::MatrixXd m, s;
        double beta1_power = 1.0;  // β1^t as a running product (no pow: same bits everywhere)
        double beta2_power = 1.0;
    };
    void ClearOptimizer();
    // The weights after one step against `grad`, updating `adam` (a copy, so a rejected step
    // leaves the trainer untouched).
    Eigen::MatrixXd UpdatedWeights(const Eigen::MatrixXd& grad, AdamState* adam) const;

    SurrogateConfig config_;
    SurrogateTask task_;
    Eigen::MatrixXd w_, w_initial_;
    AdamState adam_;
    SurrogatePass pass_;
    std::string error_;

    SurrogateStatus status_ = SurrogateStatus::kReady;
    std::string divergence_;
    long long iteration_ = 0;
    double initial_loss_ = 0.0;
    double train_seconds_ = 0.0;
    History loss_history_{4096};
};

}  // namespace dendrites::spiking
