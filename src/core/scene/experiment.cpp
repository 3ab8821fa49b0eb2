// Experiments as JSON and as URL queries (see experiment.h).
//
// [SECTION] Index
//   Text helpers ............ FormatNumber, Printable, percent coding
//   Enum names .............. sampling, init, neuron model, STDP mode
//   Validation .............. SceneProblem, Experiment::Validate
//   JSON layout ............. Visit(visitor, struct): one list of keys for writing and reading
//   JSON writer and reader .. JsonWriter, JsonReader, ToJson, FromJson, FromJsonText
//   Query keys .............. the key table of experiment.h
//   Query ................... ToQuery, ApplyQuery
#include "core/scene/experiment.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <utility>

namespace dendrites::scene {
namespace {

using nlohmann::json;
using spiking::SceneKind;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint64_t kMaxSeed = std::numeric_limits<std::uint64_t>::max();
constexpr char kHexDigits[] = "0123456789ABCDEF";
constexpr std::size_t kMaxMessages = 50;  // notices or warnings kept from one call

// JSON keys of the scenes, in SceneKind order.
constexpr const char* kSceneKeys[spiking::kSceneCount] = {
    "one_neuron", "zoo", "delays", "izhikevich_1000", "brunel", "stdp", "structural", "cuba"};

// ---------------------------------------------------------------------------------------------
// [SECTION] Text helpers
// ---------------------------------------------------------------------------------------------

// The shortest text that reads back to the same double (nlohmann's dtoa, locale-free), with
// "3.0" written as "3" and the exponent trimmed: "1e-06" -> "1e-6", "1e+20" -> "1e20".
std::string FormatNumber(double x) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::string s = json(x).dump();
    const std::size_t e = s.find('e');
    if (e == std::string::npos) {
        if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
        return s;
    }
    std::size_t digits = e + 1;
    const bool negative = digits < s.size() && s[digits] == '-';
    if (digits < s.size() && (s[digits] == '-' || s[digits] == '+')) ++digits;
    while (digits + 1 < s.size() && s[digits] == '0') ++digits;
    return s.substr(0, e) + (negative ? "e-" : "e") + s.substr(digits);
}

template <typename Integer>
std::string FormatInt(Integer x) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, x).ptr;
    return std::string(buffer, end);
}

// Text safe to show anywhere: printable ASCII kept, every other byte as \xNN, cut at max_chars.
std::string Printable(const std::string& s, std::size_t max_chars = 40) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == max_chars) return out + "...";
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x7f) {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += kHexDigits[c >> 4];
            out += kHexDigits[c & 15];
        }
    }
    return out;
}

// A key as one JSON pointer token (RFC 6901: '~' -> "~0", '/' -> "~1").
std::string PointerToken(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes %XX escapes and '+' (a space); false on a malformed escape.
bool PercentDecode(const std::string& in, std::string* out) {
    out->clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+') {
            *out += ' ';
        } else if (in[i] != '%') {
            *out += in[i];
        } else {
            if (i + 2 >= in.size()) return false;
            const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
            if (hi < 0 || lo < 0) return false;
            *out += static_cast<char>(hi * 16 + lo);
            i += 2;
        }
    }
    return true;
}

// Keeps the unreserved characters of RFC 3986, escapes the rest.
std::string PercentEncode(const std::string& in) {
    std::string out;
    for (char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
        if (plain) {
            out += ch;
        } else {
            out += '%';
            out += kHexDigits[c >> 4];
            out += kHexDigits[c & 15];
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Enum names (those without a name function elsewhere in the core)
// ---------------------------------------------------------------------------------------------

const char* SamplingName(logistic::Sampling s) {
    return s == logistic::Sampling::Uniform ? "uniform" : "orbit";
}

bool ParseSampling(const std::string& name, logistic::Sampling* s) {
    if (name == "orbit")
        *s = logistic::Sampling::Orbit;
    else if (name == "uniform")
        *s = logistic::Sampling::Uniform;
    else
        return false;
    return true;
}

bool ParseInit(const std::string& name, mlp::Init* init) {
    for (mlp::Init i : {mlp::Init::Auto, mlp::Init::Xavier, mlp::Init::He, mlp::Init::FanIn}) {
        if (name == mlp::InitName(i)) {
            *init = i;
            return true;
        }
    }
    return false;
}

bool ParseActivationName(const std::string& name, mlp::Activation* f) {
    const auto parsed = mlp::ParseActivation(name);
    if (parsed) *f = *parsed;
    return parsed.has_value();
}

bool ParseOptimizerName(const std::string& name, mlp::OptimizerKind* kind) {
    const auto parsed = mlp::ParseOptimizer(name);
    if (parsed) *kind = *parsed;
    return parsed.has_value();
}

const char* ModelName(spiking::NeuronModel model) {
    switch (model) {
        case spiking::NeuronModel::kLif: return "lif";
        case spiking::NeuronModel::kIzhikevich: return "izhikevich";
        case spiking::NeuronModel::kPoissonSource: return "poisson-source";
        case spiking::NeuronModel::kPeriodicSource: return "periodic-source";
    }
    return "?";
}

// The one-neuron scene takes a LIF or an Izhikevich cell, nothing else.
bool ParseModel(const std::string& name, spiking::NeuronModel* model) {
    if (name == "lif")
        *model = spiking::NeuronModel::kLif;
    else if (name == "izhikevich")
        *model = spiking::NeuronModel::kIzhikevich;
    else
        return false;
    return true;
}

const char* StdpModeName(spiking::StdpMode mode) {
    return mode == spiking::StdpMode::kPoissonInputs ? "poisson" : "pairing";
}

bool ParseStdpMode(const std::string& name, spiking::StdpMode* mode) {
    if (name == "pairing")
        *mode = spiking::StdpMode::kPairing;
    else if (name == "poisson")
        *mode = spiking::StdpMode::kPoissonInputs;
    else
        return false;
    return true;
}

bool ValidLab(const std::string& lab) {
    return lab == "mlp" || lab == "spiking" || lab == "bridge";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Validation
// ---------------------------------------------------------------------------------------------

struct Problem {
    std::string path;     // JSON pointer below the scene's object ("" for the scene itself)
    std::string message;  // empty: no problem
};

// The synapse lists of the delays scene, which its Validate leaves to the builder.
Problem DelaysProblem(const spiking::DelaysScene& d) {
    const auto is_neuron = [&d](int i) { return i >= 0 && i < d.neurons; };
    const std::string graph = " is not one of the graph's " + FormatInt(d.neurons) + " neurons";
    for (std::size_t i = 0; i < d.chemical.size(); ++i) {
        const spiking::ExplicitSynapse& s = d.chemical[i];
        const std::string path = "/chemical/" + FormatInt(i);
        if (!is_neuron(s.pre)) return {path + "/pre", FormatInt(s.pre) + graph};
        if (!is_neuron(s.post)) return {path + "/post", FormatInt(s.post) + graph};
        if (!std::isfinite(s.weight)) return {path + "/weight", "must be a finite number"};
        if (!std::isfinite(s.delay_ms) || s.delay_ms < 0) {
            return {path + "/delay_ms", "must be a finite number >= 0"};
        }
    }
    for (std::size_t i = 0; i < d.electrical.size(); ++i) {
        const spiking::GapJunction& g = d.electrical[i];
        const std::string path = "/electrical/" + FormatInt(i);
        if (!is_neuron(g.a)) return {path + "/a", FormatInt(g.a) + graph};
        if (!is_neuron(g.b)) return {path + "/b", FormatInt(g.b) + graph};
        if (g.a == g.b) return {path, "a gap junction needs two different neurons"};
        if (!std::isfinite(g.g_uS) || g.g_uS < 0) return {path + "/g_uS", "must be >= 0"};
    }
    return {};
}

// What is wrong with one scene of `c` (its Validate, plus what the JSON can hold beyond it).
Problem SceneProblem(const spiking::SceneConfig& c, SceneKind kind) {
    std::string e;
    switch (kind) {
        case SceneKind::kOneNeuron:
            e = c.one_neuron.Validate();
            if (e.empty()) e = c.one_neuron.lif.Validate();
            if (e.empty()) e = c.one_neuron.izhikevich.Validate();
            break;
        case SceneKind::kZoo: e = c.zoo.Validate(); break;
        case SceneKind::kDelays:
            e = c.delays.Validate();
            if (e.empty()) return DelaysProblem(c.delays);
            break;
        case SceneKind::kIzhikevich1000: e = c.izhikevich_1000.Validate(); break;
        case SceneKind::kBrunel: e = c.brunel.Validate(); break;
        case SceneKind::kStdp: e = c.stdp.Validate(); break;
        case SceneKind::kStructural: e = c.structural.Validate(); break;
        case SceneKind::kCuba: e = c.cuba.Validate(); break;
    }
    return {"", e};
}

// Copies one scene's parameters (used to take back a rejected change).
void CopyScene(const spiking::SceneConfig& from, SceneKind kind, spiking::SceneConfig* to) {
    switch (kind) {
        case SceneKind::kOneNeuron: to->one_neuron = from.one_neuron; break;
        case SceneKind::kZoo: to->zoo = from.zoo; break;
        case SceneKind::kDelays: to->delays = from.delays; break;
        case SceneKind::kIzhikevich1000: to->izhikevich_1000 = from.izhikevich_1000; break;
        case SceneKind::kBrunel: to->brunel = from.brunel; break;
        case SceneKind::kStdp: to->stdp = from.stdp; break;
        case SceneKind::kStructural: to->structural = from.structural; break;
        case SceneKind::kCuba: to->cuba = from.cuba; break;
    }
}

bool ValidSceneKind(SceneKind kind) {
    const int k = static_cast<int>(kind);
    return k >= 0 && k < spiking::kSceneCount;
}

}  // namespace

const char* BridgeViewName(BridgeView view) {
    switch (view) {
        case BridgeView::kClock: return "clock";
        case BridgeView::kAnalog: return "analog";
        case BridgeView::kSurrogate: return "surrogate";
    }
    return "?";
}

bool ParseBridgeView(const std::string& name, BridgeView* view) {
    for (BridgeView v : {BridgeView::kClock, BridgeView::kAnalog, BridgeView::kSurrogate}) {
        if (name == BridgeViewName(v)) {
            *view = v;
            return true;
        }
    }
    return false;
}

std::string Experiment::Validate() const {
    if (!ValidLab(lab))
        return "/lab: must be \"mlp\", \"spiking\" or \"bridge\" (got \"" + Printable(lab) + "\")";
    if (bridge.bits < kMinBridgeBits || bridge.bits > kMaxBridgeBits)
        return "/bridge/bits: must be " + FormatInt(kMinBridgeBits) + " to " +
               FormatInt(kMaxBridgeBits) + " (got " + FormatInt(bridge.bits) + ")";
    if (auto e = mlp.Validate(); !e.empty()) return "/mlp: " + e;
    if (!ValidSceneKind(spiking.kind)) return "/spiking/scene: not a scene";
    for (int k = 0; k < spiking::kSceneCount; ++k) {
        const Problem p = SceneProblem(spiking, static_cast<SceneKind>(k));
        if (!p.message.empty()) {
            return std::string("/spiking/") + kSceneKeys[k] + p.path + ": " + p.message;
        }
    }
    return {};
}

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] JSON layout
// ---------------------------------------------------------------------------------------------
// Each Visit lists a struct's keys once; JsonWriter writes them and JsonReader reads them, so
// the two cannot drift apart. A visitor V offers Real, Int, Seed, Bool, Lab, Choice, Layers,
// Object and Array. The ranges are those the Validate() methods accept (the query's are
// narrower); combinations (v_reset < v_th, ...) are left to Experiment::Validate.

// Accepted values of a real member: lo..hi, each end open or closed; the value must be finite.
struct Range {
    double lo = -kInf;
    double hi = kInf;
    bool lo_open = false;
    bool hi_open = false;
};
constexpr Range kAnyFinite{};
constexpr Range kPositive{0, kInf, true, false};
constexpr Range kNonNegative{0, kInf, false, false};
constexpr Range kUnit{0, 1, false, false};
constexpr Range kDecay{0, 1, false, true};  // [0, 1): momentum, rho, beta1, beta2
constexpr Range kDt{0, 10, true, false};    // (0, 10] ms, as CheckDt in scenes.cpp
constexpr int kMaxInt = std::numeric_limits<int>::max();

template <class V>
void VisitCommon(V& v, double& dt_ms, std::uint64_t& seed) {
    v.Real("dt_ms", dt_ms, kDt);
    v.Seed("seed", seed);
}

template <class V>
void Visit(V& v, logistic::DataParams& d) {
    v.Real("r", d.r, {0, 4});
    v.Int("samples", d.samples, 2, 1000000);
    v.Real("x0", d.x0, kUnit);
    v.Choice("sampling", d.sampling, SamplingName, ParseSampling, "orbit, uniform");
    v.Real("noise_std", d.noise_std, kUnit);
    v.Real("test_fraction", d.test_fraction, {0, 0.9});
}

template <class V>
void Visit(V& v, mlp::NetworkSpec& n) {
    v.Layers("layers", n.layers);
    v.Choice("activation", n.hidden, mlp::ActivationName, ParseActivationName,
             mlp::ActivationNameList());
    v.Choice("init", n.init, mlp::InitName, ParseInit, "auto, xavier, he, fan_in");
}

template <class V>
void Visit(V& v, mlp::OptimizerParams& o) {
    v.Choice("kind", o.kind, mlp::OptimizerName, ParseOptimizerName, mlp::OptimizerNameList());
    v.Real("lr", o.lr, {0, 10, true, false});
    v.Real("momentum", o.momentum, kDecay);
    v.Real("rho", o.rho, kDecay);
    v.Real("beta1", o.beta1, kDecay);
    v.Real("beta2", o.beta2, kDecay);
    v.Real("epsilon", o.epsilon, {0, 1, true, true});
}

template <class V>
void Visit(V& v, mlp::TrainerConfig& c) {
    v.Object("data", [&] { Visit(v, c.data); });
    v.Object("network", [&] { Visit(v, c.network); });
    v.Object("optimizer", [&] { Visit(v, c.optimizer); });
    v.Int("batch", c.batch, 1, kMaxInt);
    v.Bool("shuffle", c.shuffle);
    v.Int("eval_points", c.eval_points, 1, 100000);
    v.Seed("seed", c.seed);
    v.Numbers("initial_weights", c.initial_weights);
}

template <class V>
void Visit(V& v, spiking::LifParams& p) {
    v.Real("e_l_mV", p.e_l_mV, kAnyFinite);
    v.Real("v_reset_mV", p.v_reset_mV, kAnyFinite);
    v.Real("v_th_mV", p.v_th_mV, kAnyFinite);
    v.Real("r_m_MOhm", p.r_m_MOhm, kPositive);
    v.Real("tau_m_ms", p.tau_m_ms, kPositive);
    v.Real("t_ref_ms", p.t_ref_ms, kNonNegative);
    v.Real("adapt_b_nA", p.adapt_b_nA, kAnyFinite);
    v.Real("tau_w_ms", p.tau_w_ms, kPositive);
}

template <class V>
void Visit(V& v, spiking::IzhikevichParams& p) {
    v.Real("a", p.a, kPositive);
    v.Real("b", p.b, kAnyFinite);
    v.Real("c", p.c, {-kInf, spiking::kIzhikevichPeak_mV, false, true});
    v.Real("d", p.d, kAnyFinite);
}

template <class V>
void Visit(V& v, spiking::StdpParams& p) {
    v.Real("a_plus", p.a_plus, kNonNegative);
    v.Real("a_minus", p.a_minus, kNonNegative);
    v.Real("tau_plus_ms", p.tau_plus_ms, kPositive);
    v.Real("tau_minus_ms", p.tau_minus_ms, kPositive);
    v.Real("w_min", p.w_min, kAnyFinite);
    v.Real("w_max", p.w_max, kAnyFinite);
}

template <class V>
void Visit(V& v, spiking::StructuralParams& p) {
    v.Real("interval_ms", p.interval_ms, kPositive);
    v.Real("prune_below", p.prune_below, kAnyFinite);
    v.Real("grow_probability", p.grow_probability, kUnit);
    v.Real("grow_weight", p.grow_weight, kAnyFinite);
}

template <class V>
void Visit(V& v, spiking::OneNeuronScene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Choice("model", s.model, ModelName, ParseModel, "lif, izhikevich");
    v.Object("lif", [&] { Visit(v, s.lif); });
    v.Object("izhikevich", [&] { Visit(v, s.izhikevich); });
    v.Real("i_ext", s.i_ext, kAnyFinite);
    v.Real("i_start_ms", s.i_start_ms, kNonNegative);
    v.Real("noise_sd", s.noise_sd, kNonNegative);
}

template <class V>
void Visit(V& v, spiking::ZooScene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Real("i_ext", s.i_ext, kAnyFinite);
    v.Real("i_start_ms", s.i_start_ms, kNonNegative);
}

template <class V>
void Visit(V& v, spiking::ExplicitSynapse& s) {
    v.Int("pre", s.pre, 0, 999);
    v.Int("post", s.post, 0, 999);
    v.Real("weight", s.weight, kAnyFinite);
    v.Real("delay_ms", s.delay_ms, kNonNegative);
}

template <class V>
void Visit(V& v, spiking::GapJunction& g) {
    v.Int("a", g.a, 0, 999);
    v.Int("b", g.b, 0, 999);
    v.Real("g_uS", g.g_uS, kNonNegative);
}

template <class V>
void Visit(V& v, spiking::DelaysScene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Int("neurons", s.neurons, 2, 1000);
    v.Real("drive_nA", s.drive_nA, kAnyFinite);
    v.Array("chemical", s.chemical, 10000, [&](spiking::ExplicitSynapse& x) { Visit(v, x); });
    v.Array("electrical", s.electrical, 10000, [&](spiking::GapJunction& x) { Visit(v, x); });
}

template <class V>
void Visit(V& v, spiking::Izhikevich1000Scene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Int("n_exc", s.n_exc, 1, 20000);
    v.Int("n_inh", s.n_inh, 1, 20000);
    v.Real("thalamic_exc", s.thalamic_exc, kNonNegative);
    v.Real("thalamic_inh", s.thalamic_inh, kNonNegative);
}

template <class V>
void Visit(V& v, spiking::BrunelScene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Real("scale", s.scale, {0.01, 2});
    v.Real("g", s.g, kNonNegative);
    v.Real("nu_ratio", s.nu_ratio, kNonNegative);
    v.Real("epsilon", s.epsilon, {0, 1, true, false});
    v.Real("j_c_e_mV", s.j_c_e_mV, kAnyFinite);
    v.Real("delay_ms", s.delay_ms, kNonNegative);
    v.Real("tau_m_ms", s.tau_m_ms, kPositive);
    v.Real("theta_mV", s.theta_mV, kAnyFinite);
    v.Real("v_reset_mV", s.v_reset_mV, kAnyFinite);
    v.Real("t_ref_ms", s.t_ref_ms, kNonNegative);
}

template <class V>
void Visit(V& v, spiking::StdpScene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Choice("mode", s.mode, StdpModeName, ParseStdpMode, "pairing, poisson");
    v.Object("stdp", [&] { Visit(v, s.stdp); });
    v.Real("pairing_dt_ms", s.pairing_dt_ms, kAnyFinite);
    v.Real("pairing_period_ms", s.pairing_period_ms, kPositive);
    v.Real("delay_ms", s.delay_ms, kNonNegative);
    v.Real("initial_weight", s.initial_weight, kAnyFinite);
    v.Int("inputs", s.inputs, 1, 100000);
    v.Real("input_rate_Hz", s.input_rate_Hz, kNonNegative);
}

template <class V>
void Visit(V& v, spiking::StructuralScene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Int("neurons", s.neurons, 2, 2000);
    v.Real("probability", s.probability, kUnit);
    v.Real("noise_mean_nA", s.noise_mean_nA, kAnyFinite);
    v.Real("noise_sd_nA", s.noise_sd_nA, kNonNegative);
    v.Object("stdp", [&] { Visit(v, s.stdp); });
    v.Object("structural", [&] { Visit(v, s.structural); });
}

template <class V>
void Visit(V& v, spiking::CubaScene& s) {
    VisitCommon(v, s.dt_ms, s.seed);
    v.Int("n_exc", s.n_exc, 1, 200000);
    v.Int("n_inh", s.n_inh, 1, 200000);
    v.Real("probability", s.probability, kUnit);
    v.Real("w_e_mV", s.w_e_mV, kAnyFinite);
    v.Real("w_i_mV", s.w_i_mV, kAnyFinite);
    v.Real("r_m_MOhm", s.r_m_MOhm, kPositive);
}

template <class V>
void Visit(V& v, spiking::SceneConfig& c) {
    v.Choice("scene", c.kind, spiking::SceneName, spiking::ParseSceneName,
             spiking::SceneNameList());
    v.Object(kSceneKeys[0], [&] { Visit(v, c.one_neuron); });
    v.Object(kSceneKeys[1], [&] { Visit(v, c.zoo); });
    v.Object(kSceneKeys[2], [&] { Visit(v, c.delays); });
    v.Object(kSceneKeys[3], [&] { Visit(v, c.izhikevich_1000); });
    v.Object(kSceneKeys[4], [&] { Visit(v, c.brunel); });
    v.Object(kSceneKeys[5], [&] { Visit(v, c.stdp); });
    v.Object(kSceneKeys[6], [&] { Visit(v, c.structural); });
    v.Object(kSceneKeys[7], [&] { Visit(v, c.cuba); });
}

// Everything after "format" and "version".
template <class V>
void Visit(V& v, Experiment& e) {
    v.Lab("lab", e.lab);
    v.Object("mlp", [&] { Visit(v, e.mlp); });
    v.Object("spiking", [&] { Visit(v, e.spiking); });
    v.Object("bridge", [&] {
        v.Choice("view", e.bridge.view, BridgeViewName, ParseBridgeView, kBridgeViewNames);
        v.Int("bits", e.bridge.bits, kMinBridgeBits, kMaxBridgeBits);
    });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] JSON writer and reader
// ---------------------------------------------------------------------------------------------

// Writes the visited members into a JSON object (json, or ordered_json for files).
template <typename Json>
class JsonWriter {
public:
    explicit JsonWriter(Json* root) { stack_.push_back(root); }

    void Real(const char* key, double& x, const Range&) {
        Top()[key] = std::isfinite(x) ? Json(x) : Json(nullptr);  // never a NaN or infinity
    }
    void Int(const char* key, int& x, int, int) { Top()[key] = x; }
    void Seed(const char* key, std::uint64_t& x) { Top()[key] = x; }
    void Bool(const char* key, bool& x) { Top()[key] = x; }
    void Lab(const char* key, std::string& lab) { Top()[key] = lab; }
    template <typename E, typename Parse>
    void Choice(const char* key, E& x, const char* (*name)(E), Parse, const std::string&) {
        Top()[key] = name(x);
    }
    void Layers(const char* key, std::vector<int>& widths) { Top()[key] = widths; }
    // Written only when there are any (a list of finite numbers; Validate checks them).
    void Numbers(const char* key, std::vector<double>& xs) {
        if (xs.empty()) return;
        Json list = Json::array();
        for (double x : xs) list.push_back(std::isfinite(x) ? Json(x) : Json(nullptr));
        Top()[key] = std::move(list);
    }

    template <typename F>
    void Object(const char* key, F&& visit) {
        Json child = Json::object();
        stack_.push_back(&child);
        visit();
        stack_.pop_back();
        Top()[key] = std::move(child);
    }
    template <typename T, typename F>
    void Array(const char* key, std::vector<T>& items, std::size_t, F&& visit_item) {
        Json list = Json::array();
        for (T& item : items) {
            Json child = Json::object();
            stack_.push_back(&child);
            visit_item(item);
            stack_.pop_back();
            list.push_back(std::move(child));
        }
        Top()[key] = std::move(list);
    }

private:
    Json& Top() { return *stack_.back(); }
    std::vector<Json*> stack_;
};

// " (got ...)" for messages: scalars shown (strings cut short), containers named.
std::string Got(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return " (got null)";
        case json::value_t::boolean: return j.get<bool>() ? " (got true)" : " (got false)";
        case json::value_t::string:
            return " (got \"" + Printable(j.get_ref<const std::string&>()) + "\")";
        case json::value_t::number_integer:
            return " (got " + FormatInt(j.get<std::int64_t>()) + ")";
        case json::value_t::number_unsigned:
            return " (got " + FormatInt(j.get<std::uint64_t>()) + ")";
        case json::value_t::number_float: return " (got " + FormatNumber(j.get<double>()) + ")";
        case json::value_t::array: return " (got an array)";
        case json::value_t::object: return " (got an object)";
        case json::value_t::binary: return " (got binary data)";
        case json::value_t::discarded: return " (got nothing)";
    }
    return {};
}

// A JSON number with no fractional part, as a double (exact below 2^53, enough for ranges).
bool WholeNumber(const json& j, double* x) {
    if (j.is_number_unsigned())
        *x = static_cast<double>(j.get<std::uint64_t>());
    else if (j.is_number_integer())
        *x = static_cast<double>(j.get<std::int64_t>());
    else if (j.is_number_float())
        *x = j.get<double>();
    else
        return false;
    return std::isfinite(*x) && std::floor(*x) == *x;
}

bool AboveLow(double x, const Range& r) {
    return x > r.lo || (!r.lo_open && x == r.lo);
}
bool BelowHigh(double x, const Range& r) {
    return x < r.hi || (!r.hi_open && x == r.hi);
}

std::string RangeProblem(double x, const Range& r) {
    if (!AboveLow(x, r) && r.lo == 0)
        return r.lo_open ? "must be positive" : "must not be negative";
    if (r.lo == -kInf)
        return (r.hi_open ? "must be below " : "must be at most ") + FormatNumber(r.hi);
    if (r.hi == kInf)
        return (r.lo_open ? "must be above " : "must be at least ") + FormatNumber(r.lo);
    return "must be in " + std::string(r.lo_open ? "(" : "[") + FormatNumber(r.lo) + ", " +
           FormatNumber(r.hi) + (r.hi_open ? ")" : "]");
}

// Reads the visited members from a JSON object: checks each value's type and range, stops at the
// first error (named by its JSON pointer) and warns about keys no visit asked for.
class JsonReader {
public:
    explicit JsonReader(const json& root) { stack_.push_back({&root, "", {}, 0}); }

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }
    std::vector<std::string>& warnings() { return warnings_; }

    void Format() {
        const json* j = Find("format");
        if (!ok()) return;
        if (!j) {
            return Fail("format", std::string("missing: not a Dendrites experiment (expected "
                                              "\"format\": \"") +
                                      kExperimentFormat + "\")");
        }
        if (!j->is_string() || j->get_ref<const std::string&>() != kExperimentFormat) {
            return Fail("format", std::string("must be \"") + kExperimentFormat + "\"" + Got(*j));
        }
    }
    void Version() {
        const json* j = Find("version");
        if (!ok()) return;
        const std::string newest = FormatInt(kExperimentVersion);
        if (!j) return Fail("version", "missing (this build reads versions 1 to " + newest + ")");
        double x = 0;
        if (!WholeNumber(*j, &x) || x < 1) return Fail("version", "must be 1 or more" + Got(*j));
        if (x > kExperimentVersion) {
            return Fail("version", "version " + FormatNumber(x) +
                                       " is newer than this build reads (" + newest + ")");
        }
    }

    void Real(const char* key, double& x, const Range& range) {
        const json* j = Find(key);
        if (!j) return;
        if (!j->is_number()) return Fail(key, "must be a number" + Got(*j));
        const double value = j->get<double>();
        if (!std::isfinite(value)) return Fail(key, "must be a finite number");
        if (!AboveLow(value, range) || !BelowHigh(value, range)) {
            return Fail(key, RangeProblem(value, range) + " (got " + FormatNumber(value) + ")");
        }
        x = value;
    }
    void Int(const char* key, int& x, int lo, int hi) {
        const json* j = Find(key);
        if (!j) return;
        double value = 0;
        if (!WholeNumber(*j, &value) || value < lo || value > hi) {
            return Fail(key, "must be a whole number in [" + FormatInt(lo) + ", " + FormatInt(hi) +
                                 "]" + Got(*j));
        }
        x = static_cast<int>(value);
    }
    void Seed(const char* key, std::uint64_t& x) {
        const json* j = Find(key);
        if (!j) return;
        double value = 0;
        if (j->is_number_unsigned()) {
            x = j->get<std::uint64_t>();
        } else if (j->is_number_integer() && j->get<std::int64_t>() >= 0) {
            x = static_cast<std::uint64_t>(j->get<std::int64_t>());
        } else if (j->is_number_float() && WholeNumber(*j, &value) && value >= 0 &&
                   value < 18446744073709551616.0) {
            x = static_cast<std::uint64_t>(value);
        } else {
            Fail(key, "must be a whole number in [0, " + FormatInt(kMaxSeed) + "]" + Got(*j));
        }
    }
    void Bool(const char* key, bool& x) {
        const json* j = Find(key);
        if (!j) return;
        if (!j->is_boolean()) return Fail(key, "must be true or false" + Got(*j));
        x = j->get<bool>();
    }
    void Lab(const char* key, std::string& lab) {
        const json* j = Find(key);
        if (!j) return;
        if (!j->is_string() || !ValidLab(j->get_ref<const std::string&>())) {
            return Fail(key, "must be \"mlp\", \"spiking\" or \"bridge\"" + Got(*j));
        }
        lab = j->get<std::string>();
    }
    template <typename E>
    void Choice(const char* key, E& x, const char* (*)(E), bool (*parse)(const std::string&, E*),
                const std::string& names) {
        const json* j = Find(key);
        if (!j) return;
        E value = x;
        if (!j->is_string() || !parse(j->get_ref<const std::string&>(), &value)) {
            return Fail(key, "must be one of " + names + Got(*j));
        }
        x = value;
    }
    void Layers(const char* key, std::vector<int>& widths) {
        const json* j = Find(key);
        if (!j) return;
        constexpr std::size_t kMaxLayers = mlp::kMaxHiddenLayers + 2;
        if (!j->is_array() || j->size() < 2 || j->size() > kMaxLayers) {
            return Fail(key, "must be a list of 2 to " + FormatInt(kMaxLayers) +
                                 " layer widths such as [1, 30, 1]" + Got(*j));
        }
        std::vector<int> read;
        for (std::size_t i = 0; i < j->size(); ++i) {
            double w = 0;
            const json& item = (*j)[i];
            const std::string at = std::string(key) + "/" + FormatInt(i);
            if (!WholeNumber(item, &w) || w < 1 || w > mlp::kMaxWidth) {
                return Fail(at, "must be a whole number in [1, " + FormatInt(mlp::kMaxWidth) + "]" +
                                    Got(item));
            }
            read.push_back(static_cast<int>(w));
        }
        if (read.front() != 1) return Fail(std::string(key) + "/0", "the input width must be 1");
        if (read.back() != 1) {
            return Fail(std::string(key) + "/" + FormatInt(read.size() - 1),
                        "the output width must be 1");
        }
        widths = read;
    }
    void Numbers(const char* key, std::vector<double>& xs) {
        const json* j = Find(key);
        if (!j) return;
        if (!j->is_array()) return Fail(key, "must be a list of numbers" + Got(*j));
        std::vector<double> read;
        read.reserve(j->size());
        for (std::size_t i = 0; i < j->size(); ++i) {
            const json& item = (*j)[i];
            if (!item.is_number() || !std::isfinite(item.get<double>()))
                return Fail(std::string(key) + "/" + FormatInt(i), "must be a finite number" + Got(item));
            read.push_back(item.get<double>());
        }
        xs = std::move(read);
    }

    template <typename F>
    void Object(const char* key, F&& visit) {
        const json* j = Find(key);
        if (!j) return;
        if (!j->is_object()) return Fail(key, "must be an object" + Got(*j));
        stack_.push_back({j, Top().path + "/" + key, {}, 0});
        visit();
        Leave();
    }
    template <typename T, typename F>
    void Array(const char* key, std::vector<T>& items, std::size_t max_items, F&& visit_item) {
        const json* j = Find(key);
        if (!j) return;
        if (!j->is_array() || j->size() > max_items) {
            return Fail(key,
                        "must be a list of at most " + FormatInt(max_items) + " objects" + Got(*j));
        }
        std::vector<T> read;
        for (std::size_t i = 0; i < j->size() && ok(); ++i) {
            const json& item = (*j)[i];
            const std::string at = std::string(key) + "/" + FormatInt(i);
            if (!item.is_object()) return Fail(at, "must be an object" + Got(item));
            stack_.push_back({&item, Top().path + "/" + at, {}, 0});
            T value{};
            visit_item(value);
            Leave();
            read.push_back(value);
        }
        if (ok()) items = std::move(read);
    }

    // Closes the root object (its unknown keys become warnings).
    void Finish() { Leave(); }

private:
    struct Level {
        const json* object;
        std::string path;               // JSON pointer of `object`
        std::vector<const char*> seen;  // keys a visit asked for (string literals)
        std::size_t found = 0;          // how many of them the object has
    };

    Level& Top() { return stack_.back(); }

    // The value under `key` in the current object, or null when absent (or after an error).
    const json* Find(const char* key) {
        if (!ok()) return nullptr;
        Level& level = Top();
        level.seen.push_back(key);
        const auto it = level.object->find(key);
        if (it == level.object->end()) return nullptr;
        ++level.found;
        return &*it;
    }

    void Fail(const std::string& relative, const std::string& message) {
        if (ok()) error_ = Printable(Top().path + "/" + relative, 200) + ": " + message;
    }

    void Leave() {
        const Level& level = Top();
        const bool all_known = level.found == level.object->size();  // the usual case: no scan
        for (auto it = level.object->begin(); !all_known && ok() && it != level.object->end();
             ++it) {
            bool known = false;
            for (const char* k : level.seen) known = known || it.key() == k;
            if (known) continue;
            if (warnings_.size() < kMaxMessages) {
                warnings_.push_back(Printable(level.path + "/" + PointerToken(it.key()), 120) +
                                    ": unknown key ignored");
            } else if (warnings_.size() == kMaxMessages) {
                warnings_.push_back("more unknown keys ignored");
            }
        }
        stack_.pop_back();
    }

    std::vector<Level> stack_;
    std::string error_;
    std::vector<std::string> warnings_;
};

// Builds the document like nlohmann's own DOM parser and, on a syntax error, keeps the message
// with its position: one pass over the text either way.
class DomBuilder : public nlohmann::json_sax<json> {
public:
    explicit DomBuilder(json* root) : root_(root) {}

    bool null() override { return Add(nullptr) != nullptr; }
    bool boolean(bool x) override { return Add(x) != nullptr; }
    bool number_integer(number_integer_t x) override { return Add(x) != nullptr; }
    bool number_unsigned(number_unsigned_t x) override { return Add(x) != nullptr; }
    bool number_float(number_float_t x, const string_t&) override { return Add(x) != nullptr; }
    bool string(string_t& x) override { return Add(std::move(x)) != nullptr; }
    bool binary(binary_t& x) override { return Add(json::binary(std::move(x))) != nullptr; }
    bool start_object(std::size_t) override {
        open_.push_back(Add(json::object()));
        return true;
    }
    bool key(string_t& k) override {
        member_ = &(*open_.back())[k];  // a repeated key keeps its last value, as json::parse
        return true;
    }
    bool end_object() override {
        open_.pop_back();
        return true;
    }
    bool start_array(std::size_t) override {
        open_.push_back(Add(json::array()));
        return true;
    }
    bool end_array() override {
        open_.pop_back();
        return true;
    }
    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        error = ex.what();  // "[json.exception.parse_error.101] parse error at line 1, ..."
        const std::size_t tag_end = error.find("] ");
        if (tag_end != std::string::npos) error.erase(0, tag_end + 2);
        if (error.empty()) error = "parse error";
        return false;
    }

    std::string error;  // empty while the text is well-formed

private:
    // Places a value in the innermost open container (or at the root); returns where it went.
    // Only the last element of an array is ever open, so the pointers in open_ stay valid.
    template <typename Value>
    json* Add(Value&& x) {
        if (open_.empty()) {
            *root_ = json(std::forward<Value>(x));
            return root_;
        }
        json& container = *open_.back();
        if (container.is_array()) {
            container.emplace_back(std::forward<Value>(x));
            return &container.back();
        }
        *member_ = json(std::forward<Value>(x));
        return member_;
    }

    json* root_;
    std::vector<json*> open_;
    json* member_ = nullptr;  // the object member whose value comes next
};

}  // namespace

json ToJson(const Experiment& experiment) {
    Experiment copy = experiment;  // the visits take non-const references
    json root = json::object();
    root["format"] = kExperimentFormat;
    root["version"] = kExperimentVersion;
    JsonWriter<json> writer(&root);
    Visit(writer, copy);
    return root;
}

std::string ToJsonText(const Experiment& experiment) {
    // ordered_json keeps the keys in the order of the visits: format and version first.
    Experiment copy = experiment;
    nlohmann::ordered_json root = nlohmann::ordered_json::object();
    root["format"] = kExperimentFormat;
    root["version"] = kExperimentVersion;
    JsonWriter<nlohmann::ordered_json> writer(&root);
    Visit(writer, copy);
    // Invalid UTF-8 in a string (only a corrupt lab name could hold one) is replaced, not thrown.
    return root.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

LoadResult FromJson(const json& root, Experiment* out) {
    LoadResult result;
    if (out == nullptr) {
        result.error = "no experiment to read into";
        return result;
    }
    if (!root.is_object()) {
        result.error = "/: an experiment must be a JSON object" + Got(root);
        return result;
    }
    JsonReader reader(root);
    reader.Format();
    reader.Version();
    Experiment read;  // defaults; see the header comment
    Visit(reader, read);
    reader.Finish();
    result.warnings = std::move(reader.warnings());
    if (!reader.ok()) {
        result.error = reader.error();
        return result;
    }
    if (std::string problem = read.Validate(); !problem.empty()) {
        result.error = problem;
        return result;
    }
    result.ok = true;
    *out = std::move(read);
    return result;
}

LoadResult FromJsonText(const std::string& text, Experiment* out) {
    json root;
    DomBuilder builder(&root);
    json::sax_parse(text, &builder);  // strict: trailing text after the value is an error
    if (builder.error.empty()) return FromJson(root, out);
    LoadResult result;
    result.error = "JSON " + Printable(builder.error, 300);
    return result;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Query keys
// ---------------------------------------------------------------------------------------------

namespace {

// Where a key applies: a lab, every scene of the spiking lab, or one scene (a SceneKind >= 0).
constexpr int kAnyLab = -1;
constexpr int kMlpLab = -2;
constexpr int kSpikingLab = -3;
constexpr int kEveryScene = -4;
constexpr int kBridgeLab = -5;

enum class KeyType { kReal, kInt, kSeed, kText };

struct Key {
    const char* name = "";
    int scope = kAnyLab;
    KeyType type = KeyType::kText;
    bool always = false;  // written even at its default (lab, scene)
    double lo = 0, hi = 0;
    double* (*real)(Experiment&) = nullptr;
    int* (*integer)(Experiment&) = nullptr;
    std::uint64_t* (*seed)(Experiment&) = nullptr;
    // Text keys: parse returns why the value is unusable (empty: applied); format gives the
    // value's text, or "" when the current state has none under this key.
    std::string (*parse)(const std::string&, Experiment&) = nullptr;
    std::string (*format)(const Experiment&) = nullptr;
    const char* values = "";  // the accepted names, for QueryKeys
};

constexpr Key RealKey(const char* name, int scope, double lo, double hi,
                      double* (*field)(Experiment&)) {
    Key k;
    k.name = name;
    k.scope = scope;
    k.type = KeyType::kReal;
    k.lo = lo;
    k.hi = hi;
    k.real = field;
    return k;
}

constexpr Key IntKey(const char* name, int scope, int lo, int hi, int* (*field)(Experiment&)) {
    Key k;
    k.name = name;
    k.scope = scope;
    k.type = KeyType::kInt;
    k.lo = lo;
    k.hi = hi;
    k.integer = field;
    return k;
}

constexpr Key SeedKey(const char* name, int scope, std::uint64_t* (*field)(Experiment&)) {
    Key k;
    k.name = name;
    k.scope = scope;
    k.type = KeyType::kSeed;
    k.seed = field;
    return k;
}

constexpr Key TextKey(const char* name, int scope, const char* values,
                      std::string (*parse)(const std::string&, Experiment&),
                      std::string (*format)(const Experiment&), bool always = false) {
    Key k;
    k.name = name;
    k.scope = scope;
    k.type = KeyType::kText;
    k.always = always;
    k.parse = parse;
    k.format = format;
    k.values = values;
    return k;
}

// The active scene's dt and seed (the `dt` and `sseed` keys).
double* ActiveDt(Experiment& e) {
    spiking::SceneConfig& c = e.spiking;
    switch (c.kind) {
        case SceneKind::kOneNeuron: return &c.one_neuron.dt_ms;
        case SceneKind::kZoo: return &c.zoo.dt_ms;
        case SceneKind::kDelays: return &c.delays.dt_ms;
        case SceneKind::kIzhikevich1000: return &c.izhikevich_1000.dt_ms;
        case SceneKind::kBrunel: return &c.brunel.dt_ms;
        case SceneKind::kStdp: return &c.stdp.dt_ms;
        case SceneKind::kStructural: return &c.structural.dt_ms;
        case SceneKind::kCuba: return &c.cuba.dt_ms;
    }
    return &c.one_neuron.dt_ms;
}

std::uint64_t* ActiveSeed(Experiment& e) {
    spiking::SceneConfig& c = e.spiking;
    switch (c.kind) {
        case SceneKind::kOneNeuron: return &c.one_neuron.seed;
        case SceneKind::kZoo: return &c.zoo.seed;
        case SceneKind::kDelays: return &c.delays.seed;
        case SceneKind::kIzhikevich1000: return &c.izhikevich_1000.seed;
        case SceneKind::kBrunel: return &c.brunel.seed;
        case SceneKind::kStdp: return &c.stdp.seed;
        case SceneKind::kStructural: return &c.structural.seed;
        case SceneKind::kCuba: return &c.cuba.seed;
    }
    return &c.one_neuron.seed;
}

// "is not one of ..." unless `parse` accepts the name.
template <typename E>
std::string Choose(bool (*parse)(const std::string&, E*), const std::string& text, E* field,
                   const std::string& names) {
    return parse(text, field) ? std::string() : "is not one of " + names;
}

bool ParseLab(const std::string& name, std::string* lab) {
    if (!ValidLab(name)) return false;
    *lab = name;
    return true;
}

bool ParseSwitch(const std::string& text, bool* on) {
    if (text == "1" || text == "true" || text == "yes" || text == "on")
        *on = true;
    else if (text == "0" || text == "false" || text == "no" || text == "off")
        *on = false;
    else
        return false;
    return true;
}

bool SameLetters(const std::string& a, const char* b) {  // ASCII case-insensitive
    std::size_t i = 0;
    for (; i < a.size() && b[i] != '\0'; ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return i == a.size() && b[i] == '\0';
}

bool ParseIzhikevichType(const std::string& name, spiking::IzhikevichParams* p) {
    for (spiking::IzhikevichType t : spiking::AllIzhikevichTypes()) {
        if (SameLetters(name, spiking::IzhikevichTypeName(t))) {
            *p = spiking::IzhikevichPreset(t);
            return true;
        }
    }
    return false;
}

// The type whose preset the parameters equal exactly, or "" for custom parameters.
std::string IzhikevichTypeOf(const spiking::IzhikevichParams& p) {
    for (spiking::IzhikevichType t : spiking::AllIzhikevichTypes()) {
        const spiking::IzhikevichParams q = spiking::IzhikevichPreset(t);
        if (p.a == q.a && p.b == q.b && p.c == q.c && p.d == q.d) {
            return spiking::IzhikevichTypeName(t);
        }
    }
    return {};
}

// "1-8-8-1" (or "1,8,8,1"): the input and output widths are 1, hidden widths 1..kMaxWidth.
std::string ParseLayers(const std::string& text, std::vector<int>* layers) {
    const std::string example = "is not a list of widths such as 1-8-8-1";
    std::vector<int> widths;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find_first_of("-,", begin);
        if (end == std::string::npos) end = text.size();
        const std::size_t length = end - begin;
        if (length == 0 || length > 5) return example;
        int w = 0;
        for (std::size_t i = begin; i < end; ++i) {
            if (text[i] < '0' || text[i] > '9') return example;
            w = w * 10 + (text[i] - '0');
        }
        widths.push_back(w);
        if (widths.size() > mlp::kMaxHiddenLayers + 2u) {
            return "has more than " + FormatInt(mlp::kMaxHiddenLayers) + " hidden layers";
        }
        begin = end + 1;
    }
    if (widths.size() < 2) return example;
    if (widths.front() != 1 || widths.back() != 1) {
        return "must start and end with 1 (one input x_n, one output x_{n+1})";
    }
    for (int w : widths) {
        if (w < 1 || w > mlp::kMaxWidth) {
            return "has a width outside 1.." + FormatInt(mlp::kMaxWidth);
        }
    }
    *layers = widths;
    return {};
}

bool ParseNumberToken(std::string text, json* out);  // in [SECTION] Query below

// "0.25_-1.5e-3_..." (Network::Parameters order) into *weights; why not, or empty. Their count
// is checked against the layers by TrainerConfig::Validate once every key is applied.
std::string ParseWeights(const std::string& text, std::vector<double>* weights) {
    std::vector<double> read;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find('_', begin);
        if (end == std::string::npos) end = text.size();
        json number;
        if (!ParseNumberToken(text.substr(begin, end - begin), &number) ||
            !std::isfinite(number.get<double>())) {
            return "has an item that is not a finite number (item " + FormatInt(read.size() + 1) +
                   ")";
        }
        read.push_back(number.get<double>());
        begin = end + 1;
    }
    *weights = std::move(read);
    return {};
}

// The shortest text that reads back to each weight, joined by '_' (unreserved in URLs).
std::string FormatWeights(const std::vector<double>& weights) {
    std::string s;
    for (std::size_t i = 0; i < weights.size(); ++i) s += (i ? "_" : "") + FormatNumber(weights[i]);
    return s;
}

std::string FormatLayers(const std::vector<int>& layers) {
    std::string s;
    for (std::size_t i = 0; i < layers.size(); ++i) s += (i ? "-" : "") + FormatInt(layers[i]);
    return s;
}

using E = Experiment;
using S = std::string;
constexpr int kOne = static_cast<int>(SceneKind::kOneNeuron);
constexpr int kZoo = static_cast<int>(SceneKind::kZoo);
constexpr int kDelays = static_cast<int>(SceneKind::kDelays);
constexpr int kIzh1000 = static_cast<int>(SceneKind::kIzhikevich1000);
constexpr int kBrunel = static_cast<int>(SceneKind::kBrunel);
constexpr int kStdp = static_cast<int>(SceneKind::kStdp);
constexpr int kStructural = static_cast<int>(SceneKind::kStructural);
constexpr int kCuba = static_cast<int>(SceneKind::kCuba);
constexpr double kDecayMax = 0.999999;

// The table of experiment.h, in the order ApplyQuery applies and ToQuery writes the keys.
constexpr Key kKeys[] = {
    TextKey(
        "lab", kAnyLab, "mlp, spiking, bridge",
        [](const S& v, E& e) -> S { return Choose(ParseLab, v, &e.lab, "mlp, spiking, bridge"); },
        [](const E& e) -> S { return e.lab; }, true),
    // MLP lab: data, network, optimizer, training.
    RealKey("r", kMlpLab, 0, 4, [](E& e) { return &e.mlp.data.r; }),
    RealKey("x0", kMlpLab, 0, 1, [](E& e) { return &e.mlp.data.x0; }),
    IntKey("n", kMlpLab, 2, 1000000, [](E& e) { return &e.mlp.data.samples; }),
    TextKey(
        "samp", kMlpLab, "orbit, uniform",
        [](const S& v, E& e) -> S {
            return Choose(ParseSampling, v, &e.mlp.data.sampling, "orbit, uniform");
        },
        [](const E& e) -> S { return SamplingName(e.mlp.data.sampling); }),
    RealKey("noise", kMlpLab, 0, 1, [](E& e) { return &e.mlp.data.noise_std; }),
    RealKey("hold", kMlpLab, 0, 0.9, [](E& e) { return &e.mlp.data.test_fraction; }),
    TextKey(
        "layers", kMlpLab, "1-W-...-1 (W 1..2048, at most 16 hidden layers)",
        [](const S& v, E& e) -> S { return ParseLayers(v, &e.mlp.network.layers); },
        [](const E& e) -> S { return FormatLayers(e.mlp.network.layers); }),
    TextKey(
        "act", kMlpLab, "sigmoid, tanh, relu, leaky_relu, linear",
        [](const S& v, E& e) -> S {
            return Choose(ParseActivationName, v, &e.mlp.network.hidden, mlp::ActivationNameList());
        },
        [](const E& e) -> S { return mlp::ActivationName(e.mlp.network.hidden); }),
    TextKey(
        "init", kMlpLab, "auto, xavier, he, fan_in",
        [](const S& v, E& e) -> S {
            return Choose(ParseInit, v, &e.mlp.network.init, "auto, xavier, he, fan_in");
        },
        [](const E& e) -> S { return mlp::InitName(e.mlp.network.init); }),
    TextKey(
        "opt", kMlpLab, "sgd, momentum, rmsprop, adam",
        [](const S& v, E& e) -> S {
            return Choose(ParseOptimizerName, v, &e.mlp.optimizer.kind, mlp::OptimizerNameList());
        },
        [](const E& e) -> S { return mlp::OptimizerName(e.mlp.optimizer.kind); }),
    RealKey("lr", kMlpLab, 1e-6, 10, [](E& e) { return &e.mlp.optimizer.lr; }),
    RealKey("mom", kMlpLab, 0, kDecayMax, [](E& e) { return &e.mlp.optimizer.momentum; }),
    RealKey("rho", kMlpLab, 0, kDecayMax, [](E& e) { return &e.mlp.optimizer.rho; }),
    RealKey("b1", kMlpLab, 0, kDecayMax, [](E& e) { return &e.mlp.optimizer.beta1; }),
    RealKey("b2", kMlpLab, 0, kDecayMax, [](E& e) { return &e.mlp.optimizer.beta2; }),
    RealKey("eps", kMlpLab, 1e-12, 0.1, [](E& e) { return &e.mlp.optimizer.epsilon; }),
    IntKey("batch", kMlpLab, 1, 1000000, [](E& e) { return &e.mlp.batch; }),
    TextKey(
        "shuffle", kMlpLab, "1, 0 (true, false)",
        [](const S& v, E& e) -> S {
            return ParseSwitch(v, &e.mlp.shuffle) ? S() : "is not 1 or 0";
        },
        [](const E& e) -> S { return e.mlp.shuffle ? "1" : "0"; }),
    IntKey("eval", kMlpLab, 1, 100000, [](E& e) { return &e.mlp.eval_points; }),
    SeedKey("seed", kMlpLab, [](E& e) { return &e.mlp.seed; }),
    TextKey(
        "w", kMlpLab, "the network's weights and biases: numbers joined by _",
        [](const S& v, E& e) -> S { return ParseWeights(v, &e.mlp.initial_weights); },
        [](const E& e) -> S { return FormatWeights(e.mlp.initial_weights); }),
    // Spiking lab: the scene first, so that the keys after it address the right one.
    TextKey(
        "scene", kSpikingLab,
        "one-neuron, zoo, delays, izhikevich-1000, brunel, stdp, structural, cuba",
        [](const S& v, E& e) -> S {
            return Choose(spiking::ParseSceneName, v, &e.spiking.kind, spiking::SceneNameList());
        },
        [](const E& e) -> S { return spiking::SceneName(e.spiking.kind); }, true),
    RealKey("dt", kEveryScene, 1e-4, 10, ActiveDt),
    SeedKey("sseed", kEveryScene, ActiveSeed),
    // One neuron. `izh` comes before ia..id, which refine the type's values.
    TextKey(
        "model", kOne, "lif, izhikevich",
        [](const S& v, E& e) -> S {
            return Choose(ParseModel, v, &e.spiking.one_neuron.model, "lif, izhikevich");
        },
        [](const E& e) -> S { return ModelName(e.spiking.one_neuron.model); }),
    TextKey(
        "izh", kOne, "RS, IB, CH, FS, LTS, TC, RZ",
        [](const S& v, E& e) -> S {
            return ParseIzhikevichType(v, &e.spiking.one_neuron.izhikevich)
                       ? S()
                       : "is not one of RS, IB, CH, FS, LTS, TC, RZ";
        },
        [](const E& e) -> S { return IzhikevichTypeOf(e.spiking.one_neuron.izhikevich); }),
    RealKey("ia", kOne, 0.001, 1, [](E& e) { return &e.spiking.one_neuron.izhikevich.a; }),
    RealKey("ib", kOne, -1, 1, [](E& e) { return &e.spiking.one_neuron.izhikevich.b; }),
    RealKey("ic", kOne, -100, 29, [](E& e) { return &e.spiking.one_neuron.izhikevich.c; }),
    RealKey("id", kOne, -50, 50, [](E& e) { return &e.spiking.one_neuron.izhikevich.d; }),
    RealKey("iext", kOne, -1000, 1000, [](E& e) { return &e.spiking.one_neuron.i_ext; }),
    RealKey("istart", kOne, 0, 100000, [](E& e) { return &e.spiking.one_neuron.i_start_ms; }),
    RealKey("noise", kOne, 0, 1000, [](E& e) { return &e.spiking.one_neuron.noise_sd; }),
    RealKey("el", kOne, -200, 100, [](E& e) { return &e.spiking.one_neuron.lif.e_l_mV; }),
    RealKey("vreset", kOne, -200, 100, [](E& e) { return &e.spiking.one_neuron.lif.v_reset_mV; }),
    RealKey("vth", kOne, -200, 100, [](E& e) { return &e.spiking.one_neuron.lif.v_th_mV; }),
    RealKey("rm", kOne, 0.001, 10000, [](E& e) { return &e.spiking.one_neuron.lif.r_m_MOhm; }),
    RealKey("taum", kOne, 0.01, 10000, [](E& e) { return &e.spiking.one_neuron.lif.tau_m_ms; }),
    RealKey("tref", kOne, 0, 1000, [](E& e) { return &e.spiking.one_neuron.lif.t_ref_ms; }),
    RealKey("adapt", kOne, 0, 100, [](E& e) { return &e.spiking.one_neuron.lif.adapt_b_nA; }),
    RealKey("tauw", kOne, 0.01, 100000, [](E& e) { return &e.spiking.one_neuron.lif.tau_w_ms; }),
    // Zoo, delays, Izhikevich 1000.
    RealKey("iext", kZoo, -1000, 1000, [](E& e) { return &e.spiking.zoo.i_ext; }),
    RealKey("istart", kZoo, 0, 100000, [](E& e) { return &e.spiking.zoo.i_start_ms; }),
    RealKey("drive", kDelays, -100, 100, [](E& e) { return &e.spiking.delays.drive_nA; }),
    IntKey("ne", kIzh1000, 1, 10000, [](E& e) { return &e.spiking.izhikevich_1000.n_exc; }),
    IntKey("ni", kIzh1000, 1, 10000, [](E& e) { return &e.spiking.izhikevich_1000.n_inh; }),
    RealKey("the", kIzh1000, 0, 100, [](E& e) { return &e.spiking.izhikevich_1000.thalamic_exc; }),
    RealKey("thi", kIzh1000, 0, 100, [](E& e) { return &e.spiking.izhikevich_1000.thalamic_inh; }),
    // Brunel.
    RealKey("g", kBrunel, 0, 100, [](E& e) { return &e.spiking.brunel.g; }),
    RealKey("nu", kBrunel, 0, 100, [](E& e) { return &e.spiking.brunel.nu_ratio; }),
    RealKey("scale", kBrunel, 0.01, 2, [](E& e) { return &e.spiking.brunel.scale; }),
    RealKey("delay", kBrunel, 0.1, 20, [](E& e) { return &e.spiking.brunel.delay_ms; }),
    RealKey("eps", kBrunel, 0.001, 1, [](E& e) { return &e.spiking.brunel.epsilon; }),
    // STDP.
    TextKey(
        "mode", kStdp, "pairing, poisson",
        [](const S& v, E& e) -> S {
            return Choose(ParseStdpMode, v, &e.spiking.stdp.mode, "pairing, poisson");
        },
        [](const E& e) -> S { return StdpModeName(e.spiking.stdp.mode); }),
    RealKey("pdt", kStdp, -100, 100, [](E& e) { return &e.spiking.stdp.pairing_dt_ms; }),
    RealKey("period", kStdp, 1, 10000, [](E& e) { return &e.spiking.stdp.pairing_period_ms; }),
    RealKey("delay", kStdp, 0, 100, [](E& e) { return &e.spiking.stdp.delay_ms; }),
    RealKey("w0", kStdp, 0, 10, [](E& e) { return &e.spiking.stdp.initial_weight; }),
    RealKey("ap", kStdp, 0, 1, [](E& e) { return &e.spiking.stdp.stdp.a_plus; }),
    RealKey("am", kStdp, 0, 1, [](E& e) { return &e.spiking.stdp.stdp.a_minus; }),
    RealKey("taup", kStdp, 0.1, 1000, [](E& e) { return &e.spiking.stdp.stdp.tau_plus_ms; }),
    RealKey("taum", kStdp, 0.1, 1000, [](E& e) { return &e.spiking.stdp.stdp.tau_minus_ms; }),
    RealKey("wmax", kStdp, 0, 10, [](E& e) { return &e.spiking.stdp.stdp.w_max; }),
    IntKey("inputs", kStdp, 1, 100000, [](E& e) { return &e.spiking.stdp.inputs; }),
    RealKey("rate", kStdp, 0, 1000, [](E& e) { return &e.spiking.stdp.input_rate_Hz; }),
    // Structural plasticity.
    IntKey("cells", kStructural, 2, 2000, [](E& e) { return &e.spiking.structural.neurons; }),
    RealKey("p", kStructural, 0, 1, [](E& e) { return &e.spiking.structural.probability; }),
    RealKey("prune", kStructural, 0, 10,
            [](E& e) { return &e.spiking.structural.structural.prune_below; }),
    RealKey("grow", kStructural, 0, 1,
            [](E& e) { return &e.spiking.structural.structural.grow_probability; }),
    RealKey("every", kStructural, 1, 100000,
            [](E& e) { return &e.spiking.structural.structural.interval_ms; }),
    RealKey("nmean", kStructural, -10, 10,
            [](E& e) { return &e.spiking.structural.noise_mean_nA; }),
    RealKey("nsd", kStructural, 0, 10, [](E& e) { return &e.spiking.structural.noise_sd_nA; }),
    // CUBA.
    IntKey("ne", kCuba, 1, 100000, [](E& e) { return &e.spiking.cuba.n_exc; }),
    IntKey("ni", kCuba, 1, 100000, [](E& e) { return &e.spiking.cuba.n_inh; }),
    RealKey("p", kCuba, 0, 1, [](E& e) { return &e.spiking.cuba.probability; }),
    RealKey("we", kCuba, 0, 100, [](E& e) { return &e.spiking.cuba.w_e_mV; }),
    RealKey("wi", kCuba, -100, 0, [](E& e) { return &e.spiking.cuba.w_i_mV; }),
    // The bridge lab.
    TextKey(
        "view", kBridgeLab, kBridgeViewNames,
        [](const S& v, E& e) -> S {
            return Choose(ParseBridgeView, v, &e.bridge.view, kBridgeViewNames);
        },
        [](const E& e) -> S { return BridgeViewName(e.bridge.view); }),
    IntKey("bits", kBridgeLab, kMinBridgeBits, kMaxBridgeBits,
           [](E& e) { return &e.bridge.bits; }),
};

bool Applies(const Key& k, const Experiment& e) {
    switch (k.scope) {
        case kAnyLab: return true;
        case kMlpLab: return e.lab == "mlp";
        case kBridgeLab: return e.lab == "bridge";
        case kSpikingLab:
        case kEveryScene: return e.lab == "spiking";
        default: return e.lab == "spiking" && static_cast<int>(e.spiking.kind) == k.scope;
    }
}

std::string ScopeName(int scope) {
    switch (scope) {
        case kAnyLab: return "any";
        case kMlpLab: return "mlp";
        case kSpikingLab: return "spiking";
        case kBridgeLab: return "bridge";
        case kEveryScene: return "every scene";
        default: return spiking::SceneName(static_cast<SceneKind>(scope));
    }
}

// The scope a key did not match, for "does not apply to ...".
std::string WhereWeAre(const Experiment& e) {
    if (e.lab != "spiking") return "the " + e.lab + " lab";
    return std::string("the ") + spiking::SceneName(e.spiking.kind) + " scene";
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Query
// ---------------------------------------------------------------------------------------------

// Notices of one ApplyQuery, at most kMaxMessages of them and then a count of the rest.
class Notices {
public:
    explicit Notices(std::vector<std::string>* out) : out_(out) {}
    ~Notices() {
        if (dropped_ > 0) out_->push_back(FormatInt(dropped_) + " more notices not shown");
    }
    void Add(std::string notice) {
        if (out_->size() < kMaxMessages)
            out_->push_back(std::move(notice));
        else
            ++dropped_;
    }

private:
    std::vector<std::string>* out_;
    long long dropped_ = 0;
};

// A query value as a JSON number. nlohmann's lexer reads it the same in every C locale (strtod
// or atof here would read "0.5" as 0 under a decimal comma). Surrounding spaces (a '+' in a
// URL), one leading '+' and a leading '.' are accepted.
bool ParseNumberToken(std::string text, json* out) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    std::size_t start = text.find_first_not_of(' ');
    if (start == std::string::npos) return false;
    text.erase(0, start);
    if (text[0] == '+') text.erase(0, 1);
    if (text.empty() || text.size() > 400) return false;
    for (char c : text) {
        const bool number_char =
            (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
        if (!number_char) return false;
    }
    if (text[0] == '.') text.insert(0, "0");
    if (text.compare(0, 2, "-.") == 0) text.insert(1, "0");
    json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_number()) return false;
    *out = std::move(parsed);
    return true;
}

std::string ClampNotice(const std::string& shown, const std::string& lo, const std::string& hi,
                        const std::string& used) {
    return shown + " is out of range [" + lo + ", " + hi + "]; using " + used;
}

void ApplyNumber(const Key& k, const std::string& value, const std::string& shown, Experiment& e,
                 Notices& notices) {
    json number;
    if (!ParseNumberToken(value, &number)) return notices.Add(shown + " is not a number; ignored");
    if (k.type == KeyType::kReal) {
        const double x = number.get<double>();
        const double used = x < k.lo ? k.lo : (x > k.hi ? k.hi : x);
        if (used != x) {
            notices.Add(
                ClampNotice(shown, FormatNumber(k.lo), FormatNumber(k.hi), FormatNumber(used)));
        }
        *k.real(e) = used;
        return;
    }
    double whole = 0;
    const bool exact = number.is_number_integer();  // signed or unsigned, no rounding
    if (!exact && !WholeNumber(number, &whole)) {
        return notices.Add(shown + " is not a whole number; ignored");
    }
    if (k.type == KeyType::kInt) {
        if (exact) WholeNumber(number, &whole);
        const double used = whole < k.lo ? k.lo : (whole > k.hi ? k.hi : whole);
        if (used != whole) {
            notices.Add(ClampNotice(shown, FormatInt(static_cast<int>(k.lo)),
                                    FormatInt(static_cast<int>(k.hi)),
                                    FormatInt(static_cast<int>(used))));
        }
        *k.integer(e) = static_cast<int>(used);
        return;
    }
    // Seeds: every 64-bit value, exactly when written as an integer.
    std::uint64_t seed = 0;
    bool clamped = false;
    if (number.is_number_unsigned()) {
        seed = number.get<std::uint64_t>();
    } else if (number.is_number_integer()) {
        const std::int64_t i = number.get<std::int64_t>();
        clamped = i < 0;
        seed = clamped ? 0 : static_cast<std::uint64_t>(i);
    } else if (whole < 0) {
        clamped = true;
    } else if (whole >= 18446744073709551616.0) {  // 2^64
        seed = kMaxSeed;
        clamped = true;
    } else {
        seed = static_cast<std::uint64_t>(whole);
    }
    if (clamped) notices.Add(ClampNotice(shown, "0", FormatInt(kMaxSeed), FormatInt(seed)));
    *k.seed(e) = seed;
}

void ApplyKey(const Key& k, const std::string& value, Experiment& e, Notices& notices) {
    const std::string shown = std::string(k.name) + "=" + Printable(value);
    if (k.type != KeyType::kText) return ApplyNumber(k, value, shown, e, notices);
    const std::string why = k.parse(value, e);
    if (!why.empty()) notices.Add(shown + " " + why + "; ignored");
}

bool KnownKey(const std::string& name) {
    for (const Key& k : kKeys) {
        if (name == k.name) return true;
    }
    return false;
}

// The keys and values of a query, decoded. A later value of a key replaces an earlier one.
struct DecodedQuery {
    std::vector<std::pair<std::string, std::string>> pairs;  // key, value in first-seen order
    std::map<std::string, std::size_t> index;                // key -> position in `pairs`
};

// Splits on '&' (after an optional leading '?') and percent-decodes each key and value.
DecodedQuery DecodeQuery(const std::string& query, Notices& notices) {
    DecodedQuery decoded;
    std::size_t begin = !query.empty() && query[0] == '?' ? 1 : 0;
    while (begin <= query.size()) {
        std::size_t end = query.find('&', begin);
        if (end == std::string::npos) end = query.size();
        const std::string segment = query.substr(begin, end - begin);
        begin = end + 1;
        if (segment.empty()) continue;
        const std::size_t eq = segment.find('=');
        std::string key, value;
        if (!PercentDecode(segment.substr(0, eq), &key) ||
            (eq != std::string::npos && !PercentDecode(segment.substr(eq + 1), &value))) {
            notices.Add("'" + Printable(segment) + "' has a malformed percent escape; ignored");
            continue;
        }
        const auto [it, inserted] = decoded.index.emplace(key, decoded.pairs.size());
        if (inserted) {
            decoded.pairs.emplace_back(key, value);
        } else {
            notices.Add("key '" + Printable(key) +
                        "' is given more than once; using the last value");
            decoded.pairs[it->second].second = value;
        }
    }
    return decoded;
}

// Takes back the parts of `e` that are invalid now: each to its value in `before`, or to its
// default when that was invalid too.
void RevertInvalidParts(const Experiment& before, Experiment& e, Notices& notices) {
    if (!ValidLab(e.lab)) e.lab = "mlp";
    if (!ValidSceneKind(e.spiking.kind)) e.spiking.kind = SceneKind::kOneNeuron;
    if (std::string problem = e.mlp.Validate(); !problem.empty()) {
        const bool keep = before.mlp.Validate().empty();
        e.mlp = keep ? before.mlp : mlp::TrainerConfig{};
        notices.Add("the mlp settings do not work together (" + problem + "); " +
                    (keep ? "kept the previous ones" : "using the defaults"));
    }
    const spiking::SceneConfig defaults;
    for (int i = 0; i < spiking::kSceneCount; ++i) {
        const auto kind = static_cast<SceneKind>(i);
        const Problem problem = SceneProblem(e.spiking, kind);
        if (problem.message.empty()) continue;
        const bool keep = SceneProblem(before.spiking, kind).message.empty();
        CopyScene(keep ? before.spiking : defaults, kind, &e.spiking);
        notices.Add(std::string("the ") + spiking::SceneName(kind) +
                    " settings do not work together (" + problem.message + "); " +
                    (keep ? "kept the previous ones" : "using the defaults"));
    }
}

}  // namespace

std::string ToQuery(const Experiment& experiment) {
    Experiment want = experiment;  // the key accessors take non-const references
    Experiment have;  // what ApplyQuery makes of the keys written so far, from the defaults
    std::string query;
    for (const Key& k : kKeys) {
        if (!Applies(k, want)) continue;
        std::string text;
        switch (k.type) {
            case KeyType::kText:
                text = k.format(want);
                if (text.empty() || (!k.always && text == k.format(have))) continue;
                k.parse(text, have);
                break;
            case KeyType::kReal:
                if (!std::isfinite(*k.real(want)) || *k.real(want) == *k.real(have)) continue;
                text = FormatNumber(*k.real(want));
                *k.real(have) = *k.real(want);
                break;
            case KeyType::kInt:
                if (*k.integer(want) == *k.integer(have)) continue;
                text = FormatInt(*k.integer(want));
                *k.integer(have) = *k.integer(want);
                break;
            case KeyType::kSeed:
                if (*k.seed(want) == *k.seed(have)) continue;
                text = FormatInt(*k.seed(want));
                *k.seed(have) = *k.seed(want);
                break;
        }
        query += (query.empty() ? "" : "&") + std::string(k.name) + "=" + PercentEncode(text);
    }
    return query;
}

QueryResult ApplyQuery(const std::string& query, Experiment* inout) {
    QueryResult result;
    if (inout == nullptr) return result;
    Notices notices(&result.notices);
    const DecodedQuery given = DecodeQuery(query, notices);

    // Apply in the table's order: lab and scene first, then the keys of that lab and scene.
    const Experiment before = *inout;
    Experiment e = *inout;
    std::vector<bool> used(given.pairs.size(), false);
    for (const Key& k : kKeys) {
        const auto it = given.index.find(k.name);
        if (it == given.index.end() || used[it->second] || !Applies(k, e)) continue;
        used[it->second] = true;
        ApplyKey(k, given.pairs[it->second].second, e, notices);
    }
    for (std::size_t i = 0; i < given.pairs.size(); ++i) {
        if (used[i]) continue;
        const std::string key = Printable(given.pairs[i].first);
        if (KnownKey(given.pairs[i].first)) {
            notices.Add("key '" + key + "' does not apply to " + WhereWeAre(e) + "; ignored");
        } else {
            notices.Add("unknown key '" + key + "' ignored");
        }
    }

    // Whatever no longer passes Validate() goes back.
    RevertInvalidParts(before, e, notices);
    *inout = std::move(e);
    return result;
}

std::vector<QueryKeyInfo> QueryKeys() {
    std::vector<QueryKeyInfo> keys;
    for (const Key& k : kKeys) {
        QueryKeyInfo info{k.name, ScopeName(k.scope), k.values};
        if (k.type == KeyType::kReal) {
            info.values = "[" + FormatNumber(k.lo) + ", " + FormatNumber(k.hi) + "]";
        } else if (k.type == KeyType::kInt) {
            info.values =
                FormatInt(static_cast<int>(k.lo)) + " .. " + FormatInt(static_cast<int>(k.hi));
        } else if (k.type == KeyType::kSeed) {
            info.values = "0 .. " + FormatInt(kMaxSeed);
        }
        keys.push_back(info);
    }
    return keys;
}

}  // namespace dendrites::scene
