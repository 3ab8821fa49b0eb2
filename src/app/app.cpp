// The application frame, navigation, shortcuts, state and commands (see app.h).
#include "app/app.h"

#include <imgui.h>

#include <chrono>
#include <cmath>

#include "app/theme.h"

namespace dendrites::app {

namespace {

nlohmann::json Ok() { return {{"ok", true}}; }
nlohmann::json Error(const std::string& message) { return {{"ok", false}, {"error", message}}; }

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

}  // namespace

App::App() {
    mlp_view_.draft = mlp_.Config();
    spiking_view_.draft = spiking_.Config();
}

void App::Frame(const FrameInfo& info) {
    if (info.dt_seconds > 0.0) fps_ = fps_ == 0.0 ? 1.0 / info.dt_seconds : 0.95 * fps_ + 0.05 / info.dt_seconds;
    HandleShortcuts();
    if (lab_ == LabId::Mlp) mlp_.Update(info.budget_seconds);
    if (lab_ == LabId::Spiking) spiking_.Update(info.dt_seconds, info.budget_seconds);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Dendrites", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    DrawMenuBar();
    if (lab_ == LabId::Mlp) DrawMlpLab(mlp_, mlp_view_);
    if (lab_ == LabId::Spiking) DrawSpikingLab(spiking_, spiking_view_);
    ImGui::End();
}

void App::DrawMenuBar() {
    if (!ImGui::BeginMenuBar()) return;
    ImGui::TextColored(ImVec4(0.55f, 0.78f, 1.0f, 1.0f), "Dendrites");
    ImGui::TextDisabled("artificial and biological neural networks");
    ImGui::Separator();
    if (ImGui::MenuItem("MLP lab", nullptr, lab_ == LabId::Mlp)) lab_ = LabId::Mlp;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A clocked network trained by backpropagation.");
    if (ImGui::MenuItem("Spiking lab", nullptr, lab_ == LabId::Spiking)) lab_ = LabId::Spiking;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Neurons that integrate, fire, wait and learn locally.");
    const float fps_width = ImGui::CalcTextSize("000 fps").x + 12.0f;
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - fps_width);
    ImGui::TextDisabled("%3.0f fps", fps_);
    ImGui::EndMenuBar();
}

void App::HandleShortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper) return;
    if (lab_ == LabId::Mlp) {
        if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) mlp_.TogglePlay();
        if (ImGui::IsKeyPressed(ImGuiKey_S)) mlp_.StepBatch();
        if (ImGui::IsKeyPressed(ImGuiKey_E, false)) mlp_.StepEpoch();
        if (ImGui::IsKeyPressed(ImGuiKey_R, false)) mlp_.Reset();
    }
    if (lab_ == LabId::Spiking) {
        if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) spiking_.TogglePlay();
        if (ImGui::IsKeyPressed(ImGuiKey_S)) spiking_.StepOnce();
        if (ImGui::IsKeyPressed(ImGuiKey_R, false)) spiking_.Reset();
        if (ImGui::IsKeyPressed(ImGuiKey_P, false) &&
            spiking_.Config().kind == spiking::SceneKind::kOneNeuron)
            spiking_.InjectPulse(spiking_view_.pulse_nA, spiking_view_.pulse_ms);
        for (int k = 0; k < spiking::kSceneCount && k < 9; ++k) {
            if (ImGui::IsKeyPressed(static_cast<ImGuiKey>(ImGuiKey_1 + k), false)) {
                spiking_.SelectScene(static_cast<spiking::SceneKind>(k));
                spiking_view_.draft = spiking_.Config();
                spiking_view_.window_ms = 0.0;
            }
        }
    }
}

nlohmann::json App::State() const {
    const auto& t = mlp_.Trainer();
    const auto& c = t.Config();
    return {
        {"lab", lab_ == LabId::Mlp ? "mlp" : "spiking"},
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
        {"running", lab_ == LabId::Mlp ? mlp_.Running() : spiking_.Running()},
        {"diverged", t.Status() == mlp::TrainerStatus::Diverged},
        {"epoch", t.Epoch()},
        {"step", t.Steps()},
        {"train_loss", t.TrainLoss()},
        {"test_loss", t.TestLoss()},
        {"initial_test_loss", t.InitialTestLoss()},
        {"samples_per_second", t.SamplesPerSecond()},
        {"fps", fps_},
        {"notice", lab_ == LabId::Mlp ? mlp_.Notice() : spiking_.Notice()},
        {"spiking", SpikingState()},
    };
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
        {"seed", spiking_.Config().one_neuron.seed},
        {"notice", spiking_.Notice()},
    };
}

nlohmann::json App::Command(const std::string& name, const nlohmann::json& args) {
    if (name == "lab") {
        const std::string which = args.is_object() ? args.value("name", "") : "";
        if (which == "mlp") lab_ = LabId::Mlp;
        else if (which == "spiking") lab_ = LabId::Spiking;
        else return Error("lab: 'name' must be 'mlp' or 'spiking'");
        return Ok();
    }
    if (name == "train") return TrainEpochs(args);
    if (name == "step_epoch") {
        mlp_.StepEpoch();
        return Ok();
    }
    if (lab_ == LabId::Spiking || name == "scene" || name == "stimulate" || name == "pulse" ||
        name == "speed" || name == "run")
        return SpikingCommand(name, args);
    if (name == "play") mlp_.Play();
    else if (name == "pause") mlp_.Pause();
    else if (name == "step") mlp_.StepBatch();
    else if (name == "reset") mlp_.Reset();
    else return Error("unknown command '" + name + "' (lab, play, pause, step, step_epoch, train, "
                      "reset, scene, stimulate, pulse, speed, run)");
    return Ok();
}

nlohmann::json App::SpikingCommand(const std::string& name, const nlohmann::json& args) {
    std::string error;
    double value = 0.0;
    if (name == "play") spiking_.Play();
    else if (name == "pause") spiking_.Pause();
    else if (name == "step") spiking_.StepOnce();
    else if (name == "reset") spiking_.Reset();
    else if (name == "scene") {
        const std::string scene = args.is_object() ? args.value("name", "") : "";
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
        error = spiking_.StimulateNeuron(static_cast<int>(value));
        if (!error.empty()) return Error("stimulate: " + error);
    } else if (name == "pulse") {
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
        return Error("unknown command '" + name + "' in the spiking lab (lab, play, pause, step, "
                     "reset, scene, stimulate, pulse, speed, run)");
    }
    return Ok();
}

nlohmann::json App::TrainEpochs(const nlohmann::json& args) {
    const nlohmann::json epochs_arg = args.is_object() ? args.value("epochs", nlohmann::json(1))
                                                       : nlohmann::json(1);
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
