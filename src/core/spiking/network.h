// A spiking network: populations of LIF / Izhikevich neurons and spike sources, projections
// stored as compressed rows (CSR) with per-synapse weight and delay, gap junctions, stimuli,
// pair-based STDP, structural plasticity and a bounded recorder. Step() advances one dt.
//
// [SECTION] Index
//   Populations, receptors and connection rules ....... PopulationSpec, ProjectionSpec
//   Plasticity ........................................ StdpParams, StructuralParams
//   Stimuli ........................................... Stimulus
//   The network ....................................... Network
//
// Conventions
// - Step k integrates from t = k dt to (k+1) dt; a neuron that crosses threshold during step k
//   "spikes at step k". A spike sent at step k with delay D steps arrives at step k + D: it
//   is added to the target's input at the start of step k + D (delta synapses add their jump
//   at the end of that step's integration, as NEST's iaf_psc_delta does).
// - Delays are rounded to the nearest whole step, D = floor(delay/dt + 0.5). A delay under one
//   step is clamped to one step and the caller gets a warning (a spike cannot act within the
//   step that produced it).
// - Weights (signed; their unit depends on the receptor and the target model):
//     kDelta      LIF: jump of V in mV. Izhikevich: charge added to I for one step, w/dt, so
//                 that at the paper's dt = 1 ms the weight adds to I exactly as in the paper.
//     kExcitatory/kInhibitory  current synapses: nA (inhibitory weights are negative),
//                 conductance synapses: uS (both positive; the sign comes from E_e / E_i).
//   Gap junctions: I_i = g (V_j - V_i) in nA with g in uS (symmetric; opposite sign on j).
// - STDP: the presynaptic time is the spike's ARRIVAL at the synapse (emission + delay).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/random.h"
#include "core/spiking/neuron_models.h"
#include "core/spiking/recorder.h"

namespace dendrites::spiking {

// ---------------------------------------------------------------------------------------------
// [SECTION] Populations, receptors and connection rules
// ---------------------------------------------------------------------------------------------

enum class NeuronModel {
    kLif,
    kIzhikevich,
    kPoissonSource,   // spikes with probability rate dt in every step (Bernoulli process)
    kPeriodicSource,  // spikes at phase, phase + period, ... (whole steps)
};

struct SourceParams {
    double rate_Hz = 10.0;     // kPoissonSource
    double period_ms = 100.0;  // kPeriodicSource
    double phase_ms = 0.0;     // kPeriodicSource: time of the first spike
};

struct PopulationSpec {
    std::string name = "neurons";
    int size = 1;
    NeuronModel model = NeuronModel::kLif;
    LifParams lif;
    IzhikevichParams izhikevich;  // initial parameters of every cell (changeable per neuron)
    SynapseParams synapse;        // receptors of this population as a target
    SourceParams source;
    double v_init_mV = std::numeric_limits<double>::quiet_NaN();  // NaN: E_L (LIF), -65 (Izh)

    std::string Validate() const;
};

enum class Receptor : std::uint8_t { kDelta = 0, kExcitatory = 1, kInhibitory = 2 };

enum class ConnectionRule {
    kAllToAll,          // every pre to every post (no autapses unless allowed)
    kFixedProbability,  // each pair independently with probability p
    kFixedInDegree,     // each post draws in_degree distinct pre cells (Brunel 2000)
    kOneToOne,          // pre i -> post i (equal sizes)
    kExplicit,          // the listed synapses
};

// One synapse of an explicit list; indices are local to the populations.
struct ExplicitSynapse {
    int pre = 0;
    int post = 0;
    double weight = 1.0;
    double delay_ms = 1.0;
};

struct StdpParams {
    double a_plus = 0.01;       // potentiation amplitude (weight units)
    double a_minus = 0.012;     // depression amplitude
    double tau_plus_ms = 20.0;  // decay of the presynaptic trace
    double tau_minus_ms = 20.0; // decay of the postsynaptic trace
    double w_min = 0.0;         // weights are clipped to [w_min, w_max] at every update
    double w_max = 1.0;

    std::string Validate() const;
};

// Every interval_ms: active synapses with |w| < prune_below are removed; each absent candidate
// synapse (all pre/post pairs of the projection form the candidate set) grows with
// probability grow_probability, starting at grow_weight.
struct StructuralParams {
    double interval_ms = 100.0;
    double prune_below = 0.02;
    double grow_probability = 0.01;
    double grow_weight = 0.1;

    std::string Validate() const;
};

struct ProjectionSpec {
    int pre = 0;   // population index
    int post = 0;  // population index
    Receptor receptor = Receptor::kExcitatory;
    ConnectionRule rule = ConnectionRule::kAllToAll;
    double probability = 0.1;  // kFixedProbability
    int in_degree = 10;        // kFixedInDegree
    bool allow_autapses = false;
    double weight = 1.0;         // mean weight (see the header comment for units)
    double weight_spread = 0.0;  // weights uniform in [weight - spread, weight + spread]
    double delay_ms = 1.0;
    double delay_spread_ms = 0.0;  // delays uniform in [delay - spread, delay + spread]
    std::vector<ExplicitSynapse> synapses;  // kExplicit
    bool stdp = false;
    StdpParams stdp_params;
    bool structural = false;  // candidate set = all pairs; inactive ones start absent
    StructuralParams structural_params;

    std::string Validate() const;
};

// A projection in compressed-row form: the synapses of pre cell r are [row_start[r],
// row_start[r+1]). Targets are global neuron indices.
struct Projection {
    ProjectionSpec spec;  // kept for display; spec.synapses is cleared after building
    int pre_first = 0, pre_size = 0, post_first = 0, post_size = 0;
    std::vector<std::int64_t> row_start;
    std::vector<std::int32_t> target;
    std::vector<double> weight;
    std::vector<std::uint16_t> delay_steps;
    std::vector<std::uint8_t> active;  // structural projections only (1: present)
    // STDP (empty unless spec.stdp): lazily decayed traces, value and step of last update.
    std::vector<double> pre_trace;
    std::vector<std::int64_t> pre_trace_step;
    std::vector<double> post_trace;
    std::vector<std::int64_t> post_trace_step;
    std::vector<std::int64_t> in_start;  // incoming synapses of post cell c: in_syn[in_start[c]..]
    std::vector<std::int64_t> in_syn;
    double decay_plus = 0.0;   // exp(-dt/tau_plus): pre trace decay per step
    double decay_minus = 0.0;  // exp(-dt/tau_minus): post trace decay per step
    std::int64_t structural_interval_steps = 0;
    int uniform_delay_steps = 0;  // the delay shared by every synapse, or 0 if they differ

    std::int64_t size() const { return static_cast<std::int64_t>(target.size()); }
    std::int64_t ActiveCount() const;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Stimuli
// ---------------------------------------------------------------------------------------------

enum class StimulusKind {
    kConstant,  // amplitude, always on
    kStep,      // amplitude while start_ms <= t < stop_ms (user pulses are steps)
    kSine,      // offset + amplitude sin(2 pi f (t - start)) while on
    kNoise,     // mean + sd N(0,1), a fresh independent draw per neuron every hold_ms
    kPoisson,   // Poisson spike train of rate_Hz per neuron into `receptor` with `weight`
};

// Currents are in nA for LIF cells and in the paper's units for Izhikevich cells.
struct Stimulus {
    StimulusKind kind = StimulusKind::kConstant;
    int first = 0;  // global index of the first target neuron
    int count = 1;  // number of consecutive targets
    double amplitude = 0.0;  // kConstant, kStep, kSine
    double offset = 0.0;     // kSine
    double frequency_Hz = 10.0;
    double mean = 0.0;  // kNoise
    double sd = 0.0;    // kNoise
    double hold_ms = 1.0;
    double rate_Hz = 0.0;  // kPoisson: total rate per target neuron
    double weight = 0.1;   // kPoisson
    Receptor receptor = Receptor::kDelta;
    double start_ms = 0.0;
    double stop_ms = std::numeric_limits<double>::infinity();
    bool enabled = true;

    std::string Validate() const;
};

// Result of a build call: the new object's index, or an error; warnings either way.
struct BuildResult {
    int index = -1;
    std::string error;
    std::vector<std::string> warnings;
    bool ok() const { return error.empty(); }
};

struct GapJunction {
    int a = 0;
    int b = 0;
    double g_uS = 0.0;
};

struct Population {
    PopulationSpec spec;
    int first = 0;
    LifPropagators lif_prop;
    std::int64_t period_steps = 1, phase_steps = 0;  // periodic sources
    double spike_probability = 0.0;                  // Poisson sources
    std::vector<int> outgoing;                       // projections with this as pre
    std::vector<int> plastic_incoming;               // STDP projections with this as post
    bool has_delta = false, has_exc = false, has_inh = false;  // receptors in use
    bool has_bias = false;  // a bias current was set on some cell
    int size() const { return spec.size; }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] The network
// ---------------------------------------------------------------------------------------------

constexpr int kMaxDelaySteps = 4000;

class Network {
public:
    explicit Network(double dt_ms = 0.1, std::uint64_t seed = 1);

    // --- building (before or between steps) ---
    // Removes everything and sets the step and seed. Returns an error for a bad dt.
    std::string Clear(double dt_ms, std::uint64_t seed);
    BuildResult AddPopulation(const PopulationSpec& spec);
    BuildResult Connect(const ProjectionSpec& spec);
    BuildResult AddGapJunction(int neuron_a, int neuron_b, double g_uS);
    BuildResult AddStimulus(const Stimulus& stimulus);
    void ConfigureRecorder(const RecorderConfig& config);

    // --- running ---
    // One step: deliver delayed input, stimuli, integrate, threshold and reset, refractory
    // bookkeeping, propagate spikes, plasticity, record.
    void Step();
    void Run(std::int64_t steps);

    // --- changing things while running (errors name what was wrong) ---
    std::string SetBiasCurrent(int first, int count, double current);
    std::string SetVoltage(int neuron, double v_mV);
    std::string SetRecovery(int neuron, double u);  // Izhikevich u
    std::string SetLifParams(int population, const LifParams& params);
    std::string SetIzhikevichParams(int neuron, const IzhikevichParams& params);
    std::string SetSourceRate(int population, double rate_Hz);
    std::string SetStdpParams(int projection, const StdpParams& params);
    std::string SetStimulus(int index, const Stimulus& stimulus);
    std::string SetWeight(int projection, std::int64_t synapse, double weight);
    // The neuron spikes at the end of the current step whatever its voltage.
    void ForceSpike(int neuron);
    // A current step on [first, first+count) from now for duration_ms.
    BuildResult TriggerPulse(int first, int count, double amplitude, double duration_ms);
    void ResetStatistics() { recorder_.ResetStatistics(step_); }

    // --- const views ---
    double dt_ms() const { return dt_ms_; }
    std::int64_t step() const { return step_; }
    double time_ms() const { return static_cast<double>(step_) * dt_ms_; }
    int size() const { return n_; }
    int population_count() const { return static_cast<int>(populations_.size()); }
    const Population& population(int p) const { return populations_[p]; }
    int PopulationOf(int neuron) const { return pop_of_[neuron]; }
    int projection_count() const { return static_cast<int>(projections_.size()); }
    const Projection& projection(int i) const { return projections_[i]; }
    const std::vector<GapJunction>& gap_junctions() const { return gaps_; }
    const std::vector<Stimulus>& stimuli() const { return stimuli_; }
    const std::vector<double>& v_mV() const { return v_; }
    const std::vector<double>& u() const { return u_; }  // Izhikevich recovery variable
    const std::vector<double>& bias_current() const { return bias_; }
    const std::vector<std::int64_t>& last_spike_step() const { return last_spike_; }
    const std::vector<int>& spikes_this_step() const { return spikes_; }  // of the last Step
    const IzhikevichParams& izhikevich_params(int neuron) const { return izh_[neuron]; }
    const Recorder& recorder() const { return recorder_; }
    Recorder& mutable_recorder() { return recorder_; }
    SpikeStatistics Statistics(int population = -1) const {
        return recorder_.Statistics(step_, population);
    }
    const std::vector<std::string>& warnings() const { return warnings_; }
    int ring_length() const { return ring_len_; }

private:
    struct Uninitialised {};
    explicit Network(Uninitialised) {}
    static Network EmptyState(double dt_ms, std::uint64_t seed);

    struct PlasticArrival {
        int projection;
        std::int64_t synapse;
    };

    // Step stages.
    void DeliverPlasticArrivals();
    void ApplyStimuli();
    void ApplyGapJunctions();
    void UpdateLif(const Population& pop);
    void UpdateLifConductance(const Population& pop);
    void UpdateIzhikevich(const Population& pop);
    void UpdateSource(const Population& pop);
    void ApplyForcedSpikes();
    void PropagateSpikes();
    void PotentiateOnPostSpikes();
    void StructuralUpdate(Projection& proj);
    void Record();

    // Helpers.
    void EmitSpike(int neuron) {
        spikes_.push_back(neuron);
        last_spike_[neuron] = step_;
    }
    void ResizeRing(int needed_len);
    double* Ring(Receptor r, int slot) {
        return &ring_[static_cast<std::size_t>(r)][static_cast<std::size_t>(slot) * n_];
    }
    void RecomputeStateSizes();
    void BuildIncoming(Projection& proj);
    std::string CheckNeuronRange(int first, int count) const;

    double dt_ms_ = 0.1;
    std::uint64_t seed_ = 1;
    Rng rng_;
    std::int64_t step_ = 0;
    int n_ = 0;

    std::vector<Population> populations_;
    std::vector<int> pop_of_;
    std::vector<Projection> projections_;
    std::vector<GapJunction> gaps_;
    std::vector<Stimulus> stimuli_;
    struct StimulusState {
        std::int64_t start_step = 0, stop_step = 0, hold_steps = 1;
        double rot_cos = 1.0, rot_sin = 0.0;  // rotation by 2 pi f dt (set once)
        double phase_cos = 1.0, phase_sin = 0.0;  // current phasor of a sine stimulus
        double poisson_lambda = 0.0, poisson_limit = 1.0;  // mean count per step, exp(-mean)
        std::vector<double> noise_value;  // per target (kNoise)
        bool is_pulse = false;            // made by TriggerPulse; its slot is reused
    };
    std::string PrepareStimulus(const Stimulus& s, StimulusState* state) const;
    void MarkReceptor(int first, int count, Receptor r);
    std::vector<StimulusState> stimulus_state_;
    std::vector<std::string> warnings_;

    // Neuron state (structure of arrays).
    std::vector<double> v_, u_, syn_e_, syn_i_, adapt_nA_, bias_, input_;
    std::vector<int> refractory_left_;
    std::vector<IzhikevichParams> izh_;
    std::vector<std::int64_t> last_spike_;
    std::vector<int> spikes_;
    std::vector<int> forced_;
    std::vector<std::uint64_t> block_above_;  // cells at threshold per block (LIF update)
    std::vector<double> scratch_;   // per-step sum of extra currents (LIF update)
    std::vector<double> zeros_[3];  // stand in for the rings of receptors a population never uses

    // Delayed input: ring_[receptor][slot * n + neuron]; slot of step k is k mod ring_len_.
    std::vector<double> ring_[3];
    int ring_len_ = 1;
    int cur_slot_ = 0;
    std::vector<std::vector<PlasticArrival>> arrivals_;  // per slot, STDP synapses only

    Recorder recorder_;
    RecorderConfig recorder_config_;
};

}  // namespace dendrites::spiking
