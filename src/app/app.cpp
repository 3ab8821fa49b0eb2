// The application frame: menu bar or embed bar, notices, the lab, shortcuts (see app.h).
#include "app/app.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/theme.h"

namespace dendrites::app {

App::App() {
    mlp_view_.draft = mlp_.Config();
    spiking_view_.draft = spiking_.Config();
}

void App::Frame(const FrameInfo& info) {
    if (info.dt_seconds > 0.0)
        fps_ = fps_ == 0.0 ? 1.0 / info.dt_seconds : 0.95 * fps_ + 0.05 / info.dt_seconds;
    HandleShortcuts();
    if (lab_ == LabId::Mlp) {
        // The (x, r) network trains only while its tab shows; two trainings share the budget.
        const bool family = mlp_view_.family_shown && (family_.Running() || !family_.DiagramCurrent());
        const double share = family && mlp_.Running() ? 0.5 : 1.0;
        mlp_.Update(info.dt_seconds, info.budget_seconds * share);
        if (family) family_.Update(info.budget_seconds * share);
    }
    if (lab_ == LabId::Spiking) spiking_.Update(info.dt_seconds, info.budget_seconds);
    if (lab_ == LabId::Bridge) bridge_.Update(info.dt_seconds, info.budget_seconds, mlp_);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    if (!view_.embed) flags |= ImGuiWindowFlags_MenuBar;
    ImGui::Begin("Dendrites", nullptr, flags);
    if (view_.embed) {
        DrawEmbedBar();
    } else {
        DrawMenuBar();
    }
    DrawNotices();
    if (lab_ == LabId::Mlp) {
        MlpPanels panels;
        panels.controls = view_.controls;
        panels.network = view_.network;
        panels.loss = view_.loss;
        panels.map = view_.map;
        DrawMlpLab(mlp_, mlp_view_, family_, panels);
    }
    if (lab_ == LabId::Spiking) DrawSpikingLab(spiking_, spiking_view_, view_.controls);
    if (lab_ == LabId::Bridge) DrawBridgeLab(bridge_, bridge_view_, mlp_);
    DrawPopups();
    ImGui::End();
    DrawLesson();
}

void App::DrawMenuBar() {
    if (!ImGui::BeginMenuBar()) return;
    ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered), "Dendrites");
    ImGui::TextDisabled("artificial and biological neural networks");
    ImGui::Separator();
    if (ImGui::MenuItem("MLP lab", nullptr, lab_ == LabId::Mlp)) lab_ = LabId::Mlp;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A clocked network trained by backpropagation.");
    if (ImGui::MenuItem("Spiking lab", nullptr, lab_ == LabId::Spiking)) lab_ = LabId::Spiking;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Neurons that integrate, fire, wait and learn locally.");
    if (ImGui::MenuItem("Bridge", nullptr, lab_ == LabId::Bridge)) {
        lab_ = LabId::Bridge;
        bridge_view_.select_tab = true;
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The two side by side: a clock or none, digital or analog numbers, "
                          "and training spikes with surrogate gradients.");
    ImGui::Separator();
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Save experiment...")) popup_ = Popup::kSave, popup_opening_ = true;
        if (ImGui::MenuItem("Load experiment...")) popup_ = Popup::kLoad, popup_opening_ = true;
        ImGui::Separator();
        ImGui::TextDisabled("Export");
        if (lab_ == LabId::Mlp) {
            if (ImGui::MenuItem("Loss history (CSV)")) Export("loss");
            if (ImGui::MenuItem("Weights and biases (CSV)")) Export("weights");
        } else if (lab_ == LabId::Spiking) {
            if (ImGui::MenuItem("Spikes (CSV)")) Export("spikes");
            if (ImGui::MenuItem("Membrane traces (CSV)")) Export("traces");
            if (ImGui::MenuItem("Synapses and weights (CSV)")) Export("synapses");
        }
        if (ImGui::MenuItem("This view (PNG)")) Export("png");
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Lessons", nullptr, lesson_ >= 0))
        OpenLesson(lesson_ >= 0 ? -1 : resume_lesson_);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(resume_lesson_ > 0 && lesson_ < 0
                              ? "A guided tour: how the two kinds of network differ. Resumes at "
                                "the lesson you were on."
                              : "A guided tour: how the two kinds of network differ, one scene "
                                "at a time.");
    if (ImGui::MenuItem("Share")) popup_ = Popup::kShare, popup_opening_ = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("A link that opens exactly this experiment: same parameters, same seed.");
    if (ImGui::MenuItem("Embed")) popup_ = Popup::kEmbed, popup_opening_ = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("An iframe snippet for a blog post.");
    const float fps_width = ImGui::CalcTextSize("000 fps").x + 12.0f;
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - fps_width);
    ImGui::TextDisabled("%3.0f fps", fps_);
    ImGui::EndMenuBar();
}

// Embed mode: one line with run / pause, reset, what is shown, and a way to the full app.
void App::DrawEmbedBar() {
    const bool running = lab_ == LabId::Mlp       ? mlp_.Running()
                         : lab_ == LabId::Spiking ? spiking_.Running()
                                                  : bridge_.Running();
    if (ImGui::SmallButton(running ? "Pause" : (lab_ == LabId::Mlp ? "Train" : "Run"))) {
        if (running) {
            mlp_.Pause();
            spiking_.Pause();
            bridge_.Pause();
        } else {
            PlayActive();
        }
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("Reset")) ResetActive();
    char what[128];
    if (lab_ == LabId::Mlp) {
        const auto& t = mlp_.Trainer();
        std::snprintf(what, sizeof what, "MLP on the logistic map: epoch %d, test MSE %.2e",
                      t.Epoch(), t.TestLoss());
    } else if (lab_ == LabId::Spiking) {
        std::snprintf(what, sizeof what, "%s: t = %.0f ms", SceneTitle(spiking_.Config().kind),
                      spiking_.Net().time_ms());
    } else {
        std::snprintf(what, sizeof what, "Bridge: %s",
                      scene::BridgeViewName(bridge_.View()));
    }
    const char* open = "Open in full";
    const float open_x = ImGui::GetWindowWidth() - ImGui::CalcTextSize(open).x - 24.0f;
    ImGui::SameLine();
    // The description, clipped before the button when the widget is narrow.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float room = open_x - ImGui::GetCursorPosX() - 8.0f;
    if (room > 40.0f) {
        ImGui::PushClipRect(at, ImVec2(at.x + room, at.y + ImGui::GetFrameHeight()), true);
        ImGui::TextDisabled("%s", what);
        ImGui::PopClipRect();
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), open_x));
    if (ImGui::SmallButton(open)) Request(HostRequest::Kind::kOpenUrl, "", "", Query());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open this experiment in the full Dendrites app.");
}

void App::DrawNotices() {
    if (notices_.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.72f, 0.35f, 1.0f));
    const std::size_t shown = std::min<std::size_t>(notices_.size(), 4);
    for (std::size_t k = 0; k < shown; ++k) ImGui::TextWrapped("%s", notices_[k].c_str());
    if (notices_.size() > shown)
        ImGui::TextWrapped("... and %zu more", notices_.size() - shown);
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("dismiss##notices")) notices_.clear();
}

void App::AddNotice(const std::string& message) {
    if (message.empty()) return;
    notices_.push_back(message);
    if (notices_.size() > 50) notices_.erase(notices_.begin());
}

bool App::PlayActive() {
    if (lab_ == LabId::Mlp) {
        mlp_.Play();
        return mlp_.Running();
    }
    if (lab_ == LabId::Bridge) {
        bridge_.Play();
        return true;
    }
    spiking_.Play();
    return true;
}

void App::ResetActive() {
    if (lab_ == LabId::Mlp) {
        mlp_.Reset();
    } else if (lab_ == LabId::Bridge) {
        bridge_.Reset();
    } else {
        spiking_.Reset();
    }
}

const char* LabName(LabId lab) {
    switch (lab) {
        case LabId::Mlp: return "mlp";
        case LabId::Spiking: return "spiking";
        case LabId::Bridge: return "bridge";
    }
    return "mlp";
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
    if (lab_ == LabId::Bridge) {
        if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) bridge_.TogglePlay();
        if (ImGui::IsKeyPressed(ImGuiKey_S)) bridge_.Step();
        if (ImGui::IsKeyPressed(ImGuiKey_R, false)) bridge_.Reset();
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


}  // namespace dendrites::app
