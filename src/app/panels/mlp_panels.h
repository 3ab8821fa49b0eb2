// The MLP lab's panels: free functions that draw from the lab and change it through its methods.
#pragma once

#include "app/family_lab.h"
#include "app/mlp_lab.h"

namespace dendrites::app {

// What the panels remember between frames (never function-static state).
struct MlpViewState {
    mlp::TrainerConfig draft;      // the controls' working copy of the configuration
    bool edges_show_gradient = false;
    int hovered_layer = -1;        // neuron under the mouse in the network view, or -1
    int hovered_neuron = -1;
    double chaos_x0 = 0.2;         // the chaos test's starting point
    int chaos_steps = 60;          //   and how many iterations it shows
    bool open_chaos = false;       // bring the chaos test's tab to the front once (a link asked)
    bool open_gradients = false;   // the same for the gradient-per-layer tab
    int sweep_batch = 4;           // the step-through's mini-batch size when one is chosen
    bool open_family = false;      // bring the bifurcation (x, r) tab to the front once
    bool family_shown = false;     // that tab was drawn last frame (its training may run)
};

void DrawMlpControls(MlpLab& lab, MlpViewState& view);
void DrawMlpStatus(MlpLab& lab);
void DrawNetworkView(MlpLab& lab, MlpViewState& view);  // its controls, then the canvas
// The network alone (neurons, edges, the step-through's stages), filling the space available;
// click an edge to explain its gradient.
void DrawNetworkCanvas(MlpLab& lab, MlpViewState& view);
void DrawLossPlot(const MlpLab& lab);
void DrawMapPlot(const MlpLab& lab);
// How much gradient reaches each weight layer over training (vanishing gradients).
void DrawGradientPlot(const MlpLab& lab);
// The learned map iterated beside the true one: time series, separation, Lyapunov, cobweb.
void DrawChaosTest(const MlpLab& lab, MlpViewState& view);
// The chain-rule inspector for the weight clicked in the network view (a floating window).
void DrawChainRule(MlpLab& lab);

// Which of the lab's panels show (all by default; links and embeds may choose).
struct MlpPanels {
    bool controls = true, network = true, loss = true, map = true;
};

// The whole lab laid out in the current window: controls left, network and plots right.
// `family` is the network of (x, r) trained on many r, shown in a tab beside the map.
void DrawMlpLab(MlpLab& lab, MlpViewState& view, FamilyLab& family,
                const MlpPanels& panels = MlpPanels{});

}  // namespace dendrites::app
