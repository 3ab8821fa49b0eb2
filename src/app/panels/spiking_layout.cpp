// The spiking lab's layout: the scene's title and read-outs, then the panels each scene shows.
#include <algorithm>
#include <cstdio>

#include "app/panels/spiking_panels.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

using namespace dendrites::spiking;

constexpr int kRasterRows = 1000;  // at most this many neurons per raster (evenly shared)

bool IsNetworkScene(SceneKind kind) {
    return kind == SceneKind::kIzhikevich1000 || kind == SceneKind::kBrunel ||
           kind == SceneKind::kCuba || kind == SceneKind::kStructural || kind == SceneKind::kDelays;
}

void DrawStatus(SpikingLab& lab) {
    const Network& net = lab.Net();
    const SceneKind kind = lab.Config().kind;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotLinesHovered));
    ImGui::TextUnformatted(SceneTitle(kind));
    ImGui::PopStyleColor();
    // A short window (an embedded widget) keeps its height for the scene: the summary becomes
    // the title's tooltip. Otherwise it goes beside the title, or under it when narrow.
    const bool compact = ImGui::GetMainViewport()->WorkSize.y < 500.0f;
    if (compact) {
        Tooltip(SceneSummary(kind));
    } else {
        const float summary_width = ImGui::CalcTextSize(SceneSummary(kind)).x;
        if (ImGui::GetContentRegionAvail().x > 700.0f || summary_width < 400.0f) ImGui::SameLine();
        ImGui::TextWrapped("%s", SceneSummary(kind));
    }
    if (!lab.Notice().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.78f, 0.47f, 1.0f));
        ImGui::TextWrapped("%s", lab.Notice().c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine();
        if (ImGui::SmallButton("dismiss")) lab.DismissNotice();
    }
    const SpikeStatistics st = net.Statistics();
    char line[256];
    if (!compact) {
        if (ImGui::SmallButton("restart statistics")) lab.RestartStatistics();
        Tooltip("Count from now on (drops the start-up transient).");
        ImGui::SameLine();
    }
    int n = std::snprintf(line, sizeof line,
                          "t = %.1f ms   %d neuron%s   %lld spikes   mean rate %.3g Hz   "
                          "CV(ISI) %.2f",
                          net.time_ms(), net.size(), net.size() == 1 ? "" : "s",
                          static_cast<long long>(st.spikes), st.mean_rate_Hz, st.cv_isi);
    if (IsNetworkScene(kind) && n > 0 && n < static_cast<int>(sizeof line))
        std::snprintf(line + n, sizeof line - n, "   synchrony chi %.2f", st.synchrony_chi);
    ImGui::TextWrapped("%s", line);
    Tooltip(
        "Statistics since the scene started (or since 'restart statistics'). CV(ISI): "
        "standard deviation over mean of the intervals between a cell's spikes, averaged "
        "over cells; 0 is clockwork, about 1 is as irregular as a Poisson process. "
        "Synchrony: Golomb's chi on 1 ms spike counts, 1 when all cells fire in the same "
        "bins, about 1/sqrt(N) when they fire independently.");
}

// Height that leaves `rest` pixels below, but never less than `minimum`.
float Leave(float rest, float minimum = 80.0f) {
    return std::max(minimum, ImGui::GetContentRegionAvail().y - rest);
}

void Panel(const char* id, ImVec2 size) {
    ImGui::BeginChild(id, size, true);
}

void DrawOneNeuron(SpikingLab& lab, double window) {
    const float avail = ImGui::GetContentRegionAvail().y;
    Panel("trace", ImVec2(0, avail * 0.55f));
    DrawTrace(lab.Net(), 0, window, -1, "Membrane potential V (mV)");
    ImGui::EndChild();
    Panel("fi", ImVec2(0, 0));
    DrawFiCurve(lab, -1);
    ImGui::EndChild();
}

void DrawZoo(SpikingLab& lab, double window) {
    const Network& net = lab.Net();
    const float each = std::max(60.0f, (ImGui::GetContentRegionAvail().y -
                                        ImGui::GetStyle().ItemSpacing.y * kIzhikevichTypeCount) /
                                           kIzhikevichTypeCount);
    static constexpr const char* kLong[kIzhikevichTypeCount] = {
        "regular spiking",       "intrinsically bursting", "chattering", "fast spiking",
        "low-threshold spiking", "thalamo-cortical",       "resonator"};
    for (int k = 0; k < kIzhikevichTypeCount && k < net.size(); ++k) {
        char title[96];
        std::snprintf(title, sizeof title, "%s (%s): %.1f Hz over the last second",
                      IzhikevichTypeName(AllIzhikevichTypes()[k]), kLong[k], lab.RecentRateHz(k));
        ImGui::PushID(k);
        DrawTrace(net, k, window, each, title);
        ImGui::PopID();
    }
}

void DrawDelays(SpikingLab& lab, double window) {
    const float avail = ImGui::GetContentRegionAvail().y;
    Panel("graph", ImVec2(0, avail * (avail < 400.0f ? 0.62f : 0.5f)));
    DrawDelayGraph(lab, -1);
    ImGui::EndChild();
    const Network& net = lab.Net();
    const int n = static_cast<int>(net.recorder().traced_neurons().size());
    const int columns = 2, rows = (n + 1) / 2;
    const float h = std::max(
        50.0f, (ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y * rows) /
                   std::max(1, rows));
    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / columns;
    for (int k = 0; k < n; ++k) {
        if (k % columns) ImGui::SameLine();
        ImGui::PushID(k);
        ImGui::BeginChild("t", ImVec2(w, h), false, ImGuiWindowFlags_NoScrollbar);
        char title[48];
        std::snprintf(title, sizeof title, "neuron %d: V (mV)", net.recorder().traced_neurons()[k]);
        DrawTrace(net, k, window, -1, title);
        ImGui::EndChild();
        ImGui::PopID();
    }
}

void DrawRasterAndRate(SpikingLab& lab, double window) {
    const float avail = ImGui::GetContentRegionAvail().y;
    Panel("raster", ImVec2(0, avail * 0.62f));
    DrawRaster(lab.Net(), window, -1, kRasterRows);
    ImGui::EndChild();
    Panel("rate", ImVec2(0, 0));
    DrawPopulationRate(lab.Net(), window, -1);
    ImGui::EndChild();
}

void DrawStdp(SpikingLab& lab, double window) {
    const Network& net = lab.Net();
    const float avail = ImGui::GetContentRegionAvail().y;
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (lab.Config().stdp.mode == StdpMode::kPairing) {
        Panel("window", ImVec2(half, avail * 0.6f));
        DrawStdpWindow(lab, -1);
        ImGui::EndChild();
        ImGui::SameLine();
        Panel("weight", ImVec2(0, avail * 0.6f));
        DrawWeightTraces(net, -1);
        ImGui::EndChild();
        Panel("pairs", ImVec2(0, 0));
        DrawLastPairing(lab, -1);
        ImGui::EndChild();
        return;
    }
    Panel("histogram", ImVec2(half, avail * 0.5f));
    DrawWeightHistogram(net, -1);
    ImGui::EndChild();
    ImGui::SameLine();
    Panel("weights", ImVec2(0, avail * 0.5f));
    DrawWeightTraces(net, -1);
    ImGui::EndChild();
    Panel("window", ImVec2(half, 0));
    DrawStdpWindow(lab, -1);
    ImGui::EndChild();
    ImGui::SameLine();
    Panel("cell", ImVec2(0, 0));
    DrawTrace(net, 0, window, -1, "The cell's membrane potential V (mV)");
    ImGui::EndChild();
}

void DrawStructural(SpikingLab& lab, double window) {
    const float width = ImGui::GetContentRegionAvail().x * 0.55f;
    Panel("ring", ImVec2(width, 0));
    DrawTopologyGraph(lab, -1);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("side", ImVec2(0, 0), false);
    const float avail = ImGui::GetContentRegionAvail().y;
    Panel("count", ImVec2(0, avail * 0.4f));
    DrawSynapseCount(lab, -1);
    ImGui::EndChild();
    Panel("raster", ImVec2(0, 0));
    DrawRaster(lab.Net(), window, Leave(0), kRasterRows);
    ImGui::EndChild();
    ImGui::EndChild();
}

}  // namespace

void DrawSpikingLab(SpikingLab& lab, SpikingViewState& view, bool show_controls) {
    if (show_controls) {
        const float controls_width = 340.0f * ImGui::GetFontSize() / 15.0f;
        ImGui::BeginChild("spiking-controls", ImVec2(controls_width, 0), true);
        DrawSpikingControls(lab, view);
        ImGui::EndChild();
        ImGui::SameLine();
    }
    ImGui::BeginChild("spiking-views", ImVec2(0, 0), false);
    DrawStatus(lab);
    const double window = WindowMs(lab, view);
    switch (lab.Config().kind) {
        case SceneKind::kOneNeuron: DrawOneNeuron(lab, window); break;
        case SceneKind::kZoo: DrawZoo(lab, window); break;
        case SceneKind::kDelays: DrawDelays(lab, window); break;
        case SceneKind::kIzhikevich1000:
        case SceneKind::kBrunel:
        case SceneKind::kCuba: DrawRasterAndRate(lab, window); break;
        case SceneKind::kStdp: DrawStdp(lab, window); break;
        case SceneKind::kStructural: DrawStructural(lab, window); break;
    }
    ImGui::EndChild();
}

}  // namespace dendrites::app
