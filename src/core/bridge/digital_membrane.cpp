// A LIF cell with a k-bit membrane potential (see digital_membrane.h).
#include "core/bridge/digital_membrane.h"

#include <algorithm>
#include <cmath>

#include "core/detmath.h"

namespace dendrites::bridge {

double VoltageGrid::Step() const {
    if (bits <= 0) return 0.0;
    return (hi_mV - lo_mV) / (std::ldexp(1.0, bits) - 1.0);
}

double VoltageGrid::Round(double v_mV) const {
    if (bits <= 0 || !std::isfinite(v_mV)) return v_mV;
    const double step = Step();
    const double k = std::floor((std::clamp(v_mV, lo_mV, hi_mV) - lo_mV) / step + 0.5);
    return lo_mV + k * step;
}

std::string VoltageGrid::Validate() const {
    if (!(std::isfinite(lo_mV) && std::isfinite(hi_mV) && lo_mV < hi_mV))
        return "the voltage range must be finite with lo < hi";
    if (bits < 0 || bits > 24) return "bits must be 0 (not rounded) to 24";
    return {};
}

DigitalLif::DigitalLif(const spiking::LifParams& params, const VoltageGrid& grid, double dt_ms)
    : params_(params), grid_(grid), dt_ms_(dt_ms) {
    p_ = Exp(-dt_ms_ / params_.tau_m_ms);
    refractory_steps_ = static_cast<int>(std::floor(params_.t_ref_ms / dt_ms_ + 0.5));
    Reset();
}

void DigitalLif::Reset() {
    v_ = grid_.Round(params_.v_reset_mV);
    refractory_left_ = 0;
}

void DigitalLif::SetGrid(const VoltageGrid& grid) {
    grid_ = grid;
    v_ = grid_.Round(v_);
}

bool DigitalLif::Step(double i_nA) {
    if (refractory_left_ > 0) {
        --refractory_left_;
        v_ = grid_.Round(params_.v_reset_mV);
        return false;
    }
    const double v_inf = params_.e_l_mV + params_.r_m_MOhm * i_nA;
    const double next = v_inf + (v_ - v_inf) * p_;
    if (next >= params_.v_th_mV) {
        v_ = grid_.Round(params_.v_reset_mV);
        refractory_left_ = refractory_steps_;
        return true;
    }
    v_ = grid_.Round(next);
    return false;
}

}  // namespace dendrites::bridge
