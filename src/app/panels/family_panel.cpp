// The family lab's tab (see family_panel.h): controls, read-outs, the two bifurcation diagrams.
#include "app/panels/family_panel.h"

#include <cstdio>

#include "app/plot.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

// One window's draw list holds 65,536 vertices with 16-bit indices and 4 go to each point.
constexpr std::size_t kMaxPlottedPoints = 14000;
constexpr float kPointRadius = 0.8f;

void DrawFamilyControls(FamilyLab& lab) {
    const bool diverged = lab.Trainer().Status() == mlp::FamilyStatus::Diverged;
    ImGui::BeginDisabled(diverged);
    if (ImGui::Button(lab.Running() ? "Pause##family" : "Train##family")) lab.TogglePlay();
    ImGui::EndDisabled();
    Tooltip("Train the network on (x, r) -> r x (1 - x) for r across the whole range.");
    ImGui::SameLine();
    if (ImGui::Button("Step epoch##family")) lab.StepEpoch();
    Tooltip("One pass over the 20,000 training pairs, then pause.");
    ImGui::SameLine();
    if (ImGui::Button("Reset##family")) lab.Reset();
    Tooltip("Fresh weights from the seed: the same run again.");
    ImGui::SameLine();
    double lr = lab.Config().optimizer.lr;
    ImGui::SetNextItemWidth(160.0f * ImGui::GetFontSize() / 15.0f);
    if (SliderDouble("##family-lr", &lr, 1e-4, 0.1, "learning rate %.4f",
                     ImGuiSliderFlags_Logarithmic))
        lab.SetLearningRate(lr);
    Tooltip("Adam's step size, applied at once (the weights are kept).");
}

void DrawFamilyReadouts(FamilyLab& lab) {
    const mlp::FamilyTrainer& t = lab.Trainer();
    if (t.Status() == mlp::FamilyStatus::Diverged) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::kWarning));
        ImGui::TextWrapped("%s", t.DivergenceMessage().c_str());
        ImGui::PopStyleColor();
    }
    if (!lab.Notice().empty()) {
        ImGui::TextWrapped("%s", lab.Notice().c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("dismiss##family")) lab.DismissNotice();
    }
    char diagram[96];
    if (!lab.DiagramComplete()) {
        std::snprintf(diagram, sizeof diagram, "drawing the diagram: %.0f%%",
                      100.0 * lab.DiagramProgress());
    } else {
        std::snprintf(diagram, sizeof diagram, "diagram of the weights at step %lld%s",
                      lab.LearnedDiagram().steps, lab.DiagramCurrent() ? "" : " (redrawing)");
    }
    ImGui::TextWrapped("epoch %d   step %lld   training loss %.3e   test MSE %.3e   %s", t.Epoch(),
                       t.Steps(), t.TrainLoss(), t.TestMse(), diagram);
    char tip[128];
    std::snprintf(tip, sizeof tip,
                  "Test MSE: on a grid of %d x %d (x, r) points the network never trains on.",
                  lab.Config().test_x, lab.Config().test_r);
    Tooltip(tip);
}

// A dim vertical line and the value of r under the mouse.
void DrawHoveredR(const PlotArea& area) {
    if (!area.hovered) return;
    const double r = area.XFromScreen(area.mouse.x);
    PlotLine(area, {r, r}, {area.y0, area.y1}, theme::Colors().dim_line, 1.0f);
    char label[32];
    std::snprintf(label, sizeof label, "r = %.3f", r);
    ImGui::GetWindowDrawList()->AddText(ImVec2(area.mouse.x + 6.0f, area.min.y + 4.0f),
                                        theme::Colors().text, label);
}

void DrawDiagram(const char* child_id, const char* plot_id, const char* title,
                 const BifurcationCloud& cloud, double r_min, double r_max, ImU32 color,
                 ImVec2 size) {
    ImGui::BeginChild(child_id, size, false);
    PlotArea area =
        BeginPlot(plot_id, ImVec2(-1, -1), title, r_min, r_max, -0.02, 1.02, false, "r");
    PlotPoints(area, cloud.r, cloud.x, color, kPointRadius, kMaxPlottedPoints);
    DrawHoveredR(area);
    ImGui::EndChild();
}

}  // namespace

void DrawFamilyTab(FamilyLab& lab) {
    DrawFamilyControls(lab);
    DrawFamilyReadouts(lab);
    ImGui::TextWrapped(
        "Each column: the map at that r iterated from x = 0.5, the first %d steps dropped and the "
        "next %d drawn. One network, given x and r, should repeat the true cascade: one fixed "
        "point, period doubling at r = 3 and 3.45, then chaos with periodic windows.",
        FamilyLab::kTransient, FamilyLab::kKeep);

    const double r_min = lab.Config().r_min, r_max = lab.Config().r_max;
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    DrawDiagram("family-true", "##family-true-plot", "True map: x' = r x (1 - x)",
                lab.TrueDiagram(), r_min, r_max, theme::Colors().truth_curve,
                ImVec2(half, 0));
    ImGui::SameLine();
    DrawDiagram("family-learned", "##family-learned-plot", "Network: x' = net(x, r)",
                lab.LearnedDiagram(), r_min, r_max, theme::kTestCurve, ImVec2(0, 0));
}

}  // namespace dendrites::app
