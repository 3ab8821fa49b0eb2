// The spiking network: building (populations, projections, stimuli) and the step recipe.
//
// [SECTION] Index
//   Validation of specs
//   Building: populations, projections (CSR), gap junctions, stimuli
//   Step: the recipe and its stages
//   Changing things while running
#include "core/spiking/network.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/detmath.h"

namespace dendrites::spiking {
namespace {

bool Finite(double x) { return std::isfinite(x); }

// LIF cells are integrated in blocks of kLifBlock; per block the kernel counts the cells that
// reached threshold, so that the scalar threshold pass only visits blocks with a spike.
constexpr int kLifBlock = 64;

// f^k by binary exponentiation: only multiplications, so native and wasm agree bit for bit.
double IntPow(double f, std::int64_t k) {
    double result = 1.0;
    while (k > 0) {
        if (k & 1) result *= f;
        f *= f;
        k >>= 1;
        if (f == 0.0) return k > 0 ? 0.0 : result;
    }
    return result;
}

std::int64_t RoundToSteps(double ms, double dt_ms) {
    return static_cast<std::int64_t>(std::floor(ms / dt_ms + 0.5));
}

// Knuth's Poisson draw with the limit exp(-lambda) precomputed (no libm call per draw).
std::uint64_t PoissonDraw(Rng& rng, double lambda, double limit) {
    if (lambda > 30.0) return rng.Poisson(lambda);
    std::uint64_t k = 0;
    double product = rng.Uniform();
    while (product > limit) {
        ++k;
        product *= rng.Uniform();
    }
    return k;
}

// sin and cos with only +, * and exact halving/doubling (libm's differ in the last bit between
// glibc and Emscripten): Taylor series on x / 2^k with |x / 2^k| <= 0.25 (truncation below
// 1e-20), then k double-angle steps.
void SinCos(double x, double* sin_x, double* cos_x) {
    const double two_pi = 6.283185307179586;
    x -= two_pi * std::floor(x / two_pi + 0.5);
    int k = 0;
    while (std::fabs(x) > 0.25) {
        x *= 0.5;
        ++k;
    }
    const double x2 = x * x;
    double s = 1.0, c = 1.0;
    for (int n = 13; n >= 3; n -= 2) s = 1.0 - x2 / (n * (n - 1)) * s;
    for (int n = 14; n >= 2; n -= 2) c = 1.0 - x2 / (n * (n - 1)) * c;
    s *= x;
    for (; k > 0; --k) {
        const double s2 = 2.0 * s * c;
        c = c * c - s * s;
        s = s2;
    }
    *sin_x = s;
    *cos_x = c;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Validation of specs
// ---------------------------------------------------------------------------------------------

std::string PopulationSpec::Validate() const {
    if (size < 1) return "population '" + name + "' needs at least one neuron";
    if (size > 5000000) return "population '" + name + "' is too large (max 5,000,000)";
    if (model == NeuronModel::kLif) {
        std::string e = lif.Validate();
        if (e.empty()) e = synapse.Validate();
        return e;
    }
    if (model == NeuronModel::kIzhikevich) {
        std::string e = izhikevich.Validate();
        if (e.empty()) e = synapse.Validate();
        return e;
    }
    if (model == NeuronModel::kPoissonSource && (!Finite(source.rate_Hz) || source.rate_Hz < 0)) {
        return "source rate_Hz must be a non-negative number";
    }
    if (model == NeuronModel::kPeriodicSource &&
        (!Finite(source.period_ms) || source.period_ms <= 0 || !Finite(source.phase_ms) ||
         source.phase_ms < 0)) {
        return "periodic source needs period_ms > 0 and phase_ms >= 0";
    }
    return {};
}

std::string StdpParams::Validate() const {
    const double values[] = {a_plus, a_minus, tau_plus_ms, tau_minus_ms, w_min, w_max};
    for (double v : values) {
        if (!Finite(v)) return "STDP parameters must be finite numbers";
    }
    if (tau_plus_ms <= 0 || tau_minus_ms <= 0) return "STDP time constants must be positive";
    if (a_plus < 0 || a_minus < 0) return "STDP amplitudes must not be negative";
    if (w_min > w_max) return "STDP w_min must not exceed w_max";
    return {};
}

std::string StructuralParams::Validate() const {
    if (!Finite(interval_ms) || interval_ms <= 0) return "structural interval_ms must be positive";
    if (!Finite(grow_probability) || grow_probability < 0 || grow_probability > 1) {
        return "structural grow_probability must be in [0, 1]";
    }
    if (!Finite(prune_below) || !Finite(grow_weight)) return "structural weights must be finite";
    return {};
}

std::string ProjectionSpec::Validate() const {
    if (!Finite(weight) || !Finite(weight_spread) || weight_spread < 0) {
        return "projection weight must be finite and weight_spread non-negative";
    }
    if (!Finite(delay_ms) || !Finite(delay_spread_ms) || delay_spread_ms < 0) {
        return "projection delay_ms must be finite and delay_spread_ms non-negative";
    }
    if (rule == ConnectionRule::kFixedProbability &&
        (!Finite(probability) || probability < 0 || probability > 1)) {
        return "connection probability must be in [0, 1]";
    }
    if (rule == ConnectionRule::kFixedInDegree && in_degree < 0) {
        return "in_degree must not be negative";
    }
    if (stdp) {
        std::string e = stdp_params.Validate();
        if (!e.empty()) return e;
    }
    if (structural) {
        if (rule != ConnectionRule::kAllToAll && rule != ConnectionRule::kFixedProbability) {
            return "structural projections need the all-to-all or fixed-probability rule";
        }
        return structural_params.Validate();
    }
    return {};
}

std::string Stimulus::Validate() const {
    const double values[] = {amplitude, offset, frequency_Hz, mean, sd, rate_Hz, weight, start_ms};
    for (double v : values) {
        if (!Finite(v)) return "stimulus values must be finite numbers";
    }
    if (count < 1) return "stimulus needs at least one target";
    if (std::isnan(stop_ms) || stop_ms < start_ms) return "stimulus stop_ms must be >= start_ms";
    if (kind == StimulusKind::kNoise && (sd < 0 || !Finite(hold_ms) || hold_ms <= 0)) {
        return "noise stimulus needs sd >= 0 and hold_ms > 0";
    }
    if (kind == StimulusKind::kPoisson && rate_Hz < 0) return "Poisson rate_Hz must be >= 0";
    if (kind == StimulusKind::kSine && frequency_Hz < 0) return "sine frequency_Hz must be >= 0";
    return {};
}

std::int64_t Projection::ActiveCount() const {
    if (active.empty()) return size();
    std::int64_t n = 0;
    for (auto a : active) n += a;
    return n;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Building
// ---------------------------------------------------------------------------------------------

Network::Network(double dt_ms, std::uint64_t seed) { Clear(dt_ms, seed); }

std::string Network::Clear(double dt_ms, std::uint64_t seed) {
    if (!Finite(dt_ms) || dt_ms <= 0 || dt_ms > 10) {
        return "dt_ms must be in (0, 10] ms";
    }
    *this = Network::EmptyState(dt_ms, seed);
    return {};
}

Network Network::EmptyState(double dt_ms, std::uint64_t seed) {
    Network net(Uninitialised{});
    net.dt_ms_ = dt_ms;
    net.seed_ = seed;
    net.rng_.Seed(seed);
    net.arrivals_.resize(1);
    net.ResizeRing(2);
    return net;
}

void Network::ConfigureRecorder(const RecorderConfig& config) {
    recorder_config_ = config;
    std::vector<int> firsts;
    for (const auto& p : populations_) firsts.push_back(p.first);
    firsts.push_back(n_);
    recorder_.Configure(config, firsts, dt_ms_);
}

BuildResult Network::AddPopulation(const PopulationSpec& spec) {
    BuildResult result;
    result.error = spec.Validate();
    if (!result.ok()) return result;
    Population pop;
    pop.spec = spec;
    pop.first = n_;
    pop.lif_prop = ComputeLifPropagators(spec.lif, spec.synapse, dt_ms_);
    pop.period_steps = std::max<std::int64_t>(1, RoundToSteps(spec.source.period_ms, dt_ms_));
    pop.phase_steps = RoundToSteps(spec.source.phase_ms, dt_ms_);
    pop.spike_probability = spec.source.rate_Hz * dt_ms_ * 1e-3;
    if (spec.model == NeuronModel::kPoissonSource && pop.spike_probability > 1.0) {
        result.warnings.push_back("source rate exceeds one spike per step; clipped");
    }
    const int p_index = static_cast<int>(populations_.size());
    populations_.push_back(pop);
    n_ += spec.size;

    // Append the state of the new cells.
    double v0 = spec.v_init_mV;
    if (std::isnan(v0)) v0 = spec.model == NeuronModel::kIzhikevich ? -65.0 : spec.lif.e_l_mV;
    v_.resize(n_, v0);
    u_.resize(n_, spec.izhikevich.b * v0);  // u = b v at start (Izhikevich 2003)
    for (auto* a : {&syn_e_, &syn_i_, &adapt_nA_, &bias_, &input_}) a->resize(n_, 0.0);
    refractory_left_.resize(n_, 0);
    izh_.resize(n_, spec.izhikevich);
    last_spike_.resize(n_, -1);
    pop_of_.resize(n_, p_index);
    for (auto& z : zeros_) z.assign(n_, 0.0);
    scratch_.assign(n_, 0.0);
    block_above_.assign(n_ / kLifBlock + 1, 0);
    spikes_.reserve(n_);
    // The ring layout depends on n: rebuilt empty (spikes in flight are dropped).
    ResizeRing(ring_len_);
    ConfigureRecorder(recorder_config_);
    for (auto& w : result.warnings) warnings_.push_back(w);
    result.index = p_index;
    return result;
}

void Network::ResizeRing(int needed_len) {
    ring_len_ = std::max(needed_len, 2);
    for (auto& r : ring_) r.assign(static_cast<std::size_t>(ring_len_) * n_, 0.0);
    for (auto& a : arrivals_) a.clear();
    arrivals_.resize(ring_len_);
    cur_slot_ = static_cast<int>(step_ % ring_len_);
}

void Network::MarkReceptor(int first, int count, Receptor r) {
    for (auto& pop : populations_) {
        if (pop.first + pop.size() <= first || pop.first >= first + count) continue;
        if (r == Receptor::kDelta) pop.has_delta = true;
        if (r == Receptor::kExcitatory) pop.has_exc = true;
        if (r == Receptor::kInhibitory) pop.has_inh = true;
    }
}

BuildResult Network::Connect(const ProjectionSpec& spec) {
    BuildResult result;
    const int pops = population_count();
    if (spec.pre < 0 || spec.pre >= pops || spec.post < 0 || spec.post >= pops) {
        result.error = "projection refers to a population that does not exist";
        return result;
    }
    result.error = spec.Validate();
    if (!result.ok()) return result;
    const Population& pre = populations_[spec.pre];
    const Population& post = populations_[spec.post];
    const bool no_self = spec.pre == spec.post && !spec.allow_autapses;

    // 1. Which (pre, post) pairs: generated in a fixed order so a seed gives one network.
    struct Edge {
        std::int32_t pre, post;
    };
    std::vector<Edge> edges;
    std::vector<std::uint8_t> active;
    const bool all_pairs = spec.rule == ConnectionRule::kAllToAll || spec.structural;
    if (all_pairs) {
        edges.reserve(static_cast<std::size_t>(pre.size()) * post.size());
        for (int r = 0; r < pre.size(); ++r) {
            for (int c = 0; c < post.size(); ++c) {
                if (no_self && r == c) continue;
                edges.push_back({r, c});
                if (spec.structural) {
                    const bool on = spec.rule == ConnectionRule::kAllToAll ||
                                    rng_.Bernoulli(spec.probability);
                    active.push_back(on ? 1 : 0);
                }
            }
        }
    } else if (spec.rule == ConnectionRule::kFixedProbability) {
        for (int r = 0; r < pre.size(); ++r) {
            for (int c = 0; c < post.size(); ++c) {
                if (no_self && r == c) continue;
                if (rng_.Bernoulli(spec.probability)) edges.push_back({r, c});
            }
        }
    } else if (spec.rule == ConnectionRule::kFixedInDegree) {
        const int available = pre.size() - (no_self ? 1 : 0);
        if (spec.in_degree > available) {
            result.error = "in_degree exceeds the number of possible presynaptic cells";
            return result;
        }
        edges.reserve(static_cast<std::size_t>(post.size()) * spec.in_degree);
        std::vector<std::uint8_t> taken(pre.size(), 0);
        std::vector<int> chosen;
        for (int c = 0; c < post.size(); ++c) {
            chosen.clear();
            while (static_cast<int>(chosen.size()) < spec.in_degree) {
                const int r = static_cast<int>(rng_.UniformInt(pre.size()));
                if (taken[r] || (no_self && r == c)) continue;
                taken[r] = 1;
                chosen.push_back(r);
            }
            for (int r : chosen) {
                taken[r] = 0;
                edges.push_back({r, c});
            }
        }
    } else if (spec.rule == ConnectionRule::kOneToOne) {
        if (pre.size() != post.size()) {
            result.error = "one-to-one needs populations of equal size";
            return result;
        }
        for (int r = 0; r < pre.size(); ++r) edges.push_back({r, r});
    } else {  // kExplicit
        for (const auto& s : spec.synapses) {
            if (s.pre < 0 || s.pre >= pre.size() || s.post < 0 || s.post >= post.size()) {
                result.error = "explicit synapse index out of range";
                return result;
            }
            if (!Finite(s.weight) || !Finite(s.delay_ms)) {
                result.error = "explicit synapse weight and delay must be finite";
                return result;
            }
            edges.push_back({s.pre, s.post});
        }
    }

    // 2. Counting sort by pre cell into compressed rows (stable: generation order kept).
    Projection proj;
    proj.spec = spec;
    proj.spec.synapses.clear();
    proj.pre_first = pre.first;
    proj.pre_size = pre.size();
    proj.post_first = post.first;
    proj.post_size = post.size();
    const std::size_t m = edges.size();
    proj.row_start.assign(pre.size() + 1, 0);
    for (const auto& e : edges) ++proj.row_start[e.pre + 1];
    for (int r = 0; r < pre.size(); ++r) proj.row_start[r + 1] += proj.row_start[r];
    std::vector<std::int64_t> fill(proj.row_start.begin(), proj.row_start.end() - 1);
    std::vector<std::int64_t> order(m);  // CSR position -> edge index
    proj.target.resize(m);
    for (std::size_t k = 0; k < m; ++k) {
        const std::int64_t at = fill[edges[k].pre]++;
        proj.target[at] = post.first + edges[k].post;
        order[at] = static_cast<std::int64_t>(k);
    }
    if (spec.structural) {
        proj.active.resize(m);
        for (std::size_t at = 0; at < m; ++at) proj.active[at] = active[order[at]];
    }

    // 3. Weights and delays, drawn in CSR order. Delays round to the nearest step.
    proj.weight.resize(m);
    proj.delay_steps.resize(m);
    std::int64_t clamped = 0;
    std::int64_t max_delay = 1;
    for (std::size_t at = 0; at < m; ++at) {
        double w = spec.weight;
        double d_ms = spec.delay_ms;
        if (spec.rule == ConnectionRule::kExplicit) {
            w = spec.synapses[order[at]].weight;
            d_ms = spec.synapses[order[at]].delay_ms;
        }
        if (spec.weight_spread > 0) w += spec.weight_spread * (2.0 * rng_.Uniform() - 1.0);
        if (spec.delay_spread_ms > 0) d_ms += spec.delay_spread_ms * (2.0 * rng_.Uniform() - 1.0);
        std::int64_t d = RoundToSteps(d_ms, dt_ms_);
        if (d < 1) {
            d = 1;
            ++clamped;
        }
        if (d > kMaxDelaySteps) {
            result.error = "delay of " + std::to_string(d_ms) + " ms exceeds the maximum of " +
                           std::to_string(kMaxDelaySteps) + " steps";
            return result;
        }
        if (spec.stdp) w = std::clamp(w, spec.stdp_params.w_min, spec.stdp_params.w_max);
        proj.weight[at] = w;
        proj.delay_steps[at] = static_cast<std::uint16_t>(d);
        max_delay = std::max(max_delay, d);
    }
    proj.uniform_delay_steps = m > 0 ? proj.delay_steps[0] : 0;
    for (std::size_t j = 0; j < m; ++j) {
        if (proj.delay_steps[j] != proj.uniform_delay_steps) proj.uniform_delay_steps = 0;
    }
    if (clamped > 0) {
        result.warnings.push_back(std::to_string(clamped) +
                                  " delay(s) shorter than one step were set to one step (" +
                                  std::to_string(dt_ms_) + " ms)");
    }

    // 4. Plasticity bookkeeping.
    if (spec.stdp) {
        proj.pre_trace.assign(m, 0.0);
        proj.pre_trace_step.assign(m, 0);
        proj.post_trace.assign(post.size(), 0.0);
        proj.post_trace_step.assign(post.size(), 0);
        proj.decay_plus = Exp(-dt_ms_ / spec.stdp_params.tau_plus_ms);
        proj.decay_minus = Exp(-dt_ms_ / spec.stdp_params.tau_minus_ms);
        BuildIncoming(proj);
    }
    if (spec.structural) {
        proj.structural_interval_steps =
            std::max<std::int64_t>(1, RoundToSteps(spec.structural_params.interval_ms, dt_ms_));
    }

    const int index = projection_count();
    projections_.push_back(std::move(proj));
    populations_[spec.pre].outgoing.push_back(index);
    if (spec.stdp) populations_[spec.post].plastic_incoming.push_back(index);
    MarkReceptor(post.first, post.size(), spec.receptor);
    if (max_delay + 1 > ring_len_) ResizeRing(static_cast<int>(max_delay + 1));
    for (auto& w : result.warnings) warnings_.push_back(w);
    result.index = index;
    return result;
}

void Network::BuildIncoming(Projection& proj) {
    proj.in_start.assign(proj.post_size + 1, 0);
    for (auto t : proj.target) ++proj.in_start[t - proj.post_first + 1];
    for (int c = 0; c < proj.post_size; ++c) proj.in_start[c + 1] += proj.in_start[c];
    std::vector<std::int64_t> fill(proj.in_start.begin(), proj.in_start.end() - 1);
    proj.in_syn.resize(proj.target.size());
    for (std::int64_t j = 0; j < proj.size(); ++j) {
        proj.in_syn[fill[proj.target[j] - proj.post_first]++] = j;
    }
}

BuildResult Network::AddGapJunction(int neuron_a, int neuron_b, double g_uS) {
    BuildResult result;
    if (neuron_a < 0 || neuron_a >= n_ || neuron_b < 0 || neuron_b >= n_ || neuron_a == neuron_b) {
        result.error = "gap junction needs two different existing neurons";
    } else if (!Finite(g_uS) || g_uS < 0) {
        result.error = "gap junction g_uS must be a non-negative number";
    } else {
        result.index = static_cast<int>(gaps_.size());
        gaps_.push_back({neuron_a, neuron_b, g_uS});
    }
    return result;
}

std::string Network::CheckNeuronRange(int first, int count) const {
    if (first < 0 || count < 1 || first > n_ - count) {
        return "neuron range [" + std::to_string(first) + ", " + std::to_string(first + count) +
               ") is outside the network of " + std::to_string(n_) + " neurons";
    }
    return {};
}

std::string Network::PrepareStimulus(const Stimulus& s, StimulusState* st) const {
    std::string e = s.Validate();
    if (e.empty()) e = CheckNeuronRange(s.first, s.count);
    if (!e.empty()) return e;
    st->start_step = RoundToSteps(s.start_ms, dt_ms_);
    st->stop_step = Finite(s.stop_ms) ? RoundToSteps(s.stop_ms, dt_ms_)
                                      : std::numeric_limits<std::int64_t>::max();
    st->hold_steps = std::max<std::int64_t>(1, RoundToSteps(s.hold_ms, dt_ms_));
    const double angle = 2.0 * 3.14159265358979323846 * s.frequency_Hz * dt_ms_ * 1e-3;
    SinCos(angle, &st->rot_sin, &st->rot_cos);
    st->phase_cos = 1.0;
    st->phase_sin = 0.0;
    st->poisson_lambda = s.rate_Hz * dt_ms_ * 1e-3;
    st->poisson_limit = Exp(-st->poisson_lambda);
    st->noise_value.assign(s.kind == StimulusKind::kNoise ? s.count : 0, s.mean);
    return {};
}

BuildResult Network::AddStimulus(const Stimulus& stimulus) {
    BuildResult result;
    StimulusState state;
    result.error = PrepareStimulus(stimulus, &state);
    if (!result.ok()) return result;
    if (stimulus.kind == StimulusKind::kPoisson) {
        MarkReceptor(stimulus.first, stimulus.count, stimulus.receptor);
    }
    result.index = static_cast<int>(stimuli_.size());
    stimuli_.push_back(stimulus);
    stimulus_state_.push_back(std::move(state));
    return result;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Step
// ---------------------------------------------------------------------------------------------

void Network::Step() {
    spikes_.clear();

    // 1. Deliver delayed input: plastic synapses arrive one by one (their weight changes on
    //    arrival); static ones were summed into the ring when their spike was sent.
    DeliverPlasticArrivals();
    // External currents and Poisson trains of this step, then gap-junction currents.
    ApplyStimuli();
    ApplyGapJunctions();

    // 2-4. Integrate, threshold and reset, refractory bookkeeping (fused per population so
    //      that each neuron's state is touched once per step).
    for (const auto& pop : populations_) {
        switch (pop.spec.model) {
            case NeuronModel::kLif:
                if (pop.spec.synapse.kind == SynapseKind::kCurrent) {
                    UpdateLif(pop);
                } else {
                    UpdateLifConductance(pop);
                }
                break;
            case NeuronModel::kIzhikevich: UpdateIzhikevich(pop); break;
            case NeuronModel::kPoissonSource:
            case NeuronModel::kPeriodicSource: UpdateSource(pop); break;
        }
    }
    ApplyForcedSpikes();

    // Send this step's spikes: they arrive delay_steps later.
    PropagateSpikes();

    // 5. Plasticity: potentiation at postsynaptic spikes and post traces; rewiring.
    PotentiateOnPostSpikes();
    for (auto& proj : projections_) {
        if (proj.spec.structural && step_ > 0 && step_ % proj.structural_interval_steps == 0) {
            StructuralUpdate(proj);
        }
    }

    // 6. Record.
    Record();
    ++step_;
    cur_slot_ = (cur_slot_ + 1 == ring_len_) ? 0 : cur_slot_ + 1;
}

void Network::Run(std::int64_t steps) {
    for (std::int64_t k = 0; k < steps; ++k) Step();
}

void Network::DeliverPlasticArrivals() {
    auto& arrivals = arrivals_[cur_slot_];
    for (const auto& a : arrivals) {
        Projection& proj = projections_[a.projection];
        const std::int64_t j = a.synapse;
        if (!proj.active.empty() && !proj.active[j]) continue;  // pruned in flight
        const int t = proj.target[j];
        Ring(proj.spec.receptor, cur_slot_)[t] += proj.weight[j];
        // Depression by the postsynaptic trace at the arrival time, then clip.
        const StdpParams& p = proj.spec.stdp_params;
        const int c = t - proj.post_first;
        const double y =
            proj.post_trace[c] * IntPow(proj.decay_minus, step_ - proj.post_trace_step[c]);
        proj.weight[j] = std::clamp(proj.weight[j] - p.a_minus * y, p.w_min, p.w_max);
        // Presynaptic trace x jumps by 1 at the arrival.
        proj.pre_trace[j] =
            proj.pre_trace[j] * IntPow(proj.decay_plus, step_ - proj.pre_trace_step[j]) + 1.0;
        proj.pre_trace_step[j] = step_;
    }
    arrivals.clear();
}

void Network::ApplyStimuli() {
    if (stimuli_.empty() && gaps_.empty()) return;
    std::fill(input_.begin(), input_.end(), 0.0);
    for (std::size_t k = 0; k < stimuli_.size(); ++k) {
        const Stimulus& s = stimuli_[k];
        StimulusState& st = stimulus_state_[k];
        const bool on = s.enabled && (s.kind == StimulusKind::kConstant ||
                                      (step_ >= st.start_step && step_ < st.stop_step));
        if (!on) continue;
        const int end = s.first + s.count;
        switch (s.kind) {
            case StimulusKind::kConstant:
            case StimulusKind::kStep:
                for (int i = s.first; i < end; ++i) input_[i] += s.amplitude;
                break;
            case StimulusKind::kSine: {
                const double value = s.offset + s.amplitude * st.phase_sin;
                for (int i = s.first; i < end; ++i) input_[i] += value;
                // Advance the phasor by one rotation (no sin() per step).
                const double c = st.phase_cos * st.rot_cos - st.phase_sin * st.rot_sin;
                st.phase_sin = st.phase_sin * st.rot_cos + st.phase_cos * st.rot_sin;
                st.phase_cos = c;
                break;
            }
            case StimulusKind::kNoise:
                if ((step_ - st.start_step) % st.hold_steps == 0) {
                    for (auto& x : st.noise_value) x = s.mean + s.sd * rng_.Normal();
                }
                for (int i = s.first; i < end; ++i) input_[i] += st.noise_value[i - s.first];
                break;
            case StimulusKind::kPoisson: {
                double* ring = Ring(s.receptor, cur_slot_);
                for (int i = s.first; i < end; ++i) {
                    const auto k_in = PoissonDraw(rng_, st.poisson_lambda, st.poisson_limit);
                    if (k_in) ring[i] += static_cast<double>(k_in) * s.weight;
                }
                break;
            }
        }
    }
}

void Network::ApplyGapJunctions() {
    // I_a = g (V_b - V_a), I_b = -I_a, from the voltages at the start of the step.
    for (const auto& gj : gaps_) {
        const double current_nA = gj.g_uS * (v_[gj.b] - v_[gj.a]);
        input_[gj.a] += current_nA;
        input_[gj.b] -= current_nA;
    }
}

namespace {

// Integration and refractory clamp of n current-based LIF cells (pointers start at the first
// cell). Branch-free so that the compiler vectorises it; the threshold test is a separate pass.
// kDelta: delta input arrives; kExtra: bias, stimulus, gap or adaptation currents are present.
// All pointers are distinct arrays (unused receptors point at distinct zero buffers).
// On x86-64 with GCC the kernel is also compiled for AVX2 and chosen at load time. Only
// IEEE-exact operations occur (no FMA: -ffp-contract=off), so both versions give the same bits.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define DENDRITES_LIF_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define DENDRITES_LIF_CLONES
#endif

template <bool kDelta, bool kExtra>
DENDRITES_LIF_CLONES void IntegrateLif(
    const LifParams& p, const LifPropagators& q, int n, double* __restrict v_mV,
    double* __restrict syn_e, double* __restrict syn_i, int* __restrict refractory_left,
    double* __restrict ring_d, double* __restrict ring_e, double* __restrict ring_i,
    const double* __restrict extra_nA, std::uint64_t* __restrict above) {
    // Local copies: the stores below cannot alias them, so they stay in registers.
    const double e_l = p.e_l_mV, v_reset = p.v_reset_mV;
    const double p_m = q.p_m, p_ve = q.p_ve, p_vi = q.p_vi, p_e = q.p_e, p_i = q.p_i;
    const double r_one_minus_p = p.r_m_MOhm * q.one_minus_p_m;
    const double v_th = p.v_th_mV;
    for (int block = 0; block * kLifBlock < n; ++block) {
        const int block_end = std::min(n, (block + 1) * kLifBlock);
        std::uint64_t count = 0;
        for (int i = block * kLifBlock; i < block_end; ++i) {
            const double i_e = syn_e[i] + ring_e[i];
            const double i_i = syn_i[i] + ring_i[i];
            ring_e[i] = 0.0;
            ring_i[i] = 0.0;
            // Exact step of the linear membrane equation (see neuron_models.h).
            double v = e_l + (v_mV[i] - e_l) * p_m + p_ve * i_e + p_vi * i_i;
            if constexpr (kExtra) v += r_one_minus_p * extra_nA[i];
            if constexpr (kDelta) {
                v += ring_d[i];
                ring_d[i] = 0.0;
            }
            // Refractory: V stays at V_reset and this step's input has no effect on it. Written
            // as arithmetic on 0/1 (exact: v*1 + r*0 == v, v*0 + r*1 == r for finite v) because
            // GCC turns a select here into a branch and then cannot vectorise the loop.
            const int left = refractory_left[i];
            const int free = left <= 0;
            const double keep = static_cast<double>(free);
            v_mV[i] = v * keep + v_reset * (1.0 - keep);
            refractory_left[i] = left - 1 + free;
            syn_e[i] = i_e * p_e;
            syn_i[i] = i_i * p_i;
            // Count v >= V_th from the sign bit of (v - V_th) + 0 (the + 0 turns -0 into +0); a
            // comparison here would stop GCC from vectorising.
            const double d = (v_mV[i] - v_th) + 0.0;
            std::uint64_t bits;
            std::memcpy(&bits, &d, sizeof bits);
            count += (bits >> 63) ^ 1u;
        }
        above[block] = count;
    }
}

}  // namespace

void Network::UpdateLif(const Population& pop) {
    const LifParams& p = pop.spec.lif;
    const LifPropagators& q = pop.lif_prop;
    const int begin = pop.first, end = pop.first + pop.size();
    // Extra currents only when something provides them (the benchmark case has none): their
    // sum is formed once here so that the integration loop reads one array.
    const bool extra = pop.has_bias || !stimuli_.empty() || !gaps_.empty() || p.adapt_b_nA != 0;
    if (extra) {
        for (int i = begin; i < end; ++i) scratch_[i] = bias_[i] + input_[i] - adapt_nA_[i];
        for (int i = begin; i < end; ++i) adapt_nA_[i] *= q.p_w;
    }
    double* ring_d = pop.has_delta ? Ring(Receptor::kDelta, cur_slot_) : zeros_[0].data();
    double* ring_e = pop.has_exc ? Ring(Receptor::kExcitatory, cur_slot_) : zeros_[1].data();
    double* ring_i = pop.has_inh ? Ring(Receptor::kInhibitory, cur_slot_) : zeros_[2].data();
    auto run = [&](auto kernel) {
        kernel(p, q, pop.size(), &v_[begin], &syn_e_[begin], &syn_i_[begin],
               &refractory_left_[begin], ring_d + begin, ring_e + begin, ring_i + begin,
               &scratch_[begin], block_above_.data());
    };
    if (pop.has_delta) {
        if (extra) run(IntegrateLif<true, true>);
        else run(IntegrateLif<true, false>);
    } else {
        if (extra) run(IntegrateLif<false, true>);
        else run(IntegrateLif<false, false>);
    }
    // Threshold and reset, in the blocks where some cell reached threshold.
    const double v_th = p.v_th_mV;
    for (int block = 0; block * kLifBlock < pop.size(); ++block) {
        if (block_above_[block] == 0) continue;
        const int block_end = std::min(end, begin + (block + 1) * kLifBlock);
        for (int i = begin + block * kLifBlock; i < block_end; ++i) {
            if (v_[i] >= v_th) {
                v_[i] = p.v_reset_mV;
                refractory_left_[i] = q.refractory_steps;
                adapt_nA_[i] += p.adapt_b_nA;
                EmitSpike(i);
            }
        }
    }
}

void Network::UpdateLifConductance(const Population& pop) {
    const LifParams& p = pop.spec.lif;
    const SynapseParams& s = pop.spec.synapse;
    const LifPropagators& q = pop.lif_prop;
    const int begin = pop.first, end = pop.first + pop.size();
    double* ring_d = pop.has_delta ? Ring(Receptor::kDelta, cur_slot_) : zeros_[0].data();
    double* ring_e = pop.has_exc ? Ring(Receptor::kExcitatory, cur_slot_) : zeros_[0].data();
    double* ring_i = pop.has_inh ? Ring(Receptor::kInhibitory, cur_slot_) : zeros_[0].data();
    const double g_l_uS = 1.0 / p.r_m_MOhm;
    for (int i = begin; i < end; ++i) {
        const double g_e = syn_e_[i] + ring_e[i];
        const double g_i = syn_i_[i] + ring_i[i];
        const double jump_mV = ring_d[i];
        ring_e[i] = ring_i[i] = ring_d[i] = 0.0;
        double v;
        if (refractory_left_[i] > 0) {
            --refractory_left_[i];
            v = p.v_reset_mV;
        } else {
            // C dV/dt = g_tot (V_inf - V); Crank-Nicolson: factor (1 - x/2) / (1 + x/2).
            const double g_tot = g_l_uS + g_e + g_i;
            const double i_const = bias_[i] + input_[i] - adapt_nA_[i];
            const double v_inf =
                (g_l_uS * p.e_l_mV + g_e * s.e_e_mV + g_i * s.e_i_mV + i_const) / g_tot;
            const double x = q.dt_over_c * g_tot;
            v = v_inf + (v_[i] - v_inf) * (1.0 - 0.5 * x) / (1.0 + 0.5 * x) + jump_mV;
        }
        syn_e_[i] = g_e * q.p_e;
        syn_i_[i] = g_i * q.p_i;
        adapt_nA_[i] *= q.p_w;
        if (v >= p.v_th_mV) {
            v = p.v_reset_mV;
            refractory_left_[i] = q.refractory_steps;
            adapt_nA_[i] += p.adapt_b_nA;
            EmitSpike(i);
        }
        v_[i] = v;
    }
}

void Network::UpdateIzhikevich(const Population& pop) {
    const SynapseParams& s = pop.spec.synapse;
    const LifPropagators& q = pop.lif_prop;
    const bool conductance = s.kind == SynapseKind::kConductance;
    const int begin = pop.first, end = pop.first + pop.size();
    double* ring_d = pop.has_delta ? Ring(Receptor::kDelta, cur_slot_) : zeros_[0].data();
    double* ring_e = pop.has_exc ? Ring(Receptor::kExcitatory, cur_slot_) : zeros_[0].data();
    double* ring_i = pop.has_inh ? Ring(Receptor::kInhibitory, cur_slot_) : zeros_[0].data();
    const double inv_dt = 1.0 / dt_ms_;
    for (int i = begin; i < end; ++i) {
        const double x_e = syn_e_[i] + ring_e[i];
        const double x_i = syn_i_[i] + ring_i[i];
        // Delta weights are charges: spread over this one step (paper-exact at dt = 1 ms).
        double current = bias_[i] + input_[i] + ring_d[i] * inv_dt;
        ring_e[i] = ring_i[i] = ring_d[i] = 0.0;
        if (conductance) {
            current += x_e * (s.e_e_mV - v_[i]) + x_i * (s.e_i_mV - v_[i]);
        } else {
            current += x_e + x_i;
        }
        syn_e_[i] = x_e * q.p_e;
        syn_i_[i] = x_i * q.p_i;
        if (IzhikevichStep(izh_[i], current, dt_ms_, &v_[i], &u_[i])) EmitSpike(i);
    }
}

void Network::UpdateSource(const Population& pop) {
    const int begin = pop.first, end = pop.first + pop.size();
    for (auto r : {Receptor::kDelta, Receptor::kExcitatory, Receptor::kInhibitory}) {
        double* ring = Ring(r, cur_slot_);  // sources ignore input
        std::fill(ring + begin, ring + end, 0.0);
    }
    if (pop.spec.model == NeuronModel::kPoissonSource) {
        for (int i = begin; i < end; ++i) {
            if (rng_.Uniform() < pop.spike_probability) EmitSpike(i);
        }
    } else if (step_ >= pop.phase_steps && (step_ - pop.phase_steps) % pop.period_steps == 0) {
        for (int i = begin; i < end; ++i) EmitSpike(i);
    }
}

void Network::ApplyForcedSpikes() {
    for (int i : forced_) {
        if (last_spike_[i] == step_) continue;  // already spiked in this step
        const Population& pop = populations_[pop_of_[i]];
        if (pop.spec.model == NeuronModel::kLif) {
            v_[i] = pop.spec.lif.v_reset_mV;
            refractory_left_[i] = pop.lif_prop.refractory_steps;
            adapt_nA_[i] += pop.spec.lif.adapt_b_nA;
        } else if (pop.spec.model == NeuronModel::kIzhikevich) {
            v_[i] = izh_[i].c;
            u_[i] += izh_[i].d;
        }
        EmitSpike(i);
    }
    forced_.clear();
}

void Network::PropagateSpikes() {
    const std::size_t n = static_cast<std::size_t>(n_);
    for (int s : spikes_) {
        for (int pi : populations_[pop_of_[s]].outgoing) {
            Projection& proj = projections_[pi];
            const int row = s - proj.pre_first;
            const std::int64_t j0 = proj.row_start[row], j1 = proj.row_start[row + 1];
            if (proj.spec.stdp) {
                for (std::int64_t j = j0; j < j1; ++j) {
                    if (!proj.active.empty() && !proj.active[j]) continue;
                    int slot = cur_slot_ + proj.delay_steps[j];
                    if (slot >= ring_len_) slot -= ring_len_;
                    arrivals_[slot].push_back({pi, j});
                }
                continue;
            }
            double* ring = ring_[static_cast<std::size_t>(proj.spec.receptor)].data();
            const bool check_active = !proj.active.empty();
            if (proj.uniform_delay_steps > 0 && !check_active) {
                // One delay for the whole projection (CUBA, Brunel): one slot for every target.
                int slot = cur_slot_ + proj.uniform_delay_steps;
                if (slot >= ring_len_) slot -= ring_len_;
                double* __restrict base = ring + static_cast<std::size_t>(slot) * n;
                const std::int32_t* __restrict target = proj.target.data();
                const double* __restrict weight = proj.weight.data();
                for (std::int64_t j = j0; j < j1; ++j) base[target[j]] += weight[j];
                continue;
            }
            for (std::int64_t j = j0; j < j1; ++j) {
                if (check_active && !proj.active[j]) continue;
                int slot = cur_slot_ + proj.delay_steps[j];
                if (slot >= ring_len_) slot -= ring_len_;
                ring[static_cast<std::size_t>(slot) * n + proj.target[j]] += proj.weight[j];
            }
        }
    }
}

void Network::PotentiateOnPostSpikes() {
    for (int s : spikes_) {
        for (int pi : populations_[pop_of_[s]].plastic_incoming) {
            Projection& proj = projections_[pi];
            const StdpParams& p = proj.spec.stdp_params;
            const int c = s - proj.post_first;
            for (std::int64_t k = proj.in_start[c]; k < proj.in_start[c + 1]; ++k) {
                const std::int64_t j = proj.in_syn[k];
                if (!proj.active.empty() && !proj.active[j]) continue;
                // Potentiation by the presynaptic trace (arrivals in this step count fully).
                const double x =
                    proj.pre_trace[j] * IntPow(proj.decay_plus, step_ - proj.pre_trace_step[j]);
                proj.weight[j] = std::clamp(proj.weight[j] + p.a_plus * x, p.w_min, p.w_max);
            }
            proj.post_trace[c] =
                proj.post_trace[c] * IntPow(proj.decay_minus, step_ - proj.post_trace_step[c]) +
                1.0;
            proj.post_trace_step[c] = step_;
        }
    }
}

void Network::StructuralUpdate(Projection& proj) {
    const StructuralParams& p = proj.spec.structural_params;
    for (std::int64_t j = 0; j < proj.size(); ++j) {
        if (proj.active[j]) {
            if (std::fabs(proj.weight[j]) < p.prune_below) proj.active[j] = 0;  // prune
        } else if (rng_.Bernoulli(p.grow_probability)) {  // grow
            proj.active[j] = 1;
            proj.weight[j] = p.grow_weight;
            if (!proj.pre_trace.empty()) {
                proj.pre_trace[j] = 0.0;
                proj.pre_trace_step[j] = step_;
            }
        }
    }
}

void Network::Record() {
    recorder_.RecordSpikes(step_, spikes_);
    const auto& traced = recorder_.traced_neurons();
    for (std::size_t k = 0; k < traced.size(); ++k) {
        const int i = traced[k];
        double v = v_[i];
        if (last_spike_[i] == step_) {  // show the spike at its peak, not the reset value
            const Population& pop = populations_[pop_of_[i]];
            v = pop.spec.model == NeuronModel::kIzhikevich ? kIzhikevichPeak_mV
                                                           : pop.spec.lif.v_th_mV;
        }
        recorder_.RecordVoltage(k, v);
    }
    if (recorder_.WeightSampleDue(step_)) {
        const auto& refs = recorder_.traced_synapses();
        for (std::size_t k = 0; k < refs.size(); ++k) {
            const auto& r = refs[k];
            double w = 0.0;
            if (r.projection >= 0 && r.projection < projection_count() && r.synapse >= 0 &&
                r.synapse < projections_[r.projection].size()) {
                const Projection& proj = projections_[r.projection];
                const bool on = proj.active.empty() || proj.active[r.synapse];
                w = on ? proj.weight[r.synapse] : 0.0;
            }
            recorder_.RecordWeight(k, w);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Changing things while running
// ---------------------------------------------------------------------------------------------

std::string Network::SetBiasCurrent(int first, int count, double current) {
    std::string e = CheckNeuronRange(first, count);
    if (!e.empty()) return e;
    if (!Finite(current)) return "bias current must be a finite number";
    std::fill(bias_.begin() + first, bias_.begin() + first + count, current);
    for (auto& pop : populations_) {
        if (pop.first < first + count && pop.first + pop.size() > first) pop.has_bias = true;
    }
    return {};
}

std::string Network::SetVoltage(int neuron, double v_mV) {
    std::string e = CheckNeuronRange(neuron, 1);
    if (!e.empty()) return e;
    if (!Finite(v_mV)) return "voltage must be a finite number";
    v_[neuron] = v_mV;
    return {};
}

std::string Network::SetRecovery(int neuron, double u) {
    std::string e = CheckNeuronRange(neuron, 1);
    if (!e.empty()) return e;
    if (!Finite(u)) return "recovery variable must be a finite number";
    u_[neuron] = u;
    return {};
}

std::string Network::SetLifParams(int population, const LifParams& params) {
    if (population < 0 || population >= population_count()) return "no such population";
    Population& pop = populations_[population];
    if (pop.spec.model != NeuronModel::kLif) return "population is not LIF";
    std::string e = params.Validate();  // validated on a copy before it is applied
    if (!e.empty()) return e;
    pop.spec.lif = params;
    pop.lif_prop = ComputeLifPropagators(params, pop.spec.synapse, dt_ms_);
    return {};
}

std::string Network::SetIzhikevichParams(int neuron, const IzhikevichParams& params) {
    std::string e = CheckNeuronRange(neuron, 1);
    if (e.empty()) e = params.Validate();
    if (!e.empty()) return e;
    izh_[neuron] = params;
    return {};
}

std::string Network::SetSourceRate(int population, double rate_Hz) {
    if (population < 0 || population >= population_count()) return "no such population";
    if (!Finite(rate_Hz) || rate_Hz < 0) return "rate_Hz must be a non-negative number";
    Population& pop = populations_[population];
    pop.spec.source.rate_Hz = rate_Hz;
    pop.spike_probability = rate_Hz * dt_ms_ * 1e-3;
    return {};
}

std::string Network::SetStdpParams(int projection, const StdpParams& params) {
    if (projection < 0 || projection >= projection_count()) return "no such projection";
    Projection& proj = projections_[projection];
    if (!proj.spec.stdp) return "projection is not plastic";
    std::string e = params.Validate();
    if (!e.empty()) return e;
    proj.spec.stdp_params = params;
    proj.decay_plus = Exp(-dt_ms_ / params.tau_plus_ms);
    proj.decay_minus = Exp(-dt_ms_ / params.tau_minus_ms);
    for (auto& w : proj.weight) w = std::clamp(w, params.w_min, params.w_max);
    return {};
}

std::string Network::SetStimulus(int index, const Stimulus& stimulus) {
    if (index < 0 || index >= static_cast<int>(stimuli_.size())) return "no such stimulus";
    StimulusState state;
    std::string e = PrepareStimulus(stimulus, &state);
    if (!e.empty()) return e;
    if (stimulus.kind == StimulusKind::kPoisson) {
        MarkReceptor(stimulus.first, stimulus.count, stimulus.receptor);
    }
    stimuli_[index] = stimulus;
    stimulus_state_[index] = std::move(state);
    return {};
}

std::string Network::SetWeight(int projection, std::int64_t synapse, double weight) {
    if (projection < 0 || projection >= projection_count()) return "no such projection";
    Projection& proj = projections_[projection];
    if (synapse < 0 || synapse >= proj.size()) return "no such synapse";
    if (!Finite(weight)) return "weight must be a finite number";
    if (proj.spec.stdp) {
        weight = std::clamp(weight, proj.spec.stdp_params.w_min, proj.spec.stdp_params.w_max);
    }
    proj.weight[synapse] = weight;
    return {};
}

void Network::ForceSpike(int neuron) {
    if (neuron >= 0 && neuron < n_) forced_.push_back(neuron);
}

BuildResult Network::TriggerPulse(int first, int count, double amplitude, double duration_ms) {
    Stimulus s;
    s.kind = StimulusKind::kStep;
    s.first = first;
    s.count = count;
    s.amplitude = amplitude;
    s.start_ms = time_ms();
    s.stop_ms = time_ms() + duration_ms;
    // Reuse the slot of a finished pulse so that repeated clicks do not grow the list.
    for (std::size_t k = 0; k < stimuli_.size(); ++k) {
        if (stimulus_state_[k].is_pulse && stimulus_state_[k].stop_step <= step_) {
            BuildResult r;
            r.error = SetStimulus(static_cast<int>(k), s);
            r.index = r.ok() ? static_cast<int>(k) : -1;
            stimulus_state_[k].is_pulse = true;
            return r;
        }
    }
    BuildResult r = AddStimulus(s);
    if (r.ok()) stimulus_state_[r.index].is_pulse = true;
    return r;
}

}  // namespace dendrites::spiking
