// The chain-rule inspector: for the weight picked in the network view, the gradient of the loss
// taken apart factor by factor along one highlighted path, then as the sum over all paths,
// beside backprop's value and a finite difference.
#include <cstdio>

#include "app/panels/mlp_panels.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {

void DrawChainRule(MlpLab& lab) {
    if (!lab.HasSelection()) return;
    const mlp::ChainRule c = lab.Chain();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - 20.0f, viewport->WorkPos.y + 60.0f),
        ImGuiCond_Appearing, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.96f);
    bool open = true;
    if (!ImGui::Begin("Chain rule: one weight's gradient", &open,
                      ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::End();
        if (!open) lab.ClearSelection();
        return;
    }
    if (!c.error.empty()) {
        ImGui::TextWrapped("%s", c.error.c_str());
    } else {
        const int l = lab.SelectedLayer();
        ImGui::Text(
            "w = %.5f: weight layer %d, from neuron %d of layer %d to neuron %d of "
            "layer %d",
            c.weight, l + 1, lab.SelectedFrom(), l, lab.SelectedTo(), l + 1);
        ImGui::TextDisabled("one sample: x = %.3f (the input slider), target f(x), loss %.3e",
                            lab.ProbeX(), c.loss);
        ImGui::Separator();
        ImGui::TextUnformatted("Along the highlighted path, from the loss down to w:");
        if (ImGui::BeginTable("factors", 2,
                              ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (std::size_t k = 0; k < c.factors.size(); ++k) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(k == 0 ? "  " : "\u00d7 ");
                ImGui::SameLine(0, 0);
                ImGui::TextUnformatted(c.factors[k].label.c_str());
                ImGui::TableNextColumn();
                ImGui::Text("%+.5e", c.factors[k].value);
            }
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted("= product along this path");
            ImGui::TableNextColumn();
            ImGui::Text("%+.5e", c.path_product);
            ImGui::EndTable();
        }
        ImGui::Separator();
        ImGui::Text("paths from w to the loss: %.0f", c.paths);
        ImGui::Text("\u2202L/\u2202w = sum over all paths      %+.10e%s", c.path_sum,
                    c.enumerated ? "" : "  (summed layer by layer)");
        ImGui::Text("\u2202L/\u2202w by backprop             %+.10e", c.backprop);
        ImGui::Text("finite difference (h = %.0e)     %+.10e", c.fd_step, c.finite_difference);
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 34.0f);
        ImGui::TextDisabled(
            "Backprop never lists the paths: it computes each layer's \u03b4 = \u2202L/\u2202z "
            "once, from the layer above, and reuses it for every weight below. Its cost grows "
            "with the number of weights; the number of paths grows with the product of the "
            "widths. That reuse is why the sweep must go strictly in order, layer by layer.");
        ImGui::PopTextWrapPos();
    }
    if (ImGui::Button("Close")) open = false;
    ImGui::End();
    if (!open) lab.ClearSelection();
}

}  // namespace dendrites::app
