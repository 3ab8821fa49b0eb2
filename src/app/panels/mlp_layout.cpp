// The MLP lab's layout and its status line: read-outs and notices.
#include <cstdio>

#include "app/panels/family_panel.h"
#include "app/panels/mlp_panels.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {

void DrawMlpStatus(MlpLab& lab) {
    const auto& t = lab.Trainer();
    if (t.Status() == mlp::TrainerStatus::Diverged) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::ColorConvertU32ToFloat4(theme::kWarning));
        ImGui::BeginChild("diverged", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * 1.6f));
        ImGui::TextWrapped("%s", t.DivergenceMessage().c_str());
        if (ImGui::Button("Reset")) lab.Reset();
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    if (!lab.Notice().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(IM_COL32(255, 200, 120, 255)));
        ImGui::TextWrapped("%s", lab.Notice().c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::SmallButton("dismiss")) lab.DismissNotice();
    }
    if (!t.Config().initial_weights.empty())
        ImGui::TextDisabled("Started from the weights of a link or file; Reset returns to them.");
    ImGui::TextWrapped("epoch %d (%3.0f%%)   step %lld   %.3g samples/s   training loss %.3e   "
                "test MSE %.3e",
                t.Epoch(), 100.0 * t.EpochProgress(), t.Steps(), t.SamplesPerSecond(),
                t.TrainLoss(), t.TestLoss());
    Tooltip("Training loss: mean of this epoch's mini-batch losses. Test MSE: on 100 inputs drawn "
            "uniformly from [0, 1] that the network never trains on.");
}

void DrawMlpLab(MlpLab& lab, MlpViewState& view, FamilyLab& family, const MlpPanels& panels) {
    view.family_shown = false;
    DrawChainRule(lab);
    if (panels.controls) {
        const float controls_width = 340.0f * ImGui::GetFontSize() / 15.0f;
        ImGui::BeginChild("controls", ImVec2(controls_width, 0), true);
        DrawMlpControls(lab, view);
        ImGui::EndChild();
        ImGui::SameLine();
    }
    ImGui::BeginChild("views", ImVec2(0, 0), false);
    DrawMlpStatus(lab);
    const bool plots = panels.loss || panels.map;
    const int views = int(panels.network) + int(panels.loss) + int(panels.map);
    if (ImGui::GetContentRegionAvail().y < 330.0f && views > 1) {
        // A short widget (an embed): the chosen views side by side, full height.
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float each = (ImGui::GetContentRegionAvail().x - spacing * (views - 1)) / views;
        int drawn = 0;
        auto next = [&] {
            if (drawn++ > 0) ImGui::SameLine();
        };
        if (panels.network) {
            next();
            ImGui::BeginChild("network", ImVec2(each, 0), true);
            DrawNetworkView(lab, view);
            ImGui::EndChild();
        }
        if (panels.loss) {
            next();
            ImGui::BeginChild("loss", ImVec2(each, 0), true);
            DrawLossPlot(lab);
            ImGui::EndChild();
        }
        if (panels.map) {
            next();
            ImGui::BeginChild("map", ImVec2(each, 0), true);
            DrawMapPlot(lab);
            ImGui::EndChild();
        }
        ImGui::EndChild();
        return;
    }
    if (panels.network) {
        const float avail = ImGui::GetContentRegionAvail().y;
        ImGui::BeginChild("network", ImVec2(0, plots ? avail * 0.48f : 0.0f), true);
        DrawNetworkView(lab, view);
        ImGui::EndChild();
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (ImGui::GetContentRegionAvail().x - spacing) / 2.0f;
    if (panels.loss) {
        ImGui::BeginChild("loss", ImVec2(panels.map ? half : 0.0f, 0), true);
        if (ImGui::BeginTabBar("loss-tabs")) {
            if (ImGui::BeginTabItem("Loss")) {
                DrawLossPlot(lab);
                ImGui::EndTabItem();
            }
            const ImGuiTabItemFlags front =
                view.open_gradients ? ImGuiTabItemFlags_SetSelected : 0;
            view.open_gradients = false;
            if (ImGui::BeginTabItem("Gradient per layer", nullptr, front)) {
                DrawGradientPlot(lab);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
        ImGui::EndChild();
        if (panels.map) ImGui::SameLine();
    }
    if (panels.map) {
        ImGui::BeginChild("map", ImVec2(0, 0), true);
        if (ImGui::BeginTabBar("map-tabs")) {
            if (ImGui::BeginTabItem("The map")) {
                DrawMapPlot(lab);
                ImGui::EndTabItem();
            }
            const ImGuiTabItemFlags front = view.open_chaos ? ImGuiTabItemFlags_SetSelected : 0;
            view.open_chaos = false;
            if (ImGui::BeginTabItem("Chaos test", nullptr, front)) {
                DrawChaosTest(lab, view);
                ImGui::EndTabItem();
            }
            const ImGuiTabItemFlags family_front =
                view.open_family ? ImGuiTabItemFlags_SetSelected : 0;
            view.open_family = false;
            if (ImGui::BeginTabItem("Many r: bifurcation", nullptr, family_front)) {
                view.family_shown = true;
                DrawFamilyTab(family);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
        ImGui::EndChild();
    }
    ImGui::EndChild();
}

}  // namespace dendrites::app
