// Activation functions of the hidden layers, each with its derivative beside it.
#pragma once

#include <optional>
#include <string>

namespace dendrites::mlp {

enum class Activation { Sigmoid, Tanh, Relu, LeakyRelu, Linear };

constexpr double kLeakyReluSlope = 0.01;  // slope of leaky ReLU for z < 0

// a = f(z). Safe for any finite z: no overflow in exp, no NaN.
double Activate(Activation f, double z);
// da/dz, given both z and a = f(z) (sigmoid and tanh are cheapest from a).
double ActivationDerivative(Activation f, double z, double a);

const char* ActivationName(Activation f);                            // "sigmoid", "tanh", ...
std::optional<Activation> ParseActivation(const std::string& name);  // inverse of the above
const char* ActivationNameList();                                    // "sigmoid, tanh, ..."

}  // namespace dendrites::mlp
