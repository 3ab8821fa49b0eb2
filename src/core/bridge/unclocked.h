// The spiking half of the bridge lab's clocked-versus-unclocked screen: a small recurrent
// network of leaky integrate-and-fire cells with no clock and no layers. Each cell fires when
// its own potential crosses threshold, each spike reaches its targets after that synapse's own
// delay (drawn uniformly from [delay_min_ms, delay_max_ms]), and the excitatory synapses between
// excitatory cells learn by pair-based STDP from the timing of the spikes at each synapse.
//
// Cells as in Brunel (2000): potentials relative to rest (E_L = 0), threshold 20 mV, reset
// 10 mV, tau_m 20 ms, t_ref 2 ms, delta synapses (a spike moves V by the weight in mV). Each
// cell gets independent Poisson input of drive_rate_Hz with weight drive_mV: its mean drive
// (rate x weight x tau_m) sits a little below threshold, so the cells fire irregularly, when
// fluctuations and their neighbours push them over.
#pragma once

#include <cstdint>
#include <string>

#include "core/spiking/network.h"

namespace dendrites::bridge {

struct UnclockedParams {
    int n_exc = 12;
    int n_inh = 4;
    double probability = 0.3;   // of each directed pair (no autapses)
    double w_exc_mV = 1.5;      // initial excitatory weight (E->E learns, within [0, w_max])
    double w_inh_mV = -4.0;
    double delay_min_ms = 1.0;
    double delay_max_ms = 15.0;
    double drive_rate_Hz = 1800.0;
    double drive_mV = 0.5;
    double dt_ms = 0.1;
    std::uint64_t seed = 1;

    std::string Validate() const;
};

// Projections of the built network, in order.
constexpr int kExcToExc = 0;  // plastic (STDP)
constexpr int kExcToInh = 1;
constexpr int kInhToExc = 2;
constexpr int kInhToInh = 3;

// Builds into *net (cleared first). Records the traces of cells 0 and 1 and the weights of the
// first four E->E synapses.
spiking::BuildResult BuildUnclocked(const UnclockedParams& params, spiking::Network* net);

}  // namespace dendrites::bridge
