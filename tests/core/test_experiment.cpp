// Tests of experiment descriptions (src/core/scene): JSON and URL-query round trips, clamping
// and notices, error paths, locale independence, and a fuzz test of both parsers.
#include <catch_amalgamated.hpp>

// GCC 12 at -O2 reports the vectors of temporary Experiments inlined into Catch2's GENERATE and
// CHECK as "maybe used uninitialized"; they are constructed, and no other compiler objects.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <clocale>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/random.h"
#include "core/scene/experiment.h"

using namespace dendrites;
using namespace dendrites::scene;
using nlohmann::json;
using spiking::SceneKind;

namespace {

bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string AllNotices(const QueryResult& r) {
    std::string s;
    for (const std::string& n : r.notices) s += n + "\n";
    return s;
}

// Every Validate() method the experiment's parts have, not only Experiment::Validate.
bool PassesEveryValidate(const Experiment& e) {
    const spiking::SceneConfig& s = e.spiking;
    return e.Validate().empty() && e.mlp.Validate().empty() && s.one_neuron.Validate().empty() &&
           s.zoo.Validate().empty() && s.delays.Validate().empty() &&
           s.izhikevich_1000.Validate().empty() && s.brunel.Validate().empty() &&
           s.stdp.Validate().empty() && s.structural.Validate().empty() &&
           s.cuba.Validate().empty();
}

// An MLP experiment with every field the query covers away from its default.
Experiment ChangedMlp() {
    Experiment e;
    mlp::TrainerConfig& c = e.mlp;
    c.data.r = 3.7;
    c.data.x0 = 0.31;
    c.data.samples = 777;
    c.data.sampling = logistic::Sampling::Uniform;
    c.data.noise_std = 0.02;
    c.data.test_fraction = 0.25;
    c.network.layers = {1, 16, 9, 1};
    c.network.hidden = mlp::Activation::LeakyRelu;
    c.network.init = mlp::Init::Xavier;
    c.optimizer.kind = mlp::OptimizerKind::Momentum;
    c.optimizer.lr = 3e-4;
    c.optimizer.momentum = 0.85;
    c.optimizer.rho = 0.95;
    c.optimizer.beta1 = 0.8;
    c.optimizer.beta2 = 0.9999;
    c.optimizer.epsilon = 1e-7;
    c.batch = 64;
    c.shuffle = false;
    c.eval_points = 250;
    c.seed = 18446744073709551557ULL;  // the largest 64-bit prime: needs exact integers
    return e;
}

// A spiking experiment in `kind` with every field that scene's query keys cover changed.
Experiment ChangedScene(SceneKind kind) {
    Experiment e;
    e.lab = "spiking";
    spiking::SceneConfig& s = e.spiking;
    s.kind = kind;
    switch (kind) {
        case SceneKind::kOneNeuron:
            s.one_neuron.dt_ms = 0.05;
            s.one_neuron.seed = 42;
            s.one_neuron.model = spiking::NeuronModel::kIzhikevich;
            s.one_neuron.izhikevich = {0.03, 0.25, -60.0, 4.5};  // no preset: ia..id
            s.one_neuron.i_ext = 11.5;
            s.one_neuron.i_start_ms = 20;
            s.one_neuron.noise_sd = 0.4;
            s.one_neuron.lif = {-68, -63, -48, 12, 9.5, 3, 0.2, 150};
            break;
        case SceneKind::kZoo:
            s.zoo.seed = 43;
            s.zoo.i_ext = 7.5;
            s.zoo.i_start_ms = 5;
            break;
        case SceneKind::kDelays:
            s.delays.dt_ms = 0.02;
            s.delays.drive_nA = 3.25;
            break;
        case SceneKind::kIzhikevich1000:
            s.izhikevich_1000.dt_ms = 0.5;
            s.izhikevich_1000.seed = 7;
            s.izhikevich_1000.n_exc = 400;
            s.izhikevich_1000.n_inh = 100;
            s.izhikevich_1000.thalamic_exc = 4;
            s.izhikevich_1000.thalamic_inh = 1.5;
            break;
        case SceneKind::kBrunel:
            s.brunel.dt_ms = 0.05;
            s.brunel.g = 4.5;
            s.brunel.nu_ratio = 0.9;
            s.brunel.scale = 0.05;
            s.brunel.delay_ms = 2.0;
            s.brunel.epsilon = 0.2;
            break;
        case SceneKind::kStdp:
            s.stdp.seed = 11;
            s.stdp.mode = spiking::StdpMode::kPoissonInputs;
            s.stdp.pairing_dt_ms = -7.5;
            s.stdp.pairing_period_ms = 150;
            s.stdp.delay_ms = 2;
            s.stdp.initial_weight = 0.25;
            s.stdp.stdp.a_plus = 0.02;
            s.stdp.stdp.a_minus = 0.021;
            s.stdp.stdp.tau_plus_ms = 16.8;
            s.stdp.stdp.tau_minus_ms = 33.7;
            s.stdp.stdp.w_max = 0.06;
            s.stdp.inputs = 500;
            s.stdp.input_rate_Hz = 15;
            break;
        case SceneKind::kStructural:
            s.structural.dt_ms = 0.2;
            s.structural.neurons = 80;
            s.structural.probability = 0.15;
            s.structural.structural.prune_below = 0.05;
            s.structural.structural.grow_probability = 0.001;
            s.structural.structural.interval_ms = 50;
            s.structural.noise_mean_nA = 1.4;
            s.structural.noise_sd_nA = 0.7;
            break;
        case SceneKind::kCuba:
            s.cuba.seed = 5;
            s.cuba.n_exc = 1600;
            s.cuba.n_inh = 400;
            s.cuba.probability = 0.04;
            s.cuba.w_e_mV = 1.8;
            s.cuba.w_i_mV = -10;
            break;
    }
    return e;
}

// Everything changed, also what no query key reaches (JSON carries every member).
Experiment ChangedEverything() {
    Experiment e = ChangedMlp();
    e.lab = "spiking";
    for (int k = 0; k < spiking::kSceneCount; ++k) {
        const spiking::SceneConfig s = ChangedScene(static_cast<SceneKind>(k)).spiking;
        switch (static_cast<SceneKind>(k)) {
            case SceneKind::kOneNeuron: e.spiking.one_neuron = s.one_neuron; break;
            case SceneKind::kZoo: e.spiking.zoo = s.zoo; break;
            case SceneKind::kDelays: e.spiking.delays = s.delays; break;
            case SceneKind::kIzhikevich1000: e.spiking.izhikevich_1000 = s.izhikevich_1000; break;
            case SceneKind::kBrunel: e.spiking.brunel = s.brunel; break;
            case SceneKind::kStdp: e.spiking.stdp = s.stdp; break;
            case SceneKind::kStructural: e.spiking.structural = s.structural; break;
            case SceneKind::kCuba: e.spiking.cuba = s.cuba; break;
        }
    }
    e.spiking.kind = SceneKind::kBrunel;
    e.spiking.brunel.theta_mV = 21;
    e.spiking.brunel.j_c_e_mV = 90;
    e.spiking.delays.neurons = 7;
    e.spiking.delays.chemical.push_back({5, 6, -2.5, 4.0});
    e.spiking.delays.electrical = {{0, 6, 0.1}};
    e.spiking.structural.stdp.w_max = 0.7;
    e.bridge.view = BridgeView::kSurrogate;
    e.bridge.bits = 2;
    e.spiking.stdp.stdp.w_min = -0.01;
    return e;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// URL query
// ---------------------------------------------------------------------------------------------

TEST_CASE("The documented example query sets exactly the fields it names", "[experiment][query]") {
    const std::string query =
        "lab=mlp&r=3.5&layers=1-8-8-1&act=tanh&opt=adam&lr=0.01&batch=32&seed=7";
    Experiment e;
    const QueryResult r = ApplyQuery(query, &e);
    INFO(AllNotices(r));
    CHECK(r.notices.empty());
    CHECK(e.lab == "mlp");
    CHECK(e.mlp.data.r == 3.5);
    CHECK(e.mlp.network.layers == std::vector<int>{1, 8, 8, 1});
    CHECK(e.mlp.network.hidden == mlp::Activation::Tanh);
    CHECK(e.mlp.optimizer.kind == mlp::OptimizerKind::Adam);
    CHECK(e.mlp.optimizer.lr == 0.01);
    CHECK(e.mlp.batch == 32);
    CHECK(e.mlp.seed == 7);
    // Nothing else moved.
    const mlp::TrainerConfig defaults;
    CHECK(e.mlp.data.x0 == defaults.data.x0);
    CHECK(e.mlp.data.samples == defaults.data.samples);
    CHECK(e.mlp.optimizer.beta1 == defaults.optimizer.beta1);
    CHECK(ToJson(e)["spiking"] == ToJson(Experiment{})["spiking"]);
    // And ToQuery writes the same query back, key for key.
    CHECK(ToQuery(e) == query);
}

TEST_CASE("A default experiment's query names only the lab (and the scene)",
          "[experiment][query]") {
    Experiment e;
    CHECK(ToQuery(e) == "lab=mlp");
    e.lab = "spiking";
    CHECK(ToQuery(e) == "lab=spiking&scene=one-neuron");
    e.spiking.kind = SceneKind::kIzhikevich1000;  // its own default dt (1 ms) is not written
    CHECK(ToQuery(e) == "lab=spiking&scene=izhikevich-1000");
    e.lab = "bridge";
    CHECK(ToQuery(e) == "lab=bridge");
}

TEST_CASE("Query round trips give back every field the keys cover", "[experiment][query]") {
    SECTION("defaults") {
        for (const char* lab : {"mlp", "spiking", "bridge"}) {
            Experiment e;
            e.lab = lab;
            Experiment back;
            const QueryResult r = ApplyQuery(ToQuery(e), &back);
            CHECK(r.notices.empty());
            CHECK(ToJson(back) == ToJson(e));
        }
    }
    SECTION("the MLP lab with every field changed") {
        const Experiment e = ChangedMlp();
        const std::string query = ToQuery(e);
        CAPTURE(query);
        Experiment back;
        const QueryResult r = ApplyQuery(query, &back);
        INFO(AllNotices(r));
        CHECK(r.notices.empty());
        CHECK(ToJson(back) == ToJson(e));
        CHECK(back.mlp.seed == 18446744073709551557ULL);
        CHECK(ToQuery(back) == query);  // query -> experiment -> query
    }
    SECTION("each spiking scene with its keys' fields changed") {
        const int k = GENERATE(range(0, spiking::kSceneCount));
        const Experiment e = ChangedScene(static_cast<SceneKind>(k));
        const std::string query = ToQuery(e);
        CAPTURE(query);
        Experiment back;
        const QueryResult r = ApplyQuery(query, &back);
        INFO(AllNotices(r));
        CHECK(r.notices.empty());
        CHECK(ToJson(back) == ToJson(e));
        CHECK(ToQuery(back) == query);
    }
    SECTION("the bridge lab's view and precision") {
        Experiment e;
        e.lab = "bridge";
        e.bridge.view = BridgeView::kAnalog;
        e.bridge.bits = 3;
        CHECK(ToQuery(e) == "lab=bridge&view=analog&bits=3");
        Experiment back;
        CHECK(ApplyQuery(ToQuery(e), &back).notices.empty());
        CHECK(ToJson(back) == ToJson(e));
        CHECK(ApplyQuery("lab=bridge&view=surrogate", &back).notices.empty());
        CHECK(back.bridge.view == BridgeView::kSurrogate);
        CHECK(back.bridge.bits == 3);  // a key the query does not name keeps its value
    }
    SECTION("an Izhikevich preset is one key") {
        Experiment e;
        e.lab = "spiking";
        e.spiking.one_neuron.izhikevich = spiking::IzhikevichPreset(spiking::IzhikevichType::kFS);
        CHECK(ToQuery(e) == "lab=spiking&scene=one-neuron&izh=FS");
        Experiment back;
        CHECK(ApplyQuery("lab=spiking&izh=fs", &back).notices.empty());
        CHECK(ToJson(back) == ToJson(e));
    }
}

TEST_CASE("Keys apply in table order, whatever their order in the query", "[experiment][query]") {
    Experiment e;
    const QueryResult r = ApplyQuery("?g=6.5&dt=0.05&scene=brunel&lab=spiking", &e);
    INFO(AllNotices(r));
    CHECK(r.notices.empty());
    CHECK(e.spiking.kind == SceneKind::kBrunel);
    CHECK(e.spiking.brunel.g == 6.5);
    CHECK(e.spiking.brunel.dt_ms == 0.05);
    CHECK(e.spiking.one_neuron.dt_ms == 0.1);  // dt is the active scene's
}

TEST_CASE("Percent escapes and '+' are decoded", "[experiment][query]") {
    Experiment e;
    const QueryResult r = ApplyQuery("lab=spiking&scene=brunel&g=4%2E5&nu=%2B1.5&scale=+0.1", &e);
    INFO(AllNotices(r));
    CHECK(r.notices.empty());
    CHECK(e.spiking.brunel.g == 4.5);
    CHECK(e.spiking.brunel.nu_ratio == 1.5);
    CHECK(e.spiking.brunel.scale == 0.1);  // "+0.1" is " 0.1"
}

TEST_CASE("Out-of-range query values are clamped with a notice", "[experiment][query]") {
    struct Case {
        const char* query;
        const char* notice;
    };
    const Case c = GENERATE(values<Case>({
        {"lr=-3", "lr=-3 is out of range [1e-6, 10]; using 1e-6"},
        {"r=9", "r=9 is out of range [0, 4]; using 4"},
        {"batch=0", "batch=0 is out of range [1, 1000000]; using 1"},
        {"n=5e9", "n=5e9 is out of range [2, 1000000]; using 1000000"},
        {"seed=-1", "seed=-1 is out of range [0, 18446744073709551615]; using 0"},
        {"seed=1e30",
         "seed=1e30 is out of range [0, 18446744073709551615]; using 18446744073709551615"},
        {"lab=spiking&dt=50", "dt=50 is out of range [0.0001, 10]; using 10"},
        {"lab=spiking&scene=brunel&scale=0", "scale=0 is out of range [0.01, 2]; using 0.01"},
    }));
    CAPTURE(c.query);
    Experiment e;
    const QueryResult r = ApplyQuery(c.query, &e);
    REQUIRE(r.notices.size() == 1);
    CHECK(r.notices[0] == c.notice);
    CHECK(PassesEveryValidate(e));
}

TEST_CASE("Clamped values are the range's ends", "[experiment][query]") {
    Experiment e;
    ApplyQuery("lr=-3&r=9&batch=0&n=5e9&seed=-1", &e);
    CHECK(e.mlp.optimizer.lr == 1e-6);
    CHECK(e.mlp.data.r == 4.0);
    CHECK(e.mlp.batch == 1);
    CHECK(e.mlp.data.samples == 1000000);
    CHECK(e.mlp.seed == 0);
}

TEST_CASE("Unknown keys and keys of another lab or scene are ignored with a notice",
          "[experiment][query]") {
    Experiment e;
    QueryResult r = ApplyQuery("foo=1&lr=0.1", &e);
    CHECK(r.notices == std::vector<std::string>{"unknown key 'foo' ignored"});
    CHECK(e.mlp.optimizer.lr == 0.1);

    r = ApplyQuery("lab=mlp&g=5", &e);
    CHECK(r.notices == std::vector<std::string>{"key 'g' does not apply to the mlp lab; ignored"});

    r = ApplyQuery("lab=spiking&scene=zoo&vth=-40&iext=12", &e);
    CHECK(r.notices ==
          std::vector<std::string>{"key 'vth' does not apply to the zoo scene; ignored"});
    CHECK(e.spiking.zoo.i_ext == 12);
    CHECK(e.spiking.one_neuron.i_ext == 2.5);  // iext is the active scene's
}

TEST_CASE("Malformed values are ignored with a notice naming key and value",
          "[experiment][query]") {
    struct Case {
        const char* query;
        const char* notice;
    };
    const Case c = GENERATE(values<Case>({
        {"lr=abc", "lr=abc is not a number; ignored"},
        {"r=", "r= is not a number; ignored"},
        {"r", "r= is not a number; ignored"},
        {"r=1e999", "r=1e999 is not a number; ignored"},
        {"r=0x1", "r=0x1 is not a number; ignored"},
        {"r=1,5", "r=1,5 is not a number; ignored"},
        {"batch=2.5", "batch=2.5 is not a whole number; ignored"},
        {"%zz", "'%zz' has a malformed percent escape; ignored"},
        {"lr=0.1%", "'lr=0.1%' has a malformed percent escape; ignored"},
        {"layers=1-x-1", "layers=1-x-1 is not a list of widths such as 1-8-8-1; ignored"},
        {"layers=1--1", "layers=1--1 is not a list of widths such as 1-8-8-1; ignored"},
        {"layers=1", "layers=1 is not a list of widths such as 1-8-8-1; ignored"},
        {"layers=2-8-1",
         "layers=2-8-1 must start and end with 1 (one input x_n, one output "
         "x_{n+1}); ignored"},
        {"layers=1-4096-1", "layers=1-4096-1 has a width outside 1..2048; ignored"},
        {"layers=1-0-1", "layers=1-0-1 has a width outside 1..2048; ignored"},
        {"layers=1-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-1",
         "layers=1-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-2-1 has more than 16 hidden layers; ignored"},
        {"act=softmax",
         "act=softmax is not one of sigmoid, tanh, relu, leaky_relu, linear; ignored"},
        {"lab=chemistry", "lab=chemistry is not one of mlp, spiking, bridge; ignored"},
        {"shuffle=maybe", "shuffle=maybe is not 1 or 0; ignored"},
        {"lr=%01", "lr=\\x01 is not a number; ignored"},
    }));
    CAPTURE(c.query);
    Experiment e;
    const QueryResult r = ApplyQuery(c.query, &e);
    REQUIRE(r.notices.size() == 1);
    CHECK(r.notices[0] == c.notice);
    CHECK(ToJson(e) == ToJson(Experiment{}));  // nothing changed
}

TEST_CASE("A key given twice uses the last value, with a notice", "[experiment][query]") {
    Experiment e;
    const QueryResult r = ApplyQuery("r=3&r=3.25", &e);
    CHECK(r.notices ==
          std::vector<std::string>{"key 'r' is given more than once; using the last value"});
    CHECK(e.mlp.data.r == 3.25);
}

TEST_CASE("A combination Validate() rejects takes the scene back to its previous settings",
          "[experiment][query]") {
    Experiment e;
    e.lab = "spiking";
    e.spiking.one_neuron.i_ext = 3.0;
    // v_reset -40 mV is above the -50 mV threshold: the whole one-neuron change is undone.
    const QueryResult r = ApplyQuery("lab=spiking&vreset=-40&iext=5&sseed=9", &e);
    INFO(AllNotices(r));
    REQUIRE(r.notices.size() == 1);
    CHECK(Contains(r.notices[0], "the one-neuron settings do not work together"));
    CHECK(Contains(r.notices[0], "v_reset_mV must be below v_th_mV"));
    CHECK(Contains(r.notices[0], "kept the previous ones"));
    CHECK(e.spiking.one_neuron.lif.v_reset_mV == -65.0);
    CHECK(e.spiking.one_neuron.i_ext == 3.0);
    CHECK(e.spiking.one_neuron.seed == 1);
    CHECK(PassesEveryValidate(e));

    // Both moved together, the change is valid.
    CHECK(ApplyQuery("lab=spiking&vreset=-40&vth=-35", &e).notices.empty());
    CHECK(e.spiking.one_neuron.lif.v_reset_mV == -40.0);
    CHECK(e.spiking.one_neuron.lif.v_th_mV == -35.0);
}

TEST_CASE("The bridge lab's keys are checked like the others", "[experiment][query]") {
    const auto c = GENERATE(values<std::pair<const char*, const char*>>({
        {"lab=bridge&bits=40", "bits=40 is out of range [1, 16]; using 16"},
        {"lab=bridge&bits=0", "bits=0 is out of range [1, 16]; using 1"},
        {"lab=bridge&view=fast", "view=fast is not one of clock, analog, surrogate; ignored"},
        {"lab=bridge&r=3", "key 'r' does not apply to the bridge lab; ignored"},
        {"lab=mlp&bits=3", "key 'bits' does not apply to the mlp lab; ignored"},
    }));
    CAPTURE(c.first);
    Experiment e;
    const QueryResult r = ApplyQuery(c.first, &e);
    REQUIRE(r.notices.size() == 1);
    CHECK(r.notices[0] == c.second);
    CHECK(e.Validate().empty());
}

TEST_CASE("No two query keys apply in the same lab and scene", "[experiment][query]") {
    const std::vector<QueryKeyInfo> keys = QueryKeys();
    REQUIRE(keys.size() > 60);
    const auto applies = [](const std::string& scope, const std::string& lab,
                            const std::string& scene) {
        if (scope == "any") return true;
        if (scope == "mlp") return lab == "mlp";
        if (scope == "bridge") return lab == "bridge";
        if (lab != "spiking") return false;
        return scope == "spiking" || scope == "every scene" || scope == scene;
    };
    std::vector<std::pair<std::string, std::string>> places{{"mlp", ""}, {"bridge", ""}};
    for (int k = 0; k < spiking::kSceneCount; ++k) {
        places.emplace_back("spiking", spiking::SceneName(static_cast<SceneKind>(k)));
    }
    for (const auto& [lab, scene] : places) {
        for (std::size_t i = 0; i < keys.size(); ++i) {
            for (std::size_t j = i + 1; j < keys.size(); ++j) {
                if (keys[i].key != keys[j].key) continue;
                CAPTURE(lab, scene, keys[i].key);
                CHECK_FALSE(
                    (applies(keys[i].scope, lab, scene) && applies(keys[j].scope, lab, scene)));
            }
        }
    }
    for (const QueryKeyInfo& k : keys) {
        CAPTURE(k.key);
        CHECK_FALSE(k.values.empty());
    }
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

TEST_CASE("JSON round trips keep every member", "[experiment][json]") {
    const Experiment e = GENERATE(Experiment{}, ChangedMlp(), ChangedEverything());
    REQUIRE(e.Validate().empty());
    const std::string text = ToJsonText(e);
    CAPTURE(text);
    Experiment back;
    back.mlp.batch = 3;  // FromJson starts from the defaults, not from *out
    const LoadResult r = FromJsonText(text, &back);
    REQUIRE(r.ok);
    CHECK(r.error.empty());
    CHECK(r.warnings.empty());
    CHECK(ToJson(back) == ToJson(e));
    CHECK(ToJsonText(back) == text);
    CHECK(FromJson(ToJson(e), &back).ok);
    CHECK(ToJson(back) == ToJson(e));
}

TEST_CASE("The JSON text starts with format and version and uses readable keys",
          "[experiment][json]") {
    const std::string text = ToJsonText(Experiment{});
    CHECK(text.rfind("{\n  \"format\": \"dendrites-experiment\",\n  \"version\": 1,\n  \"lab\": "
                     "\"mlp\",",
                     0) == 0);
    const json j = ToJson(Experiment{});
    CHECK(j["mlp"]["optimizer"]["kind"] == "rmsprop");
    CHECK(j["mlp"]["network"]["layers"] == json::array({1, 30, 1}));
    CHECK(j["mlp"]["network"]["init"] == "auto");
    CHECK(j["mlp"]["data"]["sampling"] == "orbit");
    CHECK(j["spiking"]["scene"] == "one-neuron");
    CHECK(j["spiking"]["one_neuron"]["lif"]["tau_m_ms"] == 8.0);
    CHECK(j["spiking"]["stdp"]["input_rate_Hz"] == 10.0);
    CHECK(j["spiking"]["delays"]["chemical"].size() == 4);
    for (const char* scene : {"one_neuron", "zoo", "delays", "izhikevich_1000", "brunel", "stdp",
                              "structural", "cuba"}) {
        CAPTURE(scene);
        CHECK(j["spiking"][scene].is_object());
    }
}

TEST_CASE("JSON errors name the JSON pointer of the offending field", "[experiment][json]") {
    struct Case {
        const char* pointer;
        json value;
        const char* error;  // the whole message, or its start when it ends in "..."
    };
    const Case c = GENERATE(values<Case>({
        {"/mlp/optimizer/lr", -1, "/mlp/optimizer/lr: must be positive (got -1)"},
        {"/mlp/optimizer/lr", 11.5, "/mlp/optimizer/lr: must be in (0, 10] (got 11.5)"},
        {"/mlp/optimizer/lr", "fast", "/mlp/optimizer/lr: must be a number (got \"fast\")"},
        {"/mlp/optimizer/beta2", 1, "/mlp/optimizer/beta2: must be in [0, 1) (got 1)"},
        {"/mlp/data/samples", 1.5,
         "/mlp/data/samples: must be a whole number in [2, 1000000] (got 1.5)"},
        {"/mlp/data/r", nullptr, "/mlp/data/r: must be a number (got null)"},
        {"/mlp/network/layers", json::array({2, 5, 1}),
         "/mlp/network/layers/0: the input width must be 1"},
        {"/mlp/network/layers", json::array({1, 5, "x", 1}),
         "/mlp/network/layers/2: must be a whole number in [1, 2048] (got \"x\")"},
        {"/mlp/network/layers", json::array({1}), "/mlp/network/layers: must be a list of 2 to..."},
        {"/mlp/network/activation", "softmax",
         "/mlp/network/activation: must be one of sigmoid, tanh, relu, leaky_relu, linear (got "
         "\"softmax\")"},
        {"/mlp/shuffle", 1, "/mlp/shuffle: must be true or false (got 1)"},
        {"/mlp/seed", -3,
         "/mlp/seed: must be a whole number in [0, 18446744073709551615] (got -3)"},
        {"/mlp/batch", 0, "/mlp/batch: must be a whole number in [1, 2147483647] (got 0)"},
        {"/lab", "both", "/lab: must be \"mlp\", \"spiking\" or \"bridge\" (got \"both\")"},
        {"/bridge/bits", 17, "/bridge/bits: must be a whole number in [1, 16] (got 17)"},
        {"/bridge/view", "fast",
         "/bridge/view: must be one of clock, analog, surrogate (got \"fast\")"},
        {"/spiking/scene", "nope", "/spiking/scene: must be one of one-neuron, zoo, ..."},
        {"/spiking/brunel/g", -1, "/spiking/brunel/g: must not be negative (got -1)"},
        {"/spiking/brunel/scale", 5, "/spiking/brunel/scale: must be in [0.01, 2] (got 5)"},
        {"/spiking/one_neuron/izhikevich/c", 30,
         "/spiking/one_neuron/izhikevich/c: must be below 30 (got 30)"},
        {"/spiking/one_neuron/lif/v_reset_mV", -40,
         "/spiking/one_neuron: LIF v_reset_mV must be below v_th_mV"},
        {"/spiking/one_neuron/model", "hodgkin",
         "/spiking/one_neuron/model: must be one of lif, izhikevich (got \"hodgkin\")"},
        {"/spiking/stdp", json::array(), "/spiking/stdp: must be an object (got an array)"},
        {"/spiking/stdp/stdp/w_min", 2, "/spiking/stdp: STDP w_min must not exceed w_max"},
        {"/spiking/delays/chemical/1/post", 9,
         "/spiking/delays/chemical/1/post: 9 is not one of the graph's 6 neurons"},
        {"/spiking/delays/chemical/2", 4, "/spiking/delays/chemical/2: must be an object (got 4)"},
        {"/spiking/delays/electrical/0/g_uS", -1,
         "/spiking/delays/electrical/0/g_uS: must not be negative (got -1)"},
        {"/spiking/cuba/n_exc", 300000,
         "/spiking/cuba/n_exc: must be a whole number in [1, 200000] (got 300000)"},
        {"/version", 2, "/version: version 2 is newer than this build reads (1)"},
        {"/version", 0, "/version: must be 1 or more (got 0)"},
        {"/format", "x", "/format: must be \"dendrites-experiment\" (got \"x\")"},
    }));
    CAPTURE(c.pointer);
    json j = ToJson(Experiment{});
    j[json::json_pointer(c.pointer)] = c.value;
    Experiment e;
    const LoadResult r = FromJson(j, &e);
    CHECK_FALSE(r.ok);
    const std::string expected = c.error;
    if (expected.size() > 3 && expected.compare(expected.size() - 3, 3, "...") == 0) {
        CHECK(r.error.rfind(expected.substr(0, expected.size() - 3), 0) == 0);
    } else {
        CHECK(r.error == expected);
    }
}

TEST_CASE("A missing format or version is an error", "[experiment][json]") {
    json j = ToJson(Experiment{});
    j.erase("format");
    Experiment e;
    CHECK(Contains(FromJson(j, &e).error, "/format: missing"));
    j = ToJson(Experiment{});
    j.erase("version");
    CHECK(Contains(FromJson(j, &e).error, "/version: missing"));
    CHECK(FromJson(json::array(), &e).error ==
          "/: an experiment must be a JSON object (got an array)");
}

TEST_CASE("Missing keys keep their defaults and unknown keys are warnings", "[experiment][json]") {
    const json j = json::parse(R"({"format": "dendrites-experiment", "version": 1,
        "mlp": {"batch": 8, "colour": "red", "optimizer": {"lr": 0.05}},
        "spiking": {"brunel": {"g": 3, "c/~x": 1}}, "extra": [1, 2]})");
    Experiment e;
    const LoadResult r = FromJson(j, &e);
    REQUIRE(r.ok);
    CHECK(e.mlp.batch == 8);
    CHECK(e.mlp.optimizer.lr == 0.05);
    CHECK(e.mlp.optimizer.kind == mlp::OptimizerKind::RmsProp);
    CHECK(e.spiking.brunel.g == 3);
    CHECK(e.spiking.brunel.nu_ratio == 2);
    CHECK(e.lab == "mlp");
    const std::vector<std::string> expected{"/mlp/colour: unknown key ignored",
                                            "/spiking/brunel/c~1~0x: unknown key ignored",
                                            "/extra: unknown key ignored"};
    CHECK(r.warnings == expected);
}

TEST_CASE("A bad file leaves the experiment unchanged", "[experiment][json]") {
    Experiment e = ChangedEverything();
    const std::string before = ToJsonText(e);
    const std::string bad_value = [] {
        json j = ToJson(Experiment{});
        j["spiking"]["cuba"]["r_m_MOhm"] = 0;
        return j.dump();
    }();
    for (const std::string& text : {std::string("{ not json"), std::string(""), bad_value,
                                    std::string("[1, 2]"), std::string("{\"format\": 1}")}) {
        CAPTURE(text);
        const LoadResult r = FromJsonText(text, &e);
        CHECK_FALSE(r.ok);
        CHECK_FALSE(r.error.empty());
        CHECK(ToJsonText(e) == before);
    }
}

TEST_CASE("JSON syntax errors give line and column", "[experiment][json]") {
    Experiment e;
    const LoadResult r = FromJsonText(
        "{\n  \"format\": \"dendrites-experiment\",\n  \"version\": 1,\n  \"lab\": mlp\n}", &e);
    CHECK_FALSE(r.ok);
    CHECK(r.error.rfind("JSON parse error at line 4, column", 0) == 0);
    const LoadResult empty = FromJsonText("", &e);
    CHECK(empty.error.rfind("JSON parse error at line 1, column 1", 0) == 0);
    // Raw bytes never reach the message as they are.
    const LoadResult bytes = FromJsonText(std::string("{\"a\x01\xff\": 1"), &e);
    CHECK_FALSE(bytes.ok);
    for (char ch : bytes.error) {
        CHECK((ch >= 0x20 && ch < 0x7f));
    }
}

TEST_CASE("NaN members are written as null and rejected when read", "[experiment][json]") {
    Experiment e;
    e.mlp.optimizer.lr = std::numeric_limits<double>::quiet_NaN();
    e.spiking.brunel.g = std::numeric_limits<double>::infinity();
    const json j = ToJson(e);
    CHECK(j["mlp"]["optimizer"]["lr"].is_null());
    CHECK(j["spiking"]["brunel"]["g"].is_null());
    CHECK_FALSE(Contains(ToJsonText(e), "NaN"));
    Experiment back;
    CHECK(FromJson(j, &back).error == "/mlp/optimizer/lr: must be a number (got null)");
    // The query never writes a non-finite number.
    CHECK(ToQuery(e) == "lab=mlp");
}

// ---------------------------------------------------------------------------------------------
// Locale
// ---------------------------------------------------------------------------------------------

TEST_CASE("Numbers are written and read independent of the C locale", "[experiment][locale]") {
    const char* set = nullptr;
    for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "nl_NL.UTF-8"}) {
        set = std::setlocale(LC_NUMERIC, name);
        if (set != nullptr) break;
    }
    if (set == nullptr) {
        WARN("no locale with a decimal comma is installed; checking in the C locale only");
    }
    Experiment e;
    e.mlp.data.x0 = 0.5;
    const std::string text = ToJsonText(e);
    const std::string query = ToQuery(e);
    Experiment from_text, from_query;
    const LoadResult r = FromJsonText(text, &from_text);
    const QueryResult q = ApplyQuery("x0=0.25&lr=2.5e-3", &from_query);
    std::setlocale(LC_NUMERIC, "C");  // restore before any CHECK can end the test

    CHECK(Contains(text, "\"x0\": 0.5"));
    CHECK(query == "lab=mlp&x0=0.5");
    REQUIRE(r.ok);
    CHECK(from_text.mlp.data.x0 == 0.5);
    CHECK(q.notices.empty());
    CHECK(from_query.mlp.data.x0 == 0.25);
    CHECK(from_query.mlp.optimizer.lr == 0.0025);
}

// ---------------------------------------------------------------------------------------------
// Fuzz
// ---------------------------------------------------------------------------------------------

namespace {

constexpr int kFuzzInputs = 100000;  // per parser

// Values the fuzzers draw from, besides random characters and bytes.
const std::vector<std::string> kQueryValues{"0",
                                            "1",
                                            "-1",
                                            "0.5",
                                            "3.5",
                                            "1e-7",
                                            "1e308",
                                            "-1e308",
                                            "1e999",
                                            "4.0000001",
                                            "2.5",
                                            "abc",
                                            "",
                                            "nan",
                                            "inf",
                                            "1-8-8-1",
                                            "1-30-1",
                                            "1,5,1",
                                            "1-x-1",
                                            "2-8-1",
                                            "1--1",
                                            "mlp",
                                            "spiking",
                                            "brunel",
                                            "zoo",
                                            "cuba",
                                            "stdp",
                                            "one-neuron",
                                            "izhikevich-1000",
                                            "delays",
                                            "structural",
                                            "tanh",
                                            "adam",
                                            "lif",
                                            "izhikevich",
                                            "FS",
                                            "rz",
                                            "poisson",
                                            "uniform",
                                            "true",
                                            "18446744073709551615",
                                            "18446744073709551616",
                                            "-0",
                                            ".5",
                                            "-.5",
                                            "5.",
                                            "%2B1",
                                            "%zz",
                                            "%",
                                            "+1",
                                            "1e",
                                            "--1",
                                            "0.0000001",
                                            "-65",
                                            "-40",
                                            "-50",
                                            "100"};
const std::vector<std::string> kJsonStrings{"",
                                            "x",
                                            "adam",
                                            "tanh",
                                            "brunel",
                                            "one-neuron",
                                            "lif",
                                            "poisson",
                                            "spiking",
                                            "mlp",
                                            "dendrites-experiment",
                                            "1",
                                            "null",
                                            "\xc3\xa4",
                                            "uniform",
                                            "fan_in"};

std::string RandomBytes(Rng& rng, int max_count) {
    std::string s;
    const int n = static_cast<int>(rng.UniformInt(static_cast<std::uint64_t>(max_count) + 1));
    for (int i = 0; i < n; ++i) s += static_cast<char>(rng.UniformInt(256));
    return s;
}

std::string Pick(Rng& rng, const std::vector<std::string>& from) {
    return from[static_cast<std::size_t>(rng.UniformInt(from.size()))];
}

// A query-like string: known and unknown keys, '=', '&', numbers, names, escapes, raw bytes.
std::string RandomQuery(Rng& rng, const std::vector<std::string>& keys) {
    const std::vector<std::string>& values = kQueryValues;
    const std::string alphabet = "0123456789abcdefxyz.-e%&=+?E ";
    std::string q;
    if (rng.Bernoulli(0.1)) q += '?';
    const int segments = static_cast<int>(rng.UniformInt(12));
    for (int s = 0; s < segments; ++s) {
        if (s > 0) q += '&';
        const double what = rng.Uniform();
        if (what < 0.75) {
            q += Pick(rng, keys);
        } else if (what < 0.9) {
            for (int i = static_cast<int>(rng.UniformInt(6)); i > 0; --i) {
                q += alphabet[static_cast<std::size_t>(rng.UniformInt(alphabet.size()))];
            }
        } else {
            q += RandomBytes(rng, 6);
        }
        if (rng.Bernoulli(0.9)) q += '=';
        const double how = rng.Uniform();
        if (how < 0.6) {
            q += Pick(rng, values);
        } else if (how < 0.8) {
            q += std::to_string(rng.Uniform(-1000, 1000));
        } else if (how < 0.95) {
            for (int i = static_cast<int>(rng.UniformInt(10)); i > 0; --i) {
                q += alphabet[static_cast<std::size_t>(rng.UniformInt(alphabet.size()))];
            }
        } else {
            q += RandomBytes(rng, 10);
        }
    }
    return q;
}

json RandomValue(Rng& rng, int depth) {
    const std::vector<std::string>& strings = kJsonStrings;
    switch (rng.UniformInt(depth > 2 ? 7 : 9)) {
        case 0: return nullptr;
        case 1: return rng.Bernoulli(0.5);
        case 2: return static_cast<std::int64_t>(rng.NextU64());
        case 3: return static_cast<std::int64_t>(rng.UniformInt(4000)) - 2000;
        case 4: return rng.NextU64();
        case 5: {
            const double picks[] = {0.0,    -0.0,  0.5, 1.0,  -1.0,     1e308, -1e308,
                                    5e-324, 1e-12, 4.0, 30.0, 0.999999, 2.5e6, 12.0};
            return picks[rng.UniformInt(sizeof picks / sizeof picks[0])];
        }
        case 6: return Pick(rng, strings);
        case 7: {
            json a = json::array();
            for (int i = static_cast<int>(rng.UniformInt(4)); i > 0; --i) {
                a.push_back(RandomValue(rng, depth + 1));
            }
            return a;
        }
        default: {
            json o = json::object();
            for (int i = static_cast<int>(rng.UniformInt(4)); i > 0; --i) {
                o[Pick(rng, strings) + std::to_string(i)] = RandomValue(rng, depth + 1);
            }
            return o;
        }
    }
}

void CollectPointers(const json& j, const std::string& at, std::vector<std::string>* out) {
    out->push_back(at);
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            CollectPointers(*it, at + "/" + it.key(), out);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) {
            CollectPointers(j[i], at + "/" + std::to_string(i), out);
        }
    }
}

// One corruption of a valid experiment file.
std::string MutatedText(Rng& rng, const std::string& text, json& root,
                        const std::vector<std::string>& pointers) {
    const std::string jsonish = "{}[]\":,0123456789.-+eE tfnul\n\\";
    std::string s = text;
    const auto at = [&rng](const std::string& t) {
        return static_cast<std::size_t>(rng.UniformInt(t.size() + 1));
    };
    switch (rng.UniformInt(6)) {
        case 0:  // byte flips
            for (int i = 1 + static_cast<int>(rng.UniformInt(4)); i > 0 && !s.empty(); --i) {
                s[static_cast<std::size_t>(rng.UniformInt(s.size()))] =
                    static_cast<char>(rng.UniformInt(256));
            }
            break;
        case 1: {  // deletion
            const std::size_t p = at(s);
            s.erase(p, static_cast<std::size_t>(1 + rng.UniformInt(20)));
            break;
        }
        case 2: {  // insertion of JSON-like characters or raw bytes
            std::string piece;
            for (int i = 1 + static_cast<int>(rng.UniformInt(8)); i > 0; --i) {
                piece += rng.Bernoulli(0.8)
                             ? jsonish[static_cast<std::size_t>(rng.UniformInt(jsonish.size()))]
                             : static_cast<char>(rng.UniformInt(256));
            }
            s.insert(at(s), piece);
            break;
        }
        case 3: s.resize(at(s)); break;  // truncation
        case 4: {                        // a slice copied elsewhere
            const std::size_t p = at(s);
            const std::string slice = s.substr(p, static_cast<std::size_t>(rng.UniformInt(40)));
            s.insert(at(s), slice);
            break;
        }
        default: {  // a random JSON value at a random path (swapped in and out of `root`)
            const std::string& pointer = Pick(rng, pointers);
            json value = RandomValue(rng, 0);
            const int indent = rng.Bernoulli(0.5) ? 2 : -1;
            if (pointer.empty()) {
                s = value.dump(indent, ' ', false, json::error_handler_t::replace);
                break;
            }
            json& slot = root[json::json_pointer(pointer)];
            std::swap(slot, value);
            s = root.dump(indent, ' ', false, json::error_handler_t::replace);
            std::swap(slot, value);
            break;
        }
    }
    return s;
}

}  // namespace

TEST_CASE("ApplyQuery survives 100,000 random queries and leaves a valid experiment",
          "[experiment][fuzz]") {
    Rng rng(20240611);
    std::vector<std::string> keys;
    for (const QueryKeyInfo& k : QueryKeys()) keys.push_back(k.key);
    keys.insert(keys.end(), {"foo", "", "LR", "r%3D", "lab%3Dspiking", "sc%65ne"});

    Experiment e;
    int invalid = 0, empty_notices = 0, exceptions = 0;
    std::string first_failure;
    for (int i = 0; i < kFuzzInputs; ++i) {
        if (i % 1000 == 0) e = Experiment{};
        const std::string query = RandomQuery(rng, keys);
        try {
            const QueryResult r = ApplyQuery(query, &e);
            for (const std::string& n : r.notices) empty_notices += n.empty() ? 1 : 0;
            if (!PassesEveryValidate(e)) {
                ++invalid;
                if (first_failure.empty()) first_failure = query + " -> " + e.Validate();
            }
        } catch (const std::exception& ex) {
            ++exceptions;
            if (first_failure.empty()) first_failure = query + " threw " + ex.what();
        }
    }
    INFO(first_failure);
    CHECK(invalid == 0);
    CHECK(empty_notices == 0);
    CHECK(exceptions == 0);
}

TEST_CASE("FromJsonText survives 100,000 corrupted experiment files", "[experiment][fuzz]") {
    // Valid files to corrupt: the whole experiment, and (faster to parse, same keys in all)
    // files that hold one part each, as a file may leave out what keeps its default.
    struct Base {
        json root;
        std::string compact, pretty;
        std::vector<std::string> pointers;
    };
    const Experiment experiment = ChangedEverything();
    const json expected = ToJson(experiment);
    std::vector<Base> bases{{expected, "", "", {}}};
    json head = json::object();
    for (const char* key : {"format", "version"}) head[key] = expected[key];
    head["lab"] = "mlp";
    bases.push_back({head, "", "", {}});
    bases.back().root["mlp"] = expected["mlp"];
    for (auto it = expected["spiking"].begin(); it != expected["spiking"].end(); ++it) {
        if (it.key() == "scene") continue;
        json part = head;
        part["lab"] = "spiking";
        part["spiking"] = {{"scene", expected["spiking"]["scene"]}, {it.key(), it.value()}};
        bases.push_back({part, "", "", {}});
    }
    for (Base& b : bases) {
        b.compact = b.root.dump();
        b.pretty = b.root.dump(2);
        CollectPointers(b.root, "", &b.pointers);
        Experiment check;
        REQUIRE(FromJsonText(b.compact, &check).ok);
    }

    Rng rng(20240612);
    int accepted = 0, empty_errors = 0, invalid = 0, changed = 0, exceptions = 0;
    std::string first_failure;
    Experiment out = experiment;
    for (int i = 0; i < kFuzzInputs; ++i) {
        // A third of the inputs corrupt the whole file.
        Base& b = rng.Bernoulli(1.0 / 3.0)
                      ? bases[0]
                      : bases[1 + static_cast<std::size_t>(rng.UniformInt(bases.size() - 1))];
        const std::string text =
            MutatedText(rng, rng.Bernoulli(0.5) ? b.compact : b.pretty, b.root, b.pointers);
        try {
            const LoadResult r = FromJsonText(text, &out);
            if (r.ok) {
                ++accepted;
                if (!PassesEveryValidate(out)) {
                    ++invalid;
                    if (first_failure.empty()) first_failure = text;
                }
                out = experiment;
            } else {
                empty_errors += r.error.empty() ? 1 : 0;
                // *out untouched (checked on a sample: ToJson costs as much as a parse).
                if (i % 16 == 0 && ToJson(out) != expected) {
                    ++changed;
                    if (first_failure.empty()) first_failure = text;
                    out = experiment;
                }
            }
        } catch (const std::exception& ex) {
            ++exceptions;
            if (first_failure.empty()) first_failure = text + " threw " + ex.what();
        }
    }
    INFO(first_failure);
    CHECK(empty_errors == 0);
    CHECK(invalid == 0);
    CHECK(changed == 0);
    CHECK(exceptions == 0);
    CHECK(accepted > 0);  // some corruptions are harmless (a digit changed)
    CHECK(accepted < kFuzzInputs);
}

// ---------------------------------------------------------------------------------------------
// Trained weights in links and files
// ---------------------------------------------------------------------------------------------

TEST_CASE("A trained network travels in a link and a file, bit for bit", "[experiment][weights]") {
    Experiment e;
    e.mlp.network.layers = {1, 4, 1};
    mlp::Trainer trainer(e.mlp);
    trainer.StepEpoch();
    e.mlp.initial_weights = trainer.Net().Parameters();
    REQUIRE(e.mlp.initial_weights.size() == 13);  // 4 x (1 + 1) + 1 x (4 + 1)
    REQUIRE(e.Validate().empty());

    const std::string query = ToQuery(e);
    CAPTURE(query);
    CHECK(Contains(query, "&w="));
    Experiment from_link;
    const QueryResult r = ApplyQuery(query, &from_link);
    CHECK(r.notices.empty());
    CHECK(from_link.mlp.initial_weights == e.mlp.initial_weights);  // every bit

    Experiment from_file;
    REQUIRE(FromJsonText(ToJsonText(e), &from_file).ok);
    CHECK(from_file.mlp.initial_weights == e.mlp.initial_weights);

    // A trainer built from either starts from exactly the trained network.
    const mlp::Trainer restored(from_link.mlp);
    CHECK(restored.Net().Parameters() == trainer.Net().Parameters());
    CHECK(restored.TestLoss() == trainer.TestLoss());
    // Without weights nothing is written.
    CHECK_FALSE(Contains(ToQuery(Experiment{}), "w="));
    CHECK_FALSE(ToJson(Experiment{})["mlp"].contains("initial_weights"));
}

TEST_CASE("Weights that do not fit the network are refused with a reason", "[experiment][weights]") {
    Experiment e;
    // Too few numbers for 1-30-1 (91): the MLP part goes back, with a notice.
    QueryResult r = ApplyQuery("lab=mlp&w=0.5_0.25_1", &e);
    REQUIRE(r.notices.size() == 1);
    CHECK(Contains(r.notices[0], "initial weights are 3 numbers"));
    CHECK(e.mlp.initial_weights.empty());
    r = ApplyQuery("lab=mlp&w=0.5_abc_1", &e);
    REQUIRE(r.notices.size() == 1);
    CHECK(Contains(r.notices[0], "item 2"));
    r = ApplyQuery("lab=mlp&w=0.5__1", &e);
    CHECK(r.notices.size() == 1);
    // In a file: the JSON pointer of the bad number, or the mismatch.
    json j = ToJson(Experiment{});
    j["mlp"]["initial_weights"] = json::array({0.1, "x"});
    CHECK(FromJson(j, &e).error == "/mlp/initial_weights/1: must be a finite number (got \"x\")");
    j["mlp"]["initial_weights"] = json::array({0.1, 0.2});
    CHECK(Contains(FromJson(j, &e).error, "/mlp: the initial weights are 2 numbers"));
    mlp::TrainerConfig c;
    c.initial_weights.assign(91, 0.0);
    c.initial_weights[5] = std::numeric_limits<double>::infinity();
    CHECK(Contains(c.Validate(), "finite"));
}
