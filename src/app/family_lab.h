// The family lab's state: one network trained on (x, r) -> r·x·(1−x) for many r, and its
// bifurcation diagram beside the true one.
//
// Update() shares the frame's budget between training (when running) and the learned diagram.
// The diagram is built a few columns per frame from a snapshot of the weights, so one diagram
// always shows one set of weights while training goes on; the last complete one stays on
// screen until its successor is done. A new one starts once training has moved on by
// kRefreshSteps updates, or at once when training pauses on weights not yet drawn. The true
// diagram is computed once per configuration. Panels read through const accessors and change
// the lab only through its methods.
#pragma once

#include <string>
#include <vector>

#include "core/mlp/family.h"

namespace dendrites::app {

// A bifurcation diagram as a point cloud to draw. Of each column's kept iterates, values closer
// than kMergeX are stored once (sorted), so a 2-cycle is 2 points, not 100: the cloud stays
// well below the 16,000 points one ImGui window can draw with 16-bit indices (WebGL has no
// vertex offset), except where most columns are chaotic.
struct BifurcationCloud {
    static constexpr double kMergeX = 1e-3;  // about one pixel of a 1000-pixel-tall plot
    std::vector<double> r, x;                // one entry per point, column after column
    int columns = 0;                         // columns computed so far
    long long steps = -1;  // training step of the weights drawn (-1: the true map)
};

// What the JS state() reports about the family lab.
struct FamilyLabState {
    bool running = false;
    bool ready = true;              // false once training diverged (see message)
    std::string message;            // the divergence message, or empty
    int epoch = 0;                  // completed epochs
    long long steps = 0;            // updates applied
    double loss = 0.0;              // mean batch loss of the current (or last) epoch
    double test_mse = 0.0;          // on the held-out (x, r) grid
    double lr = 0.0;                // the optimizer's learning rate
    bool diagram_complete = false;  // the learned diagram on screen has every column
    bool diagram_current = false;   // ... and shows the current weights
    long long diagram_steps = -1;   // training step of the weights it shows (-1: none yet)
    double diagram_progress = 0.0;  // share of the diagram being built, 1 when none is
};

class FamilyLab {
public:
    static constexpr int kColumns = 200;             // r values across the diagram
    static constexpr int kTransient = 200;           // iterates dropped before plotting
    static constexpr int kKeep = 100;                // iterates kept per column (then merged)
    static constexpr double kX0 = 0.5;               // every column's starting point
    static constexpr long long kRefreshSteps = 500;  // updates before a new learned diagram
    static constexpr double kTrainShare = 0.6;       // of the budget, while running

    explicit FamilyLab(const mlp::FamilyConfig& config = mlp::FamilyConfig{});

    // Trains (when running) and advances the learned diagram, within `budget_seconds`.
    void Update(double budget_seconds);

    // Commands (buttons and the JS API).
    void Play();
    void Pause() { running_ = false; }
    void TogglePlay() { running_ ? Pause() : Play(); }
    void StepBatch();  // one mini-batch, paused
    void StepEpoch();  // the rest of the current epoch, paused
    void Reset();      // fresh weights from the seed, paused; the diagram starts over

    // A whole new configuration (resets). Returns an error message, or empty (also as Notice()).
    std::string Apply(const mlp::FamilyConfig& config);
    // Live change of the learning rate, keeping the weights.
    std::string SetLearningRate(double lr);

    const mlp::FamilyTrainer& Trainer() const { return trainer_; }
    const mlp::FamilyConfig& Config() const { return trainer_.Config(); }
    bool Running() const { return running_; }

    const BifurcationCloud& TrueDiagram() const { return true_diagram_; }
    // The latest complete learned diagram, or the one being built while none is complete.
    const BifurcationCloud& LearnedDiagram() const;
    bool DiagramComplete() const { return LearnedDiagram().columns == kColumns; }
    bool DiagramCurrent() const;
    double DiagramProgress() const;
    FamilyLabState State() const;

    const std::string& Notice() const { return notice_; }
    void DismissNotice() { notice_.clear(); }

    double ColumnR(int column) const;  // r of a diagram column, evenly over [r_min, r_max]

private:
    void ComputeTrueDiagram();
    void ClearLearnedDiagram();  // after the weights were replaced
    void StartLearnedDiagram();
    void AdvanceLearnedDiagram(double budget_seconds);
    bool LearnedDiagramStale() const;

    mlp::FamilyTrainer trainer_;
    bool running_ = false;
    std::string notice_;
    BifurcationCloud true_diagram_;
    BifurcationCloud shown_;     // the latest complete learned diagram (columns 0 if none yet)
    BifurcationCloud building_;  // the one in progress
    bool building_active_ = false;
    mlp::FamilyMap snapshot_;  // the weights `building_` iterates
};

}  // namespace dendrites::app
