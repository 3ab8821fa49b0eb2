// Colours and style (see theme.h).
#include "app/theme.h"

#include <algorithm>
#include <cmath>

namespace dendrites::app::theme {
namespace {

constexpr Palette kDark = {
    IM_COL32(22, 24, 30, 255),    IM_COL32(90, 96, 110, 255),   IM_COL32(60, 64, 74, 120),
    IM_COL32(225, 228, 235, 255), IM_COL32(150, 156, 168, 255), IM_COL32(200, 205, 215, 255),
    IM_COL32(235, 235, 235, 200), IM_COL32(120, 124, 136, 160), IM_COL32(255, 225, 90, 255),
    IM_COL32(41, 43, 54, 255)};
constexpr Palette kLight = {
    IM_COL32(250, 250, 252, 255), IM_COL32(150, 154, 165, 255), IM_COL32(210, 213, 222, 160),
    IM_COL32(30, 32, 40, 255),    IM_COL32(95, 100, 112, 255),  IM_COL32(70, 74, 86, 255),
    IM_COL32(40, 40, 45, 200),    IM_COL32(150, 154, 165, 200), IM_COL32(215, 150, 0, 255),
    IM_COL32(225, 228, 236, 255)};

// The theme is chosen once per page or window (ApplyStyle), like ImGui's own style.
const Palette* g_palette = &kDark;

}  // namespace

const Palette& Colors() { return *g_palette; }
bool IsLight() { return g_palette == &kLight; }

ImU32 Signed(double value, float strength) {
    const float a = std::clamp(strength, 0.0f, 1.0f);
    if (!std::isfinite(value)) return IM_COL32(128, 128, 128, 80);
    return value >= 0.0 ? ImGui::GetColorU32(ImVec4(0.33f, 0.66f, 1.0f, a))
                        : ImGui::GetColorU32(ImVec4(1.0f, 0.6f, 0.2f, a));
}

ImU32 ActivationFill(double value) {
    if (!std::isfinite(value)) return IM_COL32(128, 128, 128, 255);
    const float t = static_cast<float>(std::clamp(value, -1.0, 1.0));
    // From a dark grey at 0 towards blue (positive) or orange (negative).
    const ImVec4 zero = ImGui::ColorConvertU32ToFloat4(Colors().neutral_fill);
    const ImVec4 end = t >= 0 ? ImVec4(0.35f, 0.7f, 1.0f, 1.0f) : ImVec4(1.0f, 0.62f, 0.22f, 1.0f);
    const float s = std::fabs(t);
    return ImGui::GetColorU32(ImVec4(zero.x + (end.x - zero.x) * s, zero.y + (end.y - zero.y) * s,
                                     zero.z + (end.z - zero.z) * s, 1.0f));
}

void ApplyStyle(float scale, bool light) {
    g_palette = light ? &kLight : &kDark;
    if (light) {
        ImGui::StyleColorsLight();
    } else {
        ImGui::StyleColorsDark();
    }
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.ChildRounding = 4.0f;
    style.FramePadding = ImVec2(6.0f, 4.0f);
    style.ItemSpacing = ImVec2(8.0f, 6.0f);
    style.WindowPadding = ImVec2(10.0f, 10.0f);
    if (light) {
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1.0f);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(0.93f, 0.935f, 0.95f, 1.0f);
        style.Colors[ImGuiCol_PlotLinesHovered] = ImVec4(0.1f, 0.4f, 0.75f, 1.0f);
    } else {
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.085f, 0.09f, 0.11f, 1.0f);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(0.10f, 0.105f, 0.13f, 1.0f);
        style.Colors[ImGuiCol_PlotLinesHovered] = ImVec4(0.55f, 0.78f, 1.0f, 1.0f);
    }
    style.ScaleAllSizes(scale);
}

}  // namespace dendrites::app::theme
