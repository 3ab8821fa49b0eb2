// The bridge lab's panels: the clocked-versus-unclocked screen, the analog-versus-digital
// screen and the surrogate-gradient screen, as tabs.
#pragma once

#include "app/bridge_lab.h"
#include "app/panels/mlp_panels.h"

namespace dendrites::app {

// What the panels remember between frames.
struct BridgeViewState {
    MlpViewState clocked;  // the clocked network's canvas (hover state)
    bool select_tab = true;  // bring the lab's view to the front (a link or a lesson chose it)
};

// The clocked MLP and the unclocked spiking network side by side (bridge_clock.cpp).
void DrawClockScreen(BridgeLab& lab, BridgeViewState& view);
// k-bit weights of the MLP lab's network and a k-bit membrane (bridge_analog.cpp).
void DrawAnalogScreen(BridgeLab& lab, MlpLab& trained);

// The whole lab: a tab per screen.
void DrawBridgeLab(BridgeLab& lab, BridgeViewState& view, MlpLab& trained);

}  // namespace dendrites::app
