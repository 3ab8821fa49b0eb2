// The family lab's tab: one network trained on many r, its bifurcation diagram beside the true.
#pragma once

#include "app/family_lab.h"

namespace dendrites::app {

// Draws into the space available: a control row (train/pause, step, reset, learning rate), the
// read-outs, a line on what to look for, then the true and learned diagrams side by side.
void DrawFamilyTab(FamilyLab& lab);

}  // namespace dendrites::app
