// How much arithmetic each kind of network does: a clocked MLP touches every weight for every
// sample, a spiking network works only where a spike arrives.
//
// MLP, one sample (batch of one), weight layer l mapping n_l values to n_{l+1}:
//   forward   z = W a + b                  n_{l+1} n_l multiply-adds per layer
//   backward  dL/dW = delta a^T            n_{l+1} n_l per layer
//             delta below = W^T delta      n_{l+1} n_l per layer above the first (the input
//                                          layer needs no delta)
// Biases, activations and the optimizer's update are not multiply-adds and are left out.
//
// Spiking network: each spike of neuron i is delivered once per outgoing synapse after that
// synapse's delay, one "synaptic event" each (a weight added to the target's input). Nothing
// happens at a synapse whose presynaptic cell is silent.
#pragma once

#include <cstdint>
#include <vector>

namespace dendrites::mlp {
class Network;
}
namespace dendrites::spiking {
class Network;
}

namespace dendrites::bridge {

struct MlpWork {
    std::int64_t forward = 0;   // multiply-adds of one forward pass
    std::int64_t backward = 0;  // multiply-adds of one backward pass (gradients and deltas)
    std::int64_t Total() const { return forward + backward; }
};

// For layer widths n_0 .. n_L (as NetworkSpec::layers).
MlpWork MlpWorkPerSample(const std::vector<int>& layers);
MlpWork MlpWorkPerSample(const mlp::Network& net);

// Per neuron, its number of outgoing (active) chemical synapses over every projection.
std::vector<std::int64_t> OutDegrees(const spiking::Network& net);

// Counts synaptic events as a network runs: call Count() after every Step().
class EventCounter {
public:
    explicit EventCounter(const spiking::Network& net) { Rebuild(net); }
    void Rebuild(const spiking::Network& net);  // after the wiring changed
    void Count(const spiking::Network& net);    // the spikes of the step just taken
    std::int64_t Events() const { return events_; }
    std::int64_t Spikes() const { return spikes_; }
    std::int64_t Synapses() const { return synapses_; }  // chemical synapses in the network

private:
    std::vector<std::int64_t> out_degree_;
    std::int64_t events_ = 0, spikes_ = 0, synapses_ = 0;
};

}  // namespace dendrites::bridge
