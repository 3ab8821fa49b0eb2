// The network drawn as layers of neurons and edges: edge colour by sign, thickness by magnitude
// (of the weight or of its last gradient), neuron fill by activation for a chosen input x.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/mlp_panels.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

constexpr int kMaxDrawnPerLayer = 32;  // wider layers show their first neurons and a count

struct Layout {
    std::vector<std::vector<ImVec2>> centers;  // per neuron layer, the drawn neurons
    float radius = 10.0f;
};

Layout ComputeLayout(const mlp::Network& net, ImVec2 min, ImVec2 max) {
    Layout layout;
    const int n_layers = net.NumWeightLayers() + 1;
    const float dx = (max.x - min.x) / static_cast<float>(n_layers);
    int tallest = 1;
    for (int l = 0; l < n_layers; ++l) tallest = std::max(tallest, std::min(net.Width(l), kMaxDrawnPerLayer));
    const float dy = (max.y - min.y) / static_cast<float>(tallest);
    layout.radius = std::clamp(std::min(dx / 5.0f, dy / 2.6f), 3.0f, 16.0f);
    layout.centers.resize(static_cast<std::size_t>(n_layers));
    for (int l = 0; l < n_layers; ++l) {
        const int drawn = std::min(net.Width(l), kMaxDrawnPerLayer);
        const float x = min.x + dx * (static_cast<float>(l) + 0.5f);
        const float top = (min.y + max.y) / 2.0f - dy * static_cast<float>(drawn - 1) / 2.0f;
        for (int i = 0; i < drawn; ++i)
            layout.centers[static_cast<std::size_t>(l)].push_back(ImVec2(x, top + dy * static_cast<float>(i)));
    }
    return layout;
}

float DistanceToSegment(ImVec2 p, ImVec2 a, ImVec2 b) {
    const float vx = b.x - a.x, vy = b.y - a.y;
    const float len2 = vx * vx + vy * vy;
    float t = len2 > 0 ? ((p.x - a.x) * vx + (p.y - a.y) * vy) / len2 : 0.0f;
    t = std::clamp(t, 0.0f, 1.0f);
    const float qx = a.x + t * vx - p.x, qy = a.y + t * vy - p.y;
    return std::sqrt(qx * qx + qy * qy);
}

double MaxAbs(const Eigen::MatrixXd& m) {
    double largest = 0.0;
    for (Eigen::Index i = 0; i < m.size(); ++i)
        if (std::isfinite(m.data()[i])) largest = std::max(largest, std::fabs(m.data()[i]));
    return largest;
}

// Mean over the batch of row i of m (the last pass's deltas are per sample).
double RowMean(const Eigen::MatrixXd& m, Eigen::Index i) {
    return m.cols() > 0 ? m.row(i).mean() : 0.0;
}

}  // namespace

void DrawNetworkView(MlpLab& lab, MlpViewState& view) {

    double probe = lab.ProbeX();
    ImGui::SetNextItemWidth(220.0f);
    if (SliderDouble("input x", &probe, 0.0, 1.0, "%.3f")) lab.SetProbeX(probe);
    Tooltip("The input whose activations colour the neurons.");
    ImGui::SameLine();
    ImGui::Checkbox("edges show gradients", &view.edges_show_gradient);
    Tooltip("Off: edge thickness is the weight |w|. On: the last mini-batch's gradient |dL/dw|. "
            "Blue is positive, orange negative; each layer is scaled to its own largest value.");

    ImGui::SameLine();
    const bool stepping = lab.SteppingThrough();
    if (ImGui::Button(stepping ? "Next stage" : "Step through backprop")) lab.NextStage();
    Tooltip("One sample, one stage at a time: the forward pass layer by layer, the loss, the "
            "backward pass layer by layer, then the update.");
    if (stepping) {
        ImGui::SameLine();
        if (ImGui::SmallButton("stop")) lab.StopStepThrough();
        // Online or mini-batch, and the animation.
        int mode = lab.StepThroughBatch() > 1 ? 1 : 0;
        ImGui::SetNextItemWidth(150.0f);
        if (ImGui::Combo("##sweep-mode", &mode, "online (1 sample)\0mini-batch\0"))
            lab.SetStepThroughBatch(mode == 0 ? 1 : std::max(view.sweep_batch, 2));
        Tooltip("Online: one update after every sample. Mini-batch: the samples' gradients are "
                "summed, and one update with their mean follows the last of them.");
        if (mode == 1) {
            ImGui::SameLine();
            ImGui::SetNextItemWidth(110.0f);
            int b = lab.StepThroughBatch();
            if (ImGui::SliderInt("samples##sweep-batch", &b, 2, MlpLab::kMaxStepBatch)) {
                view.sweep_batch = b;
                lab.SetStepThroughBatch(b);
            }
        }
        ImGui::SameLine();
        bool animate = lab.Animating();
        double rate = lab.StagesPerSecond();
        if (ImGui::Checkbox("animate", &animate)) lab.SetAnimation(animate, rate);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(150.0f);
        if (SliderDouble("stages/s", &rate, 0.5, 200.0, "%.1f", ImGuiSliderFlags_Logarithmic))
            lab.SetAnimation(animate, rate);
        Tooltip("Animated, the sweep advances by itself at this many stages per second.");
        ImGui::TextWrapped("Stage %d of %d. %s", lab.Stage(), lab.StageCount(),
                           lab.StageText().c_str());
    }

    DrawNetworkCanvas(lab, view);
}

void DrawNetworkCanvas(MlpLab& lab, MlpViewState& view) {
    const mlp::Network& net = lab.Trainer().Net();
    const mlp::Pass& last = lab.Trainer().LastPass();
    const bool stepping = lab.SteppingThrough();
    mlp::Pass probe_pass;
    net.Forward(Eigen::MatrixXd::Constant(1, 1, lab.ProbeX()), probe_pass);
    // While stepping through, only what the sweep has computed so far is shown: neuron layers
    // 0..lit have values, weight layers from grad_from up have gradients, deltas likewise.
    const int n_w = net.NumWeightLayers();
    const int stage = stepping ? lab.Stage() : 0;
    const int lit = stepping ? std::min(stage, n_w) : n_w;
    const int grad_from = stepping && stage > n_w + 1 ? 2 * n_w + 1 - stage : n_w;
    const mlp::Pass& shown = stepping ? lab.StagePass() : probe_pass;
    // A mini-batch between samples and at its update: the edges show the mean gradient so far.
    const bool show_mean = stepping && lab.StepThroughBatch() > 1 && lab.SamplesSummed() > 0 &&
                           (stage == 0 || stage == lab.StageCount());

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.x = std::max(size.x, 200.0f);
    size.y = std::max(size.y, 120.0f);
    ImGui::InvisibleButton("network", size);
    const bool hovered = ImGui::IsItemHovered();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), theme::Colors().panel_background);
    const Layout layout = ComputeLayout(net, ImVec2(origin.x, origin.y + 16.0f),
                                        ImVec2(origin.x + size.x, origin.y + size.y - 16.0f));

    // Edges first, so neurons sit on top.
    int hover_l = -1, hover_i = -1, hover_k = -1;
    float hover_distance = 5.0f;
    for (int l = 0; l < net.NumWeightLayers(); ++l) {
        const auto ul = static_cast<std::size_t>(l);
        const bool mean_grad = show_mean && ul < lab.GradientMean().size();
        const bool stage_grad = stepping && l >= grad_from && ul < shown.d_loss_d_w.size();
        const bool grad = stage_grad || (!stepping && view.edges_show_gradient &&
                                         ul < last.d_loss_d_w.size());
        const Eigen::MatrixXd& values = mean_grad    ? lab.GradientMean()[ul]
                                        : stage_grad ? shown.d_loss_d_w[ul]
                                        : grad       ? last.d_loss_d_w[ul]
                                                     : net.W(l);
        const float dim = stepping && !mean_grad && stage <= n_w && l >= stage ? 0.2f : 1.0f;  // not yet used
        const double scale = std::max(MaxAbs(values), 1e-12);
        const auto& from = layout.centers[ul];
        const auto& to = layout.centers[ul + 1];
        for (std::size_t i = 0; i < to.size(); ++i)
            for (std::size_t k = 0; k < from.size(); ++k) {
                const double v = values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k));
                const float strength = static_cast<float>(std::isfinite(v) ? std::fabs(v) / scale : 0.0);
                draw->AddLine(from[k], to[i], theme::Signed(v, dim * (0.15f + 0.85f * strength)),
                              0.5f + 4.0f * strength);
                if (hovered) {
                    const float d = DistanceToSegment(mouse, from[k], to[i]);
                    if (d < hover_distance) {
                        hover_distance = d;
                        hover_l = l;
                        hover_i = static_cast<int>(i);
                        hover_k = static_cast<int>(k);
                    }
                }
            }
    }

    // The weight picked for the chain-rule inspector, and the path it highlights.
    if (lab.HasSelection()) {
        const mlp::ChainRule chain = lab.Chain();
        const int sl = lab.SelectedLayer();
        auto center = [&](int layer, int neuron) -> const ImVec2* {
            const auto& c = layout.centers[static_cast<std::size_t>(layer)];
            return neuron < static_cast<int>(c.size()) ? &c[static_cast<std::size_t>(neuron)] : nullptr;
        };
        const ImU32 mark = theme::Colors().spike;
        const ImVec2* a = center(sl, lab.SelectedFrom());
        const ImVec2* b = center(sl + 1, lab.SelectedTo());
        if (a && b) draw->AddLine(*a, *b, mark, 4.0f);
        for (std::size_t k = 0; chain.error.empty() && k + 1 < chain.path.size(); ++k) {
            const ImVec2* p = center(sl + 1 + static_cast<int>(k), chain.path[k]);
            const ImVec2* q = center(sl + 2 + static_cast<int>(k), chain.path[k + 1]);
            if (p && q) draw->AddLine(*p, *q, mark, 2.0f);
        }
    }

    // Neurons, filled by their activation for the probe input.
    view.hovered_layer = view.hovered_neuron = -1;
    for (std::size_t l = 0; l < layout.centers.size(); ++l) {
        const Eigen::MatrixXd& a = shown.a[l];
        const double scale = std::max(1.0, MaxAbs(a));
        const bool has_value = static_cast<int>(l) <= lit;
        // Backward stages colour the rims of the layers whose delta is known.
        const bool has_delta = stepping && stage > n_w + 1 && l >= 1 &&
                               static_cast<int>(l) >= 2 * n_w + 2 - std::min(stage, 2 * n_w + 1) &&
                               l < shown.delta.size();
        const double delta_scale = has_delta ? std::max(MaxAbs(shown.delta[l]), 1e-300) : 1.0;
        for (std::size_t i = 0; i < layout.centers[l].size(); ++i) {
            const ImVec2 c = layout.centers[l][i];
            const double value = a(static_cast<Eigen::Index>(i), 0);
            draw->AddCircleFilled(c, layout.radius,
                                  theme::ActivationFill(has_value ? value / scale : 0.0));
            if (has_delta) {
                const double d = shown.delta[l](static_cast<Eigen::Index>(i), 0);
                draw->AddCircle(c, layout.radius + 1.5f,
                                theme::Signed(d, 0.3f + 0.7f * static_cast<float>(
                                                               std::fabs(d) / delta_scale)),
                                0, 3.5f);
            } else {
                draw->AddCircle(c, layout.radius, theme::Colors().neuron_rim, 0, 1.5f);
            }
            const float dx = mouse.x - c.x, dy = mouse.y - c.y;
            if (hovered && dx * dx + dy * dy <= layout.radius * layout.radius) {
                view.hovered_layer = static_cast<int>(l);
                view.hovered_neuron = static_cast<int>(i);
            }
        }
        const int width = net.Width(static_cast<int>(l));
        char label[48];
        if (width > kMaxDrawnPerLayer) std::snprintf(label, sizeof label, "%d of %d", kMaxDrawnPerLayer, width);
        else if (l == 0) std::snprintf(label, sizeof label, "input");
        else if (l + 1 == layout.centers.size()) std::snprintf(label, sizeof label, "output");
        else std::snprintf(label, sizeof label, "%s", mlp::ActivationName(net.Spec().hidden));
        const float x = layout.centers[l].empty() ? origin.x : layout.centers[l][0].x;
        draw->AddText(ImVec2(x - ImGui::CalcTextSize(label).x / 2, origin.y + size.y - 16.0f),
                      theme::Colors().dim_text, label);
    }
    const ImVec2 out = layout.centers.back()[0];
    char value[48];
    if (lit == n_w) {
        std::snprintf(value, sizeof value, "%.4f", shown.a.back()(0, 0));
    } else {
        std::snprintf(value, sizeof value, "?");  // the forward pass has not arrived yet
    }
    draw->AddText(ImVec2(out.x + layout.radius + 6.0f, out.y - 8.0f), theme::Colors().text, value);

    // Hover read-outs: a neuron takes precedence over the edges under it.
    if (view.hovered_layer >= 0) {
        const auto l = static_cast<std::size_t>(view.hovered_layer);
        const auto i = static_cast<Eigen::Index>(view.hovered_neuron);
        ImGui::BeginTooltip();
        ImGui::Text("layer %d, neuron %d", view.hovered_layer, view.hovered_neuron);
        if (l == 0) {
            ImGui::Text("input x = %.5f", lab.ProbeX());
        } else {
            ImGui::Text("z = %.5f   a = f(z) = %.5f   (for x = %.3f)", probe_pass.z[l](i, 0),
                        probe_pass.a[l](i, 0), lab.ProbeX());
            ImGui::Text("bias b = %.5f", net.B(static_cast<int>(l) - 1)(i));
            if (l < last.delta.size() && last.delta[l].rows() > i)
                ImGui::Text("delta = dL/dz = %.3e   (last mini-batch, mean)", RowMean(last.delta[l], i));
        }
        ImGui::EndTooltip();
    } else if (hover_l >= 0) {
        if (ImGui::IsItemClicked()) lab.SelectWeight(hover_l, hover_k, hover_i);
        const auto ul = static_cast<std::size_t>(hover_l);
        ImGui::BeginTooltip();
        ImGui::Text("weight from layer %d neuron %d to layer %d neuron %d", hover_l, hover_k,
                    hover_l + 1, hover_i);
        ImGui::Text("w = %.5f", net.W(hover_l)(hover_i, hover_k));
        if (ul < last.d_loss_d_w.size())
            ImGui::Text("dL/dw = %.3e   (last mini-batch)", last.d_loss_d_w[ul](hover_i, hover_k));
        ImGui::TextDisabled("click: take its gradient apart with the chain rule");
        ImGui::EndTooltip();
    }
}

}  // namespace dendrites::app
