// The spiking lab's panels: free functions that draw from the lab and change it through its
// methods. One file per group: controls, plots (raster, rate, traces, f-I, STDP), graphs
// (delays, changing topology), layout (which panels each scene shows).
#pragma once

#include "app/spiking_lab.h"

namespace dendrites::app {

// What the panels remember between frames (never function-static state).
struct SpikingViewState {
    spiking::SceneConfig draft;  // the controls' working copy of the scene parameters
    double window_ms = 0.0;      // time shown by rasters and traces (0: the scene's default)
    double pulse_nA = 10.0;      // one-neuron pulse: amplitude (nA for LIF, paper units Izh.)
    double pulse_ms = 2.0;       //   and duration
    int izh_type = 0;            // preset chosen in the one-neuron scene's combo
};

// Time shown by the scene's rasters and traces when the user has not chosen one.
double DefaultWindowMs(spiking::SceneKind kind);
double WindowMs(const SpikingLab& lab, const SpikingViewState& view);

// Controls (spiking_controls.cpp).
void DrawSpikingControls(SpikingLab& lab, SpikingViewState& view);

// Plots (spiking_plots.cpp). `height` <= 0 fills the remaining height.
void DrawRaster(const spiking::Network& net, double window_ms, float height, int max_rows);
void DrawPopulationRate(const spiking::Network& net, double window_ms, float height);
// Membrane trace of the recorder's trace `slot`, with threshold and reset lines for LIF cells.
void DrawTrace(const spiking::Network& net, int slot, double window_ms, float height,
               const char* title);
void DrawFiCurve(const SpikingLab& lab, float height);
void DrawStdpWindow(const SpikingLab& lab, float height);
void DrawLastPairing(const SpikingLab& lab, float height);  // pre, its arrival, post
void DrawWeightTraces(const spiking::Network& net, float height);
void DrawWeightHistogram(const spiking::Network& net, float height);
void DrawSynapseCount(const SpikingLab& lab, float height);

// Graphs (spiking_graph.cpp): neurons as discs, synapses as edges, spikes in flight as dots.
void DrawDelayGraph(SpikingLab& lab, float height);
void DrawTopologyGraph(SpikingLab& lab, float height);

// The whole lab laid out in the current window: controls left, the scene's panels right.
void DrawSpikingLab(SpikingLab& lab, SpikingViewState& view, bool show_controls = true);

}  // namespace dendrites::app
