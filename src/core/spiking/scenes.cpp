// Builders of the spiking lab's scenes (see scenes.h for the sources of every value).
#include "core/spiking/scenes.h"

#include <cmath>

namespace dendrites::spiking {
namespace {

constexpr const char* kSceneNames[kSceneCount] = {
    "one-neuron", "zoo", "delays", "izhikevich-1000", "brunel", "stdp", "structural", "cuba"};

bool Finite(double x) { return std::isfinite(x); }

std::string CheckDt(double dt_ms) {
    if (!Finite(dt_ms) || dt_ms <= 0 || dt_ms > 10) return "dt must be in (0, 10] ms";
    return {};
}

// Collects the outcome of several build calls; the first error wins.
class Builder {
public:
    explicit Builder(Network* net) : net_(net) {}
    int Take(BuildResult r) {
        for (auto& w : r.warnings) result_.warnings.push_back(w);
        if (!r.ok() && result_.ok()) result_.error = r.error;
        return r.index;
    }
    void Fail(const std::string& error) {
        if (result_.ok()) result_.error = error;
    }
    bool ok() const { return result_.ok(); }
    Network& net() { return *net_; }
    BuildResult Finish() { return result_; }

private:
    Network* net_;
    BuildResult result_;
};

// Starts a scene: validates, then clears the network with the scene's dt and seed.
bool Start(Builder& b, const std::string& validation, double dt_ms, std::uint64_t seed) {
    if (!validation.empty()) {
        b.Fail(validation);
        return false;
    }
    const std::string e = b.net().Clear(dt_ms, seed);
    if (!e.empty()) b.Fail(e);
    return b.ok();
}

std::vector<int> FirstNeurons(int first, int count, int limit) {
    std::vector<int> v;
    for (int i = 0; i < count && i < limit; ++i) v.push_back(first + i);
    return v;
}

}  // namespace

const char* SceneName(SceneKind kind) { return kSceneNames[static_cast<int>(kind)]; }

bool ParseSceneName(const std::string& name, SceneKind* kind) {
    for (int k = 0; k < kSceneCount; ++k) {
        if (name == kSceneNames[k]) {
            *kind = static_cast<SceneKind>(k);
            return true;
        }
    }
    return false;
}

std::string SceneNameList() {
    std::string s;
    for (int k = 0; k < kSceneCount; ++k) s += (k ? ", " : "") + std::string(kSceneNames[k]);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

std::string OneNeuronScene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (e.empty() && model != NeuronModel::kLif && model != NeuronModel::kIzhikevich) {
        e = "one-neuron model must be LIF or Izhikevich";
    }
    if (e.empty()) e = model == NeuronModel::kLif ? lif.Validate() : izhikevich.Validate();
    if (e.empty() && (!Finite(i_ext) || !Finite(i_start_ms) || i_start_ms < 0)) {
        e = "input current and its start time must be finite (start >= 0)";
    }
    if (e.empty() && (!Finite(noise_sd) || noise_sd < 0)) e = "noise sd must be >= 0";
    return e;
}

std::string ZooScene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (e.empty() && (!Finite(i_ext) || !Finite(i_start_ms) || i_start_ms < 0)) {
        e = "input current and its start time must be finite (start >= 0)";
    }
    return e;
}

std::string DelaysScene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (e.empty() && (neurons < 2 || neurons > 1000)) e = "delays scene needs 2-1000 neurons";
    if (e.empty() && !Finite(drive_nA)) e = "drive current must be finite";
    return e;
}

std::string Izhikevich1000Scene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (e.empty() && (n_exc < 1 || n_inh < 1 || n_exc + n_inh > 20000)) {
        e = "Izhikevich network needs 1+ cells of each kind and at most 20,000 in all";
    }
    if (e.empty() && (!Finite(thalamic_exc) || !Finite(thalamic_inh) || thalamic_exc < 0 ||
                      thalamic_inh < 0)) {
        e = "thalamic input s.d. must be >= 0";
    }
    return e;
}

int BrunelScene::NExc() const { return static_cast<int>(std::floor(10000 * scale + 0.5)); }
int BrunelScene::NInh() const { return static_cast<int>(std::floor(2500 * scale + 0.5)); }
int BrunelScene::CExc() const {
    return std::max(1, static_cast<int>(std::floor(epsilon * NExc() + 0.5)));
}

std::string BrunelScene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (!e.empty()) return e;
    if (!Finite(scale) || scale < 0.01 || scale > 2) return "scale must be in [0.01, 2]";
    if (!Finite(g) || g < 0) return "g must be >= 0";
    if (!Finite(nu_ratio) || nu_ratio < 0) return "nu_ratio must be >= 0";
    if (!Finite(epsilon) || epsilon <= 0 || epsilon > 1) return "epsilon must be in (0, 1]";
    if (!Finite(j_c_e_mV) || !Finite(delay_ms) || !Finite(tau_m_ms) || tau_m_ms <= 0) {
        return "J C_E, delay and tau_m must be finite (tau_m > 0)";
    }
    if (!Finite(theta_mV) || !Finite(v_reset_mV) || v_reset_mV >= theta_mV) {
        return "reset must be below the threshold theta";
    }
    if (!Finite(t_ref_ms) || t_ref_ms < 0) return "refractory period must be >= 0";
    return {};
}

std::string StdpScene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (e.empty()) e = stdp.Validate();
    if (!e.empty()) return e;
    if (!Finite(pairing_dt_ms) || !Finite(pairing_period_ms) || pairing_period_ms <= 0) {
        return "pairing offset must be finite and the period positive";
    }
    if (!Finite(delay_ms) || delay_ms < 0) return "delay must be >= 0";
    if (!Finite(initial_weight)) return "initial weight must be finite";
    if (inputs < 1 || inputs > 100000) return "inputs must be in [1, 100000]";
    if (!Finite(input_rate_Hz) || input_rate_Hz < 0) return "input rate must be >= 0";
    return {};
}

std::string StructuralScene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (e.empty()) e = stdp.Validate();
    if (e.empty()) e = structural.Validate();
    if (e.empty() && (neurons < 2 || neurons > 2000)) e = "structural scene needs 2-2000 neurons";
    if (e.empty() && (!Finite(probability) || probability < 0 || probability > 1)) {
        e = "probability must be in [0, 1]";
    }
    if (e.empty() && (!Finite(noise_mean_nA) || !Finite(noise_sd_nA) || noise_sd_nA < 0)) {
        e = "noise mean and sd must be finite (sd >= 0)";
    }
    return e;
}

std::string CubaScene::Validate() const {
    std::string e = CheckDt(dt_ms);
    if (e.empty() && (n_exc < 1 || n_inh < 1 || n_exc + n_inh > 200000)) {
        e = "CUBA needs 1+ cells of each kind and at most 200,000 in all";
    }
    if (e.empty() && (!Finite(probability) || probability < 0 || probability > 1)) {
        e = "probability must be in [0, 1]";
    }
    if (e.empty() && (!Finite(w_e_mV) || !Finite(w_i_mV) || !Finite(r_m_MOhm) ||
                      r_m_MOhm <= 0)) {
        e = "weights must be finite and r_m positive";
    }
    return e;
}

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

BuildResult BuildOneNeuron(const OneNeuronScene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    PopulationSpec pop;
    pop.name = scene.model == NeuronModel::kLif ? "LIF" : "Izhikevich";
    pop.model = scene.model;
    pop.lif = scene.lif;
    pop.izhikevich = scene.izhikevich;
    b.Take(net->AddPopulation(pop));
    Stimulus step;
    step.kind = StimulusKind::kStep;
    step.amplitude = scene.i_ext;
    step.start_ms = scene.i_start_ms;
    b.Take(net->AddStimulus(step));
    if (scene.noise_sd > 0) {
        Stimulus noise;
        noise.kind = StimulusKind::kNoise;
        noise.sd = scene.noise_sd;
        b.Take(net->AddStimulus(noise));
    }
    net->mutable_recorder().SetTracedNeurons({0});
    return b.Finish();
}

BuildResult BuildZoo(const ZooScene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    for (IzhikevichType type : AllIzhikevichTypes()) {
        PopulationSpec pop;
        pop.name = IzhikevichTypeName(type);
        pop.model = NeuronModel::kIzhikevich;
        pop.izhikevich = IzhikevichPreset(type);
        b.Take(net->AddPopulation(pop));
    }
    Stimulus step;
    step.kind = StimulusKind::kStep;
    step.count = kIzhikevichTypeCount;
    step.amplitude = scene.i_ext;
    step.start_ms = scene.i_start_ms;
    b.Take(net->AddStimulus(step));
    net->mutable_recorder().SetTracedNeurons(FirstNeurons(0, kIzhikevichTypeCount, 7));
    return b.Finish();
}

BuildResult BuildDelays(const DelaysScene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    PopulationSpec pop;
    pop.name = "graph";
    pop.size = scene.neurons;
    const int p = b.Take(net->AddPopulation(pop));
    // Chemical synapses: excitatory (w >= 0) and inhibitory (w < 0) current synapses.
    ProjectionSpec exc, inh;
    exc.pre = exc.post = inh.pre = inh.post = p;
    exc.rule = inh.rule = ConnectionRule::kExplicit;
    exc.receptor = Receptor::kExcitatory;
    inh.receptor = Receptor::kInhibitory;
    for (const auto& s : scene.chemical) (s.weight >= 0 ? exc : inh).synapses.push_back(s);
    if (!exc.synapses.empty()) b.Take(net->Connect(exc));
    if (!inh.synapses.empty()) b.Take(net->Connect(inh));
    for (const auto& gj : scene.electrical) b.Take(net->AddGapJunction(gj.a, gj.b, gj.g_uS));
    if (b.ok()) {
        Stimulus drive;
        drive.kind = StimulusKind::kConstant;
        drive.amplitude = scene.drive_nA;
        b.Take(net->AddStimulus(drive));
        net->mutable_recorder().SetTracedNeurons(FirstNeurons(0, scene.neurons, 16));
    }
    return b.Finish();
}

BuildResult BuildIzhikevich1000(const Izhikevich1000Scene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    PopulationSpec exc, inh;
    exc.name = "excitatory";
    exc.size = scene.n_exc;
    inh.name = "inhibitory";
    inh.size = scene.n_inh;
    exc.model = inh.model = NeuronModel::kIzhikevich;
    const int pe = b.Take(net->AddPopulation(exc));
    const int pi = b.Take(net->AddPopulation(inh));
    if (!b.ok()) return b.Finish();
    // Heterogeneous cells, r ~ U(0,1) per neuron (Izhikevich 2003).
    Rng rng(scene.seed ^ 0x5DEECE66DULL);
    const int n = scene.n_exc + scene.n_inh;
    for (int i = 0; i < n; ++i) {
        const double r = rng.Uniform();
        IzhikevichParams q;
        if (i < scene.n_exc) {
            q = {0.02, 0.2, -65.0 + 15.0 * r * r, 8.0 - 6.0 * r * r};
        } else {
            q = {0.02 + 0.08 * r, 0.25 - 0.05 * r, -65.0, 2.0};
        }
        b.Take({-1, net->SetIzhikevichParams(i, q), {}});
        b.Take({-1, net->SetVoltage(i, -65.0), {}});
        b.Take({-1, net->SetRecovery(i, q.b * -65.0), {}});  // u = b v at start
    }
    // All-to-all (autapses included, as in the paper's matrix S), delta input added to I.
    // One step of delay at dt = 1 ms is the paper's order: spikes found at step t add their
    // weights to I in step t + 1.
    for (int pre : {pe, pi}) {
        for (int post : {pe, pi}) {
            ProjectionSpec s;
            s.pre = pre;
            s.post = post;
            s.receptor = Receptor::kDelta;
            s.allow_autapses = true;
            s.weight = pre == pe ? 0.25 : -0.5;  // 0.5 U(0,1) and -U(0,1)
            s.weight_spread = pre == pe ? 0.25 : 0.5;
            s.delay_ms = scene.dt_ms;
            b.Take(net->Connect(s));
        }
    }
    Stimulus thal_e, thal_i;
    thal_e.kind = thal_i.kind = StimulusKind::kNoise;
    thal_e.count = scene.n_exc;
    thal_e.sd = scene.thalamic_exc;
    thal_i.first = scene.n_exc;
    thal_i.count = scene.n_inh;
    thal_i.sd = scene.thalamic_inh;
    thal_e.hold_ms = thal_i.hold_ms = 1.0;  // fresh thalamic input every 1 ms
    b.Take(net->AddStimulus(thal_e));
    b.Take(net->AddStimulus(thal_i));
    net->mutable_recorder().SetTracedNeurons({0, scene.n_exc});
    return b.Finish();
}

BuildResult BuildBrunel(const BrunelScene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    const int n_e = scene.NExc(), n_i = scene.NInh();
    const int c_e = scene.CExc();
    const int c_i = std::max(1, static_cast<int>(std::floor(scene.epsilon * n_i + 0.5)));
    const double j = scene.JmV();
    // Potentials relative to rest (E_L = 0), delta synapses (V jumps by J).
    PopulationSpec pop;
    pop.model = NeuronModel::kLif;
    pop.lif.e_l_mV = 0.0;
    pop.lif.v_th_mV = scene.theta_mV;
    pop.lif.v_reset_mV = scene.v_reset_mV;
    pop.lif.tau_m_ms = scene.tau_m_ms;
    pop.lif.t_ref_ms = scene.t_ref_ms;
    pop.lif.r_m_MOhm = 1.0;
    pop.name = "excitatory";
    pop.size = n_e;
    const int pe = b.Take(net->AddPopulation(pop));
    pop.name = "inhibitory";
    pop.size = n_i;
    const int pi = b.Take(net->AddPopulation(pop));
    if (!b.ok()) return b.Finish();
    for (int post : {pe, pi}) {
        for (int pre : {pe, pi}) {
            ProjectionSpec s;
            s.pre = pre;
            s.post = post;
            s.receptor = Receptor::kDelta;
            s.rule = ConnectionRule::kFixedInDegree;
            s.in_degree = pre == pe ? c_e : c_i;
            s.weight = pre == pe ? j : -scene.g * j;
            s.delay_ms = scene.delay_ms;
            b.Take(net->Connect(s));
        }
    }
    // External drive: C_E independent Poisson inputs at nu_ext = nu_ratio nu_thr, each of J.
    Stimulus ext;
    ext.kind = StimulusKind::kPoisson;
    ext.count = n_e + n_i;
    ext.rate_Hz = c_e * scene.nu_ratio * scene.NuThrHz();
    ext.weight = j;
    ext.receptor = Receptor::kDelta;
    b.Take(net->AddStimulus(ext));
    // Random initial potentials between rest and threshold avoid an artificial first volley.
    Rng rng(scene.seed ^ 0x2545F4914F6CDD1DULL);
    for (int i = 0; i < n_e + n_i; ++i) net->SetVoltage(i, rng.Uniform(0.0, scene.theta_mV));
    net->mutable_recorder().SetTracedNeurons({0, 1, n_e});
    return b.Finish();
}

StdpParams SongMillerAbbottStdp() {
    StdpParams p;
    p.w_min = 0.0;
    p.w_max = 0.06;
    p.tau_plus_ms = p.tau_minus_ms = 20.0;
    p.a_plus = 0.005 * p.w_max;
    p.a_minus = 1.05 * p.a_plus;
    return p;
}

BuildResult BuildStdp(const StdpScene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    ProjectionSpec s;
    s.stdp = true;
    s.stdp_params = scene.stdp;
    s.delay_ms = scene.delay_ms;
    s.receptor = Receptor::kExcitatory;
    if (scene.mode == StdpMode::kPairing) {
        // Pre fires at 10 ms + k period; its spike arrives delay later; post fires
        // pairing_dt after that arrival (the STDP time difference, science.md convention).
        const double t_pre = 10.0 + (scene.pairing_dt_ms < 0 ? -scene.pairing_dt_ms : 0.0);
        PopulationSpec pre, post;
        pre.name = "pre";
        post.name = "post";
        pre.model = post.model = NeuronModel::kPeriodicSource;
        pre.source.period_ms = post.source.period_ms = scene.pairing_period_ms;
        pre.source.phase_ms = t_pre;
        post.source.phase_ms = t_pre + scene.delay_ms + scene.pairing_dt_ms;
        s.pre = b.Take(net->AddPopulation(pre));
        s.post = b.Take(net->AddPopulation(post));
        s.rule = ConnectionRule::kOneToOne;
        s.weight = scene.initial_weight;
        b.Take(net->Connect(s));
        net->mutable_recorder().SetTracedSynapses({{0, 0}});
        return b.Finish();
    }
    // Poisson inputs onto one LIF cell (after Song, Miller and Abbott 2000): current synapses
    // in nA; w_max = 0.06 nA puts the mean drive near threshold when half the weights are up.
    PopulationSpec inputs, cell;
    inputs.name = "inputs";
    inputs.size = scene.inputs;
    inputs.model = NeuronModel::kPoissonSource;
    inputs.source.rate_Hz = scene.input_rate_Hz;
    cell.name = "cell";
    cell.lif.e_l_mV = -70.0;
    cell.lif.v_th_mV = -54.0;
    cell.lif.v_reset_mV = -60.0;
    cell.lif.tau_m_ms = 20.0;
    cell.lif.r_m_MOhm = 10.0;
    cell.lif.t_ref_ms = 1.0;
    s.pre = b.Take(net->AddPopulation(inputs));
    s.post = b.Take(net->AddPopulation(cell));
    s.rule = ConnectionRule::kAllToAll;
    s.weight = scene.initial_weight * scene.stdp.w_max;
    b.Take(net->Connect(s));
    std::vector<SynapseRef> refs;
    for (int k = 0; k < scene.inputs && k < 50; ++k) refs.push_back({0, k});
    net->mutable_recorder().SetTracedSynapses(refs);
    net->mutable_recorder().SetTracedNeurons({scene.inputs});
    return b.Finish();
}

BuildResult BuildStructural(const StructuralScene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    PopulationSpec pop;
    pop.name = "cells";
    pop.size = scene.neurons;
    const int p = b.Take(net->AddPopulation(pop));
    ProjectionSpec s;
    s.pre = s.post = p;
    s.rule = ConnectionRule::kFixedProbability;
    s.probability = scene.probability;
    s.receptor = Receptor::kExcitatory;
    s.weight = 0.5 * (scene.stdp.w_min + scene.stdp.w_max);
    s.delay_ms = 1.0;
    s.delay_spread_ms = 0.5;
    s.stdp = true;
    s.stdp_params = scene.stdp;
    s.structural = true;
    s.structural_params = scene.structural;
    b.Take(net->Connect(s));
    Stimulus noise;
    noise.kind = StimulusKind::kNoise;
    noise.count = scene.neurons;
    noise.mean = scene.noise_mean_nA;
    noise.sd = scene.noise_sd_nA;
    b.Take(net->AddStimulus(noise));
    net->mutable_recorder().SetTracedNeurons(FirstNeurons(0, scene.neurons, 4));
    return b.Finish();
}

BuildResult BuildCuba(const CubaScene& scene, Network* net) {
    Builder b(net);
    if (!Start(b, scene.Validate(), scene.dt_ms, scene.seed)) return b.Finish();
    PopulationSpec pop;
    pop.lif.e_l_mV = -49.0;  // tonic drive: rest above threshold
    pop.lif.v_th_mV = -50.0;
    pop.lif.v_reset_mV = -60.0;
    pop.lif.tau_m_ms = 20.0;
    pop.lif.t_ref_ms = 5.0;
    pop.lif.r_m_MOhm = scene.r_m_MOhm;
    pop.synapse.tau_e_ms = 5.0;
    pop.synapse.tau_i_ms = 10.0;
    pop.name = "excitatory";
    pop.size = scene.n_exc;
    const int pe = b.Take(net->AddPopulation(pop));
    pop.name = "inhibitory";
    pop.size = scene.n_inh;
    const int pi = b.Take(net->AddPopulation(pop));
    if (!b.ok()) return b.Finish();
    for (int pre : {pe, pi}) {
        for (int post : {pe, pi}) {
            ProjectionSpec s;
            s.pre = pre;
            s.post = post;
            s.rule = ConnectionRule::kFixedProbability;
            s.probability = scene.probability;
            s.allow_autapses = true;
            s.receptor = pre == pe ? Receptor::kExcitatory : Receptor::kInhibitory;
            s.weight = (pre == pe ? scene.w_e_mV : scene.w_i_mV) / scene.r_m_MOhm;
            s.delay_ms = scene.dt_ms;  // no synaptic delay: the next step
            b.Take(net->Connect(s));
        }
    }
    Rng rng(scene.seed ^ 0x9E3779B97F4A7C15ULL);
    const int n = scene.n_exc + scene.n_inh;
    for (int i = 0; i < n; ++i) net->SetVoltage(i, rng.Uniform(-60.0, -50.0));  // U(V_r, V_th)
    net->mutable_recorder().SetTracedNeurons({0, 1, scene.n_exc});
    return b.Finish();
}

// ---------------------------------------------------------------------------------------------
// Any scene
// ---------------------------------------------------------------------------------------------

void SceneConfig::SetDt(double dt_ms) {
    one_neuron.dt_ms = zoo.dt_ms = delays.dt_ms = izhikevich_1000.dt_ms = dt_ms;
    brunel.dt_ms = stdp.dt_ms = structural.dt_ms = cuba.dt_ms = dt_ms;
}

void SceneConfig::SetSeed(std::uint64_t seed) {
    one_neuron.seed = zoo.seed = delays.seed = izhikevich_1000.seed = seed;
    brunel.seed = stdp.seed = structural.seed = cuba.seed = seed;
}

double SceneConfig::Dt() const {
    switch (kind) {
        case SceneKind::kOneNeuron: return one_neuron.dt_ms;
        case SceneKind::kZoo: return zoo.dt_ms;
        case SceneKind::kDelays: return delays.dt_ms;
        case SceneKind::kIzhikevich1000: return izhikevich_1000.dt_ms;
        case SceneKind::kBrunel: return brunel.dt_ms;
        case SceneKind::kStdp: return stdp.dt_ms;
        case SceneKind::kStructural: return structural.dt_ms;
        case SceneKind::kCuba: return cuba.dt_ms;
    }
    return 0.1;
}

std::uint64_t SceneConfig::Seed() const {
    switch (kind) {
        case SceneKind::kOneNeuron: return one_neuron.seed;
        case SceneKind::kZoo: return zoo.seed;
        case SceneKind::kDelays: return delays.seed;
        case SceneKind::kIzhikevich1000: return izhikevich_1000.seed;
        case SceneKind::kBrunel: return brunel.seed;
        case SceneKind::kStdp: return stdp.seed;
        case SceneKind::kStructural: return structural.seed;
        case SceneKind::kCuba: return cuba.seed;
    }
    return 1;
}

BuildResult BuildScene(const SceneConfig& config, Network* net) {
    switch (config.kind) {
        case SceneKind::kOneNeuron: return BuildOneNeuron(config.one_neuron, net);
        case SceneKind::kZoo: return BuildZoo(config.zoo, net);
        case SceneKind::kDelays: return BuildDelays(config.delays, net);
        case SceneKind::kIzhikevich1000: return BuildIzhikevich1000(config.izhikevich_1000, net);
        case SceneKind::kBrunel: return BuildBrunel(config.brunel, net);
        case SceneKind::kStdp: return BuildStdp(config.stdp, net);
        case SceneKind::kStructural: return BuildStructural(config.structural, net);
        case SceneKind::kCuba: return BuildCuba(config.cuba, net);
    }
    return {-1, "unknown scene", {}};
}

// ---------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------

double OneNeuronRateHz(OneNeuronScene scene, double i_ext, double duration_ms) {
    scene.i_ext = i_ext;
    scene.i_start_ms = 0.0;
    Network net;
    if (!Finite(duration_ms) || duration_ms <= 0 || !BuildOneNeuron(scene, &net).ok()) {
        return std::nan("");
    }
    net.Run(static_cast<std::int64_t>(std::floor(duration_ms / scene.dt_ms + 0.5)));
    return net.Statistics().mean_rate_Hz;
}

double StdpPairDeltaW(const StdpParams& p, double dt_ms) {
    return dt_ms >= 0 ? p.a_plus * std::exp(-dt_ms / p.tau_plus_ms)
                      : -p.a_minus * std::exp(dt_ms / p.tau_minus_ms);
}

std::vector<double> MeasureStdpWindow(const StdpParams& p, double dt_ms,
                                      const std::vector<double>& offsets_ms) {
    std::vector<double> dw;
    StdpScene scene;
    scene.dt_ms = dt_ms;
    scene.stdp = p;
    scene.stdp.w_min = -1e9;  // wide bounds: the window, not the clipping, is measured
    scene.stdp.w_max = 1e9;
    scene.initial_weight = 0.0;
    scene.pairing_period_ms = 1e6;  // one pair only
    for (double offset : offsets_ms) {
        scene.pairing_dt_ms = offset;
        Network net;
        if (!BuildStdp(scene, &net).ok()) return {};
        // The later of the two spikes comes at 10 ms + delay + |offset| (see BuildStdp).
        const double end_ms = 10.0 + scene.delay_ms + std::fabs(offset) + 2.0;
        net.Run(static_cast<std::int64_t>(std::ceil(end_ms / dt_ms)));
        dw.push_back(net.projection(0).weight[0] - scene.initial_weight);
    }
    return dw;
}

}  // namespace dendrites::spiking
