// The spiking lab's controls: transport (run, step, reset, speed), the scene list, and each
// scene's parameters. Structural changes are validated and rebuilt when a widget is released;
// input currents apply live, keeping the network's state.
//
// [SECTION] Index
//   Helpers, transport, scene list ..... ApplyDraft, DrawTransport, DrawSceneList
//   One neuron, zoo .................... DrawOneNeuronControls, DrawZooControls
//   Delays ............................. DrawDelaysControls
//   Networks ........................... DrawIzhikevichControls, DrawBrunelControls, DrawCuba...
//   Plasticity ......................... DrawStdpControls, DrawStructuralControls
//   Common ............................. DrawCommonControls, DrawSpikingControls
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/spiking_panels.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

using namespace dendrites::spiking;

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers, transport, scene list
// ---------------------------------------------------------------------------------------------

// Rebuilds the scene from the draft; the draft then mirrors what runs (or keeps the rejected
// value on screen beside the lab's notice).
void ApplyDraft(SpikingLab& lab, SpikingViewState& view) {
    if (lab.Apply(view.draft).empty()) view.draft = lab.Config();
}

void ApplyOnRelease(SpikingLab& lab, SpikingViewState& view) {
    if (ImGui::IsItemDeactivatedAfterEdit()) ApplyDraft(lab, view);
}

// A slider for a scene parameter: the scene is rebuilt when it is released, and the tooltip
// says what the parameter does.
void Param(SpikingLab& lab, SpikingViewState& view, const char* label, double* value, double lo,
           double hi, const char* format, const char* tip, ImGuiSliderFlags flags = 0) {
    SliderDouble(label, value, lo, hi, format, flags);
    ApplyOnRelease(lab, view);
    Tooltip(tip);
}

void DrawTransport(SpikingLab& lab) {
    if (ImGui::Button(lab.Running() ? "Pause" : "Run", ImVec2(90, 0))) lab.TogglePlay();
    Tooltip("Start or pause the simulation (Space).");
    ImGui::SameLine();
    if (ImGui::Button("Step")) lab.StepOnce();
    Tooltip("Advance 1 ms of simulated time (S).");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) lab.Reset();
    Tooltip("Rebuild the scene from its parameters and seed: time 0, same network (R).");

    double speed = lab.Speed();
    const bool top = speed >= SpikingLab::kMaxSpeed;
    char format[64];
    std::snprintf(format, sizeof format, "%s",
                  top           ? "speed: as fast as 60 fps allows"
                  : speed >= 10 ? "speed: %.0f ms per second"
                                : "speed: %.1f ms per second");
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (SliderDouble("##speed", &speed, SpikingLab::kMinSpeed, SpikingLab::kMaxSpeed, format,
                     ImGuiSliderFlags_Logarithmic))
        lab.SetSpeed(speed);
    Tooltip(
        "Simulated milliseconds per second of your time. 1000 is real time; below it you "
        "watch in slow motion. The simulation gets a fixed slice of each frame, so the "
        "page stays at 60 frames per second and a large network may run slower than asked.");
    if (lab.Running()) {
        ImGui::TextDisabled("running at %.0f ms/s (%.2gx real time)", lab.AchievedSpeed(),
                            lab.AchievedSpeed() / 1000.0);
    } else {
        ImGui::TextDisabled("paused");
    }
}

void DrawSceneList(SpikingLab& lab, SpikingViewState& view) {
    SectionHeader("Scene");
    for (int k = 0; k < kSceneCount; ++k) {
        const SceneKind kind = static_cast<SceneKind>(k);
        char label[64];
        std::snprintf(label, sizeof label, "%d  %s", k + 1, SceneTitle(kind));
        if (ImGui::Selectable(label, lab.Config().kind == kind)) {
            lab.SelectScene(kind);
            view.draft = lab.Config();
            view.window_ms = 0.0;
        }
        Tooltip(SceneSummary(kind));
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] One neuron, zoo
// ---------------------------------------------------------------------------------------------

void DrawLifParams(SpikingLab& lab, SpikingViewState& view, LifParams& p) {
    Param(lab, view, "E_L (mV)", &p.e_l_mV, -90.0, -40.0, "%.1f",
          "Resting potential: where V relaxes without input.");
    Param(lab, view, "V_reset (mV)", &p.v_reset_mV, -90.0, -40.0, "%.1f",
          "Potential right after a spike. Must be below the threshold.");
    Param(lab, view, "V_th (mV)", &p.v_th_mV, -70.0, -20.0, "%.1f",
          "Threshold: when V reaches it the neuron fires one spike.");
    Param(lab, view, "R (MOhm)", &p.r_m_MOhm, 1.0, 100.0, "%.1f",
          "Membrane resistance: a current I moves the resting point by R I.",
          ImGuiSliderFlags_Logarithmic);
    Param(lab, view, "tau_m (ms)", &p.tau_m_ms, 1.0, 100.0, "%.1f",
          "Membrane time constant: how fast V forgets its input (leak).",
          ImGuiSliderFlags_Logarithmic);
    Param(lab, view, "t_ref (ms)", &p.t_ref_ms, 0.0, 20.0, "%.1f",
          "Absolute refractory period: V is held at reset this long after a spike "
          "(rounded to whole steps).");
    Param(lab, view, "adaptation b (nA)", &p.adapt_b_nA, 0.0, 1.0, "%.3f",
          "Each spike adds b to an adaptation current that decays with tau_w: the cell slows "
          "down under constant input (0: plain LIF).");
    if (p.adapt_b_nA > 0) {
        Param(lab, view, "tau_w (ms)", &p.tau_w_ms, 10.0, 1000.0, "%.0f",
              "Decay time of the adaptation current.", ImGuiSliderFlags_Logarithmic);
    }
    ImGui::TextDisabled("rheobase %.3g nA: below it the cell never fires", p.RheobaseNanoamp());
}

void DrawIzhikevichParams(SpikingLab& lab, SpikingViewState& view, IzhikevichParams& p) {
    const char* names[kIzhikevichTypeCount];
    for (int k = 0; k < kIzhikevichTypeCount; ++k)
        names[k] = IzhikevichTypeName(AllIzhikevichTypes()[k]);
    if (ImGui::Combo("cell type", &view.izh_type, names, kIzhikevichTypeCount)) {
        p = IzhikevichPreset(AllIzhikevichTypes()[view.izh_type]);
        ApplyDraft(lab, view);
    }
    Tooltip(
        "Izhikevich (2003) presets: RS regular spiking, IB intrinsically bursting, CH "
        "chattering, FS fast spiking, LTS low-threshold spiking, TC thalamo-cortical, RZ "
        "resonator.");
    Param(lab, view, "a", &p.a, 0.0, 0.2, "%.3f",
          "Recovery rate of u (1/ms): larger is faster recovery.");
    Param(lab, view, "b", &p.b, 0.0, 0.4, "%.3f", "How strongly u follows v below threshold.");
    Param(lab, view, "c (mV)", &p.c, -80.0, -40.0, "%.1f", "Reset value of v after a spike.");
    Param(lab, view, "d", &p.d, 0.0, 10.0, "%.2f",
          "Jump of u at each spike: spike-frequency adaptation.");
}

void DrawOneNeuronControls(SpikingLab& lab, SpikingViewState& view) {
    OneNeuronScene& one = view.draft.one_neuron;
    SectionHeader("Neuron");
    int model = one.model == NeuronModel::kLif ? 0 : 1;
    if (ImGui::Combo("model", &model, "leaky integrate-and-fire\0Izhikevich\0")) {
        one.model = model == 0 ? NeuronModel::kLif : NeuronModel::kIzhikevich;
        one.i_ext = model == 0 ? 2.5 : 10.0;
        view.pulse_nA = model == 0 ? 10.0 : 40.0;
        ApplyDraft(lab, view);
    }
    Tooltip(
        "LIF: a leaky capacitor with a threshold (exact integration). Izhikevich: two "
        "variables that reproduce many real firing patterns.");
    const bool lif = one.model == NeuronModel::kLif;
    double i_ext = lab.Config().one_neuron.i_ext;
    if (SliderDouble(lif ? "input I (nA)" : "input I", &i_ext, 0.0, lif ? 6.0 : 30.0, "%.2f")) {
        lab.SetInputCurrent(i_ext);
        one.i_ext = i_ext;
    }
    Tooltip(
        "Constant input current, applied live. Below the rheobase the potential settles "
        "under threshold and the cell stays silent.");
    Param(lab, view, "noise s.d.", &one.noise_sd, 0.0, lif ? 2.0 : 10.0, "%.2f",
          "Standard deviation of a noisy current added to the input, redrawn every 1 ms.");
    ImGui::TextUnformatted("pulse");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.35f);
    SliderDouble("##pulse-amp", &view.pulse_nA, 0.0, lif ? 50.0 : 100.0, lif ? "%.1f nA" : "%.1f");
    Tooltip("Amplitude of the pulse.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
    SliderDouble("##pulse-ms", &view.pulse_ms, 0.1, 20.0, "%.1f ms");
    Tooltip("Duration of the pulse.");
    ImGui::SameLine();
    if (ImGui::Button("Pulse")) lab.InjectPulse(view.pulse_nA, view.pulse_ms);
    Tooltip(
        "Inject one current pulse now (P). A short strong pulse makes one spike; a weak "
        "one only nudges the potential, which then leaks back.");
    SectionHeader(lif ? "LIF parameters" : "Izhikevich parameters");
    if (lif) {
        DrawLifParams(lab, view, one.lif);
    } else {
        DrawIzhikevichParams(lab, view, one.izhikevich);
    }
}

void DrawZooControls(SpikingLab& lab, SpikingViewState& view) {
    SectionHeader("Input");
    double i_ext = lab.Config().zoo.i_ext;
    if (SliderDouble("input I", &i_ext, 0.0, 30.0, "%.2f")) {
        lab.SetInputCurrent(i_ext);
        view.draft.zoo.i_ext = i_ext;
    }
    Tooltip("The same current step goes into all seven cells (the paper's units), applied live.");
    Param(lab, view, "starts (ms)", &view.draft.zoo.i_start_ms, 0.0, 500.0, "%.0f",
          "When the input switches on (rebuilds the scene).");
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Delays
// ---------------------------------------------------------------------------------------------

void DrawDelaysControls(SpikingLab& lab, SpikingViewState& view) {
    DelaysScene& d = view.draft.delays;
    SectionHeader("Drive");
    double drive = lab.Config().delays.drive_nA;
    if (SliderDouble("drive 0 (nA)", &drive, 0.0, 5.0, "%.2f")) {
        lab.SetDrive(drive);
        d.drive_nA = drive;
    }
    Tooltip("Constant current into neuron 0, applied live. Above about 2 nA it fires on its own.");
    SectionHeader("Chemical synapses");
    for (std::size_t k = 0; k < d.chemical.size(); ++k) {
        ExplicitSynapse& s = d.chemical[k];
        ImGui::PushID(static_cast<int>(k));
        ImGui::Text("%d -> %d", s.pre, s.post);
        ImGui::SameLine(60);
        ImGui::SetNextItemWidth((ImGui::GetContentRegionAvail().x - 8) * 0.5f);
        Param(lab, view, "##w", &s.weight, -20.0, 20.0, "w %.1f nA",
              "Weight: the synaptic current one spike adds (positive excites, negative "
              "inhibits).");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-FLT_MIN);
        Param(lab, view, "##d", &s.delay_ms, 0.1, 20.0, "delay %.1f ms",
              "Delay: the spike reaches the target this long after it was fired (rounded to "
              "whole steps).");
        ImGui::PopID();
    }
    SectionHeader("Gap junctions (electrical)");
    for (std::size_t k = 0; k < d.electrical.size(); ++k) {
        GapJunction& g = d.electrical[k];
        ImGui::PushID(static_cast<int>(100 + k));
        char label[32];
        std::snprintf(label, sizeof label, "%d <-> %d (uS)", g.a, g.b);
        Param(lab, view, label, &g.g_uS, 0.0, 0.5, "%.3f",
              "Coupling conductance: current g (V_other - V_self) flows both ways at once, "
              "with no delay and no spike needed.");
        ImGui::PopID();
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Networks
// ---------------------------------------------------------------------------------------------

void DrawIzhikevichControls(SpikingLab& lab, SpikingViewState& view) {
    Izhikevich1000Scene& s = view.draft.izhikevich_1000;
    SectionHeader("Thalamic input");
    Param(lab, view, "E s.d.", &s.thalamic_exc, 0.0, 10.0, "%.2f",
          "Each excitatory cell gets a fresh random input of this s.d. every 1 ms (paper: 5).");
    Param(lab, view, "I s.d.", &s.thalamic_inh, 0.0, 10.0, "%.2f",
          "Each inhibitory cell gets a fresh random input of this s.d. every 1 ms (paper: 2).");
}

void DrawBrunelControls(SpikingLab& lab, SpikingViewState& view) {
    BrunelScene& b = view.draft.brunel;
    SectionHeader("Published states (Brunel 2000, Fig. 8)");
    struct Preset {
        const char* name;
        const char* what;
        double g, nu;
    };
    static constexpr Preset kPresets[] = {
        {"SR", "synchronous regular: weak inhibition, cells fire together like a clock", 3.0, 2.0},
        {"AI", "asynchronous irregular: balanced, each cell fires irregularly, no rhythm", 5.0,
         2.0},
        {"SI fast", "synchronous irregular, fast oscillation of the population", 6.0, 4.0},
        {"SI slow", "synchronous irregular, slow oscillation with weak external drive", 4.5, 0.9}};
    for (const Preset& p : kPresets) {
        if (&p != kPresets) ImGui::SameLine();
        if (ImGui::Button(p.name)) {
            b.g = p.g;
            b.nu_ratio = p.nu;
            ApplyDraft(lab, view);
        }
        Tooltip(p.what);
    }
    SectionHeader("Parameters");
    Param(lab, view, "g", &b.g, 0.0, 8.0, "%.2f",
          "Relative strength of inhibition: an inhibitory spike moves V by -g J.");
    Param(lab, view, "nu_ext / nu_thr", &b.nu_ratio, 0.0, 5.0, "%.2f",
          "External Poisson rate relative to the rate that alone would bring V to threshold.");
    Param(lab, view, "delay (ms)", &b.delay_ms, 0.1, 5.0, "%.2f",
          "Synaptic delay of every connection (paper: 1.5 ms).");
    SliderDouble("scale", &b.scale, 0.02, 1.0, "%.2f", ImGuiSliderFlags_Logarithmic);
    ApplyOnRelease(lab, view);
    Tooltip(
        "Fraction of the published 12,500 cells. Scale 1 is the paper's size; it builds 12.5 "
        "million synapses and runs far slower than real time.");
    const BrunelScene& now = lab.Config().brunel;
    ImGui::TextWrapped(
        "Scaled to N_E %d, N_I %d, C_E %d, J %.3g mV (published: 10,000, 2,500, "
        "1,000, 0.1 mV); epsilon %.2g, J C_E %.0f mV and g kept.",
        now.NExc(), now.NInh(), now.CExc(), now.JmV(), now.epsilon, now.j_c_e_mV);
}

void DrawCubaControls(SpikingLab& lab, SpikingViewState& view) {
    CubaScene& c = view.draft.cuba;
    SectionHeader("Network");
    Param(lab, view, "p (connection)", &c.probability, 0.005, 0.1, "%.3f",
          "Probability of each directed connection (benchmark: 0.02).");
    Param(lab, view, "w_e (mV)", &c.w_e_mV, 0.0, 5.0, "%.2f",
          "Excitatory weight (benchmark: 1.62 mV).");
    Param(lab, view, "w_i (mV)", &c.w_i_mV, -30.0, 0.0, "%.2f",
          "Inhibitory weight (benchmark: -9 mV).");
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Plasticity
// ---------------------------------------------------------------------------------------------

void DrawStdpRule(SpikingLab& lab, SpikingViewState& view, StdpParams& p) {
    Param(lab, view, "A+", &p.a_plus, 0.0, 0.1, "%.4f",
          "Potentiation when the postsynaptic spike follows the input.");
    Param(lab, view, "A-", &p.a_minus, 0.0, 0.1, "%.4f",
          "Depression when the postsynaptic spike precedes the input.");
    Param(lab, view, "tau+ (ms)", &p.tau_plus_ms, 1.0, 100.0, "%.1f",
          "Width of the potentiation side of the window.");
    Param(lab, view, "tau- (ms)", &p.tau_minus_ms, 1.0, 100.0, "%.1f",
          "Width of the depression side of the window.");
}

void DrawStdpControls(SpikingLab& lab, SpikingViewState& view) {
    StdpScene& s = view.draft.stdp;
    SectionHeader("Experiment");
    int mode = s.mode == StdpMode::kPairing ? 0 : 1;
    if (ImGui::Combo("mode", &mode, "one pre/post pair, repeated\0many Poisson inputs\0")) {
        s.mode = mode == 0 ? StdpMode::kPairing : StdpMode::kPoissonInputs;
        s.stdp = s.mode == StdpMode::kPairing ? StdpParams{} : SongMillerAbbottStdp();
        ApplyDraft(lab, view);
    }
    Tooltip(
        "Pairing: a presynaptic and a postsynaptic spike at a fixed offset, again and again. "
        "Poisson inputs: one cell driven by many random inputs whose weights compete "
        "(after Song, Miller and Abbott 2000).");
    if (s.mode == StdpMode::kPairing) {
        SliderDouble("post-pre (ms)", &s.pairing_dt_ms, -60.0, 60.0, "%.1f");
        ApplyOnRelease(lab, view);
        Tooltip(
            "Offset of the postsynaptic spike from the presynaptic spike's arrival. Positive: "
            "post after pre, the synapse strengthens; negative: it weakens.");
        Param(lab, view, "period (ms)", &s.pairing_period_ms, 50.0, 1000.0, "%.0f",
              "Time between pairings.");
        Param(lab, view, "delay (ms)", &s.delay_ms, 0.1, 10.0, "%.1f",
              "The rule uses the spike's arrival at the synapse, not its emission.");
    } else {
        ImGui::InputInt("inputs", &s.inputs, 100, 500);
        ApplyOnRelease(lab, view);
        Tooltip("Number of plastic Poisson inputs onto the cell.");
        Param(lab, view, "input rate (Hz)", &s.input_rate_Hz, 1.0, 50.0, "%.1f",
              "Firing rate of every input.");
    }
    SectionHeader("Rule (pair-based STDP)");
    DrawStdpRule(lab, view, s.stdp);
}

void DrawStructuralControls(SpikingLab& lab, SpikingViewState& view) {
    StructuralScene& s = view.draft.structural;
    SectionHeader("Network");
    ImGui::InputInt("neurons", &s.neurons, 5, 20);
    ApplyOnRelease(lab, view);
    Tooltip("Cells on the ring (2 to 2000).");
    Param(lab, view, "initial p", &s.probability, 0.0, 0.5, "%.2f",
          "Probability that a synapse is present at the start.");
    Param(lab, view, "noise (nA)", &s.noise_mean_nA, 0.0, 3.0, "%.2f",
          "Mean of each cell's noisy input current.");
    Param(lab, view, "noise sd (nA)", &s.noise_sd_nA, 0.0, 2.0, "%.2f",
          "Standard deviation of the noisy input, redrawn every 1 ms.");
    SectionHeader("Rewiring");
    Param(lab, view, "prune below", &s.structural.prune_below, 0.0, 0.3, "%.3f",
          "A synapse whose weight STDP has pushed below this is removed.");
    Param(lab, view, "grow p", &s.structural.grow_probability, 0.0, 0.1, "%.4f",
          "Chance that each absent synapse grows at each rewiring.");
    Param(lab, view, "grow weight", &s.structural.grow_weight, 0.0, 0.5, "%.3f",
          "Weight of a newly grown synapse.");
    Param(lab, view, "every (ms)", &s.structural.interval_ms, 10.0, 1000.0, "%.0f",
          "Time between rewirings.", ImGuiSliderFlags_Logarithmic);
    SectionHeader("Rule (pair-based STDP)");
    DrawStdpRule(lab, view, s.stdp);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Common
// ---------------------------------------------------------------------------------------------

void DrawCommonControls(SpikingLab& lab, SpikingViewState& view) {
    SectionHeader("Simulation");
    double dt = view.draft.Dt();
    if (SliderDouble("dt (ms)", &dt, 0.01, 1.0, "%.3f", ImGuiSliderFlags_Logarithmic))
        view.draft.SetDt(dt);
    ApplyOnRelease(lab, view);
    Tooltip("Time step. Spikes, delays and refractory periods are whole steps of dt.");
    int seed = static_cast<int>(lab.Config().one_neuron.seed);
    if (ImGui::InputInt("seed", &seed))
        view.draft.SetSeed(static_cast<std::uint64_t>(std::max(seed, 0)));
    ApplyOnRelease(lab, view);
    Tooltip(
        "Seeds the wiring, the noise and the Poisson inputs: same seed, same spikes, in the "
        "browser and on the desktop.");
    double window = WindowMs(lab, view);
    if (SliderDouble("window (ms)", &window, 20.0, 5000.0, "%.0f", ImGuiSliderFlags_Logarithmic))
        view.window_ms = window;
    Tooltip("How much recent time the raster and the traces show.");
}

}  // namespace

double DefaultWindowMs(SceneKind kind) {
    switch (kind) {
        case SceneKind::kOneNeuron: return 200.0;
        case SceneKind::kZoo: return 300.0;
        case SceneKind::kDelays: return 100.0;
        case SceneKind::kIzhikevich1000: return 1000.0;
        case SceneKind::kBrunel: return 300.0;
        case SceneKind::kStdp: return 1000.0;
        case SceneKind::kStructural: return 1000.0;
        case SceneKind::kCuba: return 500.0;
    }
    return 500.0;
}

double WindowMs(const SpikingLab& lab, const SpikingViewState& view) {
    return view.window_ms > 0 ? view.window_ms : DefaultWindowMs(lab.Config().kind);
}

void DrawSpikingControls(SpikingLab& lab, SpikingViewState& view) {
    if (view.draft.kind != lab.Config().kind) view.draft = lab.Config();
    // Sliders take half the column; their labels (with units) get the rest.
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    DrawTransport(lab);
    DrawSceneList(lab, view);
    switch (lab.Config().kind) {
        case SceneKind::kOneNeuron: DrawOneNeuronControls(lab, view); break;
        case SceneKind::kZoo: DrawZooControls(lab, view); break;
        case SceneKind::kDelays: DrawDelaysControls(lab, view); break;
        case SceneKind::kIzhikevich1000: DrawIzhikevichControls(lab, view); break;
        case SceneKind::kBrunel: DrawBrunelControls(lab, view); break;
        case SceneKind::kStdp: DrawStdpControls(lab, view); break;
        case SceneKind::kStructural: DrawStructuralControls(lab, view); break;
        case SceneKind::kCuba: DrawCubaControls(lab, view); break;
    }
    DrawCommonControls(lab, view);
    ImGui::PopItemWidth();
}

}  // namespace dendrites::app
