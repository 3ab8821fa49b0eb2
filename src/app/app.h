// The application: the labs, the navigation between them, keyboard shortcuts, and the state and
// commands that the JavaScript API and the desktop's tests use. Knows nothing of SDL or the
// browser: the platform layer calls Frame() once per frame between ImGui's NewFrame and Render.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/mlp_lab.h"
#include "app/panels/mlp_panels.h"
#include "app/panels/spiking_panels.h"
#include "app/spiking_lab.h"

namespace dendrites::app {

enum class LabId { Mlp, Spiking };

struct FrameInfo {
    double dt_seconds = 1.0 / 60.0;    // wall time since the previous frame
    double budget_seconds = 0.008;     // time this frame may spend advancing the labs
};

class App {
public:
    App();

    // Advances the active lab within the budget, then draws the whole window.
    void Frame(const FrameInfo& info);

    // A plain object describing the current state (see README: JavaScript API).
    nlohmann::json State() const;
    // Runs a named command; returns {"ok": true} or {"ok": false, "error": "..."}.
    nlohmann::json Command(const std::string& name, const nlohmann::json& args);

    double Fps() const { return fps_; }

private:
    // Trains args.epochs whole epochs synchronously (benchmarks, embedders); reports the time.
    nlohmann::json TrainEpochs(const nlohmann::json& args);
    nlohmann::json SpikingState() const;
    // Commands of the spiking lab beyond play/pause/step/reset: scene, stimulate, pulse, speed,
    // run (a synchronous stretch of simulated time, for benchmarks).
    nlohmann::json SpikingCommand(const std::string& name, const nlohmann::json& args);
    void HandleShortcuts();
    void DrawMenuBar();

    LabId lab_ = LabId::Mlp;
    MlpLab mlp_;
    MlpViewState mlp_view_;
    SpikingLab spiking_;
    SpikingViewState spiking_view_;
    double fps_ = 0.0;
};

}  // namespace dendrites::app
