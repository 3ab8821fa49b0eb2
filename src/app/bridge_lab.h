// The bridge lab's state: three screens that set the two kinds of network side by side.
//
//   clock      A small MLP whose backprop sweep advances one stage per tick of a global clock
//              (every layer waits for the one before), beside a recurrent spiking network
//              with no clock, heterogeneous delays and STDP. Both learn at once; counters show
//              the work each does (multiply-adds per sample, synaptic events per second).
//   analog     The MLP lab's trained network with its weights rounded to k bits, beside a
//              neuron whose membrane is continuous and its twin whose membrane has k bits.
//   surrogate  Training spiking neurons by gradient descent although the spike's derivative
//              is zero almost everywhere (SurrogateDemo).
// The clock and analog screens share one running flag; the surrogate demo keeps its own.
//
// Time: the clocked network advances `ticks per second` stages per wall-clock second; the
// spiking network and the two membranes advance `speed` simulated ms per wall-clock second,
// within the frame's time budget (time that does not fit is dropped, as in SpikingLab).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "app/mlp_lab.h"
#include "app/surrogate_demo.h"
#include "core/bridge/digital_membrane.h"
#include "core/bridge/unclocked.h"
#include "core/bridge/work.h"
#include "core/history.h"
#include "core/random.h"
#include "core/scene/experiment.h"
#include "core/spiking/network.h"

namespace dendrites::app {

class BridgeLab {
public:
    BridgeLab();

    // Advances the active screen by the frame's wall time, within budget_seconds.
    // `trained` is the MLP lab's network, which the analog screen rounds.
    void Update(double dt_seconds, double budget_seconds, const MlpLab& trained);

    scene::BridgeView View() const { return settings_.view; }
    void SetView(scene::BridgeView view) { settings_.view = view; }
    const scene::BridgeSettings& Settings() const { return settings_; }
    void Apply(const scene::BridgeSettings& settings);  // view and bits (clamped)

    // Play, pause, step and reset act on the screen on view.
    void Play();
    void Pause();
    void TogglePlay() { Running() ? Pause() : Play(); }
    bool Running() const;
    // One stage of the sweep and 1 ms of the spiking network, 1 ms of the membranes, or one
    // surrogate-gradient update.
    void Step();
    void Reset();  // the screen on view starts again from its seed

    // --- surrogate screen ---
    SurrogateDemo& Surrogate() { return surrogate_; }
    const SurrogateDemo& Surrogate() const { return surrogate_; }

    // --- clock screen ---
    MlpLab& Clocked() { return clocked_; }
    const MlpLab& Clocked() const { return clocked_; }
    const spiking::Network& Unclocked() const { return unclocked_; }
    double TicksPerSecond() const { return ticks_per_second_; }
    void SetTicksPerSecond(double ticks);  // 0.5 .. 1000
    double SpeedMsPerSecond() const { return speed_; }
    void SetSpeed(double ms_per_s);  // 1 .. 2000 simulated ms per wall second
    bridge::MlpWork ClockedWork() const { return bridge::MlpWorkPerSample(clocked_.Trainer().Net()); }
    long long ClockedMultiplyAdds() const;  // since the reset
    std::int64_t SynapticEvents() const { return counter_.Events(); }
    std::int64_t Spikes() const { return counter_.Spikes(); }
    std::int64_t Synapses() const { return counter_.Synapses(); }
    double EventsPerSecond() const;  // over the last simulated second (or what there is)
    double SpikesPerSecond() const;
    // A few weights of each network over time: MLP by update, spiking by simulated ms.
    const std::vector<History>& ClockedWeights() const { return mlp_weights_; }
    double MeanStdpChange() const;  // mean |w - w0| of the plastic synapses, mV

    // --- analog screen ---
    int Bits() const { return settings_.bits; }
    void SetBits(int bits);
    // Test MSE (the MLP lab's evaluation inputs) of its network rounded to 1 .. 16 bits, and at
    // full precision; recomputed when the network or the precision changes.
    const std::vector<double>& QuantizedMse() const { return quantized_mse_; }  // [bits - 1]
    double FullPrecisionMse() const { return full_mse_; }
    const mlp::Network& Quantized() const { return quantized_; }
    bool HasTrainedNetwork() const { return has_trained_; }
    const bridge::DigitalLif& AnalogCell() const { return analog_cell_; }
    const bridge::DigitalLif& DigitalCell() const { return digital_cell_; }
    // Recent membrane samples (time ms, V mV) of the two cells, and their spike times.
    const std::deque<std::pair<double, double>>& AnalogTrace() const { return analog_trace_; }
    const std::deque<std::pair<double, double>>& DigitalTrace() const { return digital_trace_; }
    const std::deque<double>& AnalogSpikes() const { return analog_spikes_; }
    const std::deque<double>& DigitalSpikes() const { return digital_spikes_; }
    double MembraneTimeMs() const { return membrane_t_ms_; }
    double InputCurrent() const { return current_nA_; }
    static constexpr double kMembraneWindowMs = 400.0;

private:
    void BuildClock();
    void BuildMembranes();
    void AdvanceSpiking(double ms, double budget_seconds);
    void AdvanceMembranes(double ms, double budget_seconds);
    void MembraneStep();
    void RefreshQuantized(const MlpLab& trained);
    void RecordClockedWeights();

    scene::BridgeSettings settings_;
    bool running_ = false;

    MlpLab clocked_;
    double ticks_per_second_ = 6.0;
    long long recorded_updates_ = -1;
    std::vector<History> mlp_weights_;
    spiking::Network unclocked_;
    bridge::EventCounter counter_{unclocked_};
    std::vector<double> stdp_w0_;
    std::deque<std::pair<double, std::int64_t>> event_marks_;  // (time ms, events so far)
    std::deque<std::pair<double, std::int64_t>> spike_marks_;
    double speed_ = 100.0;

    // analog screen
    long long quantized_for_steps_ = -1;
    int quantized_for_bits_ = 0;
    const void* quantized_for_net_ = nullptr;
    std::vector<double> quantized_mse_;
    double full_mse_ = 0.0;
    mlp::Network quantized_;
    bool has_trained_ = false;
    bridge::DigitalLif analog_cell_, digital_cell_;
    Rng membrane_rng_{7};
    double membrane_t_ms_ = 0.0;
    double current_nA_ = 0.0;
    double current_hold_ms_ = 0.0;
    std::deque<std::pair<double, double>> analog_trace_, digital_trace_;
    std::deque<double> analog_spikes_, digital_spikes_;

    SurrogateDemo surrogate_;
};

}  // namespace dendrites::app
