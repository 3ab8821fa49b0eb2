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
// Spiking lab.
constexpr ImU32 kExcitatory = IM_COL32(90, 170, 255, 255);   // excitatory cells and synapses
constexpr ImU32 kInhibitory = IM_COL32(255, 140, 60, 255);   // inhibitory cells and synapses
constexpr ImU32 kGapJunction = IM_COL32(120, 220, 130, 255); // electrical synapses
constexpr ImU32 kSource = IM_COL32(170, 170, 180, 255);      // spike sources (inputs)
constexpr ImU32 kMembrane = IM_COL32(120, 200, 255, 255);    // membrane potential traces
constexpr ImU32 kThreshold = IM_COL32(230, 90, 90, 200);     // threshold line
constexpr ImU32 kReset = IM_COL32(140, 140, 150, 200);       // reset line
constexpr ImU32 kSpike = IM_COL32(255, 225, 90, 255);        // a spike, a flash, "now"
constexpr ImU32 kDimLine = IM_COL32(120, 124, 136, 160);     // zero lines

// Blue for positive, orange for negative; alpha grows with `strength` in [0, 1].
ImU32 Signed(double value, float strength);
// Fill of a neuron whose activation, scaled to [-1, 1], is `value`.
ImU32 ActivationFill(double value);

// Dark style with rounded widgets, scaled for the display.
void ApplyStyle(float scale);

}  // namespace dendrites::app::theme
