// The state and commands behind window.dendrites and the desktop's --command (see app.h).
#include <chrono>
#include <cmath>

#include "app/app.h"
#include "app/lessons.h"

namespace dendrites::app {

namespace {

nlohmann::json Ok() {
    return {{"ok", true}};
}
nlohmann::json Error(const std::string& message) {
    return {{"ok", false}, {"error", message}};
}

// A finite number argument, or an error naming it.
bool NumberArg(const nlohmann::json& args, const char* key, double* value, std::string* error) {
    if (!args.is_object() || !args.contains(key)) {
        *error = std::string("missing number '") + key + "'";
        return false;
    }
    const nlohmann::json& v = args[key];
    if (!v.is_number() || !std::isfinite(v.get<double>())) {
        *error = std::string("'") + key + "' must be a finite number";
        return false;
    }
    *value = v.get<double>();
    return true;
}

// A string argument; `fallback` when it is absent, false (and an error) when it is not a string.
bool StringArg(const nlohmann::json& args, const char* key, const std::string& fallback,
               std::string* value, std::string* error) {
    *value = fallback;
    if (!args.is_object() || !args.contains(key)) return true;
    if (!args[key].is_string()) {
        *error = std::string("'") + key + "' must be a string";
        return false;
    }
    *value = args[key].get<std::string>();
    return true;
}

std::uint64_t ActiveSceneSeed(const spiking::SceneConfig& c) {
    switch (c.kind) {
        case spiking::SceneKind::kOneNeuron: return c.one_neuron.seed;
        case spiking::SceneKind::kZoo: return c.zoo.seed;
        case spiking::SceneKind::kDelays: return c.delays.seed;
        case spiking::SceneKind::kIzhikevich1000: return c.izhikevich_1000.seed;
        case spiking::SceneKind::kBrunel: return c.brunel.seed;
        case spiking::SceneKind::kStdp: return c.stdp.seed;
        case spiking::SceneKind::kStructural: return c.structural.seed;
        case spiking::SceneKind::kCuba: return c.cuba.seed;
    }
    return 0;
}

}  // namespace

nlohmann::json App::State() const {
    const auto& t = mlp_.Trainer();
    const auto& c = t.Config();
    return {
        {"lab", LabName(lab_)},
        {"layers", c.network.layers},
        {"activation", mlp::ActivationName(c.network.hidden)},
        {"init", mlp::InitName(c.network.init)},
        {"optimizer", mlp::OptimizerName(c.optimizer.kind)},
        {"lr", c.optimizer.lr},
        {"batch", c.batch},
        {"r", c.data.r},
        {"x0", c.data.x0},
        {"samples", c.data.samples},
        {"seed", c.seed},
        {"running", lab_ == LabId::Mlp       ? mlp_.Running()
                    : lab_ == LabId::Spiking ? spiking_.Running()
                                             : bridge_.Running()},
        {"diverged", t.Status() == mlp::TrainerStatus::Diverged},
        {"epoch", t.Epoch()},
        {"step", t.Steps()},
        {"train_loss", t.TrainLoss()},
        {"test_loss", t.TestLoss()},
        {"initial_test_loss", t.InitialTestLoss()},
        {"samples_per_second", t.SamplesPerSecond()},
        {"fps", fps_},
        {"notice", lab_ == LabId::Mlp       ? mlp_.Notice()
                   : lab_ == LabId::Spiking ? spiking_.Notice()
                                            : std::string()},
        {"notices", notices_},
        {"embed", view_.embed},
        {"theme", view_.light ? "light" : "dark"},
        {"spiking", SpikingState()},
        {"chain", ChainState()},
        {"lesson", lesson_ >= 0 ? nlohmann::json(lesson_ + 1) : nlohmann::json(nullptr)},
        {"lessons", LessonCount()},
        {"resume_lesson", resume_lesson_ + 1},
        {"backprop_stage",
         mlp_.SteppingThrough() ? nlohmann::json(mlp_.Stage()) : nlohmann::json(nullptr)},
        {"backprop", BackpropState()},
        {"bridge", BridgeState()},
        {"family", FamilyState()},
    };
}

nlohmann::json App::FamilyState() const {
    const FamilyLabState s = family_.State();
    return {{"running", s.running},
            {"ready", s.ready},
            {"message", s.message},
            {"epoch", s.epoch},
            {"steps", s.steps},
            {"loss", s.loss},
            {"test_mse", s.test_mse},
            {"lr", s.lr},
            {"r_min", family_.Config().r_min},
            {"r_max", family_.Config().r_max},
            {"shown", mlp_view_.family_shown},
            {"diagram_complete", s.diagram_complete},
            {"diagram_current", s.diagram_current},
            {"diagram_steps", s.diagram_steps},
            {"diagram_progress", s.diagram_progress}};
}

nlohmann::json App::BridgeState() const {
    const MlpLab& clocked = bridge_.Clocked();
    const bridge::MlpWork work = bridge_.ClockedWork();
    nlohmann::json mse_by_bits = bridge_.QuantizedMse();
    const auto bits = static_cast<std::size_t>(bridge_.Bits() - 1);
    return {
        {"view", scene::BridgeViewName(bridge_.View())},
        {"running", bridge_.Running()},
        {"clock",
         {{"ticks_per_second", bridge_.TicksPerSecond()},
          {"tick", clocked.Stage()},
          {"ticks_per_sample", clocked.StageCount()},
          {"layers", clocked.Config().network.layers},
          {"samples", clocked.SweepUpdates()},
          {"multiply_adds_forward", work.forward},
          {"multiply_adds_backward", work.backward},
          {"multiply_adds_per_sample", work.Total()},
          {"multiply_adds", bridge_.ClockedMultiplyAdds()},
          {"test_loss", clocked.Trainer().TestLoss()}}},
        {"spiking",
         {{"time_ms", bridge_.Unclocked().time_ms()},
          {"speed_ms_per_s", bridge_.SpeedMsPerSecond()},
          {"neurons", bridge_.Unclocked().size()},
          {"synapses", bridge_.Synapses()},
          {"spikes", bridge_.Spikes()},
          {"synaptic_events", bridge_.SynapticEvents()},
          {"synaptic_events_per_second", bridge_.EventsPerSecond()},
          {"spikes_per_second", bridge_.SpikesPerSecond()},
          {"mean_stdp_change_mV", bridge_.MeanStdpChange()}}},
        {"analog",
         {{"bits", bridge_.Bits()},
          {"trained", bridge_.HasTrainedNetwork()},
          {"mse_full", bridge_.FullPrecisionMse()},
          {"mse_quantized", bits < bridge_.QuantizedMse().size()
                                ? nlohmann::json(bridge_.QuantizedMse()[bits])
                                : nlohmann::json(nullptr)},
          {"mse_by_bits", mse_by_bits},
          {"membrane_time_ms", bridge_.MembraneTimeMs()},
          {"level_mV", bridge_.DigitalCell().Grid().Step()},
          {"spikes_continuous", bridge_.AnalogSpikes().size()},
          {"spikes_digital", bridge_.DigitalSpikes().size()}}},
        {"surrogate", bridge_.Surrogate().State()},
    };
}

nlohmann::json App::BridgeCommand(const std::string& name, const nlohmann::json& args) {
    std::string error;
    if (name == "play") {
        bridge_.Play();
    } else if (name == "pause") {
        bridge_.Pause();
    } else if (name == "step") {
        bridge_.Step();
    } else if (name == "reset") {
        bridge_.Reset();
    } else if (name == "bridge") {  // {view, bits, ticks_per_second, speed}: each optional
        scene::BridgeSettings settings = bridge_.Settings();
        std::string view;
        if (!StringArg(args, "view", scene::BridgeViewName(settings.view), &view, &error))
            return Error("bridge: " + error);
        if (!scene::ParseBridgeView(view, &settings.view))
            return Error(std::string("bridge: 'view' must be one of ") + scene::kBridgeViewNames);
        double value = 0;
        if (args.is_object() && args.contains("bits")) {
            if (!NumberArg(args, "bits", &value, &error)) return Error("bridge: " + error);
            if (value != std::floor(value) || value < scene::kMinBridgeBits ||
                value > scene::kMaxBridgeBits)
                return Error("bridge: 'bits' must be a whole number from 1 to 16");
            settings.bits = static_cast<int>(value);
        }
        double ticks = bridge_.TicksPerSecond(), speed = bridge_.SpeedMsPerSecond();
        if (args.is_object() && args.contains("ticks_per_second") &&
            !NumberArg(args, "ticks_per_second", &ticks, &error))
            return Error("bridge: " + error);
        if (args.is_object() && args.contains("speed") && !NumberArg(args, "speed", &speed, &error))
            return Error("bridge: " + error);
        if (ticks < 0.5 || ticks > 1000) return Error("bridge: 'ticks_per_second' must be in [0.5, 1000]");
        spiking::SurrogateKind kind = bridge_.Surrogate().Learning().gradient.kind;
        std::string derivative;
        if (!StringArg(args, "surrogate", spiking::SurrogateShortName(kind), &derivative, &error))
            return Error("bridge: " + error);
        bool known = false;
        for (auto k : {spiking::SurrogateKind::kTrue, spiking::SurrogateKind::kFastSigmoid,
                       spiking::SurrogateKind::kSigmoid}) {
            if (derivative == spiking::SurrogateShortName(k)) kind = k, known = true;
        }
        if (!known)
            return Error("bridge: 'surrogate' must be true (the spike's true derivative, zero), "
                         "fast-sigmoid or sigmoid");
        if (speed < 1 || speed > 2000) return Error("bridge: 'speed' must be in [1, 2000] ms/s");
        error = bridge_.Surrogate().SetSurrogate(kind);
        if (!error.empty()) return Error("bridge: " + error);
        bridge_.Apply(settings);
        bridge_.SetTicksPerSecond(ticks);
        bridge_.SetSpeed(speed);
        bridge_view_.select_tab = true;
        lab_ = LabId::Bridge;
        return {{"ok", true}, {"bridge", BridgeState()}};
    } else {
        return Error("unknown command '" + name +
                     "' in the bridge lab (lab, play, pause, step, reset, bridge, set, query, "
                     "save, load, export, lesson)");
    }
    return Ok();
}

// The step-through's progress (null when it is off).
nlohmann::json App::BackpropState() const {
    if (!mlp_.SteppingThrough()) return nullptr;
    return {{"stage", mlp_.Stage()},
            {"stages", mlp_.StageCount()},
            {"batch", mlp_.StepThroughBatch()},
            {"sample", mlp_.SampleInBatch() + 1},
            {"samples_summed", mlp_.SamplesSummed()},
            {"x", mlp_.ProbeX()},
            {"animating", mlp_.Animating()},
            {"stages_per_second", mlp_.StagesPerSecond()},
            {"updates", mlp_.SweepUpdates()},
            {"text", mlp_.StageText()}};
}

// The chain-rule inspector's figures for the selected weight (null when none is selected).
nlohmann::json App::ChainState() const {
    if (!mlp_.HasSelection()) return nullptr;
    const mlp::ChainRule c = mlp_.Chain();
    if (!c.error.empty()) return {{"error", c.error}};
    nlohmann::json factors = nlohmann::json::array(), labels = nlohmann::json::array();
    for (const auto& f : c.factors) {
        factors.push_back(f.value);
        labels.push_back(f.label);
    }
    return {{"layer", mlp_.SelectedLayer() + 1}, {"from", mlp_.SelectedFrom()},
            {"to", mlp_.SelectedTo()},           {"x", mlp_.ProbeX()},
            {"weight", c.weight},                {"factors", factors},
            {"labels", labels},                  {"path", c.path},
            {"path_product", c.path_product},    {"paths", c.paths},
            {"path_sum", c.path_sum},            {"enumerated", c.enumerated},
            {"backprop", c.backprop},            {"finite_difference", c.finite_difference}};
}

nlohmann::json App::SpikingState() const {
    const spiking::Network& net = spiking_.Net();
    const spiking::SpikeStatistics st = net.Statistics();
    return {
        {"scene", spiking::SceneName(spiking_.Config().kind)},
        {"time_ms", net.time_ms()},
        {"dt_ms", net.dt_ms()},
        {"neurons", net.size()},
        {"spikes", st.spikes},
        {"mean_rate_hz", st.mean_rate_Hz},
        {"cv_isi", st.cv_isi},
        {"synchrony", st.synchrony_chi},
        {"running", spiking_.Running()},
        {"speed_ms_per_s", spiking_.Speed()},
        {"achieved_ms_per_s", spiking_.AchievedSpeed()},
        {"seed", ActiveSceneSeed(spiking_.Config())},
        {"notice", spiking_.Notice()},
    };
}

nlohmann::json App::Command(const std::string& name, const nlohmann::json& args) {
    if (name == "lab") {
        std::string which, error;
        if (!StringArg(args, "name", "", &which, &error)) return Error("lab: " + error);
        if (which == "mlp") {
            lab_ = LabId::Mlp;
        } else if (which == "spiking") {
            lab_ = LabId::Spiking;
        } else if (which == "bridge") {
            lab_ = LabId::Bridge;
            bridge_view_.select_tab = true;
        } else {
            return Error("lab: 'name' must be 'mlp', 'spiking' or 'bridge'");
        }
        return Ok();
    }
    if (name == "train") return TrainEpochs(args);
    if (name == "set") {
        if (!args.is_object() || !args.contains("query") || !args["query"].is_string())
            return Error(
                "set: needs {query: 'r=3.5&lr=0.01'} (window.dendrites.set also takes an object)");
        return {{"ok", true}, {"notices", ApplyQuery(args["query"].get<std::string>())}};
    }
    // query and save take {weights: true}: with the MLP's trained weights.
    const bool weights = args.is_object() && args.contains("weights") &&
                         args["weights"].is_boolean() && args["weights"].get<bool>();
    if (name == "query") return {{"ok", true}, {"query", Query(weights)}};
    if (name == "lesson") {  // {index: 1 .. LessonCount()}, or 0 to close the tour
        double index = 0;
        std::string error;
        if (!NumberArg(args, "index", &index, &error)) return Error("lesson: " + error);
        if (index != std::floor(index) || index < 0 || index > LessonCount())
            return Error("lesson: 'index' must be 0 (close) or 1 to " +
                         std::to_string(LessonCount()));
        // {open: false}: only remember where the tour resumes (the page's saved place).
        if (args.is_object() && args.contains("open")) {
            if (!args["open"].is_boolean()) return Error("lesson: 'open' must be true or false");
            if (!args["open"].get<bool>()) {
                if (index < 1) return Error("lesson: resuming needs an 'index' from 1");
                SetResumeLesson(static_cast<int>(index) - 1);
                return Ok();
            }
        }
        OpenLesson(static_cast<int>(index) - 1);
        return {{"ok", true}, {"notices", notices_}};
    }
    if (name == "backprop_stage") {  // the step-through's Next stage button
        mlp_.NextStage();
        lab_ = LabId::Mlp;
        return {{"ok", true}, {"stage", mlp_.Stage()}, {"stages", mlp_.StageCount()},
                {"sample", mlp_.SampleInBatch() + 1}, {"text", mlp_.StageText()}};
    }
    if (name == "family") {  // {epochs: 1 .. 1000} trains the (x, r) network synchronously
        const nlohmann::json epochs =
            args.is_object() ? args.value("epochs", nlohmann::json(1)) : nlohmann::json(1);
        if (!epochs.is_number_integer() || epochs.get<long long>() < 1 ||
            epochs.get<long long>() > 1000)
            return Error("family: 'epochs' must be a whole number from 1 to 1000");
        lab_ = LabId::Mlp;
        mlp_view_.open_family = true;
        const auto start = std::chrono::steady_clock::now();
        for (long long e = 0; e < epochs.get<long long>(); ++e) family_.StepEpoch();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return {{"ok", family_.State().ready}, {"seconds", seconds}, {"family", FamilyState()}};
    }
    if (name == "step_through") {  // {batch: 1 (online) .. 32, animate: bool, stages_per_second}
        std::string error;
        double batch = mlp_.StepThroughBatch(), rate = mlp_.StagesPerSecond();
        if (args.is_object() && args.contains("batch") && !NumberArg(args, "batch", &batch, &error))
            return Error("step_through: " + error);
        if (batch != std::floor(batch) || batch < 1 || batch > MlpLab::kMaxStepBatch)
            return Error("step_through: 'batch' must be a whole number from 1 (online) to " +
                         std::to_string(MlpLab::kMaxStepBatch));
        if (args.is_object() && args.contains("stages_per_second") &&
            !NumberArg(args, "stages_per_second", &rate, &error))
            return Error("step_through: " + error);
        if (rate < 0.1 || rate > 1000)
            return Error("step_through: 'stages_per_second' must be in [0.1, 1000]");
        bool animate = mlp_.Animating();
        if (args.is_object() && args.contains("animate")) {
            if (!args["animate"].is_boolean())
                return Error("step_through: 'animate' must be true or false");
            animate = args["animate"].get<bool>();
        }
        lab_ = LabId::Mlp;
        mlp_.SetStepThroughBatch(static_cast<int>(batch));
        if (!mlp_.SteppingThrough()) mlp_.StartStepThrough();
        mlp_.SetAnimation(animate, rate);
        return {{"ok", true}, {"backprop", BackpropState()}};
    }
    if (name == "select_weight") {
        double layer = 0, from = 0, to = 0;
        std::string error;
        if (!NumberArg(args, "layer", &layer, &error) || !NumberArg(args, "from", &from, &error) ||
            !NumberArg(args, "to", &to, &error))
            return Error("select_weight: " + error + " ({layer: 1, from: 0, to: 3}; layer 1 is "
                         "the first weight matrix)");
        for (double v : {layer, from, to}) {
            if (v != std::floor(v) || std::fabs(v) > 1e6)
                return Error("select_weight: layer, from and to must be whole numbers");
        }
        error = mlp_.SelectWeight(static_cast<int>(layer) - 1, static_cast<int>(from),
                                  static_cast<int>(to));
        if (!error.empty()) return Error("select_weight: " + error);
        lab_ = LabId::Mlp;
        return Ok();
    }
    if (name == "save")
        return {{"ok", true}, {"json", scene::ToJsonText(CurrentExperiment(weights))}};
    if (name == "load") {
        if (!args.is_object() || !args.contains("text") || !args["text"].is_string())
            return Error("load: needs {text: '<experiment JSON>'}");
        std::string file, error;
        if (!StringArg(args, "name", "experiment", &file, &error)) return Error("load: " + error);
        error = LoadExperimentText(args["text"].get<std::string>(), file);
        return error.empty() ? Ok() : Error(error);
    }
    if (name == "export") {
        std::string what, error;
        if (!StringArg(args, "what", "", &what, &error)) return Error("export: " + error);
        const bool download = args.is_object() && args.contains("download") &&
                              args["download"].is_boolean() && args["download"].get<bool>();
        if (what == "png") {  // the next frame, as the user sees it, downloaded as a file
            Export("png");
            return Ok();
        }
        const std::string csv = ExportCsv(what);
        if (csv.empty())
            return Error("export: 'what' must be loss, weights, spikes, traces, synapses or png");
        if (download) Export(what);
        return {{"ok", true}, {"csv", csv}};
    }
    if (name == "step_epoch") {
        mlp_.StepEpoch();
        return Ok();
    }
    if (name == "bridge" || (lab_ == LabId::Bridge && (name == "play" || name == "pause" ||
                                                        name == "step" || name == "reset")))
        return BridgeCommand(name, args);
    if (lab_ == LabId::Spiking || name == "scene" || name == "stimulate" || name == "pulse" ||
        name == "speed" || name == "run")
        return SpikingCommand(name, args);
    if (name == "play")
        mlp_.Play();
    else if (name == "pause")
        mlp_.Pause();
    else if (name == "step")
        mlp_.StepBatch();
    else if (name == "reset")
        mlp_.Reset();
    else
        return Error("unknown command '" + name +
                     "' (lab, play, pause, step, step_epoch, train, reset, backprop_stage, "
                     "step_through, select_weight, family, lesson, bridge, scene, stimulate, pulse, "
                     "speed, run, set, query, save, load, export)");
    return Ok();
}

nlohmann::json App::SpikingCommand(const std::string& name, const nlohmann::json& args) {
    std::string error;
    double value = 0.0;
    if (name == "play")
        spiking_.Play();
    else if (name == "pause")
        spiking_.Pause();
    else if (name == "step")
        spiking_.StepOnce();
    else if (name == "reset")
        spiking_.Reset();
    else if (name == "scene") {
        std::string scene;
        if (!StringArg(args, "name", "", &scene, &error)) return Error("scene: " + error);
        spiking::SceneKind kind;
        if (!spiking::ParseSceneName(scene, &kind))
            return Error("scene: 'name' must be one of " + spiking::SceneNameList());
        error = spiking_.SelectScene(kind);
        if (!error.empty()) return Error("scene: " + error);
        spiking_view_.draft = spiking_.Config();
        spiking_view_.window_ms = 0.0;
        lab_ = LabId::Spiking;
    } else if (name == "stimulate") {
        if (!NumberArg(args, "neuron", &value, &error)) return Error("stimulate: " + error);
        if (value != std::floor(value) || std::fabs(value) > 1e9)
            return Error(
                "stimulate: 'neuron' must be a whole number, an index of the scene's "
                "neurons");
        error = spiking_.StimulateNeuron(static_cast<int>(value));
        if (!error.empty()) return Error("stimulate: " + error);
    } else if (name == "pulse") {
        if (spiking_.Config().kind != spiking::SceneKind::kOneNeuron)
            return Error(
                "pulse: only the one-neuron scene takes a pulse (use 'stimulate' to make "
                "a neuron of this scene fire)");
        double amplitude = spiking_view_.pulse_nA, duration = spiking_view_.pulse_ms;
        if (args.is_object() && args.contains("amplitude") &&
            !NumberArg(args, "amplitude", &amplitude, &error))
            return Error("pulse: " + error);
        if (args.is_object() && args.contains("duration_ms") &&
            !NumberArg(args, "duration_ms", &duration, &error))
            return Error("pulse: " + error);
        error = spiking_.InjectPulse(amplitude, duration);
        if (!error.empty()) return Error("pulse: " + error);
    } else if (name == "run") {
        if (!NumberArg(args, "duration_ms", &value, &error)) return Error("run: " + error);
        const std::int64_t spikes_before = spiking_.Net().Statistics().spikes;
        const double seconds = spiking_.RunFor(value);
        if (seconds < 0) return Error("run: 'duration_ms' must be in (0, 1e7]");
        return {{"ok", true},
                {"seconds", seconds},
                {"simulated_ms", value},
                {"spikes", spiking_.Net().Statistics().spikes - spikes_before},
                {"realtime_factor", seconds > 0 ? value / 1000.0 / seconds : 0.0}};
    } else if (name == "speed") {
        if (!NumberArg(args, "ms_per_s", &value, &error)) return Error("speed: " + error);
        if (value <= 0) return Error("speed: 'ms_per_s' must be positive");
        spiking_.SetSpeed(value);
    } else {
        return Error("unknown command '" + name +
                     "' in the spiking lab (lab, play, pause, step, "
                     "reset, scene, stimulate, pulse, speed, run)");
    }
    return Ok();
}

nlohmann::json App::TrainEpochs(const nlohmann::json& args) {
    const nlohmann::json epochs_arg =
        args.is_object() ? args.value("epochs", nlohmann::json(1)) : nlohmann::json(1);
    if (!epochs_arg.is_number_integer() || epochs_arg.get<long long>() < 1 ||
        epochs_arg.get<long long>() > 10000)
        return {{"ok", false}, {"error", "train: 'epochs' must be a whole number from 1 to 10000"}};
    const int epochs = epochs_arg.get<int>();
    const auto start = std::chrono::steady_clock::now();
    for (int e = 0; e < epochs; ++e) mlp_.StepEpoch();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto& t = mlp_.Trainer();
    return {{"ok", t.Status() != mlp::TrainerStatus::Diverged},
            {"seconds", seconds},
            {"epochs", t.Epoch()},
            {"test_mse", t.TestLoss()},
            {"samples_per_second", seconds > 0 ? epochs * t.TrainData().Size() / seconds : 0.0}};
}

}  // namespace dendrites::app
