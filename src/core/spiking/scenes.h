// The spiking lab's scenes: plain parameter structs (with defaults from science.md) and the
// builders that turn them into a Network. Positions for drawing are the app's business.
//
// [SECTION] Index
//   Scene names ............ SceneKind, SceneName, ParseSceneName
//   One neuron, zoo ........ OneNeuronScene, ZooScene
//   Delays ................. DelaysScene (chemical + electrical synapses on a small graph)
//   Izhikevich 1000 ........ Izhikevich1000Scene (Izhikevich 2003, the paper's network)
//   Brunel ................. BrunelScene (Brunel 2000, scaled by `scale`)
//   STDP, structural ....... StdpScene, StructuralScene
//   CUBA ................... CubaScene (Vogels-Abbott / Brette et al. 2007)
//   Any scene .............. SceneConfig, BuildScene
//   Measurements ........... OneNeuronRateHz, StdpPairDeltaW, MeasureStdpWindow
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/spiking/network.h"

namespace dendrites::spiking {

enum class SceneKind {
    kOneNeuron,
    kZoo,
    kDelays,
    kIzhikevich1000,
    kBrunel,
    kStdp,
    kStructural,
    kCuba,
};
constexpr int kSceneCount = 8;

const char* SceneName(SceneKind kind);  // "one-neuron", "zoo", ..., "cuba"
bool ParseSceneName(const std::string& name, SceneKind* kind);
std::string SceneNameList();  // "one-neuron, zoo, ..." for messages

// One LIF or Izhikevich cell under a current step (plus optional noise).
struct OneNeuronScene {
    double dt_ms = 0.1;
    std::uint64_t seed = 1;
    NeuronModel model = NeuronModel::kLif;  // kLif or kIzhikevich
    LifParams lif;                          // Neuronal Dynamics set (science.md)
    IzhikevichParams izhikevich;            // RS by default
    double i_ext = 2.5;      // step amplitude: nA (LIF) or paper units (Izhikevich, e.g. 10)
    double i_start_ms = 0.0;
    double noise_sd = 0.0;   // s.d. of an added noisy current, redrawn every 1 ms

    std::string Validate() const;
};

// The seven Izhikevich types side by side under the same current step.
struct ZooScene {
    double dt_ms = 0.1;
    std::uint64_t seed = 1;
    double i_ext = 10.0;
    double i_start_ms = 10.0;

    std::string Validate() const;
};

// A small graph: neuron 0 is driven, spikes travel over chemical synapses with chosen
// delays, and neurons 3-4-5 are coupled by gap junctions.
struct DelaysScene {
    double dt_ms = 0.1;
    std::uint64_t seed = 1;
    int neurons = 6;
    double drive_nA = 2.5;  // current into neuron 0
    // Weights in nA (current synapses, tau_e 5 ms): one spike of 8 nA lifts a resting cell by
    // about 23 mV, so every spike of 0 makes 1 and 2 fire after their delays; 1 makes 3 fire
    // unless 2's slower inhibition is still strong. Gap junctions pass 3's voltage on to 4, 5.
    std::vector<ExplicitSynapse> chemical = {
        {0, 1, 8.0, 2.0}, {0, 2, 8.0, 5.0}, {1, 3, 12.0, 3.0}, {2, 3, -4.0, 6.0}};  // nA, ms
    std::vector<GapJunction> electrical = {{3, 4, 0.05}, {4, 5, 0.05}};                // uS

    std::string Validate() const;
};

// Izhikevich (2003): 800 excitatory + 200 inhibitory cells, all-to-all, thalamic noise,
// dt = 1 ms as in the paper (science.md gives every value used).
struct Izhikevich1000Scene {
    double dt_ms = 1.0;
    std::uint64_t seed = 1;
    int n_exc = 800;
    int n_inh = 200;
    double thalamic_exc = 5.0;  // s.d. of the thalamic input to excitatory cells
    double thalamic_inh = 2.0;

    std::string Validate() const;
};

// Brunel (2000) sparse network with delta synapses. scale 1 is the published 12,500 cells;
// the default 0.2 (N_E 2000, N_I 500) keeps epsilon = 0.1, J C_E = 100 mV and g.
struct BrunelScene {
    double dt_ms = 0.1;
    std::uint64_t seed = 1;
    double scale = 0.2;
    double g = 5.0;         // relative inhibition
    double nu_ratio = 2.0;  // nu_ext / nu_thr
    double epsilon = 0.1;   // connection density
    double j_c_e_mV = 100.0;  // J C_E, kept when scaling (J = 0.1 mV at C_E = 1000)
    double delay_ms = 1.5;
    double tau_m_ms = 20.0;
    double theta_mV = 20.0;
    double v_reset_mV = 10.0;
    double t_ref_ms = 2.0;

    int NExc() const;
    int NInh() const;
    int CExc() const;
    double JmV() const { return j_c_e_mV / CExc(); }
    double NuThrHz() const { return theta_mV / (j_c_e_mV * tau_m_ms) * 1e3; }
    std::string Validate() const;
};

enum class StdpMode {
    kPairing,        // a pre and a post spike source, paired at fixed offset
    kPoissonInputs,  // one LIF cell with many plastic Poisson inputs (Song et al. 2000)
};

// Song, Miller and Abbott (2000) for the Poisson-input mode: tau 20 ms, A+ = 0.005 w_max,
// A- / A+ = 1.05, and w_max = 0.06 nA, which with 1000 inputs at 10 Hz puts the mean drive of
// the scene's cell near threshold when about half the weights are up.
StdpParams SongMillerAbbottStdp();

struct StdpScene {
    double dt_ms = 0.1;
    std::uint64_t seed = 1;
    StdpMode mode = StdpMode::kPairing;
    StdpParams stdp;  // A+ 0.01, A- 0.012, tau 20 ms (science.md)
    // Pairing: post fires pairing_dt_ms after the pre spike ARRIVES (negative: before).
    double pairing_dt_ms = 5.0;
    double pairing_period_ms = 200.0;
    double delay_ms = 1.0;
    double initial_weight = 0.5;
    // Poisson inputs.
    int inputs = 1000;
    double input_rate_Hz = 10.0;

    std::string Validate() const;
};

// A small recurrent network whose plastic synapses are pruned when weak and regrown at random.
struct StructuralScene {
    double dt_ms = 0.1;
    std::uint64_t seed = 1;
    int neurons = 50;
    double probability = 0.1;
    double noise_mean_nA = 1.6;
    double noise_sd_nA = 0.6;
    // Strong, fast STDP and rare growth, so that the topology visibly turns over within
    // seconds while the synapse count stays near its start (about 300 of 2450 candidates).
    StdpParams stdp{0.05, 0.06, 20.0, 20.0, 0.0, 0.5};
    StructuralParams structural{100.0, 0.04, 0.0003, 0.06};  // every, prune <, grow p, grow w

    std::string Validate() const;
};

// Vogels-Abbott CUBA benchmark (Brette et al. 2007; science.md). Synaptic variables are
// currents in nA; the published weights in mV are divided by r_m_MOhm.
struct CubaScene {
    double dt_ms = 0.1;
    std::uint64_t seed = 1;
    int n_exc = 3200;
    int n_inh = 800;
    double probability = 0.02;
    double w_e_mV = 1.62;
    double w_i_mV = -9.0;
    double r_m_MOhm = 100.0;

    std::string Validate() const;
};

struct SceneConfig {
    SceneKind kind = SceneKind::kOneNeuron;
    OneNeuronScene one_neuron;
    ZooScene zoo;
    DelaysScene delays;
    Izhikevich1000Scene izhikevich_1000;
    BrunelScene brunel;
    StdpScene stdp;
    StructuralScene structural;
    CubaScene cuba;

    // Common settings applied to the active scene.
    void SetDt(double dt_ms);
    void SetSeed(std::uint64_t seed);
    double Dt() const;
    std::uint64_t Seed() const;  // of the active scene
};

// Each builder clears *net and builds the scene into it; errors say what was wrong.
BuildResult BuildOneNeuron(const OneNeuronScene& scene, Network* net);
BuildResult BuildZoo(const ZooScene& scene, Network* net);
BuildResult BuildDelays(const DelaysScene& scene, Network* net);
BuildResult BuildIzhikevich1000(const Izhikevich1000Scene& scene, Network* net);
BuildResult BuildBrunel(const BrunelScene& scene, Network* net);
BuildResult BuildStdp(const StdpScene& scene, Network* net);
BuildResult BuildStructural(const StructuralScene& scene, Network* net);
BuildResult BuildCuba(const CubaScene& scene, Network* net);
BuildResult BuildScene(const SceneConfig& config, Network* net);

// ---------------------------------------------------------------------------------------------
// Measurements the scenes plot (each runs the same Network code as the live scene)
// ---------------------------------------------------------------------------------------------

// Firing rate of the one-neuron scene's cell under a constant current i_ext from t = 0,
// counted as spikes / duration_ms (noise included if the scene has any). NaN on bad input.
double OneNeuronRateHz(OneNeuronScene scene, double i_ext, double duration_ms);

// The pair rule of science.md: dt_ms = t_post - t_pre (pre = arrival at the synapse);
// +A+ exp(-dt/tau+) for dt >= 0, -A- exp(dt/tau-) for dt < 0. A pre arrival and a post spike in
// the same step count as pre-then-post, as in Network::Step (arrivals come first in a step).
double StdpPairDeltaW(const StdpParams& p, double dt_ms);

// The learning window as the simulation produces it: for each offset (post minus pre arrival,
// ms) one pre/post pair is run through the pairing scene's network and the weight change read
// off. Offsets are rounded to whole steps. Empty on bad parameters.
std::vector<double> MeasureStdpWindow(const StdpParams& p, double dt_ms,
                                      const std::vector<double>& offsets_ms);

}  // namespace dendrites::spiking
