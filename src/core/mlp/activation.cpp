// Activation functions (see activation.h).
#include "core/mlp/activation.h"

#include "core/detmath.h"

namespace dendrites::mlp {

double Activate(Activation f, double z) {
    switch (f) {
        case Activation::Sigmoid:
            // σ(z) = 1/(1+e^−z). For z < 0 use e^z/(1+e^z): exp never overflows either way.
            if (z >= 0.0)
                return 1.0 / (1.0 + Exp(-z));
            else {
                const double e = Exp(z);
                return e / (1.0 + e);
            }
        case Activation::Tanh: return Tanh(z);
        case Activation::Relu: return z > 0.0 ? z : 0.0;
        case Activation::LeakyRelu: return z > 0.0 ? z : kLeakyReluSlope * z;
        case Activation::Linear: return z;
    }
    return z;
}

double ActivationDerivative(Activation f, double z, double a) {
    switch (f) {
        case Activation::Sigmoid: return a * (1.0 - a);  // σ' = σ(1 − σ)
        case Activation::Tanh: return 1.0 - a * a;       // tanh' = 1 − tanh²
        case Activation::Relu: return z > 0.0 ? 1.0 : 0.0;
        case Activation::LeakyRelu: return z > 0.0 ? 1.0 : kLeakyReluSlope;
        case Activation::Linear: return 1.0;
    }
    return 1.0;
}

const char* ActivationName(Activation f) {
    switch (f) {
        case Activation::Sigmoid: return "sigmoid";
        case Activation::Tanh: return "tanh";
        case Activation::Relu: return "relu";
        case Activation::LeakyRelu: return "leaky_relu";
        case Activation::Linear: return "linear";
    }
    return "?";
}

std::optional<Activation> ParseActivation(const std::string& name) {
    for (Activation f : {Activation::Sigmoid, Activation::Tanh, Activation::Relu,
                         Activation::LeakyRelu, Activation::Linear}) {
        if (name == ActivationName(f)) return f;
    }
    if (name == "leakyrelu" || name == "leaky-relu") return Activation::LeakyRelu;
    return std::nullopt;
}

const char* ActivationNameList() {
    return "sigmoid, tanh, relu, leaky_relu, linear";
}

}  // namespace dendrites::mlp
