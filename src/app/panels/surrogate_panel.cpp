// The surrogate-gradient tab (see surrogate_panel.h).
//
// [SECTION] Index
//   Helpers ........... ContinueRow, Scaled
//   Controls .......... DrawControls, DrawTaskControls
//   Read-outs ......... DrawReadouts, DrawExplanation
//   Plots ............. DrawDerivativePlot, DrawLossPlot, DrawInputRaster, DrawMembranePlot,
//                       DrawSpikeTrains
//   Layout ............ DrawSurrogateTab
#include "app/panels/surrogate_panel.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/plot.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

using spiking::SurrogateKind;

constexpr double kLossFloor = 1e-3;  // a loss of exactly 0 is drawn here on the log axis
constexpr double kDerivativeX0 = -1.5, kDerivativeX1 = 1.0;  // u − θ range, in units of θ
constexpr int kDerivativeSamples = 221;

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers
// ---------------------------------------------------------------------------------------------

// Widths in pixels at the 15 px design font size, scaled to the current font.
float Scaled(float px) {
    return px * ImGui::GetFontSize() / 15.0f;
}

// Keeps the next item on the current row when `width` more pixels fit, else starts a new row.
void ContinueRow(float width) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
    if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
}

float ButtonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}

bool UsesTrueDerivative(const SurrogateDemo& demo) {
    const spiking::SpikeGradient& g = demo.Learning().gradient;
    return g.kind == SurrogateKind::kTrue && !g.smooth_forward;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Controls
// ---------------------------------------------------------------------------------------------

void DrawControls(SurrogateDemo& demo) {
    const bool diverged = demo.Trainer().Status() == spiking::SurrogateStatus::kDiverged;
    ImGui::BeginDisabled(diverged);
    if (ImGui::Button(demo.Running() ? "Pause##surrogate" : "Train##surrogate")) demo.TogglePlay();
    ImGui::EndDisabled();
    Tooltip("Gradient descent on the weights, a few updates per frame.");
    ContinueRow(ButtonWidth("Step##surrogate"));
    if (ImGui::Button("Step##surrogate")) demo.Step();
    Tooltip("One update: forward over the trial, backprop through time, one optimizer step.");
    ContinueRow(ButtonWidth("Reset##surrogate"));
    if (ImGui::Button("Reset##surrogate")) demo.Reset();
    Tooltip("The initial weights again (same seed, same inputs): the same run again.");

    const spiking::SpikeGradient& g = demo.Learning().gradient;
    ContinueRow(Scaled(220.0f));
    ImGui::BeginDisabled(g.smooth_forward);  // smooth forward has its own exact derivative
    ImGui::SetNextItemWidth(Scaled(220.0f));
    if (ImGui::BeginCombo("##surrogate-kind", spiking::SurrogateName(g.kind))) {
        for (int k = 0; k < spiking::kSurrogateKindCount; ++k) {
            const auto option = static_cast<SurrogateKind>(k);
            if (ImGui::Selectable(spiking::SurrogateName(option), option == g.kind))
                demo.SetSurrogate(option);
        }
        ImGui::EndCombo();
    }
    ImGui::EndDisabled();
    Tooltip(
        "The derivative dS/du the backward pass uses. The forward pass always has real "
        "spikes (unless smooth forward is on). Applies at once; the weights are kept.");

    ContinueRow(Scaled(150.0f));
    double slope = g.slope;
    ImGui::BeginDisabled(UsesTrueDerivative(demo));
    ImGui::SetNextItemWidth(Scaled(150.0f));
    if (SliderDouble("##surrogate-slope", &slope, 0.5, 100.0, "slope k %.1f",
                     ImGuiSliderFlags_Logarithmic))
        demo.SetSlope(slope);
    ImGui::EndDisabled();
    Tooltip(
        "Steepness k of the surrogate. Large k approaches the true derivative: a narrow "
        "bump that most membrane potentials never reach, so little gradient flows.");

    ContinueRow(Scaled(170.0f));
    double lr = demo.Learning().lr;
    ImGui::SetNextItemWidth(Scaled(170.0f));
    if (SliderDouble("##surrogate-lr", &lr, 1e-4, 1.0, "learning rate %.4f",
                     ImGuiSliderFlags_Logarithmic))
        demo.SetLearningRate(lr);
    Tooltip("The optimizer's step size, applied at once (the weights are kept).");
}

void DrawTaskControls(SurrogateDemo& demo) {
    int per_frame = demo.IterationsPerFrame();
    ImGui::SetNextItemWidth(Scaled(150.0f));
    if (ImGui::SliderInt("##surrogate-speed", &per_frame, 1, SurrogateDemo::kMaxIterationsPerFrame,
                         "%d updates/frame", ImGuiSliderFlags_Logarithmic))
        demo.SetIterationsPerFrame(per_frame);
    Tooltip("Updates per frame while training (fewer if the frame's time budget runs out).");

    ContinueRow(Scaled(110.0f));
    int optimizer = demo.Learning().optimizer == spiking::SurrogateOptimizer::kAdam ? 1 : 0;
    ImGui::SetNextItemWidth(Scaled(110.0f));
    if (ImGui::Combo("##surrogate-optimizer", &optimizer, "plain GD\0Adam\0"))
        demo.SetOptimizer(optimizer == 1 ? spiking::SurrogateOptimizer::kAdam
                                         : spiking::SurrogateOptimizer::kSgd);
    Tooltip("Plain gradient descent w -= lr dL/dw, or Adam (a step of about lr per weight).");

    ContinueRow(Scaled(120.0f));
    int outputs = demo.Task().n_outputs;
    ImGui::SetNextItemWidth(Scaled(120.0f));
    if (ImGui::SliderInt("##surrogate-outputs", &outputs, 1, SurrogateDemo::kMaxOutputs,
                         outputs == 1 ? "%d output" : "%d outputs"))
        demo.SetOutputCount(outputs);
    Tooltip("Output neurons, each with its own targets (3, 4 and 5 spikes). Resets.");

    ContinueRow(Scaled(120.0f));
    int seed = static_cast<int>(demo.Task().seed);
    ImGui::SetNextItemWidth(Scaled(120.0f));
    if (ImGui::InputInt("seed##surrogate", &seed) && seed >= 0)
        demo.SetSeed(static_cast<std::uint64_t>(seed));
    Tooltip(
        "Draws other input spike trains and initial weights. Resets. Seed 2 ends with every "
        "spike exactly on target; others may keep a spike flickering a step off.");

    ContinueRow(Scaled(150.0f));
    bool smooth = demo.Learning().gradient.smooth_forward;
    if (ImGui::Checkbox("smooth forward##surrogate", &smooth)) demo.SetSmoothForward(smooth);
    Tooltip(
        "S = sigmoid(k(u - theta)) in the forward pass too: the gradient is then exact "
        "(the tests check it against finite differences), but the cell no longer spikes.");
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Read-outs
// ---------------------------------------------------------------------------------------------

void DrawReadouts(SurrogateDemo& demo) {
    const spiking::SurrogateTrainer& t = demo.Trainer();
    if (t.Status() == spiking::SurrogateStatus::kDiverged) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kWarning));
        ImGui::TextWrapped("%s", t.DivergenceMessage().c_str());
        ImGui::PopStyleColor();
    } else if (!demo.Notice().empty()) {
        ImGui::TextWrapped("%s", demo.Notice().c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("dismiss##surrogate")) demo.DismissNotice();
    }
    ImGui::Text("iteration %lld   loss %.4f (at start %.4f)   |dL/dw| %.3g   |w - w0| %.3g",
                t.Iteration(), t.Loss(), t.InitialLoss(), t.GradientNorm(), t.WeightChangeNorm());
    Tooltip(
        "|dL/dw|: length of the gradient the backward pass found for the current weights. "
        "|w - w0|: how far the weights have moved since the start.");
    std::string spikes = "spikes / targets:";
    for (int j = 0; j < demo.Task().n_outputs; ++j) {
        const spiking::SpikeMatch m = demo.Match(j);
        char part[96];
        std::snprintf(part, sizeof part, "   output %d: %d / %d (%d on target)", j + 1,
                      static_cast<int>(demo.OutputSpikes(j).size()), m.matched + m.missed,
                      m.matched);
        spikes += part;
    }
    if (demo.AllMatched())
        spikes += t.Loss() == 0.0 ? "   every spike exactly on its target"
                                  : "   every spike within 2 ms of a target";
    ImGui::TextWrapped("%s", spikes.c_str());
    Tooltip("On target: an output spike within 2 ms of the target spike.");
}

void DrawExplanation(const SurrogateDemo& demo) {
    const spiking::SpikeGradient& g = demo.Learning().gradient;
    const char* text;
    if (g.smooth_forward) {
        text =
            "Smooth forward: S = sigmoid(k(u - theta)) in both passes, so the gradient is "
            "exact, but the neurons emit graded values, not spikes (drawn where S > 1/2).";
    } else if (g.kind == SurrogateKind::kTrue) {
        text =
            "With the true derivative the gradient is zero: dH/du is 0 wherever it exists "
            "(undefined at the threshold), so no error reaches any weight and the weights "
            "never move.";
    } else {
        text =
            "The surrogate keeps the real spikes forward but passes a smooth slope backward: "
            "wherever u comes near the threshold, the error flows back through time to the "
            "inputs that arrived just before.";
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::Colors().dim_text));
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Plots
// ---------------------------------------------------------------------------------------------

// The step H(u − θ) and the derivative each backward pass uses; dots are this trial's u.
void DrawDerivativePlot(const SurrogateDemo& demo, ImVec2 size) {
    const spiking::SpikeGradient& g = demo.Learning().gradient;
    const double peak = spiking::SpikeDerivative(g.kind, 0.0, g.slope, g.smooth_forward);
    const double top = std::max(1.15, 1.1 * peak);
    const double y1 = 1.7 * top;  // headroom above the curves for the legend
    PlotArea area =
        BeginPlot("##surrogate-derivative", size,
                  g.smooth_forward ? "Smooth S = sigmoid(k(u - theta)) and its exact slope"
                                   : "Spike S = H(u - theta) and the slope backprop uses",
                  kDerivativeX0, kDerivativeX1, -0.05 * top, y1, false, "u - theta");
    const ImU32 forward_color = theme::Colors().truth_curve;
    const ImU32 true_color = theme::kThreshold;
    const ImU32 surrogate_color = theme::kTestCurve;
    // Forward: the step (or the sigmoid of smooth forward).
    std::vector<double> xs, ys;
    if (g.smooth_forward) {
        for (int k = 0; k < kDerivativeSamples; ++k) {
            const double x =
                kDerivativeX0 + (kDerivativeX1 - kDerivativeX0) * k / (kDerivativeSamples - 1);
            xs.push_back(x);
            ys.push_back(spiking::SpikeForward(x, g.slope, true));
        }
    } else {
        xs = {kDerivativeX0, 0.0, 0.0, kDerivativeX1};
        ys = {0.0, 0.0, 1.0, 1.0};
    }
    PlotLine(area, xs, ys, forward_color, 2.0f);
    // The true derivative of H: zero, and a delta (no value) at the threshold.
    PlotLine(area, {kDerivativeX0, kDerivativeX1}, {0.0, 0.0}, true_color, 3.0f);
    PlotLine(area, {0.0, 0.0}, {0.0, y1}, true_color, 1.5f);
    // The backward derivative actually used, when it is not the true one.
    const bool surrogate = !UsesTrueDerivative(demo);
    if (surrogate) {
        xs.clear();
        ys.clear();
        for (int k = 0; k < kDerivativeSamples; ++k) {
            const double x =
                kDerivativeX0 + (kDerivativeX1 - kDerivativeX0) * k / (kDerivativeSamples - 1);
            xs.push_back(x);
            ys.push_back(spiking::SpikeDerivative(g.kind, x, g.slope, g.smooth_forward));
        }
        PlotLine(area, xs, ys, surrogate_color, 2.0f);
    }
    // Where this trial's membrane potentials sit on the backward curve.
    const auto& u = demo.Trainer().LastPass().u;
    const int j = demo.SelectedOutput();
    if (j < static_cast<int>(u.size())) {
        const double theta = demo.Task().threshold;
        xs.clear();
        ys.clear();
        for (double v : u[static_cast<std::size_t>(j)]) {
            xs.push_back(v - theta);
            ys.push_back(spiking::SpikeDerivative(g.kind, v - theta, g.slope, g.smooth_forward));
        }
        PlotPoints(area, xs, ys, theme::kMembrane, 1.5f);
    }
    PlotLegend(area, 0, "true dH/du: 0, undefined at theta", true_color);
    if (surrogate)
        PlotLegend(area, 1, g.smooth_forward ? "backward: exact sigmoid'" : "backward: surrogate",
                   surrogate_color);
    PlotLegend(area, surrogate ? 2 : 1, "this trial's u (output shown below)", theme::kMembrane);
}

void DrawLossPlot(const SurrogateDemo& demo, ImVec2 size) {
    const spiking::SurrogateTrainer& t = demo.Trainer();
    const History& h = t.LossHistory();
    std::vector<double> ys = h.Ys();
    for (double& y : ys) y = std::max(y, kLossFloor);
    double lo = kLossFloor, hi = 1.0;
    FiniteRange(ys, lo, hi, true);
    const double x1 = std::max(10.0, static_cast<double>(t.Iteration()));
    PlotArea area = BeginPlot("##surrogate-loss", size, "Loss (van Rossum), log scale", 0.0, x1,
                              std::max(kLossFloor, lo) * 0.5, hi * 2.0, true, "iteration");
    PlotLine(area, {0.0, x1}, {t.InitialLoss(), t.InitialLoss()}, theme::Colors().dim_line, 1.0f);
    PlotLine(area, h.Xs(), ys, theme::kTrainCurve, 2.0f);
    PlotLegend(area, 0, "loss", theme::kTrainCurve);
    PlotLegend(area, 1, "at the start", theme::Colors().dim_line);
    if (t.Loss() == 0.0) PlotLegend(area, 2, "0 (drawn at 1e-3)", theme::kTrainCurve);
}

void DrawInputRaster(const SurrogateDemo& demo, float height) {
    const spiking::SurrogateTask& task = demo.Trainer().Task();
    const spiking::SurrogateTaskParams& p = task.params;
    char title[96];
    std::snprintf(title, sizeof title, "Input spikes: %d trains at %.0f Hz, fixed (%d spikes)",
                  p.n_inputs, p.input_rate_Hz, task.InputSpikeCount());
    PlotArea area = BeginPlot("##surrogate-raster", ImVec2(-1, height), title, 0.0, p.steps, 0.0,
                              p.n_inputs, false, "time (ms)");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(area.min, area.max, true);
    const float row_px = (area.max.y - area.min.y) / static_cast<float>(p.n_inputs);
    const float dot_h = std::clamp(row_px * 0.8f, 1.0f, 6.0f);
    const float dot_w = std::max(1.5f, (area.max.x - area.min.x) / static_cast<float>(p.steps));
    for (std::size_t t = 0; t < task.active.size(); ++t) {
        for (int i : task.active[t]) {
            const ImVec2 at = area.ToScreen(static_cast<double>(t), p.n_inputs - i - 0.5);
            draw->AddRectFilled(ImVec2(at.x, at.y - dot_h / 2),
                                ImVec2(at.x + dot_w, at.y + dot_h / 2), theme::kSource);
        }
    }
    draw->PopClipRect();
}

void DrawMembranePlot(const SurrogateDemo& demo, float height) {
    const spiking::SurrogatePass& pass = demo.Trainer().LastPass();
    const int j = demo.SelectedOutput();
    if (j >= static_cast<int>(pass.u.size())) return;
    const std::vector<double>& u = pass.u[static_cast<std::size_t>(j)];
    const double theta = demo.Task().threshold;
    const int steps = demo.Task().steps;
    double lo = 0.0, hi = theta;
    FiniteRange(u, lo, hi);
    lo = std::min(lo, 0.0) - 0.1 * theta;
    hi = std::max(hi, theta) + 0.9 * theta;  // room for the spike strokes and the legend
    char title[96];
    std::snprintf(title, sizeof title, "Output %d: membrane potential u and threshold theta",
                  j + 1);
    PlotArea area = BeginPlot("##surrogate-membrane", ImVec2(-1, height), title, 0.0, steps, lo, hi,
                              false, "time (ms)");
    const ImU32 target_color = theme::Colors().truth_curve;
    for (int t : demo.Task().target_steps[static_cast<std::size_t>(j)])
        PlotLine(area, {double(t), double(t)}, {lo, hi}, target_color, 1.0f);
    PlotLine(area, {0.0, double(steps)}, {theta, theta}, theme::kThreshold, 1.0f);
    std::vector<double> ts(u.size());
    for (std::size_t t = 0; t < ts.size(); ++t) ts[t] = static_cast<double>(t);
    PlotLine(area, ts, u, theme::kMembrane, 1.5f);
    for (int t : demo.OutputSpikes(j))
        PlotLine(area, {double(t), double(t)}, {theta, theta + 0.5 * theta}, theme::Colors().spike,
                 2.5f);
    PlotLegend(area, 0, "output spike", theme::Colors().spike);
    PlotLegend(area, 1, "target", target_color);
}

// One row per output: targets (tall) and output spikes (short), behind them the two trains
// filtered by the loss kernel; the loss is the squared gap between those curves.
void DrawSpikeTrains(const SurrogateDemo& demo, float height) {
    const spiking::SurrogateTask& task = demo.Trainer().Task();
    const spiking::SurrogatePass& pass = demo.Trainer().LastPass();
    const int n = task.params.n_outputs;
    const int steps = task.params.steps;
    PlotArea area = BeginPlot("##surrogate-trains", ImVec2(-1, height),
                              "Every output's spikes and targets, filtered: the loss is the "
                              "squared gap between the curves",
                              0.0, steps, 0.0, n, false, "time (ms)");
    const ImU32 target_color = theme::Colors().truth_curve;
    const ImU32 spike_color = theme::Colors().spike;
    std::vector<double> ts(static_cast<std::size_t>(steps));
    for (std::size_t t = 0; t < ts.size(); ++t) ts[t] = static_cast<double>(t);
    for (int j = 0; j < n && j < static_cast<int>(pass.y.size()); ++j) {
        const auto row = static_cast<double>(n - 1 - j);
        const auto& y = pass.y[static_cast<std::size_t>(j)];
        const auto& y_target = task.target_filtered[static_cast<std::size_t>(j)];
        double lo = 0.0, top = 1.0;
        FiniteRange(y, lo, top);
        top = std::max({top, 1.0, *std::max_element(y_target.begin(), y_target.end())});
        std::vector<double> a(y.size()), b(y.size());
        for (std::size_t t = 0; t < y.size(); ++t) {
            a[t] = row + 0.05 + 0.85 * y_target[t] / top;
            b[t] = row + 0.05 + 0.85 * y[t] / top;
        }
        PlotLine(area, ts, a, target_color, 1.0f);
        PlotLine(area, ts, b, spike_color, 1.0f);
        for (int t : task.params.target_steps[static_cast<std::size_t>(j)])
            PlotLine(area, {double(t), double(t)}, {row + 0.05, row + 0.95}, target_color, 1.5f);
        for (int t : demo.OutputSpikes(j))
            PlotLine(area, {double(t), double(t)}, {row + 0.25, row + 0.75}, spike_color, 3.0f);
        char label[16];
        std::snprintf(label, sizeof label, "out %d", j + 1);
        const ImVec2 at = area.ToScreen(0.0, row + 0.95);
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 4.0f, at.y), theme::Colors().dim_text,
                                            label);
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Layout
// ---------------------------------------------------------------------------------------------

void DrawSurrogateTab(SurrogateDemo& demo) {
    DrawControls(demo);
    DrawTaskControls(demo);
    DrawReadouts(demo);
    DrawExplanation(demo);

    // The output whose membrane and surrogate dots show.
    if (demo.Task().n_outputs > 1) {
        ImGui::TextUnformatted("show output");
        for (int j = 0; j < demo.Task().n_outputs; ++j) {
            ImGui::SameLine();
            char label[32];
            std::snprintf(label, sizeof label, "%d##surrogate-output", j + 1);
            if (ImGui::RadioButton(label, demo.SelectedOutput() == j)) demo.SelectOutput(j);
        }
    }

    // Plots: the derivative and the loss side by side, then the raster, membrane and trains.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    const float h = std::max(avail.y - 3.0f * spacing, 4.0f * 90.0f);
    const float half = (avail.x - ImGui::GetStyle().ItemSpacing.x) / 2.0f;
    const float top_h = std::max(0.34f * h, 120.0f);
    const float raster_h = std::max(0.18f * h, 90.0f);
    const float membrane_h = std::max(0.28f * h, 110.0f);
    const float trains_h = std::max(h - top_h - raster_h - membrane_h, 90.0f);
    DrawDerivativePlot(demo, ImVec2(half, top_h));
    ImGui::SameLine();
    DrawLossPlot(demo, ImVec2(half, top_h));
    DrawInputRaster(demo, raster_h);
    DrawMembranePlot(demo, membrane_h);
    DrawSpikeTrains(demo, trains_h);
}

}  // namespace dendrites::app
