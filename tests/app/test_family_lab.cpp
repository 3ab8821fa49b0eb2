// Tests of the family lab's application state (no window needed): the learned bifurcation
// diagram is built within the frame budget from one snapshot of the weights, shown when
// complete, and redrawn once training has moved on; commands and rejected changes.
#include <catch_amalgamated.hpp>

#include <algorithm>

#include "app/family_lab.h"

using dendrites::app::BifurcationCloud;
using dendrites::app::FamilyLab;
using namespace dendrites;

namespace {

// Frames of `budget` seconds until the learned diagram is complete and current, at most `max`.
int FramesUntilCurrent(FamilyLab& lab, double budget, int max) {
    for (int frame = 1; frame <= max; ++frame) {
        lab.Update(budget);
        if (lab.DiagramCurrent()) return frame;
    }
    return -1;
}

}  // namespace

TEST_CASE("the true diagram has every column at evenly spaced r", "[app][family]") {
    const FamilyLab lab;
    const BifurcationCloud& truth = lab.TrueDiagram();
    CHECK(truth.columns == FamilyLab::kColumns);
    REQUIRE(truth.r.size() == truth.x.size());
    CHECK(truth.r.front() == 2.8);
    CHECK(truth.r.back() == 4.0);
    // Below r = 3 each column is the single fixed point 1 − 1/r: one point, not kKeep.
    const auto at_start = std::count(truth.r.begin(), truth.r.end(), truth.r.front());
    CHECK(at_start == 1);
    CHECK(truth.x.front() == Catch::Approx(1.0 - 1.0 / 2.8).margin(1e-6));
}

TEST_CASE("a paused lab draws the learned diagram in a few frames and then rests",
          "[app][family]") {
    FamilyLab lab;
    CHECK_FALSE(lab.DiagramComplete());
    const int frames = FramesUntilCurrent(lab, 0.008, 2000);
    REQUIRE(frames > 0);
    CHECK(lab.LearnedDiagram().columns == FamilyLab::kColumns);
    CHECK(lab.LearnedDiagram().steps == 0);
    const auto state = lab.State();
    CHECK(state.diagram_complete);
    CHECK(state.diagram_current);
    CHECK(state.diagram_progress == 1.0);
    // Nothing changed: no new diagram starts.
    lab.Update(0.008);
    CHECK(lab.DiagramProgress() == 1.0);
}

TEST_CASE("training moves the diagram on, and a pause redraws the final weights", "[app][family]") {
    FamilyLab lab;
    lab.Play();
    for (int frame = 0; frame < 200; ++frame) lab.Update(0.008);
    CHECK(lab.Trainer().Steps() > 0);
    CHECK(lab.DiagramComplete());
    CHECK(lab.LearnedDiagram().steps > 0);  // not only the untrained network's
    lab.Pause();
    REQUIRE(FramesUntilCurrent(lab, 0.008, 2000) > 0);
    CHECK(lab.LearnedDiagram().steps == lab.Trainer().Steps());
    // A step while paused makes the diagram stale until it is redrawn.
    lab.StepBatch();
    CHECK_FALSE(lab.DiagramCurrent());
    CHECK(lab.DiagramComplete());  // the previous one stays on screen meanwhile
    REQUIRE(FramesUntilCurrent(lab, 0.008, 2000) > 0);
}

TEST_CASE("commands: reset, epochs, learning rate and rejected changes", "[app][family]") {
    FamilyLab lab;
    lab.StepEpoch();
    CHECK(lab.Trainer().Epoch() == 1);
    CHECK_FALSE(lab.Running());
    lab.Reset();
    CHECK(lab.Trainer().Steps() == 0);
    CHECK_FALSE(lab.DiagramComplete());
    CHECK(lab.SetLearningRate(0.01).empty());
    CHECK(lab.Config().optimizer.lr == 0.01);
    CHECK_FALSE(lab.SetLearningRate(-1.0).empty());
    CHECK(lab.Config().optimizer.lr == 0.01);
    mlp::FamilyConfig bad = lab.Config();
    bad.r_max = 5.0;
    CHECK_FALSE(lab.Apply(bad).empty());
    CHECK_FALSE(lab.Notice().empty());
    CHECK(lab.Config().r_max == 4.0);
    mlp::FamilyConfig narrow = lab.Config();
    narrow.r_min = 3.5;
    CHECK(lab.Apply(narrow).empty());
    CHECK(lab.TrueDiagram().r.front() == 3.5);
}

TEST_CASE("a diverged lab stops and cannot play until reset", "[app][family]") {
    mlp::FamilyConfig config;
    config.samples = 500;
    config.optimizer.kind = mlp::OptimizerKind::Sgd;
    config.optimizer.lr = 10.0;
    FamilyLab lab(config);
    lab.Play();
    for (int frame = 0; frame < 100 && lab.Running(); ++frame) lab.Update(0.008);
    CHECK_FALSE(lab.Running());
    CHECK_FALSE(lab.State().ready);
    CHECK_FALSE(lab.State().message.empty());
    lab.Play();
    CHECK_FALSE(lab.Running());
    lab.Reset();
    CHECK(lab.State().ready);
}
