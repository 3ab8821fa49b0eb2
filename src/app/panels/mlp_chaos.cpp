// The chaos test: the learned map iterated as a dynamical system beside the true one. Two time
// series from the same x0 agree, then separate (tiny errors grow in a chaotic map); the cobweb
// diagram of both maps; the Lyapunov exponent of each (ln 2 for the true map at r = 4).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/panels/mlp_panels.h"
#include "app/plot.h"
#include "app/theme.h"
#include "app/widgets.h"
#include "core/logistic/dynamics.h"
#include "core/mlp/chain_rule.h"

namespace dendrites::app {
namespace {

constexpr double kSeparation = 0.1;  // "the orbits have separated" once they differ by this
constexpr int kLyapunovTransient = 100;
constexpr int kLyapunovIterations = 2000;

void PlotCobweb(const PlotArea& area, const std::vector<std::pair<double, double>>& web,
                ImU32 color) {
    std::vector<double> xs, ys;
    for (const auto& [x, y] : web) {
        xs.push_back(x);
        ys.push_back(y);
    }
    PlotLine(area, xs, ys, color, 1.2f);
}

}  // namespace

void DrawChaosTest(const MlpLab& lab, MlpViewState& view) {
    const mlp::Network& net = lab.Trainer().Net();
    const double r = lab.Config().data.r;
    const logistic::Map1D truth = [r](double x) { return logistic::Map(x, r); };
    const logistic::Map1D learned = [&net](double x) { return net.Predict(x); };

    ImGui::SetNextItemWidth(160.0f);
    SliderDouble("##chaos-x0", &view.chaos_x0, 0.0, 1.0, "x0 %.4f");
    Tooltip("Both maps are iterated from this point.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(140.0f);
    ImGui::SliderInt("##steps", &view.chaos_steps, 10, 200, "%d steps");
    Tooltip("How many iterations the time series shows.");

    const int separated =
        logistic::SeparationStep(truth, learned, view.chaos_x0, kSeparation, 10000);
    const double lambda_true = logistic::LyapunovOfMap(
        truth, [r](double x) { return r * (1.0 - 2.0 * x); }, view.chaos_x0, kLyapunovTransient,
        kLyapunovIterations);
    const double lambda_net = logistic::LyapunovOfMap(
        learned, [&net](double x) { return mlp::InputDerivative(net, x); }, view.chaos_x0,
        kLyapunovTransient, kLyapunovIterations);
    char line[160];
    if (separated >= 0) {
        std::snprintf(line, sizeof line, "The orbits differ by more than %.1f after %d step%s.",
                      kSeparation, separated, separated == 1 ? "" : "s");
    } else {
        std::snprintf(line, sizeof line, "The orbits stay within %.1f for 10,000 steps.",
                      kSeparation);
    }
    ImGui::TextWrapped("%s", line);
    char network_lambda[48] = "undefined (the orbit leaves the map)";
    if (std::isfinite(lambda_net))
        std::snprintf(network_lambda, sizeof network_lambda, "%.4f", lambda_net);
    // One figure a line: a narrow panel would otherwise wrap inside a number (ImGui breaks
    // lines after a full stop).
    ImGui::TextWrapped("Lyapunov exponent of the network: %s", network_lambda);
    ImGui::TextWrapped("of the true map: %.4f%s", lambda_true, r == 4.0 ? "  (ln 2)" : "");
    Tooltip(
        "The mean of ln|f'(x)| along an orbit: how fast nearby orbits separate, per step. "
        "Positive means chaos; the network's uses dy/dx from the chain rule.");

    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    const std::vector<double> a = logistic::Orbit(truth, view.chaos_x0, view.chaos_steps);
    const std::vector<double> b = logistic::Orbit(learned, view.chaos_x0, view.chaos_steps);
    std::vector<double> n(a.size());
    for (std::size_t k = 0; k < n.size(); ++k) n[k] = static_cast<double>(k);
    ImGui::BeginChild("series", ImVec2(half, 0), false);
    PlotArea series = BeginPlot("##series", ImVec2(-1, -1), "x_n, step by step", 0.0,
                                view.chaos_steps, -0.05, 1.05, false, "n");
    PlotLine(series, n, a, theme::Colors().truth_curve, 1.5f);
    PlotLine(series, n, b, theme::kTestCurve, 1.5f);
    if (separated >= 0 && separated <= view.chaos_steps)
        PlotLine(series, {double(separated), double(separated)}, {-0.05, 1.05},
                 theme::Colors().spike, 1.0f);
    PlotLegend(series, 0, "true map", theme::Colors().truth_curve);
    PlotLegend(series, 1, "network", theme::kTestCurve);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("cobweb", ImVec2(0, 0), false);
    PlotArea web = BeginPlot("##cobweb", ImVec2(-1, -1), "Cobweb", 0.0, 1.0, 0.0,
                             1.05, false, "x_n");
    PlotLine(web, {0.0, 1.0}, {0.0, 1.0}, theme::Colors().dim_line, 1.0f);
    const int web_steps = std::min(view.chaos_steps, 40);
    PlotCobweb(web, logistic::Cobweb(truth, view.chaos_x0, web_steps), theme::Colors().truth_curve);
    PlotCobweb(web, logistic::Cobweb(learned, view.chaos_x0, web_steps), theme::kTestCurve);
    ImGui::EndChild();
}

}  // namespace dendrites::app
