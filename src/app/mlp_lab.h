// The MLP lab's application state: the trainer, what the controls edit, play/pause and speed.
//
// Panels read it through const accessors and change it only through its methods. Changes to
// the data or the network rebuild the trainer (validated first: a rejected change leaves the
// running experiment untouched and sets a notice); optimizer hyper-parameters apply live.
#pragma once

#include <string>
#include <vector>

#include "core/mlp/chain_rule.h"
#include "core/mlp/trainer.h"

namespace dendrites::app {

class MlpLab {
public:
    MlpLab();

    // Advances training for up to `budget_seconds` of this frame when running, or the animated
    // step-through by the frame's `dt_seconds`.
    void Update(double dt_seconds, double budget_seconds);

    // Commands (the buttons, the keyboard shortcuts and the JS API all end here).
    void Play();
    void Pause();
    void TogglePlay() { running_ ? Pause() : Play(); }
    void StepBatch();  // one mini-batch of the epoch (the S key)
    void StepEpoch();
    void Reset();

    // Applies a whole new configuration (resets). Returns an error message, or empty. Initial
    // weights (from a link or a file) are dropped when the network or the seed changes and the
    // weights stay the same, so the controls can always build a fresh network.
    std::string Apply(const mlp::TrainerConfig& config);
    // The configuration with the current weights as its initial weights (links that show a
    // trained network).
    mlp::TrainerConfig ConfigWithTrainedWeights() const;
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

    // Backprop step by step. Per sample (x, target f(x)), stages 1..N are the forward pass layer
    // by layer (N weight layers), N+1 the loss, N+2..2N+1 the backward pass from the output
    // down; stage 0 is the sample about to enter. Online (the default), stage 2N+2 then applies
    // one optimizer step for that sample. With a mini-batch of B samples, the gradients of the
    // samples are summed and only after the B-th sample's backward pass does stage 2N+2 apply
    // one step with their mean. The first sample is the input slider's x, later ones the next
    // inputs of the training set (the slider follows). Training pauses meanwhile.
    void StartStepThrough();
    void NextStage();  // after the update, starts again on the next sample(s)
    void StopStepThrough() { step_through_ = false; }
    bool SteppingThrough() const { return step_through_; }
    int Stage() const { return stage_; }
    int StageCount() const { return 2 * trainer_.Net().NumWeightLayers() + 2; }
    const mlp::Pass& StagePass() const { return stage_pass_; }  // the sample's full pass
    std::string StageText() const;  // what this stage computes, in a sentence or two
    // 1: online. 2..kMaxStepBatch: that many samples per update. Restarts the step-through.
    void SetStepThroughBatch(int samples);
    int StepThroughBatch() const { return step_batch_; }
    int SampleInBatch() const { return sample_in_batch_; }  // 0-based
    // Mean of dL/dW over the samples whose backward pass is done in this batch (none: empty).
    const std::vector<Eigen::MatrixXd>& GradientMean() const { return grad_mean_; }
    int SamplesSummed() const { return samples_summed_; }
    // Animation: when on, Update() advances `stages_per_second` stages per second of wall time.
    void SetAnimation(bool on, double stages_per_second);
    bool Animating() const { return animate_ && step_through_; }
    double StagesPerSecond() const { return stages_per_second_; }
    long long SweepUpdates() const { return sweep_updates_; }  // updates made by step-through

    static constexpr int kMaxStepBatch = 32;

    // A message for the user (a rejected change); cleared by DismissNotice().
    const std::string& Notice() const { return notice_; }
    void DismissNotice() { notice_.clear(); }

    static constexpr int kMaxBatchesPerFrame = 100000;

private:
    void LoadStageSample(double x);  // the step-through's current sample: its whole pass
    double NextTrainingInput();

    mlp::Trainer trainer_;
    bool running_ = false;
    int batches_per_frame_ = kMaxBatchesPerFrame;  // capped by the frame's time budget
    double probe_x_ = 0.3;
    std::string notice_;
    bool selected_ = false;
    bool step_through_ = false;
    int stage_ = 0;
    mlp::Pass stage_pass_;
    int step_batch_ = 1;
    int sample_in_batch_ = 0;
    int samples_summed_ = 0;
    double stage_x_ = 0.0;
    Eigen::MatrixXd batch_x_, batch_y_;  // the step-through's batch so far
    std::vector<Eigen::MatrixXd> grad_sum_, grad_mean_;
    std::size_t data_cursor_ = 0;  // next training input the step-through takes
    bool animate_ = false;
    double stages_per_second_ = 2.0;
    double stage_clock_ = 0.0;  // wall seconds owed to the animation
    long long sweep_updates_ = 0;
    int sel_layer_ = 0, sel_from_ = 0, sel_to_ = 0;
};

}  // namespace dendrites::app
