// The spiking lab's state and commands (see spiking_lab.h).
#include "app/spiking_lab.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace dendrites::app {
namespace {

using namespace dendrites::spiking;
using Clock = std::chrono::steady_clock;

constexpr int kFiPoints = 41;         // simulated points (1 s each)
constexpr int kFiClosedPoints = 801;  // closed-form curve
constexpr double kFiDurationMs = 1000.0;

double SecondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

double DefaultSpeed(SceneKind kind) {
    switch (kind) {
        case SceneKind::kOneNeuron: return 100.0;
        case SceneKind::kZoo: return 100.0;
        case SceneKind::kDelays: return 10.0;
        case SceneKind::kIzhikevich1000: return 1000.0;
        case SceneKind::kBrunel: return SpikingLab::kMaxSpeed;
        case SceneKind::kStdp: return 1000.0;
        case SceneKind::kStructural: return 1000.0;
        case SceneKind::kCuba: return SpikingLab::kMaxSpeed;
    }
    return 100.0;
}

const char* SceneTitle(SceneKind kind) {
    switch (kind) {
        case SceneKind::kOneNeuron: return "One neuron";
        case SceneKind::kZoo: return "Neuron zoo";
        case SceneKind::kDelays: return "Delays you can see";
        case SceneKind::kIzhikevich1000: return "1000 Izhikevich neurons";
        case SceneKind::kBrunel: return "Brunel network";
        case SceneKind::kStdp: return "STDP";
        case SceneKind::kStructural: return "Changing topology";
        case SceneKind::kCuba: return "CUBA benchmark";
    }
    return "";
}

const char* SceneSummary(SceneKind kind) {
    switch (kind) {
        case SceneKind::kOneNeuron:
            return "A neuron adds up its input until the membrane potential reaches threshold, "
                   "fires one all-or-nothing spike, resets, and stays silent for a refractory "
                   "period.";
        case SceneKind::kZoo:
            return "The seven Izhikevich (2003) cell types under the same input current: real "
                   "neurons answer at different speeds and in different patterns.";
        case SceneKind::kDelays:
            return "Spikes travel along each synapse as dots and arrive only after its delay. "
                   "Arrows are chemical synapses (blue excites, orange inhibits); green "
                   "zig-zags are gap junctions, which couple voltages instantly. Click a neuron "
                   "to make it fire.";
        case SceneKind::kIzhikevich1000:
            return "Izhikevich's (2003) network: 800 excitatory and 200 inhibitory cells, "
                   "all-to-all, random thalamic input. No clock drives it, yet the population "
                   "falls into rhythms.";
        case SceneKind::kBrunel:
            return "Brunel's (2000) sparse network of excitatory and inhibitory LIF cells. The "
                   "balance of inhibition g and the external rate decide whether it fires "
                   "regularly and in sync, or irregularly and asynchronously.";
        case SceneKind::kStdp:
            return "Spike-timing-dependent plasticity: a synapse strengthens when the "
                   "postsynaptic cell fires just after the input arrives and weakens when it "
                   "fires just before. The rule is local: no error signal reaches it.";
        case SceneKind::kStructural:
            return "Structural plasticity: synapses that STDP weakens are removed, new ones grow "
                   "at random, so the wiring itself changes while the network runs.";
        case SceneKind::kCuba:
            return "The Vogels-Abbott CUBA benchmark (Brette et al. 2007): 4000 LIF cells with "
                   "exponential current synapses, used to compare simulators.";
    }
    return "";
}

SpikingLab::SpikingLab() {
    config_.kind = SceneKind::kOneNeuron;
    Reset();
    speed_ms_per_s_ = DefaultSpeed(config_.kind);
}

void SpikingLab::Advance(std::int64_t steps) {
    for (std::int64_t k = 0; k < steps; ++k) net_.Step();
}

void SpikingLab::Update(double frame_seconds, double budget_seconds) {
    if (!running_) {
        achieved_ms_per_s_ = 0.0;
        return;
    }
    const double dt = net_.dt_ms();
    frame_seconds = std::clamp(frame_seconds, 0.0, kMaxFrameSeconds);
    const bool unlimited = speed_ms_per_s_ >= kMaxSpeed;
    // Fractions of a step carry over (slow speeds stay smooth), whole lost steps never do.
    wanted_steps_ += unlimited ? 1e18 : speed_ms_per_s_ * frame_seconds / dt;
    const auto start = Clock::now();
    std::int64_t done = 0;
    // Chunks of about 1 ms of wall time between clock reads, from the measured throughput.
    const std::int64_t chunk =
        std::max<std::int64_t>(1, static_cast<std::int64_t>(steps_per_second_estimate_ * 0.001));
    while (wanted_steps_ >= 1.0) {
        const std::int64_t n =
            std::min<std::int64_t>(chunk, static_cast<std::int64_t>(std::floor(wanted_steps_)));
        Advance(n);
        done += n;
        wanted_steps_ -= static_cast<double>(n);
        if (SecondsSince(start) >= budget_seconds) break;
    }
    if (wanted_steps_ >= 1.0) wanted_steps_ = 0.0;  // out of budget: drop the rest
    const double spent = SecondsSince(start);
    if (done > 0 && spent > 0) {
        const double rate = static_cast<double>(done) / spent;
        steps_per_second_estimate_ = steps_per_second_estimate_ == 0.0
                                         ? rate
                                         : 0.8 * steps_per_second_estimate_ + 0.2 * rate;
    }
    if (frame_seconds > 0) {
        const double now = static_cast<double>(done) * dt / frame_seconds;
        achieved_ms_per_s_ = 0.9 * achieved_ms_per_s_ + 0.1 * now;
    }
    if (config_.kind == SceneKind::kStructural) TrackTopology();
}

void SpikingLab::StepOnce() {
    running_ = false;
    const double dt = net_.dt_ms();
    Advance(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(1.0 / dt + 0.5))));
    if (config_.kind == SceneKind::kStructural) TrackTopology();
}

double SpikingLab::RunFor(double duration_ms) {
    if (!std::isfinite(duration_ms) || duration_ms <= 0 || duration_ms > 1e7) return -1.0;
    running_ = false;
    const auto start = Clock::now();
    Advance(static_cast<std::int64_t>(std::floor(duration_ms / net_.dt_ms() + 0.5)));
    const double seconds = SecondsSince(start);
    if (config_.kind == SceneKind::kStructural) TrackTopology();
    return seconds;
}

void SpikingLab::Reset() {
    const BuildResult built = BuildScene(config_, &net_);
    if (!built.ok()) {
        // Only reachable if a stored configuration went bad; fall back to the defaults.
        notice_ = "Could not build the scene: " + built.error;
        SceneConfig fresh;
        fresh.kind = config_.kind;
        config_ = fresh;
        BuildScene(config_, &net_);
    } else if (!built.warnings.empty()) {
        notice_ = built.warnings.front();
    }
    AfterBuild();
}

std::string SpikingLab::SelectScene(SceneKind kind) {
    if (kind == config_.kind) return {};
    SceneConfig next = config_;
    next.kind = kind;
    return Apply(next);  // a new scene starts at its own default speed
}

std::string SpikingLab::Apply(const SceneConfig& config) {
    Network candidate;
    const BuildResult built = BuildScene(config, &candidate);
    if (!built.ok()) {
        notice_ = "Not applied: " + built.error;
        return built.error;
    }
    notice_ = built.warnings.empty() ? std::string() : built.warnings.front();
    if (config.kind != config_.kind) speed_ms_per_s_ = DefaultSpeed(config.kind);
    config_ = config;
    net_ = std::move(candidate);
    AfterBuild();
    return {};
}

std::string SpikingLab::SetInputCurrent(double i_ext) {
    if (!std::isfinite(i_ext)) return "input current must be a finite number";
    if (config_.kind != SceneKind::kOneNeuron && config_.kind != SceneKind::kZoo) {
        return "this scene has no input current to set";
    }
    if (net_.stimuli().empty()) return "this scene has no input current to set";
    Stimulus s = net_.stimuli()[0];
    s.amplitude = i_ext;
    const std::string e = net_.SetStimulus(0, s);
    if (!e.empty()) return e;
    (config_.kind == SceneKind::kOneNeuron ? config_.one_neuron.i_ext : config_.zoo.i_ext) = i_ext;
    rate_since_step_ = net_.step();
    return {};
}

std::string SpikingLab::SetDrive(double drive_nA) {
    if (!std::isfinite(drive_nA)) return "drive must be a finite number";
    if (config_.kind != SceneKind::kDelays || net_.stimuli().empty()) {
        return "only the delays scene has a drive current";
    }
    Stimulus s = net_.stimuli()[0];
    s.amplitude = drive_nA;
    const std::string e = net_.SetStimulus(0, s);
    if (e.empty()) config_.delays.drive_nA = drive_nA;
    return e;
}

std::string SpikingLab::InjectPulse(double amplitude, double duration_ms) {
    if (!std::isfinite(amplitude) || !std::isfinite(duration_ms) || duration_ms <= 0) {
        return "pulse amplitude must be finite and its duration positive";
    }
    const BuildResult r = net_.TriggerPulse(0, 1, amplitude, duration_ms);
    return r.error;
}

std::string SpikingLab::StimulateNeuron(int neuron) {
    if (neuron < 0 || neuron >= net_.size()) {
        return "no neuron " + std::to_string(neuron) + " (the scene has " +
               std::to_string(net_.size()) + ")";
    }
    net_.ForceSpike(neuron);
    return {};
}

void SpikingLab::SetSpeed(double ms_per_s) {
    if (std::isfinite(ms_per_s)) speed_ms_per_s_ = std::clamp(ms_per_s, kMinSpeed, kMaxSpeed);
}

double SpikingLab::RecentRateHz(int neuron) const {
    const std::int64_t now = net_.step();
    const std::int64_t window = std::min<std::int64_t>(
        now - rate_since_step_, static_cast<std::int64_t>(std::floor(1000.0 / net_.dt_ms())));
    if (window <= 0) return 0.0;
    const auto& spikes = net_.recorder().spikes();
    std::int64_t count = 0;
    for (std::size_t k = spikes.size(); k-- > 0;) {
        if (spikes[k].step < now - window) break;
        if (spikes[k].neuron == neuron) ++count;
    }
    return static_cast<double>(count) / (static_cast<double>(window) * net_.dt_ms()) * 1000.0;
}

void SpikingLab::AfterBuild() {
    wanted_steps_ = 0.0;
    steps_per_second_estimate_ = 0.0;
    rate_since_step_ = 0;
    fi_currents_.clear();
    fi_closed_currents_.clear();
    fi_closed_.clear();
    fi_simulated_.clear();
    if (config_.kind == SceneKind::kOneNeuron) {
        const OneNeuronScene& one = config_.one_neuron;
        const bool lif = one.model == NeuronModel::kLif;
        const double top = lif ? std::max(4.0, std::max(2.0 * one.lif.RheobaseNanoamp(),
                                                        1.5 * std::fabs(one.i_ext)))
                               : std::max(20.0, 1.5 * std::fabs(one.i_ext));
        for (int k = 0; k < kFiPoints; ++k) {
            const double i = top * k / (kFiPoints - 1);
            fi_currents_.push_back(i);
            fi_simulated_.push_back(OneNeuronRateHz(one, i, kFiDurationMs));
        }
        for (int k = 0; lif && k < kFiClosedPoints; ++k) {
            const double i = top * k / (kFiClosedPoints - 1);
            const double isi = LifClosedFormIsiMs(one.lif, i);
            fi_closed_currents_.push_back(i);
            fi_closed_.push_back(std::isfinite(isi) && isi > 0 ? 1000.0 / isi : 0.0);
        }
    }
    window_offsets_.clear();
    window_measured_.clear();
    if (config_.kind == SceneKind::kStdp) {
        for (int k = -60; k <= 60; ++k) window_offsets_.push_back(k * 1.0);
        window_measured_ =
            MeasureStdpWindow(config_.stdp.stdp, config_.stdp.dt_ms, window_offsets_);
        if (window_measured_.size() != window_offsets_.size()) window_offsets_.clear();
    }
    synapse_count_.Clear();
    last_active_.clear();
    change_time_ms_.clear();
    change_grew_.clear();
    grown_ = pruned_ = 0;
    if (config_.kind == SceneKind::kStructural && net_.projection_count() > 0) {
        const Projection& proj = net_.projection(0);
        last_active_ = proj.active;
        change_time_ms_.assign(proj.active.size(), -std::numeric_limits<double>::infinity());
        change_grew_.assign(proj.active.size(), 0);
        synapse_count_.Add(0.0, static_cast<double>(proj.ActiveCount()));
    }
}

void SpikingLab::TrackTopology() {
    if (net_.projection_count() == 0) return;
    const Projection& proj = net_.projection(0);
    if (proj.active.size() != last_active_.size()) return;
    const double now = net_.time_ms();
    bool changed = false;
    for (std::size_t j = 0; j < proj.active.size(); ++j) {
        if (proj.active[j] == last_active_[j]) continue;
        change_time_ms_[j] = now;
        change_grew_[j] = proj.active[j];
        (proj.active[j] ? grown_ : pruned_) += 1;
        last_active_[j] = proj.active[j];
        changed = true;
    }
    if (changed || synapse_count_.Empty()) {
        synapse_count_.Add(now, static_cast<double>(proj.ActiveCount()));
    }
}

}  // namespace dendrites::app
