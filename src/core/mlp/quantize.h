// Quantized copies of a network: what fixed-point weights (as on a microcontroller or in a
// neuromorphic chip's synapses) do to what it has learned.
//
// Per weight layer l, with m = the largest |value| among W[l] and b[l], every weight and bias is
// rounded to the nearest of 2^bits evenly spaced levels from −m to +m (step 2m/(2^bits − 1),
// both ends included). With an even number of levels 0 itself is not a level: at 2 bits the
// levels are ±m/3 and ±m. A layer that is all zeros stays zero.
#pragma once

#include "core/mlp/network.h"

namespace dendrites::mlp {

constexpr int kMinQuantizationBits = 1;
constexpr int kMaxQuantizationBits = 52;  // a step of 2m/(2^52 − 1): about one ulp of m

// `bits` is clamped to [kMinQuantizationBits, kMaxQuantizationBits].
Network QuantizedCopy(const Network& net, int bits);

}  // namespace dendrites::mlp
