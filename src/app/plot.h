// Small plotting helpers drawn with ImDrawList: a frame with axes and ticks, lines, points.
//
// A PlotArea maps data coordinates to screen pixels inside a rectangle reserved with
// BeginPlot(). Non-finite points are skipped and values are clamped to the visible range, so a
// diverging curve can never draw a NaN or send a vertex to infinity.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace dendrites::app {

struct PlotArea {
    ImVec2 min, max;       // pixel rectangle of the data area
    double x0, x1, y0, y1; // visible data range (y in log10 units when log_y)
    bool log_y = false;
    bool hovered = false;
    ImVec2 mouse;          // mouse position in pixels

    ImVec2 ToScreen(double x, double y) const;
    double XFromScreen(float px) const;
};

// Reserves `size` (negative means "fill available") and draws the frame, ticks and title.
// For log_y the range [y0, y1] is given in data units (must be positive).
PlotArea BeginPlot(const char* id, ImVec2 size, const char* title, double x0, double x1, double y0,
                   double y1, bool log_y = false, const char* x_label = nullptr);

void PlotLine(const PlotArea& area, const std::vector<double>& xs, const std::vector<double>& ys,
              ImU32 color, float thickness = 2.0f);
void PlotPoints(const PlotArea& area, const std::vector<double>& xs, const std::vector<double>& ys,
                ImU32 color, float radius = 1.5f, std::size_t max_points = 2000);
// A legend entry drawn in the plot's top-right corner, `row` lines down.
void PlotLegend(const PlotArea& area, int row, const char* label, ImU32 color);

// Smallest and largest finite values of ys (positive only when `positive`); false if none.
bool FiniteRange(const std::vector<double>& ys, double& lo, double& hi, bool positive = false);

}  // namespace dendrites::app
