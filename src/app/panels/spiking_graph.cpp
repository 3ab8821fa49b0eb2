// Networks drawn as graphs: the delays scene (chemical synapses as arrows with their delays,
// gap junctions as zig-zags, spikes in flight as dots that take the synapse's delay to arrive,
// neurons that flash when they fire and fire when clicked) and the changing-topology scene
// (a ring of cells whose synapses are pruned and regrown while you watch).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <queue>

#include "app/panels/spiking_panels.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

using namespace dendrites::spiking;

constexpr double kFlashMs = 4.0;          // a neuron glows this long after a spike
constexpr double kChangeShownMs = 600.0;  // grown / pruned synapses stay highlighted this long

ImVec2 Lerp(ImVec2 a, ImVec2 b, float t) {
    return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
}

float Distance(ImVec2 a, ImVec2 b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

// Moves the ends of a-b inwards by r, so edges start and stop at the rims of the discs.
void Shorten(ImVec2& a, ImVec2& b, float r) {
    const float d = Distance(a, b);
    if (d <= 2 * r) return;
    const ImVec2 u((b.x - a.x) / d, (b.y - a.y) / d);
    a = ImVec2(a.x + u.x * r, a.y + u.y * r);
    b = ImVec2(b.x - u.x * r, b.y - u.y * r);
}

void Arrow(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 color, float thickness) {
    draw->AddLine(a, b, color, thickness);
    const float d = Distance(a, b);
    if (d < 1) return;
    const ImVec2 u((b.x - a.x) / d, (b.y - a.y) / d), n(-u.y, u.x);
    const float s = 4.0f + 2.0f * thickness;
    draw->AddTriangleFilled(
        b, ImVec2(b.x - u.x * s * 1.6f + n.x * s, b.y - u.y * s * 1.6f + n.y * s),
        ImVec2(b.x - u.x * s * 1.6f - n.x * s, b.y - u.y * s * 1.6f - n.y * s), color);
}

void ZigZag(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 color) {
    const float d = Distance(a, b);
    if (d < 1) return;
    const ImVec2 u((b.x - a.x) / d, (b.y - a.y) / d), n(-u.y, u.x);
    const int teeth = std::max(4, static_cast<int>(d / 10.0f));
    std::vector<ImVec2> points;
    points.push_back(a);
    for (int k = 1; k < teeth; ++k) {
        const float t = static_cast<float>(k) / teeth, side = (k % 2 ? 5.0f : -5.0f);
        const ImVec2 p = Lerp(a, b, t);
        points.push_back(ImVec2(p.x + n.x * side, p.y + n.y * side));
    }
    points.push_back(b);
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), color, ImDrawFlags_None,
                      2.0f);
}

// A label beside the middle of edge a-b, pushed off the line on the side away from the
// drawing's upper-left, so it never sits on the edge itself.
void EdgeLabel(ImDrawList* draw, ImVec2 a, ImVec2 b, const char* text, ImU32 color) {
    const float d = std::max(1.0f, Distance(a, b));
    ImVec2 n(-(b.y - a.y) / d, (b.x - a.x) / d);  // unit normal
    if (n.y < 0 || (n.y == 0 && n.x < 0)) n = ImVec2(-n.x, -n.y);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 mid = Lerp(a, b, 0.5f);
    // Move the text's centre out by half its extent along the normal, plus a gap.
    const float reach = 0.5f * (std::fabs(n.x) * size.x + std::fabs(n.y) * size.y) + 6.0f;
    const ImVec2 centre(mid.x + n.x * reach, mid.y + n.y * reach);
    draw->AddText(ImVec2(centre.x - size.x / 2, centre.y - size.y / 2), color, text);
}

// How bright a neuron's flash is, from 1 just after a spike down to 0 after kFlashMs.
float Flash(const Network& net, int neuron) {
    const std::int64_t last = net.last_spike_step()[neuron];
    if (last < 0) return 0.0f;
    const double age = static_cast<double>(net.step() - 1 - last) * net.dt_ms();
    return age < 0 || age > kFlashMs ? 0.0f : static_cast<float>(1.0 - age / kFlashMs);
}

// Fill of a LIF neuron: from dark at reset to bright at threshold, yellow when it fires.
ImU32 NeuronFill(const Network& net, int neuron) {
    const Population& pop = net.population(net.PopulationOf(neuron));
    double level = 0.0;
    if (pop.spec.model == NeuronModel::kLif) {
        const double lo = std::min(pop.spec.lif.e_l_mV, pop.spec.lif.v_reset_mV);
        level = (net.v_mV()[neuron] - lo) / (pop.spec.lif.v_th_mV - lo);
    }
    const float l = static_cast<float>(std::clamp(level, 0.0, 1.0));
    const float f = Flash(net, neuron);
    const ImVec4 base(0.14f + 0.2f * l, 0.16f + 0.35f * l, 0.22f + 0.55f * l, 1.0f);
    const ImVec4 flash(1.0f, 0.88f, 0.35f, 1.0f);
    return ImGui::GetColorU32(ImVec4(base.x + (flash.x - base.x) * f,
                                     base.y + (flash.y - base.y) * f,
                                     base.z + (flash.z - base.z) * f, 1.0f));
}

// Columns by distance from neuron 0 along any connection, cells of a column stacked.
std::vector<ImVec2> LayeredLayout(const Network& net, ImVec2 min, ImVec2 max) {
    const int n = net.size();
    std::vector<std::vector<int>> next(n);
    for (int p = 0; p < net.projection_count(); ++p) {
        const Projection& proj = net.projection(p);
        for (int r = 0; r < proj.pre_size; ++r) {
            for (std::int64_t j = proj.row_start[r]; j < proj.row_start[r + 1]; ++j)
                next[proj.pre_first + r].push_back(proj.target[j]);
        }
    }
    for (const GapJunction& g : net.gap_junctions()) {
        next[g.a].push_back(g.b);
        next[g.b].push_back(g.a);
    }
    std::vector<int> depth(n, -1);
    std::queue<int> queue;
    depth[0] = 0;
    queue.push(0);
    while (!queue.empty()) {
        const int i = queue.front();
        queue.pop();
        for (int j : next[i]) {
            if (depth[j] < 0) {
                depth[j] = depth[i] + 1;
                queue.push(j);
            }
        }
    }
    int columns = 1;
    for (int& d : depth) {
        if (d < 0) d = 0;  // unreachable cells join the first column
        columns = std::max(columns, d + 1);
    }
    std::vector<std::vector<int>> members(columns);
    for (int i = 0; i < n; ++i) members[depth[i]].push_back(i);
    std::vector<ImVec2> at(n);
    for (int c = 0; c < columns; ++c) {
        const float x = min.x + (max.x - min.x) * (c + 0.5f) / columns;
        const int m = static_cast<int>(members[c].size());
        for (int k = 0; k < m; ++k) {
            const float y = min.y + (max.y - min.y) * (k + 0.5f) / m;
            at[members[c][k]] = ImVec2(x, y);
        }
    }
    return at;
}

// The rectangle a graph is drawn in: reserved as one button (so clicks and hovers reach it),
// filled with the panel colour. `height` <= 0 takes what is left.
struct GraphArea {
    ImVec2 origin, size;
    bool hovered = false, clicked = false;
};

GraphArea BeginGraph(const char* id, float height) {
    GraphArea area;
    area.origin = ImGui::GetCursorScreenPos();
    area.size = ImVec2(ImGui::GetContentRegionAvail().x,
                       height > 0 ? height : ImGui::GetContentRegionAvail().y);
    ImGui::InvisibleButton(id, area.size);
    area.hovered = ImGui::IsItemHovered();
    area.clicked = ImGui::IsItemClicked();
    ImGui::GetWindowDrawList()->AddRectFilled(
        area.origin, ImVec2(area.origin.x + area.size.x, area.origin.y + area.size.y),
        theme::Colors().panel_background);
    return area;
}

// The neuron under the mouse, or -1.
int NeuronAt(const std::vector<ImVec2>& at, ImVec2 mouse, float radius) {
    for (std::size_t i = 0; i < at.size(); ++i) {
        if (Distance(at[i], mouse) <= radius + 3.0f) return static_cast<int>(i);
    }
    return -1;
}

void NeuronTooltip(const Network& net, int i) {
    ImGui::SetTooltip("neuron %d\nV = %.2f mV\nspikes: %lld\nclick: make it fire now", i,
                      net.v_mV()[i], static_cast<long long>(net.recorder().spike_count(i)));
}

}  // namespace

void DrawDelayGraph(SpikingLab& lab, float height) {
    const Network& net = lab.Net();
    const GraphArea area = BeginGraph("##delay-graph", height);
    const ImVec2 origin = area.origin, size = area.size;
    const bool hovered = area.hovered, clicked = area.clicked;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float pad = std::min(40.0f, 0.18f * std::min(size.x, size.y));
    const std::vector<ImVec2> at =
        LayeredLayout(net, ImVec2(origin.x + pad, origin.y + pad),
                      ImVec2(origin.x + size.x - pad, origin.y + size.y - pad));
    const float radius = std::clamp(std::min(size.x, size.y) / 14.0f, 10.0f, 26.0f);

    // Gap junctions: zig-zags, instant and symmetric.
    for (const GapJunction& g : net.gap_junctions()) {
        ImVec2 a = at[g.a], b = at[g.b];
        Shorten(a, b, radius);
        ZigZag(draw, a, b, theme::kGapJunction);
        char label[32];
        std::snprintf(label, sizeof label, "%.3g \u00b5S", g.g_uS);
        EdgeLabel(draw, a, b, label, theme::kGapJunction);
    }
    // Chemical synapses: arrows, labelled with their delay.
    for (int p = 0; p < net.projection_count(); ++p) {
        const Projection& proj = net.projection(p);
        const bool inhibitory = proj.spec.receptor == Receptor::kInhibitory;
        const ImU32 color = inhibitory ? theme::kInhibitory : theme::kExcitatory;
        for (int r = 0; r < proj.pre_size; ++r) {
            for (std::int64_t j = proj.row_start[r]; j < proj.row_start[r + 1]; ++j) {
                ImVec2 a = at[proj.pre_first + r], b = at[proj.target[j]];
                Shorten(a, b, radius + 2);
                const float thickness =
                    1.0f + 2.0f * static_cast<float>(std::min(1.0, std::fabs(proj.weight[j])));
                Arrow(draw, a, b, color, thickness);
                char label[32];
                std::snprintf(label, sizeof label, "%.3g ms", proj.delay_steps[j] * net.dt_ms());
                EdgeLabel(draw, a, b, label, theme::Colors().dim_text);
            }
        }
    }
    // Spikes in flight: a spike of step s on a synapse of D steps arrives at step s + D.
    const auto& spikes = net.recorder().spikes();
    const std::int64_t now = net.step();
    const std::int64_t horizon = net.ring_length();
    for (std::size_t k = spikes.size(); k-- > 0;) {
        const SpikeEvent& s = spikes[k];
        if (now - s.step > horizon) break;
        for (int p = 0; p < net.projection_count(); ++p) {
            const Projection& proj = net.projection(p);
            const int r = s.neuron - proj.pre_first;
            if (r < 0 || r >= proj.pre_size) continue;
            for (std::int64_t j = proj.row_start[r]; j < proj.row_start[r + 1]; ++j) {
                const double progress = static_cast<double>(now - s.step) / proj.delay_steps[j];
                if (progress <= 0.0 || progress > 1.0) continue;
                ImVec2 a = at[s.neuron], b = at[proj.target[j]];
                Shorten(a, b, radius + 2);
                const ImVec2 dot = Lerp(a, b, static_cast<float>(progress));
                draw->AddCircleFilled(dot, 5.0f, theme::Colors().spike);
            }
        }
    }
    // Neurons: fill by membrane potential, a yellow flash at each spike.
    for (int i = 0; i < net.size(); ++i) {
        draw->AddCircleFilled(at[i], radius, NeuronFill(net, i));
        draw->AddCircle(at[i], radius, theme::Colors().neuron_rim, 0, 1.5f);
        char label[16];
        std::snprintf(label, sizeof label, "%d", i);
        const ImVec2 t = ImGui::CalcTextSize(label);
        draw->AddText(ImVec2(at[i].x - t.x / 2, at[i].y - t.y / 2), theme::Colors().text, label);
    }
    const int under = hovered ? NeuronAt(at, ImGui::GetIO().MousePos, radius) : -1;
    if (under >= 0) {
        NeuronTooltip(net, under);
        if (clicked) lab.StimulateNeuron(under);
    }
    draw->AddText(ImVec2(origin.x + 8, origin.y + 6), theme::Colors().dim_text,
                  "neuron 0 is driven; click any neuron to make it fire");
}

void DrawTopologyGraph(SpikingLab& lab, float height) {
    const Network& net = lab.Net();
    const GraphArea area = BeginGraph("##topology-graph", height);
    const ImVec2 origin = area.origin, size = area.size;
    const bool hovered = area.hovered, clicked = area.clicked;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const int n = net.size();
    const ImVec2 center(origin.x + size.x / 2, origin.y + size.y / 2 + 8);
    const float ring = std::max(20.0f, std::min(size.x, size.y) / 2 - 30.0f);
    const float radius = std::clamp(ring * 3.0f / std::max(1, n), 3.0f, 9.0f);
    std::vector<ImVec2> at(n);
    for (int i = 0; i < n; ++i) {
        const float a = 6.2831853f * i / n - 1.5707963f;
        at[i] = ImVec2(center.x + ring * std::cos(a), center.y + ring * std::sin(a));
    }
    if (net.projection_count() > 0) {
        const Projection& proj = net.projection(0);
        const double w_max = proj.spec.stdp_params.w_max > 0 ? proj.spec.stdp_params.w_max : 1.0;
        const auto& changed = lab.ChangeTimeMs();
        const auto& grew = lab.ChangeWasGrowth();
        const double now = net.time_ms();
        for (int r = 0; r < proj.pre_size; ++r) {
            for (std::int64_t j = proj.row_start[r]; j < proj.row_start[r + 1]; ++j) {
                const bool on = proj.active.empty() || proj.active[j];
                const double age =
                    j < static_cast<std::int64_t>(changed.size()) ? now - changed[j] : 1e300;
                const bool fresh = age >= 0 && age < kChangeShownMs;
                if (!on && !fresh) continue;
                ImVec2 a = at[proj.pre_first + r], b = at[proj.target[j]];
                Shorten(a, b, radius + 1);
                ImU32 color;
                float thickness = 1.0f;
                if (fresh) {
                    const float alpha = static_cast<float>(1.0 - age / kChangeShownMs);
                    color = grew[j] ? ImGui::GetColorU32(ImVec4(0.45f, 0.95f, 0.5f, alpha))
                                    : ImGui::GetColorU32(ImVec4(1.0f, 0.35f, 0.3f, alpha));
                    thickness = 2.5f;
                } else {
                    color = theme::Signed(
                        1.0, 0.12f + 0.8f * static_cast<float>(proj.weight[j] / w_max));
                }
                draw->AddLine(a, b, color, thickness);
                draw->AddCircleFilled(b, 2.0f, color);  // the end that receives
            }
        }
    }
    for (int i = 0; i < n; ++i) {
        draw->AddCircleFilled(at[i], radius, NeuronFill(net, i));
        draw->AddCircle(at[i], radius, theme::Colors().neuron_rim, 0, 1.0f);
    }
    const int under = hovered ? NeuronAt(at, ImGui::GetIO().MousePos, radius) : -1;
    if (under >= 0) {
        NeuronTooltip(net, under);
        if (clicked) lab.StimulateNeuron(under);
    }
    char line[160];
    std::snprintf(
        line, sizeof line, "%lld synapses present; grown %lld, pruned %lld so far",
        static_cast<long long>(net.projection_count() ? net.projection(0).ActiveCount() : 0),
        static_cast<long long>(lab.Grown()), static_cast<long long>(lab.Pruned()));
    draw->AddText(ImVec2(origin.x + 8, origin.y + 6), theme::Colors().dim_text, line);
    draw->AddText(ImVec2(origin.x + 8, origin.y + 6 + ImGui::GetTextLineHeightWithSpacing()),
                  theme::Colors().dim_text, "green: just grown   red: just pruned   blue: weight");
}

}  // namespace dendrites::app
