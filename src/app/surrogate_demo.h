// The surrogate-gradient demo's application state: the trainer, play/pause/step, and the
// settings the controls edit (backward derivative, slope, learning rate, outputs, seed).
//
// Panels read it through const accessors and change it only through its methods. Changes to
// the task (outputs, seed) rebuild the trainer and reset; the derivative, slope and learning
// rate apply live, keeping the weights, so switching to the true derivative mid-run shows the
// weights freezing where they are. A rejected change leaves everything as it was and sets a
// notice.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/spiking/surrogate.h"

namespace dendrites::app {

class SurrogateDemo {
public:
    SurrogateDemo();

    // Trains up to IterationsPerFrame() updates within `budget_seconds` while running.
    void Update(double budget_seconds);

    // Commands (the buttons, shortcuts and a JS API all end here).
    void Play();
    void Pause();
    void TogglePlay() { running_ ? Pause() : Play(); }
    void Step();   // one update, paused afterwards
    void Reset();  // the initial weights again (same seed), paused

    // Live learning settings; each returns an error message, or "" when applied.
    std::string SetSurrogate(spiking::SurrogateKind kind);
    std::string SetSlope(double slope);
    std::string SetLearningRate(double lr);
    std::string SetOptimizer(spiking::SurrogateOptimizer optimizer);
    std::string SetSmoothForward(bool smooth);
    // Task settings: rebuild and reset.
    std::string SetOutputCount(int n);  // 1 to kMaxOutputs
    std::string SetSeed(std::uint64_t seed);

    const spiking::SurrogateTrainer& Trainer() const { return trainer_; }
    const spiking::SurrogateLearning& Learning() const { return trainer_.Config().learning; }
    const spiking::SurrogateTaskParams& Task() const { return trainer_.Config().task; }
    bool Running() const { return running_; }

    int IterationsPerFrame() const { return iterations_per_frame_; }
    void SetIterationsPerFrame(int n);
    // The output whose membrane potential the panel draws.
    int SelectedOutput() const { return selected_output_; }
    void SelectOutput(int j);

    // Output j's spikes in the current pass, and how they match its targets within
    // kMatchToleranceSteps.
    std::vector<int> OutputSpikes(int j) const;
    spiking::SpikeMatch Match(int j) const;
    // True when every output has matched all its targets with no extra spike.
    bool AllMatched() const;

    // What a JS state() reports: iteration, loss, derivative, slope, learning rate, gradient
    // and weight-change norms, per-output spike counts against target counts and matches.
    nlohmann::json State() const;

    // A message for the user (a rejected change, divergence); cleared by DismissNotice().
    const std::string& Notice() const { return notice_; }
    void DismissNotice() { notice_.clear(); }

    static constexpr int kMaxOutputs = 3;
    static constexpr int kMaxIterationsPerFrame = 200;
    static constexpr int kMatchToleranceSteps = 2;  // "on target": within 2 ms

private:
    std::string ApplyLearning(const spiking::SurrogateLearning& learning);
    std::string ApplyTask(const spiking::SurrogateTaskParams& task);

    spiking::SurrogateTrainer trainer_;
    bool running_ = false;
    int iterations_per_frame_ = 1;  // 60 updates a second: the default demo learns in ~1 s
    int selected_output_ = 0;
    std::string notice_;
};

}  // namespace dendrites::app
