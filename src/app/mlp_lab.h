// The MLP lab's application state: the trainer, what the controls edit, play/pause and speed.
//
// Panels read it through const accessors and change it only through its methods. Changes to
// the data or the network rebuild the trainer (validated first: a rejected change leaves the
// running experiment untouched and sets a notice); optimizer hyper-parameters apply live.
#pragma once

#include <string>

#include "core/mlp/chain_rule.h"
#include "core/mlp/trainer.h"

namespace dendrites::app {

class MlpLab {
public:
    MlpLab();

    // Advances training for up to `budget_seconds` of this frame when running.
    void Update(double budget_seconds);

    // Commands (the buttons, the keyboard shortcuts and the JS API all end here).
    void Play();
    void Pause();
    void TogglePlay() { running_ ? Pause() : Play(); }
    void StepBatch();
    void StepEpoch();
    void Reset();

    // Applies a whole new configuration (resets). Returns an error message, or empty.
    std::string Apply(const mlp::TrainerConfig& config);
    // Live change of the optimizer's hyper-parameters, keeping the weights.
    std::string ApplyOptimizer(const mlp::OptimizerParams& params);

    const mlp::Trainer& Trainer() const { return trainer_; }
    const mlp::TrainerConfig& Config() const { return trainer_.Config(); }
    bool Running() const { return running_; }

    int BatchesPerFrame() const { return batches_per_frame_; }
    void SetBatchesPerFrame(int n);
    double ProbeX() const { return probe_x_; }
    void SetProbeX(double x);

    // The weight whose gradient the chain-rule inspector explains: weight layer (0-based, as in
    // network.h), from neuron i of that layer to neuron j of the next. Returns an error, or "".
    std::string SelectWeight(int layer, int from, int to);
    void ClearSelection() { selected_ = false; }
    bool HasSelection() const { return selected_; }
    int SelectedLayer() const { return sel_layer_; }
    int SelectedFrom() const { return sel_from_; }
    int SelectedTo() const { return sel_to_; }
    // The selected weight's gradient for one sample: the input x of the probe slider, its target
    // the true map's value. Recomputed on each call (the network changes while it trains).
    mlp::ChainRule Chain() const;

    // Backprop step by step for one sample (x = the input slider, target f(x)): stages 1..N are
    // the forward pass layer by layer (N weight layers), N+1 the loss, N+2..2N+1 the backward
    // pass from the output down, 2N+2 the update (one online step). Training pauses meanwhile.
    void StartStepThrough();
    void NextStage();  // after the update, starts again on the next sample
    void StopStepThrough() { step_through_ = false; }
    bool SteppingThrough() const { return step_through_; }
    int Stage() const { return stage_; }
    int StageCount() const { return 2 * trainer_.Net().NumWeightLayers() + 2; }
    const mlp::Pass& StagePass() const { return stage_pass_; }  // the sample's full pass
    std::string StageText() const;  // what this stage computes, in a sentence or two

    // A message for the user (a rejected change); cleared by DismissNotice().
    const std::string& Notice() const { return notice_; }
    void DismissNotice() { notice_.clear(); }

    static constexpr int kMaxBatchesPerFrame = 100000;

private:
    mlp::Trainer trainer_;
    bool running_ = false;
    int batches_per_frame_ = kMaxBatchesPerFrame;  // capped by the frame's time budget
    double probe_x_ = 0.3;
    std::string notice_;
    bool selected_ = false;
    bool step_through_ = false;
    int stage_ = 0;
    mlp::Pass stage_pass_;
    int sel_layer_ = 0, sel_from_ = 0, sel_to_ = 0;
};

}  // namespace dendrites::app
