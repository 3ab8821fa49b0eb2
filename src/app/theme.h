// Colours and the ImGui style of the app, in one place.
#pragma once

#include <imgui.h>

namespace dendrites::app::theme {

// The colours that change with the theme (dark or light); the others below read on both.
struct Palette {
    ImU32 panel_background;  // behind graphs and plots
    ImU32 plot_frame;        // axis lines
    ImU32 plot_grid;         // grid lines at ticks
    ImU32 text;              // labels drawn on the canvas
    ImU32 dim_text;          // secondary labels
    ImU32 neuron_rim;        // outline of a neuron disc
    ImU32 truth_curve;       // the true map, closed forms
    ImU32 dim_line;          // zero lines
    ImU32 spike;             // a spike, a flash, "now"
    ImU32 neutral_fill;      // a neuron at rest (activation 0)
};

const Palette& Colors();  // the current theme's palette
bool IsLight();


constexpr ImU32 kTrainCurve = IM_COL32(255, 170, 60, 255);   // training loss, training points
constexpr ImU32 kTestCurve = IM_COL32(90, 180, 255, 255);    // test loss, the learned map
constexpr ImU32 kWarning = IM_COL32(220, 70, 60, 255);
// Spiking lab.
constexpr ImU32 kExcitatory = IM_COL32(90, 170, 255, 255);   // excitatory cells and synapses
constexpr ImU32 kInhibitory = IM_COL32(255, 140, 60, 255);   // inhibitory cells and synapses
constexpr ImU32 kGapJunction = IM_COL32(120, 220, 130, 255); // electrical synapses
constexpr ImU32 kSource = IM_COL32(170, 170, 180, 255);      // spike sources (inputs)
constexpr ImU32 kMembrane = IM_COL32(120, 200, 255, 255);    // membrane potential traces
constexpr ImU32 kThreshold = IM_COL32(230, 90, 90, 200);     // threshold line
constexpr ImU32 kReset = IM_COL32(140, 140, 150, 200);       // reset line

// Blue for positive, orange for negative; alpha grows with `strength` in [0, 1].
ImU32 Signed(double value, float strength);
// Fill of a neuron whose activation, scaled to [-1, 1], is `value`.
ImU32 ActivationFill(double value);

// Rounded widgets, dark (default) or light, scaled for the display; sets Colors().
void ApplyStyle(float scale, bool light = false);

}  // namespace dendrites::app::theme
