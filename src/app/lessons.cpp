// The lessons of the guided tour (see lessons.h). Each query starts from the default
// experiment, so a lesson always opens the same scene whatever came before it.
#include "app/lessons.h"

#include <algorithm>

namespace dendrites::app {
namespace {

constexpr Lesson kLessons[] = {
    {"A simple rule that becomes chaos",
     "The logistic map x' = r x (1 - x) turns one number into the next. At r = 4 two starting "
     "points that differ in the tenth decimal place disagree completely after about 30 steps. "
     "Press Train: the network learns the parabola from 10,000 points of one orbit. Then open the "
     "Chaos test tab: even a very good fit drifts away from the true orbit within a few steps, "
     "because any error is amplified at every step.",
     "lab=mlp&r=4&panels=controls,network,loss,chaos"},
    {"One network for every r",
     "The logistic map is a whole family: small r settles on one value, larger r alternates "
     "between two, four, eight values and then turns chaotic. Give a network r as a second "
     "input and train it on many r at once (press Train in the tab): its bifurcation diagram, "
     "drawn from its own iterates, grows the same cascade as the true one, and shows where its "
     "small errors move the branches.",
     "lab=mlp&panels=controls,loss,family"},
    {"What a multilayer perceptron is",
     "Each circle holds a number. The input x enters on the left; every neuron of the next layer "
     "adds up the layer before it, each value times a weight (the edges: blue positive, orange "
     "negative, thicker is larger), adds a bias and squashes the sum with its activation. The "
     "output is the network's guess of x'. Move the input slider to see the activations change.",
     "lab=mlp&r=4"},
    {"Training: forward, error, backward, update",
     "One training step takes a batch of examples forward through the network, measures the error "
     "against the true x', sends the error backward to find how each weight should change, and "
     "changes them all a little. The sweep below runs by itself, a stage every half second: the "
     "forward pass lights the layers in order, the loss appears at the output, the error flows "
     "back layer by layer (rings: deltas, edges: gradients), then the update. Untick animate "
     "and press Next stage to go at your own pace.",
     "lab=mlp&r=4", LessonStart::kSweepOnline},
    {"The chain rule, and why the sweep has an order",
     "Click any edge of the network. The window shows that weight's gradient as a product of "
     "local factors, one per layer between the weight and the loss, and as the sum over every "
     "path. Backprop gets the same number without listing the paths: it computes each layer's "
     "error once and reuses it for the layer below, so a layer must wait for the one above it.",
     "lab=mlp&r=4&layers=1-4-4-1&act=tanh"},
    {"Vanishing gradients",
     "Five sigmoid layers deep, the first layer receives thousands of times less gradient than "
     "the last: every sigmoid multiplies the backward signal by at most 1/4. The Gradient per "
     "layer tab shows the gap, and how the learning first happens near the output. Try the "
     "activation tanh or relu and compare.",
     "lab=mlp&r=4&layers=1-10-10-10-10-10-1&act=sigmoid&panels=controls,network,gradients,map"},
    {"Online or batch",
     "Online learning updates after every single example: fast, noisy steps. A mini-batch "
     "waits: the sweep below sends four samples through, one after another, adds up their "
     "gradients (the edges show the mean so far) and changes the weights once, with the average. "
     "Switch the sweep to online to compare. Then press Train and compare the loss curves for "
     "batch 1, 16 and the whole data set (10000) as one batch.",
     "lab=mlp&r=4&batch=1", LessonStart::kSweepMiniBatch},
    {"A neuron accumulates and fires",
     "A biological neuron does not compute a smooth function. Its membrane potential adds up "
     "input and leaks back; when it reaches a threshold it fires one all-or-nothing spike, "
     "resets and stays silent for a refractory period. Below a minimum current it never fires; "
     "above it, the rate follows the f-I curve. Press Pulse to add one short kick.",
     "lab=spiking&scene=one-neuron"},
    {"The spike is binary",
     "A spike is either there or not: as a function of the input its derivative is zero "
     "everywhere except at the threshold, where it is infinite. Gradient descent gets no signal "
     "from it. Spiking networks are still trained: surrogate gradients keep the true spike "
     "forward but use a smooth stand-in derivative backward, and gradient-free methods such as "
     "annealing or evolution search the weights directly. At 1.9 nA this cell stays just under "
     "threshold and says nothing at all; move the input to 2.1 nA and it fires.",
     "lab=spiking&scene=one-neuron&iext=1.9"},
    {"Training spikes anyway: surrogate gradients",
     "Two spiking neurons should fire at the marked times, and gradient descent is moving their "
     "100 input weights there. The forward pass fires real, binary spikes; backward, the step "
     "is treated as if it had a smooth slope near threshold (the blue curve), so the error "
     "reaches the weights. Now press Reset, choose 'true derivative' and Train: that gradient is "
     "exactly zero, and nothing moves at all.",
     "lab=bridge&view=surrogate", LessonStart::kRun},
    {"Neurons are not all alike",
     "Seven real cell types under the same input: some fire regularly and slow down, some burst, "
     "some fire fast without tiring, some resonate. An artificial unit is one formula applied "
     "everywhere; a brain mixes cells with different speeds and patterns.",
     "lab=spiking&scene=zoo"},
    {"No global clock, and delays",
     "Here nothing waits for a layer to finish. Each neuron fires when its own potential crosses "
     "threshold, and each spike reaches its target only after that synapse's delay (the moving "
     "dots). Timing itself carries information: change a delay and neuron 3 may fire before or "
     "after the inhibition from neuron 2 arrives. Click a neuron to make it fire.",
     "lab=spiking&scene=delays"},
    {"Clocked and unclocked, side by side",
     "Left, the MLP: a global clock ticks and each layer may compute only on its tick, after "
     "the one before. Every sample costs the same multiply-adds, whatever it is. Right, spiking "
     "cells fire when they are ready and their spikes arrive after delays from 1 to 15 ms; work "
     "happens only where a spike lands, a few percent of what updating every synapse every "
     "millisecond would cost. Both learn at once: backprop from one global error, STDP from the "
     "timing at each synapse.",
     "lab=bridge&view=clock", LessonStart::kRun},
    {"Chemical and electrical synapses",
     "The arrows are chemical synapses: a spike releases transmitter, which after a delay "
     "excites or inhibits the target. The zig-zags are gap junctions: electrical contacts that "
     "let current flow both ways at once, in proportion to the voltage difference, with no spike "
     "needed. Watch neurons 4 and 5 follow neuron 3's voltage without ever firing.",
     "lab=spiking&scene=delays"},
    {"Learning locally: STDP",
     "No error signal reaches this synapse. It strengthens when the postsynaptic cell fires just "
     "after the input arrives and weakens when it fires just before: a rule that uses only what "
     "happens at the synapse. Change the offset between pre and post and watch the weight climb "
     "or fall, along the learning window on the left.",
     "lab=spiking&scene=stdp"},
    {"Wiring that changes",
     "In an artificial network the connections are fixed and only the numbers on them change. "
     "Here weak synapses are removed and new ones grow at random while the network runs: the "
     "graph itself is rewritten (green: just grown, red: just pruned).",
     "lab=spiking&scene=structural"},
    {"Analog and digital",
     "The network of the MLP lab, trained, with every weight rounded to 4 bits: the learned map "
     "turns coarse and its error grows; with 8 bits or more it hardly changes. A membrane "
     "potential is not a stored number at all but a voltage that can change by any amount. The "
     "cell on the right whose potential is rounded to 4 bits loses every change smaller than half "
     "a level and stays stuck below threshold while its continuous twin fires. Move the bits.",
     "lab=bridge&view=analog&bits=4", LessonStart::kTrainedMlp},
    {"Balance between excitation and inhibition",
     "Thousands of neurons, each driven by random input and by its neighbours. With weak "
     "inhibition the population fires in lockstep; with inhibition that balances excitation each "
     "neuron fires irregularly and the population hums asynchronously, the state cortex seems to "
     "prefer. Try the SR and AI buttons and compare the raster, CV and synchrony.",
     "lab=spiking&scene=brunel&g=5&nu=2&panels=controls"},
};

}  // namespace

int LessonCount() {
    return static_cast<int>(sizeof kLessons / sizeof kLessons[0]);
}

const Lesson& LessonAt(int index) {
    return kLessons[std::clamp(index, 0, LessonCount() - 1)];
}

}  // namespace dendrites::app
