// The MLP lab's controls: transport (play, step, reset, speed), data, network and optimizer.
#include <algorithm>
#include <cmath>

#include "app/panels/mlp_panels.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

// Applies the draft when the edited widget is released (data and network changes reset).
void ApplyOnRelease(MlpLab& lab, const MlpViewState& view) {
    if (ImGui::IsItemDeactivatedAfterEdit()) lab.Apply(view.draft);
}

void DrawTransport(MlpLab& lab) {
    const bool diverged = lab.Trainer().Status() == mlp::TrainerStatus::Diverged;
    ImGui::BeginDisabled(diverged);
    if (ImGui::Button(lab.Running() ? "Pause" : "Train", ImVec2(90, 0))) lab.TogglePlay();
    Tooltip("Start or pause training (Space).");
    ImGui::SameLine();
    if (ImGui::Button("Step")) lab.StepBatch();
    Tooltip("One mini-batch: forward pass, backward pass, one update (S).");
    ImGui::SameLine();
    if (ImGui::Button("Epoch")) lab.StepEpoch();
    Tooltip("Train until the current epoch ends (E).");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Reset")) lab.Reset();
    Tooltip("New weights from the seed, cleared optimizer state and curves (R).");

    // Speed on a log scale: one batch per frame lets you watch single updates.
    int speed = lab.BatchesPerFrame();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::SliderInt("##speed", &speed, 1, MlpLab::kMaxBatchesPerFrame,
                         speed >= MlpLab::kMaxBatchesPerFrame ? "speed: as fast as 60 fps allows"
                                                              : "speed: %d batches per frame",
                         ImGuiSliderFlags_Logarithmic))
        lab.SetBatchesPerFrame(speed);
    Tooltip("Mini-batches per frame. At the top the trainer fills a fixed time budget per frame, "
            "so the page stays at 60 frames per second.");
}

void DrawDataControls(MlpLab& lab, MlpViewState& view) {
    auto& d = view.draft.data;
    SectionHeader("Data: the logistic map x' = r x (1 - x)");
    SliderDouble("r", &d.r, 0.0, 4.0, "%.3f");
    ApplyOnRelease(lab, view);
    Tooltip("Growth parameter of the map. At r = 4 the map is fully chaotic; below about 3.57 "
            "orbits settle into cycles.");
    int sampling = d.sampling == logistic::Sampling::Orbit ? 0 : 1;
    if (ImGui::Combo("sampling", &sampling, "orbit from x0\0uniform x\0")) {
        d.sampling = sampling == 0 ? logistic::Sampling::Orbit : logistic::Sampling::Uniform;
        lab.Apply(view.draft);
    }
    Tooltip("Orbit: consecutive iterates x0, x1, x2, ... (the reference experiment). "
            "Uniform: inputs drawn uniformly from [0, 1].");
    ImGui::BeginDisabled(d.sampling != logistic::Sampling::Orbit);
    SliderDouble("x0", &d.x0, 0.0, 1.0, "%.4f");
    ApplyOnRelease(lab, view);
    Tooltip("Starting point of the orbit.");
    ImGui::EndDisabled();
    ImGui::InputInt("samples", &d.samples, 100, 1000);
    ApplyOnRelease(lab, view);
    Tooltip("Number of (x_n, x_n+1) training pairs, 2 to 1,000,000.");
    SliderDouble("noise", &d.noise_std, 0.0, 0.2, "%.3f");
    ApplyOnRelease(lab, view);
    Tooltip("Standard deviation of Gaussian noise added to the targets.");
    int seed = static_cast<int>(view.draft.seed);
    if (ImGui::InputInt("seed", &seed)) view.draft.seed = static_cast<std::uint64_t>(std::max(seed, 0));
    ApplyOnRelease(lab, view);
    Tooltip("Seeds the weights, the shuffling, noise and the 100 unseen test inputs. "
            "Same seed, same run, in the browser and on the desktop.");
}

void DrawNetworkControls(MlpLab& lab, MlpViewState& view) {
    auto& spec = view.draft.network;
    SectionHeader("Network");
    int hidden = static_cast<int>(spec.layers.size()) - 2;
    if (ImGui::InputInt("hidden layers", &hidden)) {
        hidden = std::clamp(hidden, 0, mlp::kMaxHiddenLayers);
        const int last_width = spec.layers.size() > 2 ? spec.layers[spec.layers.size() - 2] : 8;
        spec.layers.resize(static_cast<std::size_t>(hidden) + 2, last_width);
        spec.layers.back() = 1;
        lab.Apply(view.draft);
    }
    Tooltip("Number of hidden layers between the input x_n and the output x_n+1.");
    for (std::size_t l = 1; l + 1 < spec.layers.size(); ++l) {
        ImGui::PushID(static_cast<int>(l));
        ImGui::SetNextItemWidth(ImGui::CalcItemWidth() * 0.5f);
        if (ImGui::InputInt("##width", &spec.layers[l], 1, 8))
            spec.layers[l] = std::clamp(spec.layers[l], 1, mlp::kMaxWidth);
        ApplyOnRelease(lab, view);
        ImGui::SameLine();
        ImGui::Text("width of hidden layer %d", static_cast<int>(l));
        ImGui::PopID();
    }
    int act = static_cast<int>(spec.hidden);
    if (ImGui::Combo("activation", &act, "sigmoid\0tanh\0ReLU\0leaky ReLU\0linear\0")) {
        spec.hidden = static_cast<mlp::Activation>(act);
        lab.Apply(view.draft);
    }
    Tooltip("Activation of the hidden neurons; the output neuron is linear.");
    int init = static_cast<int>(spec.init);
    if (ImGui::Combo("init", &init, "auto\0Xavier\0He\0fan-in uniform\0")) {
        spec.init = static_cast<mlp::Init>(init);
        lab.Apply(view.draft);
    }
    Tooltip("Initial weights. Auto: fan-in uniform weights and biases for sigmoid, tanh and "
            "linear units (spreads their transitions over the inputs), He for ReLU.");
}

void DrawOptimizerControls(MlpLab& lab, MlpViewState& view) {
    auto& o = view.draft.optimizer;
    SectionHeader("Optimizer");
    bool changed = false;
    int kind = static_cast<int>(o.kind);
    if (ImGui::Combo("optimizer", &kind, "SGD\0momentum\0RMSProp\0Adam\0")) {
        o.kind = static_cast<mlp::OptimizerKind>(kind);
        changed = true;
    }
    Tooltip("SGD: w -= lr g. Momentum: a velocity accumulates gradients. RMSProp: divides by a "
            "running RMS of the gradient. Adam: momentum and RMS with bias correction.");
    changed |= SliderDouble("learning rate", &o.lr, 1e-5, 1.0, "%.3g", ImGuiSliderFlags_Logarithmic);
    Tooltip("Step size. Too large and training diverges (it then pauses with a notice).");
    if (o.kind == mlp::OptimizerKind::Momentum) {
        changed |= SliderDouble("momentum", &o.momentum, 0.0, 0.99, "%.2f");
        Tooltip("How much of the previous velocity is kept each step.");
    }
    if (o.kind == mlp::OptimizerKind::RmsProp) {
        changed |= SliderDouble("rho", &o.rho, 0.5, 0.999, "%.3f");
        Tooltip("Decay of the running average of squared gradients.");
    }
    if (o.kind == mlp::OptimizerKind::Adam) {
        changed |= SliderDouble("beta1", &o.beta1, 0.5, 0.999, "%.3f");
        Tooltip("Decay of the running average of gradients.");
        changed |= SliderDouble("beta2", &o.beta2, 0.9, 0.99999, "%.5f");
        Tooltip("Decay of the running average of squared gradients.");
    }
    if (changed) lab.ApplyOptimizer(o);

    const int n = lab.Trainer().TrainData().Size();
    ImGui::InputInt("batch size", &view.draft.batch, 1, 16);
    view.draft.batch = std::max(1, view.draft.batch);
    ApplyOnRelease(lab, view);
    Tooltip("Samples averaged per update. 1: online learning (an update after every sample). "
            "All samples: full-batch learning (one update per epoch).");
    auto preset = [&](const char* label, int batch, const char* tip) {
        if (ImGui::SmallButton(label)) {
            view.draft.batch = batch;
            lab.Apply(view.draft);
        }
        Tooltip(tip);
    };
    preset("online", 1, "Batch size 1: an update after every sample.");
    ImGui::SameLine();
    preset("mini-batch 16", 16, "Batch size 16, as in the reference experiment.");
    ImGui::SameLine();
    preset("full batch", std::max(1, n), "One update per epoch from the whole training set.");
}

}  // namespace

void DrawMlpControls(MlpLab& lab, MlpViewState& view) {
    // Outside an edit, the draft follows the lab (so a rejected change snaps back).
    if (!ImGui::IsAnyItemActive()) view.draft = lab.Config();
    ImGui::PushItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
    DrawTransport(lab);
    DrawDataControls(lab, view);
    DrawNetworkControls(lab, view);
    DrawOptimizerControls(lab, view);
    ImGui::PopItemWidth();

    SectionHeader("Keys");
    ImGui::TextDisabled("Space train/pause   S step   E epoch   R reset");
}

}  // namespace dendrites::app
