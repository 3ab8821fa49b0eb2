// The MLP lab's plots: the loss curves (log scale) and the learned map against the true one.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/mlp_panels.h"
#include "app/plot.h"
#include "app/theme.h"

namespace dendrites::app {

void DrawLossPlot(const MlpLab& lab) {
    const auto& t = lab.Trainer();
    const History& train = t.StepLoss();
    const History& test = t.StepTestLoss();
    double lo = 1e-4, hi = 1.0, lo2, hi2;
    bool any = FiniteRange(train.Ys(), lo, hi, true);
    if (FiniteRange(test.Ys(), lo2, hi2, true)) {
        lo = any ? std::min(lo, lo2) : lo2;
        hi = any ? std::max(hi, hi2) : hi2;
    }
    lo = std::pow(10.0, std::floor(std::log10(lo)));
    hi = std::pow(10.0, std::ceil(std::log10(hi)));
    const double x1 = std::max(10.0, static_cast<double>(t.Steps()));
    PlotArea area = BeginPlot("##loss", ImVec2(-1, -1), "Loss (mean squared error, log scale)", 0.0,
                              x1, lo, hi, true, "step");
    PlotLine(area, train.Xs(), train.Ys(), theme::kTrainCurve, 1.5f);
    PlotLine(area, test.Xs(), test.Ys(), theme::kTestCurve, 2.5f);
    PlotLegend(area, 0, "training (mini-batch)", theme::kTrainCurve);
    PlotLegend(area, 1, "test (100 unseen x)", theme::kTestCurve);
}

void DrawGradientPlot(const MlpLab& lab) {
    const auto& layers = lab.Trainer().LayerGradients();
    double lo = 1e-6, hi = 1.0;
    bool any = false;
    for (const History& h : layers) {
        double a, b;
        if (!FiniteRange(h.Ys(), a, b, true)) continue;
        lo = any ? std::min(lo, a) : a;
        hi = any ? std::max(hi, b) : b;
        any = true;
    }
    lo = std::pow(10.0, std::floor(std::log10(lo)));
    hi = std::pow(10.0, std::ceil(std::log10(hi)));
    const double x1 = std::max(10.0, static_cast<double>(lab.Trainer().Steps()));
    PlotArea area =
        BeginPlot("##gradients", ImVec2(-1, -1), "Gradient size per layer (RMS of dL/dW)", 0.0, x1,
                  lo, hi, true, "step");
    // From the input side (dark) to the output side (light).
    const int n = static_cast<int>(layers.size());
    for (int l = 0; l < n; ++l) {
        const float t = n > 1 ? static_cast<float>(l) / (n - 1) : 1.0f;
        const ImU32 color =
            ImGui::GetColorU32(ImVec4(0.25f + 0.75f * t, 0.45f + 0.4f * t, 1.0f, 1.0f));
        // Each mini-batch's gradient is noisy: show a running geometric mean of 15 points.
        const std::vector<double>& ys = layers[l].Ys();
        std::vector<double> smooth(ys.size());
        double log_sum = 0.0;
        int count = 0;
        for (std::size_t k = 0; k < ys.size(); ++k) {
            const bool ok = std::isfinite(ys[k]) && ys[k] > 0;
            if (ok) log_sum += std::log(ys[k]), ++count;
            if (k >= 15 && std::isfinite(ys[k - 15]) && ys[k - 15] > 0)
                log_sum -= std::log(ys[k - 15]), --count;
            smooth[k] = count > 0 ? std::exp(log_sum / count) : std::nan("");
        }
        PlotLine(area, layers[l].Xs(), smooth, color, 1.8f);
        char label[48];
        std::snprintf(label, sizeof label, l == 0 ? "layer %d (input side)" : "layer %d", l + 1);
        PlotLegend(area, l, label, color);
    }
}

void DrawMapPlot(const MlpLab& lab) {
    const auto& t = lab.Trainer();
    const double r = t.Config().data.r;
    // The true map and the network's, sampled on a grid in one batched forward pass.
    constexpr int kGrid = 201;
    Eigen::MatrixXd grid(1, kGrid);
    for (int j = 0; j < kGrid; ++j) grid(0, j) = static_cast<double>(j) / (kGrid - 1);
    mlp::Pass pass;
    t.Net().Forward(grid, pass);
    std::vector<double> xs(kGrid), truth(kGrid), learned(kGrid);
    for (int j = 0; j < kGrid; ++j) {
        xs[static_cast<std::size_t>(j)] = grid(0, j);
        truth[static_cast<std::size_t>(j)] = logistic::Map(grid(0, j), r);
        learned[static_cast<std::size_t>(j)] = pass.a.back()(0, j);
    }
    double lo = 0.0, hi = std::max(1.0, r / 4.0);
    double plo, phi;
    if (FiniteRange(learned, plo, phi)) {
        lo = std::max(-0.5, std::min(lo, plo));
        hi = std::min(1.5, std::max(hi, phi));
    }
    PlotArea area = BeginPlot("##map", ImVec2(-1, -1), "The map: x_n+1 against x_n", 0.0, 1.0,
                              lo - 0.02, hi + 0.02, false, "x_n");
    const auto& data = t.TrainData();
    std::vector<double> px(data.x.data(), data.x.data() + data.x.size());
    std::vector<double> py(data.y.data(), data.y.data() + data.y.size());
    PlotPoints(area, px, py, IM_COL32(255, 170, 60, 110), 1.5f, 1500);
    PlotLine(area, xs, truth, theme::Colors().truth_curve, 2.0f);
    PlotLine(area, xs, learned, theme::kTestCurve, 2.5f);
    PlotLegend(area, 0, "true map", theme::Colors().truth_curve);
    PlotLegend(area, 1, "network", theme::kTestCurve);
    PlotLegend(area, 2, "training pairs", theme::kTrainCurve);
}

}  // namespace dendrites::app
