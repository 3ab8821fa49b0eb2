// The surrogate-gradient tab: why the spike's derivative gives no gradient, and how a smooth
// stand-in in the backward pass trains a spiking layer anyway.
#pragma once

#include "app/surrogate_demo.h"

namespace dendrites::app {

// Draws into the space available: a control row (train/pause, step, reset, the backward
// derivative, its slope, the learning rate, updates per frame, outputs, seed), the read-outs,
// a line on what to look for, then the plots: the step function and its backward derivative,
// the loss over iterations, the input raster, the chosen output's membrane potential with its
// spikes and targets, and every output's spikes against its targets.
void DrawSurrogateTab(SurrogateDemo& demo);

}  // namespace dendrites::app
