// Colours and the ImGui style of the app, in one place.
#pragma once

#include <imgui.h>

namespace dendrites::app::theme {

constexpr ImU32 kPanelBackground = IM_COL32(22, 24, 30, 255);
constexpr ImU32 kNeuronRim = IM_COL32(200, 205, 215, 255);
constexpr ImU32 kText = IM_COL32(225, 228, 235, 255);
constexpr ImU32 kDimText = IM_COL32(150, 156, 168, 255);
constexpr ImU32 kTrainCurve = IM_COL32(255, 170, 60, 255);   // training loss, training points
constexpr ImU32 kTestCurve = IM_COL32(90, 180, 255, 255);    // test loss, the learned map
constexpr ImU32 kTruthCurve = IM_COL32(235, 235, 235, 200);  // the true map
constexpr ImU32 kWarning = IM_COL32(220, 70, 60, 255);

// Blue for positive, orange for negative; alpha grows with `strength` in [0, 1].
ImU32 Signed(double value, float strength);
// Fill of a neuron whose activation, scaled to [-1, 1], is `value`.
ImU32 ActivationFill(double value);

// Dark style with rounded widgets, scaled for the display.
void ApplyStyle(float scale);

}  // namespace dendrites::app::theme
