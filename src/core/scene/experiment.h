// One experiment of any lab (MLP, spiking or the bridge between them), written to and read from
// JSON and a URL query.
//
// [SECTION] Index
//   The experiment ........ Experiment, Experiment::Validate
//   JSON .................. ToJson, ToJsonText, FromJson, FromJsonText, LoadResult
//   URL query ............. ToQuery, ApplyQuery, QueryResult, QueryKeys
//
// JSON
//   {"format": "dendrites-experiment", "version": 1, "lab": "mlp" | "spiking" | "bridge",
//    "mlp": {"data": {"r", "samples", "x0", "sampling", "noise_std", "test_fraction"},
//            "network": {"layers": [1, 30, 1], "activation", "init"},
//            "optimizer": {"kind", "lr", "momentum", "rho", "beta1", "beta2", "epsilon"},
//            "batch", "shuffle", "eval_points", "seed", "initial_weights": [...]},
//    "spiking": {"scene": "one-neuron", "one_neuron": {...}, "zoo": {...}, "delays": {...},
//                "izhikevich_1000": {...}, "brunel": {...}, "stdp": {...},
//                "structural": {...}, "cuba": {...}},
//    "bridge": {"view": "clock" | "analog" | "surrogate", "bits": 4}}
//   Keys are the C++ member names, units included ("tau_m_ms", "input_rate_Hz"); every scene
//   object holds all of that scene's parameters. Enums are written as their names (ActivationName,
//   InitName, OptimizerName, SceneName; "orbit" | "uniform", "lif" | "izhikevich",
//   "pairing" | "poisson").
//   - Non-finite numbers are never written: a NaN or infinite member is written as null. Reading
//     null where a number belongs is an error (every such member must be finite to be valid).
//   - FromJson starts from a default Experiment, NOT from *out: a file describes a whole
//     experiment, and a key it omits means that member's default. Unknown keys are warnings;
//     a wrong type, a value out of range, a newer "version" or a combination the Validate()
//     methods reject is an error that names the JSON pointer of the field, e.g.
//     "/mlp/optimizer/lr: must be positive (got -1)". On error *out is left untouched.
//   - Numbers are written and read by nlohmann::json, independent of the C locale.
//
// URL query
//   A compact query (no leading '?') with short keys. ToQuery writes `lab` always, `scene` when
//   the lab is spiking, and every other key of the active lab (and, for spiking, the active
//   scene) whose value differs from what ApplyQuery would leave on a default Experiment. Keys of
//   other labs and scenes are not written: the query describes what is on screen. Numbers are
//   the shortest text that reads back to the same double (nlohmann's dtoa; std::to_chars for
//   double is missing from Emscripten's libc++ 14), with the exponent trimmed ("1e-6").
//
//   ApplyQuery never fails as a whole. It accepts an optional leading '?', splits on '&',
//   percent-decodes ('+' is a space) and applies the keys in the order of the table below, not
//   of the query (so "dt=0.05&scene=brunel" sets Brunel's dt). A key belongs to a lab (and for
//   spiking to a scene, or to every scene): keys are unique within a lab and scene, so `iext`
//   is the one-neuron current in the one-neuron scene and the zoo's current in the zoo. Notices:
//   an unknown key, a key of another lab or scene, a malformed value (not a number, not a whole
//   number, not one of the names, a bad percent escape) is ignored; a number outside the range
//   is clamped to it; a key given twice uses the last value. Then the Validate() methods run:
//   a part (the MLP settings, or one scene) that became invalid, e.g. vreset >= vth, goes back
//   to its previous value (or its default, if that was invalid too).
//   Round trip: ApplyQuery(ToQuery(e)) on a default Experiment gives back every field of the
//   active lab and scene that a key covers, with no notices, as long as each value lies in its
//   key's range (JSON allows wider ranges than the query).
//
//   | key     | lab / scene     | member                      | range or values             |
//   |---------|-----------------|-----------------------------|-----------------------------|
//   | lab     | any             | lab                         | mlp, spiking, bridge        |
//   | r       | mlp             | data.r                      | [0, 4]                      |
//   | x0      | mlp             | data.x0                     | [0, 1]                      |
//   | n       | mlp             | data.samples                | 2 .. 1000000                |
//   | samp    | mlp             | data.sampling               | orbit, uniform              |
//   | noise   | mlp             | data.noise_std              | [0, 1]                      |
//   | hold    | mlp             | data.test_fraction          | [0, 0.9]                    |
//   | layers  | mlp             | network.layers              | 1-W-...-1: W in 1..2048,    |
//   |         |                 |                             | at most 16 hidden layers    |
//   | act     | mlp             | network.hidden              | sigmoid, tanh, relu,        |
//   |         |                 |                             | leaky_relu, linear          |
//   | init    | mlp             | network.init                | auto, xavier, he, fan_in    |
//   | opt     | mlp             | optimizer.kind              | sgd, momentum, rmsprop,     |
//   |         |                 |                             | adam                        |
//   | lr      | mlp             | optimizer.lr                | [1e-6, 10]                  |
//   | mom     | mlp             | optimizer.momentum          | [0, 0.999999]               |
//   | rho     | mlp             | optimizer.rho               | [0, 0.999999]               |
//   | b1      | mlp             | optimizer.beta1             | [0, 0.999999]               |
//   | b2      | mlp             | optimizer.beta2             | [0, 0.999999]               |
//   | eps     | mlp             | optimizer.epsilon           | [1e-12, 0.1]                |
//   | batch   | mlp             | batch                       | 1 .. 1000000                |
//   | shuffle | mlp             | shuffle                     | 1, 0 (also true, false)     |
//   | eval    | mlp             | eval_points                 | 1 .. 100000                 |
//   | seed    | mlp             | seed                        | 0 .. 2^64 - 1               |
//   | w       | mlp             | initial_weights             | numbers joined by _, as     |
//   |         |                 |                             | many as the network has     |
//   | scene   | spiking         | spiking.kind                | one-neuron, zoo, delays,    |
//   |         |                 |                             | izhikevich-1000, brunel,    |
//   |         |                 |                             | stdp, structural, cuba      |
//   | dt      | every scene     | (active scene).dt_ms        | [0.0001, 10]                |
//   | sseed   | every scene     | (active scene).seed         | 0 .. 2^64 - 1               |
//   | model   | one-neuron      | model                       | lif, izhikevich             |
//   | izh     | one-neuron      | izhikevich = a type's a-d   | RS, IB, CH, FS, LTS, TC, RZ |
//   | ia      | one-neuron      | izhikevich.a                | [0.001, 1]                  |
//   | ib      | one-neuron      | izhikevich.b                | [-1, 1]                     |
//   | ic      | one-neuron      | izhikevich.c                | [-100, 29]                  |
//   | id      | one-neuron      | izhikevich.d                | [-50, 50]                   |
//   | iext    | one-neuron      | i_ext                       | [-1000, 1000]               |
//   | istart  | one-neuron      | i_start_ms                  | [0, 100000]                 |
//   | noise   | one-neuron      | noise_sd                    | [0, 1000]                   |
//   | el      | one-neuron      | lif.e_l_mV                  | [-200, 100]                 |
//   | vreset  | one-neuron      | lif.v_reset_mV              | [-200, 100]                 |
//   | vth     | one-neuron      | lif.v_th_mV                 | [-200, 100]                 |
//   | rm      | one-neuron      | lif.r_m_MOhm                | [0.001, 10000]              |
//   | taum    | one-neuron      | lif.tau_m_ms                | [0.01, 10000]               |
//   | tref    | one-neuron      | lif.t_ref_ms                | [0, 1000]                   |
//   | adapt   | one-neuron      | lif.adapt_b_nA              | [0, 100]                    |
//   | tauw    | one-neuron      | lif.tau_w_ms                | [0.01, 100000]              |
//   | iext    | zoo             | i_ext                       | [-1000, 1000]               |
//   | istart  | zoo             | i_start_ms                  | [0, 100000]                 |
//   | drive   | delays          | drive_nA                    | [-100, 100]                 |
//   | ne      | izhikevich-1000 | n_exc                       | 1 .. 10000                  |
//   | ni      | izhikevich-1000 | n_inh                       | 1 .. 10000                  |
//   | the     | izhikevich-1000 | thalamic_exc                | [0, 100]                    |
//   | thi     | izhikevich-1000 | thalamic_inh                | [0, 100]                    |
//   | g       | brunel          | g                           | [0, 100]                    |
//   | nu      | brunel          | nu_ratio                    | [0, 100]                    |
//   | scale   | brunel          | scale                       | [0.01, 2]                   |
//   | delay   | brunel          | delay_ms                    | [0.1, 20]                   |
//   | eps     | brunel          | epsilon                     | [0.001, 1]                  |
//   | mode    | stdp            | mode                        | pairing, poisson            |
//   | pdt     | stdp            | pairing_dt_ms               | [-100, 100]                 |
//   | period  | stdp            | pairing_period_ms           | [1, 10000]                  |
//   | delay   | stdp            | delay_ms                    | [0, 100]                    |
//   | w0      | stdp            | initial_weight              | [0, 10]                     |
//   | ap      | stdp            | stdp.a_plus                 | [0, 1]                      |
//   | am      | stdp            | stdp.a_minus                | [0, 1]                      |
//   | taup    | stdp            | stdp.tau_plus_ms            | [0.1, 1000]                 |
//   | taum    | stdp            | stdp.tau_minus_ms           | [0.1, 1000]                 |
//   | wmax    | stdp            | stdp.w_max                  | [0, 10]                     |
//   | inputs  | stdp            | inputs                      | 1 .. 100000                 |
//   | rate    | stdp            | input_rate_Hz               | [0, 1000]                   |
//   | cells   | structural      | neurons                     | 2 .. 2000                   |
//   | p       | structural      | probability                 | [0, 1]                      |
//   | prune   | structural      | structural.prune_below      | [0, 10]                     |
//   | grow    | structural      | structural.grow_probability | [0, 1]                      |
//   | every   | structural      | structural.interval_ms      | [1, 100000]                 |
//   | nmean   | structural      | noise_mean_nA               | [-10, 10]                   |
//   | nsd     | structural      | noise_sd_nA                 | [0, 10]                     |
//   | ne      | cuba            | n_exc                       | 1 .. 100000                 |
//   | ni      | cuba            | n_inh                       | 1 .. 100000                 |
//   | p       | cuba            | probability                 | [0, 1]                      |
//   | we      | cuba            | w_e_mV                      | [0, 100]                    |
//   | wi      | cuba            | w_i_mV                      | [-100, 0]                   |
//   | view    | bridge          | bridge.view                 | clock, analog, surrogate    |
//   | bits    | bridge          | bridge.bits                 | 1 .. 16                     |
//   `izh` sets all four of a, b, c, d to the type's values; ia..id then change single values.
//   Keys select nothing implicitly: model=izhikevich does not change iext, mode=poisson does
//   not change the STDP amplitudes (the CLI's flags do; the query only sets what it names).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/mlp/trainer.h"
#include "core/spiking/scenes.h"

namespace dendrites::scene {

constexpr const char* kExperimentFormat = "dendrites-experiment";
constexpr int kExperimentVersion = 1;  // the newest version this build reads and the one it writes

// The bridge lab's screens: clocked versus unclocked networks side by side, analog versus
// digital numbers (k-bit weights, a continuous membrane), and training spikes with surrogate
// gradients.
enum class BridgeView { kClock, kAnalog, kSurrogate };
constexpr const char* kBridgeViewNames = "clock, analog, surrogate";
constexpr int kMinBridgeBits = 1;
constexpr int kMaxBridgeBits = 16;
const char* BridgeViewName(BridgeView view);  // "clock", "analog", "surrogate"
bool ParseBridgeView(const std::string& name, BridgeView* view);

struct BridgeSettings {
    BridgeView view = BridgeView::kClock;
    int bits = 4;  // the analog view's precision: weights and voltages rounded to 2^bits levels
};

struct Experiment {
    std::string lab = "mlp";       // "mlp", "spiking" or "bridge": the lab it opens in
    mlp::TrainerConfig mlp;        // data, network, optimizer, batch, shuffle, eval_points, seed
    spiking::SceneConfig spiking;  // the active scene and every scene's parameters
    BridgeSettings bridge;         // the bridge lab's screen and its settings

    // Empty when every part is valid: the lab's name, TrainerConfig::Validate, every scene's
    // Validate (the one-neuron cell's LIF and Izhikevich parameters both, whichever model is
    // active) and the delays scene's synapse lists (indices of existing neurons, finite values).
    // Otherwise the first problem, prefixed with its JSON pointer ("/spiking/brunel: ...").
    std::string Validate() const;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] JSON
// ---------------------------------------------------------------------------------------------

struct LoadResult {
    bool ok = false;
    std::string error;                  // when !ok: "<JSON pointer>: <what is wrong>"
    std::vector<std::string> warnings;  // unknown keys, each with its JSON pointer
};

nlohmann::json ToJson(const Experiment& experiment);
// ToJson, pretty-printed with 2-space indents and a final newline.
std::string ToJsonText(const Experiment& experiment);

// Reads an experiment (see the header comment); *out changes only when the result is ok.
LoadResult FromJson(const nlohmann::json& json, Experiment* out);
// Parses text first; a syntax error gives its line and column. Never throws.
LoadResult FromJsonText(const std::string& text, Experiment* out);

// ---------------------------------------------------------------------------------------------
// [SECTION] URL query
// ---------------------------------------------------------------------------------------------

struct QueryResult {
    std::vector<std::string> notices;  // one line per ignored, clamped or reverted setting
};

std::string ToQuery(const Experiment& experiment);
QueryResult ApplyQuery(const std::string& query, Experiment* inout);

// The key table above, for help texts and tests.
struct QueryKeyInfo {
    std::string key;
    std::string scope;   // "any", "mlp", "spiking", "every scene" or a scene name
    std::string values;  // "[0, 4]", "2 .. 1000000", "orbit, uniform", ...
};
std::vector<QueryKeyInfo> QueryKeys();

}  // namespace dendrites::scene
