// Parameter validation, presets and propagators of the spiking neuron models.
#include "core/spiking/neuron_models.h"

#include <cmath>

#include "core/detmath.h"
#include <limits>

namespace dendrites::spiking {
namespace {

bool Finite(double x) { return std::isfinite(x); }

// Effect on V after one step of a current I_x(0) = 1 nA decaying with tau_x (see header).
double CurrentToVoltagePropagator(double r_MOhm, double tau_m_ms, double tau_x_ms, double dt) {
    const double p_m = Exp(-dt / tau_m_ms);
    if (std::fabs(tau_x_ms - tau_m_ms) < 1e-9 * tau_m_ms) {
        return r_MOhm * dt / tau_m_ms * p_m;  // the limit tau_x -> tau_m
    }
    const double p_x = Exp(-dt / tau_x_ms);
    return r_MOhm * tau_x_ms / (tau_x_ms - tau_m_ms) * (p_x - p_m);
}

}  // namespace

std::string LifParams::Validate() const {
    const double values[] = {e_l_mV, v_reset_mV, v_th_mV, r_m_MOhm, tau_m_ms, t_ref_ms,
                             adapt_b_nA, tau_w_ms};
    for (double v : values) {
        if (!Finite(v)) return "LIF parameters must be finite numbers";
    }
    if (r_m_MOhm <= 0) return "LIF r_m_MOhm must be positive";
    if (tau_m_ms <= 0) return "LIF tau_m_ms must be positive";
    if (t_ref_ms < 0) return "LIF t_ref_ms must not be negative";
    if (tau_w_ms <= 0) return "LIF tau_w_ms must be positive";
    if (v_reset_mV >= v_th_mV) return "LIF v_reset_mV must be below v_th_mV";
    return {};
}

double LifClosedFormIsiMs(const LifParams& p, double i_nA) {
    const double drive = p.r_m_MOhm * i_nA + p.e_l_mV;  // V_inf
    if (drive <= p.v_th_mV) return std::numeric_limits<double>::infinity();
    return p.t_ref_ms + p.tau_m_ms * std::log((drive - p.v_reset_mV) / (drive - p.v_th_mV));
}

std::string SynapseParams::Validate() const {
    if (!Finite(tau_e_ms) || tau_e_ms <= 0) return "synapse tau_e_ms must be positive";
    if (!Finite(tau_i_ms) || tau_i_ms <= 0) return "synapse tau_i_ms must be positive";
    if (!Finite(e_e_mV) || !Finite(e_i_mV)) return "synapse reversal potentials must be finite";
    return {};
}

LifPropagators ComputeLifPropagators(const LifParams& p, const SynapseParams& s, double dt_ms) {
    LifPropagators q;
    q.p_m = Exp(-dt_ms / p.tau_m_ms);
    q.one_minus_p_m = 1.0 - q.p_m;
    q.p_e = Exp(-dt_ms / s.tau_e_ms);
    q.p_i = Exp(-dt_ms / s.tau_i_ms);
    q.p_ve = CurrentToVoltagePropagator(p.r_m_MOhm, p.tau_m_ms, s.tau_e_ms, dt_ms);
    q.p_vi = CurrentToVoltagePropagator(p.r_m_MOhm, p.tau_m_ms, s.tau_i_ms, dt_ms);
    q.p_w = Exp(-dt_ms / p.tau_w_ms);
    q.c_nF = p.tau_m_ms / p.r_m_MOhm;
    q.dt_over_c = dt_ms / q.c_nF;
    // Whole steps, rounded to nearest: floating-point time comparisons would make some
    // refractory periods one step longer than others (science.md).
    q.refractory_steps = static_cast<int>(std::floor(p.t_ref_ms / dt_ms + 0.5));
    return q;
}

std::string IzhikevichParams::Validate() const {
    if (!Finite(a) || !Finite(b) || !Finite(c) || !Finite(d)) {
        return "Izhikevich a, b, c, d must be finite numbers";
    }
    if (a <= 0) return "Izhikevich a must be positive";
    if (c >= kIzhikevichPeak_mV) return "Izhikevich c must be below the 30 mV peak";
    return {};
}

IzhikevichParams IzhikevichPreset(IzhikevichType type) {
    switch (type) {  // Izhikevich (2003), Fig. 2; science.md table
        case IzhikevichType::kRS: return {0.02, 0.2, -65.0, 8.0};
        case IzhikevichType::kIB: return {0.02, 0.2, -55.0, 4.0};
        case IzhikevichType::kCH: return {0.02, 0.2, -50.0, 2.0};
        case IzhikevichType::kFS: return {0.1, 0.2, -65.0, 2.0};
        case IzhikevichType::kLTS: return {0.02, 0.25, -65.0, 2.0};
        case IzhikevichType::kTC: return {0.02, 0.25, -65.0, 0.05};
        case IzhikevichType::kRZ: return {0.1, 0.26, -65.0, 2.0};
    }
    return {};
}

const char* IzhikevichTypeName(IzhikevichType type) {
    switch (type) {
        case IzhikevichType::kRS: return "RS";
        case IzhikevichType::kIB: return "IB";
        case IzhikevichType::kCH: return "CH";
        case IzhikevichType::kFS: return "FS";
        case IzhikevichType::kLTS: return "LTS";
        case IzhikevichType::kTC: return "TC";
        case IzhikevichType::kRZ: return "RZ";
    }
    return "?";
}

const std::array<IzhikevichType, kIzhikevichTypeCount>& AllIzhikevichTypes() {
    static const std::array<IzhikevichType, kIzhikevichTypeCount> kAll = {
        IzhikevichType::kRS, IzhikevichType::kIB,  IzhikevichType::kCH, IzhikevichType::kFS,
        IzhikevichType::kLTS, IzhikevichType::kTC, IzhikevichType::kRZ};
    return kAll;
}

}  // namespace dendrites::spiking
