// Plot helpers on ImDrawList (see plot.h).
#include "app/plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/theme.h"

namespace dendrites::app {
namespace {

constexpr float kLeftMargin = 58.0f;
constexpr float kBottomMargin = 22.0f;
constexpr float kTopMargin = 22.0f;
constexpr float kRightMargin = 10.0f;

// A "nice" tick step (1, 2 or 5 times a power of ten) for about `count` ticks over `span`.
double NiceStep(double span, int count) {
    const double raw = span / std::max(1, count);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    const double unit = raw / power;
    return (unit < 1.5 ? 1.0 : unit < 3.5 ? 2.0 : unit < 7.5 ? 5.0 : 10.0) * power;
}

}  // namespace

ImVec2 PlotArea::ToScreen(double x, double y) const {
    if (log_y) y = std::log10(std::max(y, 1e-300));
    double tx = (x - x0) / (x1 - x0);
    double ty = (y - y0) / (y1 - y0);
    tx = std::clamp(tx, -0.05, 1.05);  // keep runaway values just outside the frame
    ty = std::clamp(ty, -0.05, 1.05);
    return ImVec2(min.x + static_cast<float>(tx) * (max.x - min.x),
                  max.y - static_cast<float>(ty) * (max.y - min.y));
}

double PlotArea::XFromScreen(float px) const {
    return x0 + (x1 - x0) * static_cast<double>((px - min.x) / (max.x - min.x));
}

PlotArea BeginPlot(const char* id, ImVec2 size, const char* title, double x0, double x1, double y0,
                   double y1, bool log_y, const char* x_label) {
    const theme::Palette& colors = theme::Colors();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (size.x <= 0) size.x = std::max(avail.x + size.x, 120.0f);
    if (size.y <= 0) size.y = std::max(avail.y + size.y, 90.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);

    PlotArea area;
    area.hovered = ImGui::IsItemHovered();
    area.mouse = ImGui::GetIO().MousePos;
    area.min = ImVec2(origin.x + kLeftMargin, origin.y + kTopMargin);
    area.max = ImVec2(origin.x + size.x - kRightMargin, origin.y + size.y - kBottomMargin);
    area.log_y = log_y;
    if (!(x1 > x0)) x1 = x0 + 1.0;
    if (log_y) {
        y0 = std::log10(std::max(y0, 1e-300));
        y1 = std::log10(std::max(y1, 1e-300));
    }
    if (!(y1 > y0)) y1 = y0 + 1.0;
    area.x0 = x0;
    area.x1 = x1;
    area.y0 = y0;
    area.y1 = y1;

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(area.min, area.max, colors.panel_background);
    draw->PushClipRect(ImVec2(origin.x, origin.y), ImVec2(origin.x + size.x, area.min.y), true);
    draw->AddText(ImVec2(area.min.x, origin.y + 2.0f), colors.dim_text, title);
    draw->PopClipRect();
    if (x_label) {  // the axis name, where the title leaves room for it
        const ImVec2 text_size = ImGui::CalcTextSize(x_label);
        if (ImGui::CalcTextSize(title).x + text_size.x + 16.0f < area.max.x - area.min.x)
            draw->AddText(ImVec2(area.max.x - text_size.x, origin.y + 2.0f), colors.dim_text,
                          x_label);
    }
    char label[32];
    // Horizontal ticks.
    const double x_step = NiceStep(x1 - x0, static_cast<int>((area.max.x - area.min.x) / 80.0f));
    for (double x = std::ceil(x0 / x_step) * x_step; x <= x1 + 1e-9 * x_step; x += x_step) {
        const float px = area.ToScreen(x, log_y ? std::pow(10.0, y0) : y0).x;
        draw->AddLine(ImVec2(px, area.min.y), ImVec2(px, area.max.y), colors.plot_grid);
        std::snprintf(label, sizeof label, "%g", std::fabs(x) < 1e-12 * x_step ? 0.0 : x);
        draw->AddText(ImVec2(px - ImGui::CalcTextSize(label).x / 2, area.max.y + 3.0f), colors.dim_text,
                      label);
    }
    // Vertical ticks: decades on a log axis, nice steps otherwise.
    const double y_step =
        log_y ? std::max(1.0, std::ceil((y1 - y0) / 6.0))
              : NiceStep(y1 - y0, static_cast<int>((area.max.y - area.min.y) / 40.0f));
    for (double y = std::ceil(y0 / y_step) * y_step; y <= y1 + 1e-9 * y_step; y += y_step) {
        const float py = area.max.y - static_cast<float>((y - y0) / (y1 - y0)) * (area.max.y - area.min.y);
        draw->AddLine(ImVec2(area.min.x, py), ImVec2(area.max.x, py), colors.plot_grid);
        if (log_y) std::snprintf(label, sizeof label, "1e%d", static_cast<int>(std::lround(y)));
        else std::snprintf(label, sizeof label, "%g", std::fabs(y) < 1e-12 * y_step ? 0.0 : y);
        const ImVec2 text_size = ImGui::CalcTextSize(label);
        draw->AddText(ImVec2(area.min.x - text_size.x - 4.0f, py - text_size.y / 2), colors.dim_text,
                      label);
    }
    draw->AddRect(area.min, area.max, colors.plot_frame);
    return area;
}

void PlotLine(const PlotArea& area, const std::vector<double>& xs, const std::vector<double>& ys,
              ImU32 color, float thickness) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(area.min, area.max, true);
    std::vector<ImVec2> run;
    run.reserve(xs.size());
    auto flush = [&] {
        if (run.size() >= 2)
            draw->AddPolyline(run.data(), static_cast<int>(run.size()), color, ImDrawFlags_None,
                              thickness);
        run.clear();
    };
    const std::size_t n = std::min(xs.size(), ys.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i]) || (area.log_y && ys[i] <= 0.0)) {
            flush();
            continue;
        }
        run.push_back(area.ToScreen(xs[i], ys[i]));
    }
    flush();
    draw->PopClipRect();
}

void PlotPoints(const PlotArea& area, const std::vector<double>& xs, const std::vector<double>& ys,
                ImU32 color, float radius, std::size_t max_points) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(area.min, area.max, true);
    const std::size_t n = std::min(xs.size(), ys.size());
    const std::size_t stride = std::max<std::size_t>(1, n / std::max<std::size_t>(1, max_points));
    for (std::size_t i = 0; i < n; i += stride) {
        if (!std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
        const ImVec2 p = area.ToScreen(xs[i], ys[i]);
        draw->AddRectFilled(ImVec2(p.x - radius, p.y - radius), ImVec2(p.x + radius, p.y + radius),
                            color);
    }
    draw->PopClipRect();
}

void PlotLegend(const PlotArea& area, int row, const char* label, ImU32 color) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line_height = ImGui::GetTextLineHeight() + 2.0f;
    const ImVec2 text_size = ImGui::CalcTextSize(label);
    // Too narrow or too short to read beside the data: no legend.
    if (text_size.x + 30.0f > 0.6f * (area.max.x - area.min.x)) return;
    if ((row + 1) * (ImGui::GetTextLineHeight() + 2.0f) > 0.45f * (area.max.y - area.min.y)) return;
    const float x = area.max.x - text_size.x - 30.0f;
    const float y = area.min.y + 6.0f + row * line_height;
    draw->AddLine(ImVec2(x, y + text_size.y / 2), ImVec2(x + 18.0f, y + text_size.y / 2), color,
                  3.0f);
    draw->AddText(ImVec2(x + 24.0f, y), theme::Colors().text, label);
}

bool FiniteRange(const std::vector<double>& ys, double& lo, double& hi, bool positive) {
    bool any = false;
    for (double y : ys) {
        if (!std::isfinite(y) || (positive && y <= 0.0)) continue;
        if (!any) lo = hi = y;
        lo = std::min(lo, y);
        hi = std::max(hi, y);
        any = true;
    }
    return any;
}

}  // namespace dendrites::app
