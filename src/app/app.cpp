// The application frame, navigation, shortcuts, state and commands (see app.h).
#include "app/app.h"

#include <imgui.h>

#include <chrono>

#include "app/theme.h"

namespace dendrites::app {

App::App() { mlp_view_.draft = mlp_.Config(); }

void App::Frame(const FrameInfo& info) {
    if (info.dt_seconds > 0.0) fps_ = fps_ == 0.0 ? 1.0 / info.dt_seconds : 0.95 * fps_ + 0.05 / info.dt_seconds;
    HandleShortcuts();
    if (lab_ == LabId::Mlp) mlp_.Update(info.budget_seconds);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("Dendrites", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    DrawMenuBar();
    if (lab_ == LabId::Mlp) DrawMlpLab(mlp_, mlp_view_);
    ImGui::End();
}

void App::DrawMenuBar() {
    if (!ImGui::BeginMenuBar()) return;
    ImGui::TextColored(ImVec4(0.55f, 0.78f, 1.0f, 1.0f), "Dendrites");
    ImGui::TextDisabled("artificial and biological neural networks");
    ImGui::Separator();
    if (ImGui::MenuItem("MLP lab", nullptr, lab_ == LabId::Mlp)) lab_ = LabId::Mlp;
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
}

nlohmann::json App::State() const {
    const auto& t = mlp_.Trainer();
    const auto& c = t.Config();
    return {
        {"lab", "mlp"},
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
        {"running", mlp_.Running()},
        {"diverged", t.Status() == mlp::TrainerStatus::Diverged},
        {"epoch", t.Epoch()},
        {"step", t.Steps()},
        {"train_loss", t.TrainLoss()},
        {"test_loss", t.TestLoss()},
        {"initial_test_loss", t.InitialTestLoss()},
        {"samples_per_second", t.SamplesPerSecond()},
        {"fps", fps_},
        {"notice", mlp_.Notice()},
    };
}

nlohmann::json App::Command(const std::string& name, const nlohmann::json& args) {
    if (name == "train") return TrainEpochs(args);
    if (name == "play") mlp_.Play();
    else if (name == "pause") mlp_.Pause();
    else if (name == "step") mlp_.StepBatch();
    else if (name == "step_epoch") mlp_.StepEpoch();
    else if (name == "reset") mlp_.Reset();
    else return {{"ok", false}, {"error", "unknown command '" + name + "' (play, pause, step, step_epoch, train, reset)"}};
    return {{"ok", true}};
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
