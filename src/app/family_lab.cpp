// The family lab's state and commands (see family_lab.h).
#include "app/family_lab.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/logistic/dynamics.h"
#include "core/logistic/logistic_map.h"

namespace dendrites::app {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Adds a column's iterates, sorted, each at least kMergeX above the last one stored.
// Non-finite values are dropped (the plot would skip them anyway).
void AppendColumn(BifurcationCloud& cloud, const logistic::BifurcationColumn& column) {
    std::vector<double> xs;
    xs.reserve(column.x.size());
    for (double x : column.x)
        if (std::isfinite(x)) xs.push_back(x);
    std::sort(xs.begin(), xs.end());
    for (std::size_t k = 0; k < xs.size(); ++k) {
        if (k > 0 && xs[k] - cloud.x.back() < BifurcationCloud::kMergeX) continue;
        cloud.r.push_back(column.r);
        cloud.x.push_back(xs[k]);
    }
    ++cloud.columns;
}

}  // namespace

FamilyLab::FamilyLab(const mlp::FamilyConfig& config) : trainer_(config) {
    if (!trainer_.Error().empty()) notice_ = "Using the defaults: " + trainer_.Error();
    ComputeTrueDiagram();
}

void FamilyLab::Update(double budget_seconds) {
    const Clock::time_point start = Clock::now();
    if (running_) {
        trainer_.TrainFor(budget_seconds * kTrainShare);
        if (trainer_.Status() == mlp::FamilyStatus::Diverged) running_ = false;
    }
    if (!building_active_ && LearnedDiagramStale()) StartLearnedDiagram();
    if (building_active_) AdvanceLearnedDiagram(budget_seconds - SecondsSince(start));
}

void FamilyLab::Play() {
    if (trainer_.Status() == mlp::FamilyStatus::Diverged) return;
    running_ = true;
}

void FamilyLab::StepBatch() {
    running_ = false;
    trainer_.TrainFor(1.0, 1);
}

void FamilyLab::StepEpoch() {
    running_ = false;
    trainer_.StepEpoch();
}

void FamilyLab::Reset() {
    running_ = false;
    trainer_.Reset();
    ClearLearnedDiagram();
}

std::string FamilyLab::Apply(const mlp::FamilyConfig& config) {
    std::string error = trainer_.Configure(config);
    if (!error.empty()) {
        notice_ = "Not applied: " + error;
        return error;
    }
    ComputeTrueDiagram();  // the r range may have changed
    ClearLearnedDiagram();
    return {};  // keeps playing if it was: the new experiment starts at once
}

std::string FamilyLab::SetLearningRate(double lr) {
    mlp::OptimizerParams params = trainer_.Config().optimizer;
    params.lr = lr;
    std::string error = trainer_.SetOptimizerParams(params);
    if (!error.empty()) notice_ = "Not applied: " + error;
    return error;
}

double FamilyLab::ColumnR(int column) const {
    const double r_min = Config().r_min, r_max = Config().r_max;
    return r_min + (r_max - r_min) * column / (kColumns - 1);  // as logistic::Bifurcation
}

void FamilyLab::ComputeTrueDiagram() {
    const std::vector<logistic::BifurcationColumn> columns = logistic::Bifurcation(
        logistic::Map, Config().r_min, Config().r_max, kColumns, kTransient, kKeep, kX0);
    true_diagram_ = BifurcationCloud{};
    for (const logistic::BifurcationColumn& column : columns) AppendColumn(true_diagram_, column);
}

void FamilyLab::ClearLearnedDiagram() {
    shown_ = BifurcationCloud{};
    building_ = BifurcationCloud{};
    building_active_ = false;
}

bool FamilyLab::LearnedDiagramStale() const {
    if (shown_.columns == 0) return true;
    const long long moved_on = trainer_.Steps() - shown_.steps;
    // While training, redraw every kRefreshSteps updates; once paused, draw the final weights.
    return running_ ? moved_on >= kRefreshSteps : moved_on != 0;
}

void FamilyLab::StartLearnedDiagram() {
    snapshot_ = trainer_.Snapshot();
    building_ = BifurcationCloud{};
    building_.steps = trainer_.Steps();
    building_.r.reserve(static_cast<std::size_t>(kColumns) * kKeep);
    building_.x.reserve(static_cast<std::size_t>(kColumns) * kKeep);
    building_active_ = true;
}

void FamilyLab::AdvanceLearnedDiagram(double budget_seconds) {
    const Clock::time_point start = Clock::now();
    const logistic::MapOfR learned = [this](double x, double r) { return snapshot_.Predict(x, r); };
    // At least one column per call, so the diagram always progresses.
    do {
        const double r = ColumnR(building_.columns);
        AppendColumn(building_, logistic::Bifurcation(learned, r, r, 1, kTransient, kKeep, kX0)[0]);
        if (building_.columns == kColumns) {
            shown_ = std::move(building_);
            building_ = BifurcationCloud{};
            building_active_ = false;
            return;
        }
    } while (SecondsSince(start) < budget_seconds);
}

const BifurcationCloud& FamilyLab::LearnedDiagram() const {
    return shown_.columns > 0 ? shown_ : building_;
}

bool FamilyLab::DiagramCurrent() const {
    return DiagramComplete() && LearnedDiagram().steps == trainer_.Steps();
}

double FamilyLab::DiagramProgress() const {
    return building_active_ ? static_cast<double>(building_.columns) / kColumns : 1.0;
}

FamilyLabState FamilyLab::State() const {
    FamilyLabState state;
    state.running = running_;
    state.ready = trainer_.Status() == mlp::FamilyStatus::Ready;
    state.message = trainer_.DivergenceMessage();
    state.epoch = trainer_.Epoch();
    state.steps = trainer_.Steps();
    state.loss = trainer_.TrainLoss();
    state.test_mse = trainer_.TestMse();
    state.lr = Config().optimizer.lr;
    state.diagram_complete = DiagramComplete();
    state.diagram_current = DiagramCurrent();
    state.diagram_steps = LearnedDiagram().columns > 0 ? LearnedDiagram().steps : -1;
    state.diagram_progress = DiagramProgress();
    return state;
}

}  // namespace dendrites::app
