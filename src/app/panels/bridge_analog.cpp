// The analog-versus-digital screen: the MLP lab's network with its weights rounded to k bits
// (the learned map and its error at every precision), and a neuron whose membrane potential is
// continuous beside its twin whose membrane has k bits.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "app/panels/bridge_panels.h"
#include "app/panels/surrogate_panel.h"
#include "app/plot.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "core/logistic/logistic_map.h"

namespace dendrites::app {
namespace {

void DrawQuantizedMap(const BridgeLab& lab, const MlpLab& trained, float height) {
    const double r = trained.Config().data.r;
    std::vector<double> xs, truth, full, rounded;
    for (int k = 0; k <= 200; ++k) {
        const double x = k / 200.0;
        xs.push_back(x);
        truth.push_back(logistic::Map(x, r));
        full.push_back(trained.Trainer().Net().Predict(x));
        rounded.push_back(lab.Quantized().Predict(x));
    }
    char title[96];
    std::snprintf(title, sizeof title, "The learned map, weights at full precision and at %d bit%s",
                  lab.Bits(), lab.Bits() == 1 ? "" : "s");
    PlotArea area = BeginPlot("##qmap", ImVec2(-1, height), title, 0.0, 1.0, -0.05, 1.1, false,
                              "x");
    PlotLine(area, xs, truth, theme::Colors().truth_curve, 1.5f);
    PlotLine(area, xs, full, theme::kTestCurve, 2.0f);
    PlotLine(area, xs, rounded, theme::kTrainCurve, 2.0f);
    PlotLegend(area, 0, "true map", theme::Colors().truth_curve);
    PlotLegend(area, 1, "64-bit weights", theme::kTestCurve);
    PlotLegend(area, 2, "k-bit weights", theme::kTrainCurve);
}

void DrawMseByBits(const BridgeLab& lab, float height) {
    const std::vector<double>& mse = lab.QuantizedMse();
    std::vector<double> bits, values;
    for (std::size_t k = 0; k < mse.size(); ++k) {
        bits.push_back(static_cast<double>(k + 1));
        values.push_back(mse[k]);
    }
    std::vector<double> all = values;
    all.push_back(lab.FullPrecisionMse());
    double lo = 1e-6, hi = 1.0;
    if (!FiniteRange(all, lo, hi, true)) lo = 1e-6, hi = 1.0;
    PlotArea area = BeginPlot("##qmse", ImVec2(-1, height), "Test MSE against bits per weight",
                              1.0, static_cast<double>(scene::kMaxBridgeBits), lo / 2, hi * 2,
                              true, "bits");
    PlotLine(area, bits, values, theme::kTrainCurve, 2.0f);
    PlotPoints(area, bits, values, theme::kTrainCurve, 3.0f);
    PlotLine(area, {1.0, static_cast<double>(scene::kMaxBridgeBits)},
             {lab.FullPrecisionMse(), lab.FullPrecisionMse()}, theme::kTestCurve, 1.5f);
    const std::size_t k = static_cast<std::size_t>(lab.Bits() - 1);
    if (k < values.size())
        PlotPoints(area, {bits[k]}, {values[k]}, theme::Colors().spike, 6.0f);
    PlotLegend(area, 0, "k-bit weights", theme::kTrainCurve);
    PlotLegend(area, 1, "64-bit weights", theme::kTestCurve);
}

void DrawMembranes(const BridgeLab& lab, float height) {
    const double now = lab.MembraneTimeMs();
    const double t0 = std::max(0.0, now - BridgeLab::kMembraneWindowMs);
    const double t1 = std::max(now, BridgeLab::kMembraneWindowMs);
    PlotArea area = BeginPlot("##membranes", ImVec2(-1, height), "Membrane potential (mV)", t0, t1,
                              -72.0, -40.0, false, "time (ms)");
    auto line = [&](const std::deque<std::pair<double, double>>& trace, ImU32 color, float width) {
        std::vector<double> xs, ys;
        xs.reserve(trace.size());
        ys.reserve(trace.size());
        for (const auto& [t, v] : trace) {
            xs.push_back(t);
            ys.push_back(v);
        }
        PlotLine(area, xs, ys, color, width);
    };
    const double th = lab.AnalogCell().Params().v_th_mV;
    PlotLine(area, {t0, t1}, {th, th}, theme::kThreshold, 1.0f);
    line(lab.AnalogTrace(), theme::kMembrane, 1.5f);
    line(lab.DigitalTrace(), theme::kTrainCurve, 1.5f);
    // Spikes as ticks above the threshold: continuous cell high, k-bit cell lower.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (double t : lab.AnalogSpikes()) {
        draw->AddLine(area.ToScreen(t, -44.0), area.ToScreen(t, -40.5), theme::kMembrane, 2.0f);
    }
    for (double t : lab.DigitalSpikes()) {
        draw->AddLine(area.ToScreen(t, -48.0), area.ToScreen(t, -44.5), theme::kTrainCurve, 2.0f);
    }
    PlotLegend(area, 0, "continuous (64-bit)", theme::kMembrane);
    PlotLegend(area, 1, "k-bit membrane", theme::kTrainCurve);
}

}  // namespace

void DrawAnalogScreen(BridgeLab& lab, MlpLab& trained) {
    if (ImGui::Button(lab.Running() ? "Pause" : "Run")) lab.TogglePlay();
    Tooltip("Space. Runs the two neurons on the right.");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) lab.Reset();
    ImGui::SameLine();
    int bits = lab.Bits();
    ImGui::SetNextItemWidth(220.0f);
    if (ImGui::SliderInt("bits", &bits, scene::kMinBridgeBits, scene::kMaxBridgeBits))
        lab.SetBits(bits);
    Tooltip("How many bits each weight and each membrane value keeps: 2^bits levels.");
    ImGui::SameLine();
    ImGui::TextDisabled("%d levels", 1 << lab.Bits());
    ImGui::TextWrapped(
        "A computer stores every number with a fixed number of bits: 64 here, so finely that it "
        "looks continuous. A membrane potential is a physical quantity that can change by any "
        "amount. Take bits away and see what each kind of network loses.");
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (ImGui::GetContentRegionAvail().x - spacing) / 2;

    ImGui::BeginChild("weights", ImVec2(half, 0), true);
    SectionHeader("Digital weights: the MLP lab's network, rounded");
    if (!lab.HasTrainedNetwork()) {
        ImGui::TextWrapped("The MLP lab's network has not been trained yet, so there is little "
                           "to lose.");
        if (ImGui::Button("Train it: 25 epochs of the reference experiment")) {
            for (int e = 0; e < 25 && trained.Trainer().Status() == mlp::TrainerStatus::Ready; ++e)
                trained.StepEpoch();
        }
    }
    ImGui::TextWrapped("test MSE: %.3e with 64-bit weights, %.3e with %d-bit weights",
                lab.FullPrecisionMse(),
                lab.QuantizedMse().empty() ? 0.0
                                           : lab.QuantizedMse()[static_cast<std::size_t>(lab.Bits() - 1)],
                lab.Bits());
    Tooltip("Per layer, every weight and bias is rounded to the nearest of 2^bits levels spread "
            "evenly between minus and plus the layer's largest magnitude.");
    const float avail = ImGui::GetContentRegionAvail().y;
    DrawQuantizedMap(lab, trained, std::max(120.0f, avail * 0.55f));
    DrawMseByBits(lab, std::max(100.0f, ImGui::GetContentRegionAvail().y));
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("membrane", ImVec2(0, 0), true);
    SectionHeader("An analog membrane, and one with k bits");
    const double step = lab.DigitalCell().Grid().Step();
    ImGui::TextWrapped(
        "Both cells get the same noisy input current. The k-bit cell rounds its potential to "
        "levels %.3g mV apart (on -80 to -40 mV) after every 0.1 ms step: any change smaller "
        "than half a level is rounded away, so input that drives the continuous cell to "
        "threshold slowly can leave the k-bit cell stuck. Chips with few bits per neuron use "
        "longer steps or random rounding for this reason.",
        step);
    ImGui::TextWrapped("spikes in the last %.0f ms: continuous %zu, %d-bit %zu   input %.2f nA",
                BridgeLab::kMembraneWindowMs, lab.AnalogSpikes().size(), lab.Bits(),
                lab.DigitalSpikes().size(), lab.InputCurrent());
    DrawMembranes(lab, std::max(140.0f, ImGui::GetContentRegionAvail().y));
    ImGui::EndChild();
}

void DrawBridgeLab(BridgeLab& lab, BridgeViewState& view, MlpLab& trained) {
    if (!ImGui::BeginTabBar("bridge-tabs")) return;
    struct Tab {
        const char* label;
        scene::BridgeView view;
    };
    const Tab tabs[] = {{"Clocked and unclocked", scene::BridgeView::kClock},
                        {"Analog and digital", scene::BridgeView::kAnalog},
                        {"Training spikes", scene::BridgeView::kSurrogate}};
    for (const Tab& tab : tabs) {
        const ImGuiTabItemFlags flags =
            view.select_tab && lab.View() == tab.view ? ImGuiTabItemFlags_SetSelected : 0;
        if (!ImGui::BeginTabItem(tab.label, nullptr, flags)) continue;
        if (!view.select_tab && lab.View() != tab.view) {
            lab.SetView(tab.view);  // the reader picked this tab
        }
        switch (tab.view) {
            case scene::BridgeView::kClock: DrawClockScreen(lab, view); break;
            case scene::BridgeView::kAnalog: DrawAnalogScreen(lab, trained); break;
            case scene::BridgeView::kSurrogate: DrawSurrogateTab(lab.Surrogate()); break;
        }
        ImGui::EndTabItem();
    }
    view.select_tab = false;
    ImGui::EndTabBar();
}

}  // namespace dendrites::app
