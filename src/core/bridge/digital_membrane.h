// Analog versus digital: a leaky integrate-and-fire cell whose membrane potential is stored with
// a few bits, beside the same cell with a (for our purposes) continuous one.
//
// A real membrane potential is a physical quantity: it can change by any amount, however small.
// Here the cell's V is rounded after every step to the nearest of 2^bits evenly spaced levels
// on [lo_mV, hi_mV] (both ends included, as mlp/quantize.h does for weights); bits = 0 keeps
// the full double. The step is exact between inputs (neuron_models.h, LIF):
//   V' = E_L + (V - E_L) P + R I (1 - P),   P = exp(-dt / tau_m),
// then V' >= V_th fires, resets to V_reset and holds it for round(t_ref / dt) steps.
// When one step's change (V_inf - V)(1 - P), V_inf = E_L + R I, is smaller than half a level,
// rounding takes it back every time: the coarse cell stays where it is and never reaches
// threshold, though its continuous twin fires regularly.
#pragma once

#include <string>

#include "core/spiking/neuron_models.h"

namespace dendrites::bridge {

struct VoltageGrid {
    double lo_mV = -80.0;
    double hi_mV = -40.0;
    int bits = 0;  // 0: not rounded; otherwise 1 .. 24

    double Step() const;  // distance between levels (0 when not rounded)
    double Round(double v_mV) const;
    std::string Validate() const;
};

class DigitalLif {
public:
    DigitalLif(const spiking::LifParams& params, const VoltageGrid& grid, double dt_ms);

    // One step with input current `i_nA` held over it; true when the cell fired.
    bool Step(double i_nA);
    void Reset();  // V = V_reset (rounded), not refractory

    double V() const { return v_; }
    const VoltageGrid& Grid() const { return grid_; }
    void SetGrid(const VoltageGrid& grid);  // keeps V (rounded to the new grid)
    const spiking::LifParams& Params() const { return params_; }
    double DtMs() const { return dt_ms_; }

private:
    spiking::LifParams params_;
    VoltageGrid grid_;
    double dt_ms_;
    double p_ = 0.0;  // exp(-dt / tau_m)
    int refractory_steps_ = 0;
    int refractory_left_ = 0;
    double v_ = 0.0;
};

}  // namespace dendrites::bridge
