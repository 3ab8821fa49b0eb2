// Neuron models of the spiking lab: leaky integrate-and-fire (with optional adaptation) and
// Izhikevich (2003). Parameters, propagators and the per-step update formulas live here; the
// state arrays live in Network (structure of arrays, one entry per neuron).
//
// [SECTION] Leaky integrate-and-fire (LIF)
//
//   tau_m dV/dt = -(V - E_L) + R (I_ext + I_syn + I_gap - w)
//   tau_e dI_e/dt = -I_e,   tau_i dI_i/dt = -I_i          (current-based synapses, nA)
//   tau_w dw/dt = -w,       w := w + b at each spike       (adaptation, off when b = 0)
//   V >= V_th: spike, V := V_reset, V held there for round(t_ref / dt) whole steps.
//
//   Integration: exact. Between steps the system is linear with constant I_ext, so
//     V(t+dt) = E_L + (V - E_L) P_m + R I (1 - P_m) + P_e I_e + P_i I_i
//   with P_m = exp(-dt/tau_m) and, for an exponentially decaying current,
//     P_x = R tau_x / (tau_x - tau_m) (exp(-dt/tau_x) - exp(-dt/tau_m))   [mV/nA]
//   (limit R dt/tau_m exp(-dt/tau_m) when tau_x = tau_m). The gap-junction and adaptation
//   currents are held constant over one step (they depend on V and are first-order accurate).
//   Conductance-based synapses (C dV/dt = -g_L(V-E_L) + g_e(E_e-V) + g_i(E_i-V) + I) make
//   the equation time-varying; they use the Crank-Nicolson (trapezoidal) step of the linear
//   relaxation towards V_inf with the conductances of the step start: second order,
//   unconditionally stable and free of libm calls (so native and WebAssembly agree).
//   During refractoriness V = V_reset exactly and input has no effect on V; synaptic
//   variables keep decaying and accumulating.
//
//   | parameter     | default | unit | meaning                                          |
//   |---------------|---------|------|--------------------------------------------------|
//   | e_l_mV        | -70     | mV   | resting (leak reversal) potential                |
//   | v_reset_mV    | -65     | mV   | potential after a spike                          |
//   | v_th_mV       | -50     | mV   | firing threshold                                 |
//   | r_m_MOhm      | 10      | MOhm | membrane resistance (C = tau_m / R)              |
//   | tau_m_ms      | 8       | ms   | membrane time constant                           |
//   | t_ref_ms      | 2       | ms   | absolute refractory period (rounded to steps)    |
//   | adapt_b_nA    | 0       | nA   | adaptation current added at each spike           |
//   | tau_w_ms      | 100     | ms   | adaptation time constant                         |
//   Defaults: Neuronal Dynamics exercises (science.md, LIF table, first set).
//
// [SECTION] Izhikevich (2003)
//
//   v' = 0.04 v^2 + 5 v + 140 - u + I,   u' = a (b v - u);   v >= 30 mV: v := c, u := u + d
//   (v in mV, t in ms, I in the paper's dimensionless current units).
//   Integration as in the paper: v takes two forward-Euler half-steps of dt/2 (0.5 ms each at
//   the paper's dt = 1 ms), then u one step of dt using the new v. v is clipped to the 30 mV
//   peak after each half-step and floored at kIzhikevichFloor_mV, so v stays finite for any
//   finite input.
//
//   | type | a    | b    | c   | d    |   (science.md, Izhikevich 2003 Fig. 2)
//   | RS   | 0.02 | 0.2  | -65 | 8    |
//   | IB   | 0.02 | 0.2  | -55 | 4    |
//   | CH   | 0.02 | 0.2  | -50 | 2    |
//   | FS   | 0.1  | 0.2  | -65 | 2    |
//   | LTS  | 0.02 | 0.25 | -65 | 2    |
//   | TC   | 0.02 | 0.25 | -65 | 0.05 |
//   | RZ   | 0.1  | 0.26 | -65 | 2    |
#pragma once

#include <array>
#include <string>

namespace dendrites::spiking {

// ---------------------------------------------------------------------------------------------
// [SECTION] Leaky integrate-and-fire
// ---------------------------------------------------------------------------------------------

struct LifParams {
    double e_l_mV = -70.0;      // resting potential
    double v_reset_mV = -65.0;  // reset potential
    double v_th_mV = -50.0;     // threshold
    double r_m_MOhm = 10.0;     // membrane resistance
    double tau_m_ms = 8.0;      // membrane time constant
    double t_ref_ms = 2.0;      // absolute refractory period
    double adapt_b_nA = 0.0;    // spike-triggered adaptation increment (0: plain LIF)
    double tau_w_ms = 100.0;    // adaptation time constant

    // Empty when the parameters are usable, otherwise a message naming the bad field.
    std::string Validate() const;
    // Rheobase I_th = (V_th - E_L) / R: the smallest constant current that makes the cell fire.
    double RheobaseNanoamp() const { return (v_th_mV - e_l_mV) / r_m_MOhm; }
};

// Closed-form interspike interval for constant current (science.md):
// ISI = t_ref + tau_m ln[(R I + E_L - V_reset) / (R I + E_L - V_th)]; infinity below rheobase.
double LifClosedFormIsiMs(const LifParams& p, double i_nA);

// How an exponential synapse acts on its target.
enum class SynapseKind {
    kCurrent,      // I_x (nA) decays with tau_x and adds to the membrane current
    kConductance,  // g_x (uS) decays with tau_x; current g_x (E_x - V)
};

// Receptor parameters of a target population (one excitatory, one inhibitory channel).
struct SynapseParams {
    SynapseKind kind = SynapseKind::kCurrent;
    double tau_e_ms = 5.0;   // excitatory decay time
    double tau_i_ms = 10.0;  // inhibitory decay time
    double e_e_mV = 0.0;     // excitatory reversal (conductance synapses only)
    double e_i_mV = -80.0;   // inhibitory reversal (conductance synapses only)

    std::string Validate() const;
};

// Step factors precomputed from the parameters and dt (the only exp() calls of the model).
struct LifPropagators {
    double p_m = 0.0;          // exp(-dt/tau_m)
    double one_minus_p_m = 0;  // 1 - p_m
    double p_e = 0.0;          // exp(-dt/tau_e)
    double p_i = 0.0;          // exp(-dt/tau_i)
    double p_ve = 0.0;         // effect of I_e on V over one step (mV/nA)
    double p_vi = 0.0;         // effect of I_i on V over one step (mV/nA)
    double p_w = 0.0;          // exp(-dt/tau_w)
    double c_nF = 0.0;         // membrane capacitance tau_m / R
    double dt_over_c = 0.0;    // dt / C (ms/nF) for the Crank-Nicolson step
    int refractory_steps = 0;  // round(t_ref / dt)
};

LifPropagators ComputeLifPropagators(const LifParams& p, const SynapseParams& s, double dt_ms);

// ---------------------------------------------------------------------------------------------
// [SECTION] Izhikevich
// ---------------------------------------------------------------------------------------------

constexpr double kIzhikevichPeak_mV = 30.0;
// Lower bound on v: far below any reversal potential, only reached under absurd input.
constexpr double kIzhikevichFloor_mV = -150.0;

struct IzhikevichParams {
    double a = 0.02;  // recovery rate (1/ms)
    double b = 0.2;   // sensitivity of u to v
    double c = -65;   // reset value of v (mV)
    double d = 8;     // increment of u at a spike

    std::string Validate() const;
};

enum class IzhikevichType { kRS, kIB, kCH, kFS, kLTS, kTC, kRZ };
constexpr int kIzhikevichTypeCount = 7;

IzhikevichParams IzhikevichPreset(IzhikevichType type);
const char* IzhikevichTypeName(IzhikevichType type);  // "RS", "IB", ...
const std::array<IzhikevichType, kIzhikevichTypeCount>& AllIzhikevichTypes();

// One step of the paper's scheme; returns true on a spike (v and u already reset then).
inline bool IzhikevichStep(const IzhikevichParams& p, double i_input, double dt_ms, double* v,
                           double* u) {
    const double half = 0.5 * dt_ms;
    double vv = *v;
    for (int k = 0; k < 2; ++k) {
        vv += half * ((0.04 * vv + 5.0) * vv + 140.0 - *u + i_input);
        if (vv >= kIzhikevichPeak_mV) {
            vv = kIzhikevichPeak_mV;
            break;
        }
        if (!(vv > kIzhikevichFloor_mV)) vv = kIzhikevichFloor_mV;  // also catches NaN
    }
    *u += dt_ms * p.a * (p.b * vv - *u);
    if (vv >= kIzhikevichPeak_mV) {
        *v = p.c;
        *u += p.d;
        return true;
    }
    *v = vv;
    return false;
}

}  // namespace dendrites::spiking
