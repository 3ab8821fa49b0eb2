// The MLP lab's layout and its status line: read-outs and notices.
#include <cstdio>

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
    ImGui::Text("epoch %d (%3.0f%%)   step %lld   %.3g samples/s   training loss %.3e   "
                "test MSE %.3e",
                t.Epoch(), 100.0 * t.EpochProgress(), t.Steps(), t.SamplesPerSecond(),
                t.TrainLoss(), t.TestLoss());
    Tooltip("Training loss: mean of this epoch's mini-batch losses. Test MSE: on 100 inputs drawn "
            "uniformly from [0, 1] that the network never trains on.");
}

void DrawMlpLab(MlpLab& lab, MlpViewState& view) {
    const float controls_width = 340.0f * ImGui::GetIO().FontGlobalScale * ImGui::GetFontSize() / 15.0f;
    ImGui::BeginChild("controls", ImVec2(controls_width, 0), true);
    DrawMlpControls(lab, view);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("views", ImVec2(0, 0), false);
    DrawMlpStatus(lab);
    const float avail = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("network", ImVec2(0, avail * 0.48f), true);
    DrawNetworkView(lab, view);
    ImGui::EndChild();
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2.0f;
    ImGui::BeginChild("loss", ImVec2(half, 0), true);
    DrawLossPlot(lab);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("map", ImVec2(0, 0), true);
    DrawMapPlot(lab);
    ImGui::EndChild();
    ImGui::EndChild();
}

}  // namespace dendrites::app
