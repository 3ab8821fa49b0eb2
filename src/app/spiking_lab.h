// The spiking lab's application state: the scene configuration, the running Network, play /
// pause / speed, and what the scenes' panels need beyond the network itself (the f-I curve,
// the measured STDP window, the history of rewiring).
//
// Time: the lab advances simulated time at `speed` simulated ms per wall-clock second, within
// the frame's time budget. Time it could not fit into the budget is dropped, never carried
// over, so a long frame (a hidden tab) never turns into one giant step. The achieved speed is
// measured and shown.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/history.h"
#include "core/spiking/scenes.h"

namespace dendrites::app {

class SpikingLab {
public:
    SpikingLab();

    // Advances the simulation by speed * frame_seconds of simulated time when running, spending
    // at most budget_seconds of wall time.
    void Update(double frame_seconds, double budget_seconds);

    // Commands (buttons, shortcuts and the JS API end here).
    void Play() { running_ = true; }
    void Pause() { running_ = false; }
    void TogglePlay() { running_ = !running_; }
    void StepOnce();  // 1 ms of simulated time (or one step when dt is longer)
    void Reset();     // rebuilds the current scene from its configuration and seed
    // Runs duration_ms of simulated time at once (benchmarks, embedders); pauses first.
    // Returns the wall seconds it took, or a negative value for a bad duration.
    double RunFor(double duration_ms);

    // Switches scene (keeps each scene's settings). Returns an error, or empty.
    std::string SelectScene(spiking::SceneKind kind);
    // Validates and builds `config`; on success it replaces the running scene (and keeps
    // playing if it was), on failure the running scene is untouched and a notice is set.
    std::string Apply(const spiking::SceneConfig& config);
    // Live changes that keep the network's state.
    std::string SetInputCurrent(double i_ext);  // one-neuron and zoo: the step's amplitude
    std::string SetDrive(double drive_nA);      // delays: the current into neuron 0

    // Interactions.
    std::string InjectPulse(double amplitude, double duration_ms);  // one-neuron: cell 0
    std::string StimulateNeuron(int neuron);                        // makes it fire now
    void RestartStatistics() { net_.ResetStatistics(); }

    // Speed in simulated ms per wall second; kMaxSpeed means "as fast as the budget allows".
    double Speed() const { return speed_ms_per_s_; }
    void SetSpeed(double ms_per_s);
    double AchievedSpeed() const { return achieved_ms_per_s_; }
    static constexpr double kMinSpeed = 1.0;
    static constexpr double kMaxSpeed = 100000.0;
    // A frame longer than this (a hidden tab, a breakpoint) counts as this long.
    static constexpr double kMaxFrameSeconds = 0.25;

    const spiking::SceneConfig& Config() const { return config_; }
    const spiking::Network& Net() const { return net_; }
    bool Running() const { return running_; }

    // One-neuron scene: the f-I curve (closed form for LIF, simulated for both models).
    const std::vector<double>& FiCurrents() const { return fi_currents_; }
    // The closed form (LIF only; empty for Izhikevich) on a finer grid of its own.
    const std::vector<double>& FiClosedCurrents() const { return fi_closed_currents_; }
    const std::vector<double>& FiClosedForm() const { return fi_closed_; }
    const std::vector<double>& FiSimulated() const { return fi_simulated_; }
    // Firing rate over the last second of simulated time (or since the last change).
    double RecentRateHz(int neuron) const;

    // STDP scene: the learning window as the simulation produces it.
    const std::vector<double>& WindowOffsets() const { return window_offsets_; }
    const std::vector<double>& WindowMeasured() const { return window_measured_; }

    // Structural scene: count of present synapses over time, and per synapse the simulated
    // time of its last change (grown or pruned; -inf if never) and whether it was a growth.
    const History& SynapseCountHistory() const { return synapse_count_; }
    const std::vector<double>& ChangeTimeMs() const { return change_time_ms_; }
    const std::vector<std::uint8_t>& ChangeWasGrowth() const { return change_grew_; }
    std::int64_t Grown() const { return grown_; }
    std::int64_t Pruned() const { return pruned_; }

    // A message for the user (a rejected change, a build warning); cleared by DismissNotice.
    const std::string& Notice() const { return notice_; }
    void DismissNotice() { notice_.clear(); }

private:
    void AfterBuild();     // recomputes the derived curves of the new scene
    void TrackTopology();  // structural scene: records growth and pruning
    void Advance(std::int64_t steps);

    spiking::SceneConfig config_;
    spiking::Network net_;
    bool running_ = false;
    double speed_ms_per_s_ = 200.0;
    double achieved_ms_per_s_ = 0.0;
    double steps_per_second_estimate_ = 0.0;  // measured throughput, for budgeting
    double wanted_steps_ = 0.0;               // steps owed to this frame (fraction carried)
    std::int64_t rate_since_step_ = 0;        // RecentRateHz counts from here at most
    std::string notice_;

    std::vector<double> fi_currents_, fi_closed_currents_, fi_closed_, fi_simulated_;
    std::vector<double> window_offsets_, window_measured_;

    History synapse_count_{4096};
    std::vector<std::uint8_t> last_active_;
    std::vector<double> change_time_ms_;
    std::vector<std::uint8_t> change_grew_;
    std::int64_t grown_ = 0, pruned_ = 0;
};

// The scene's default speed (simulated ms per wall second): slow enough to follow for small
// scenes, real time or faster for networks.
double DefaultSpeed(spiking::SceneKind kind);
// A title and one sentence on what the scene shows.
const char* SceneTitle(spiking::SceneKind kind);
const char* SceneSummary(spiking::SceneKind kind);

}  // namespace dendrites::app
