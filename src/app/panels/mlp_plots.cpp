// The MLP lab's plots: the loss curves (log scale) and the learned map against the true one.
#include <algorithm>
#include <cmath>

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
    PlotArea area = BeginPlot("##loss", ImVec2(-1, -1), "Loss (mean squared error, log scale)",
                              0.0, x1, lo, hi, true, "step");
    PlotLine(area, train.Xs(), train.Ys(), theme::kTrainCurve, 1.5f);
    PlotLine(area, test.Xs(), test.Ys(), theme::kTestCurve, 2.5f);
    PlotLegend(area, 0, "training (mini-batch)", theme::kTrainCurve);
    PlotLegend(area, 1, "test (100 unseen x)", theme::kTestCurve);
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
