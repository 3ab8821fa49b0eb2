// Small widget helpers shared by the panels.
#pragma once

#include <imgui.h>

namespace dendrites::app {

// Shows `text` as a tooltip when the previous item is hovered.
inline void Tooltip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) ImGui::SetTooltip("%s", text);
}

// A section header that reads as a heading in the controls column.
inline void SectionHeader(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::Separator();
}

inline bool SliderDouble(const char* label, double* v, double lo, double hi, const char* fmt,
                         ImGuiSliderFlags flags = 0) {
    return ImGui::SliderScalar(label, ImGuiDataType_Double, v, &lo, &hi, fmt, flags);
}

}  // namespace dendrites::app
