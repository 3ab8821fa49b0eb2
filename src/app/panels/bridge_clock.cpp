// The clocked-versus-unclocked screen: the MLP's backprop sweep, one stage per clock tick,
// beside a spiking network where every cell fires on its own and spikes travel with their
// synapse's delay; the work each does, and each learning rule changing its network's weights.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "app/panels/bridge_panels.h"
#include "app/panels/spiking_panels.h"
#include "app/plot.h"
#include "app/theme.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

constexpr double kFlashMs = 5.0;  // a cell glows this long after its spike

// "12,345,678" for big counters.
std::string Grouped(long long n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

// The global clock: one box per stage of the sweep, the current one lit.
void DrawClockTicks(const MlpLab& mlp) {
    const int n = mlp.StageCount();
    const int layers = mlp.Trainer().Net().NumWeightLayers();
    const float box = ImGui::GetFrameHeight() * 0.8f, gap = 3.0f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int k = 1; k <= n; ++k) {
        const ImVec2 a(at.x + static_cast<float>(k - 1) * (box + gap), at.y);
        const ImVec2 b(a.x + box, a.y + box);
        const bool now = mlp.Stage() == k;
        const ImU32 kind = k <= layers           ? theme::kTestCurve
                           : k == layers + 1     ? theme::kWarning
                           : k < n               ? theme::kTrainCurve
                                                 : theme::Colors().spike;
        draw->AddRectFilled(a, b, now ? kind : theme::Colors().neutral_fill, 3.0f);
        draw->AddRect(a, b, kind, 3.0f);
    }
    ImGui::Dummy(ImVec2(static_cast<float>(n) * (box + gap), box));
    ImGui::SameLine();
    ImGui::TextDisabled("tick %d of %d: forward, loss, backward, update", mlp.Stage(), n);
}

// The unclocked network as a ring: synapses faint, spikes in flight as dots that take their
// synapse's delay to arrive, each cell filled by its potential and flashing when it fires.
void DrawSpikingRing(const spiking::Network& net, float height) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, 120.0f), height);
    ImGui::InvisibleButton("##ring", size);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                        theme::Colors().panel_background);
    const int n = net.size();
    if (n == 0) return;
    const ImVec2 centre(origin.x + size.x / 2, origin.y + size.y / 2);
    const float radius = std::max(20.0f, std::min(size.x, size.y) / 2 - 22.0f);
    const float cell = std::clamp(radius * 0.11f, 5.0f, 13.0f);
    std::vector<ImVec2> at(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const float angle = -1.5707963f + 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
        at[static_cast<std::size_t>(i)] =
            ImVec2(centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle));
    }
    const double now = net.time_ms(), dt = net.dt_ms();
    draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    // Synapses.
    for (int p = 0; p < net.projection_count(); ++p) {
        const spiking::Projection& proj = net.projection(p);
        const bool inhibitory = proj.spec.weight < 0;
        const double w_max = std::max(1e-9, inhibitory ? std::fabs(proj.spec.weight)
                                                      : proj.spec.stdp ? proj.spec.stdp_params.w_max
                                                                       : proj.spec.weight);
        for (int r = 0; r < proj.pre_size; ++r) {
            for (auto s = proj.row_start[static_cast<std::size_t>(r)];
                 s < proj.row_start[static_cast<std::size_t>(r) + 1]; ++s) {
                const auto us = static_cast<std::size_t>(s);
                const float strength = static_cast<float>(
                    std::min(1.0, std::fabs(proj.weight[us]) / w_max));
                const ImU32 color = inhibitory ? theme::kInhibitory : theme::kExcitatory;
                ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
                c.w = 0.08f + 0.3f * strength;
                draw->AddLine(at[static_cast<std::size_t>(proj.pre_first + r)],
                              at[static_cast<std::size_t>(proj.target[us])],
                              ImGui::ColorConvertFloat4ToU32(c), 0.5f + 1.5f * strength);
            }
        }
    }
    // Spikes in flight: every recent spike, along each of its synapses, until its delay is over.
    const auto& spikes = net.recorder().spikes();
    int max_delay = 1;
    for (int p = 0; p < net.projection_count(); ++p)
        for (auto d : net.projection(p).delay_steps) max_delay = std::max(max_delay, int{d});
    for (std::size_t k = spikes.size(); k-- > 0;) {
        const spiking::SpikeEvent& e = spikes[k];
        const double t_emit = static_cast<double>(e.step) * dt;
        if (t_emit < now - max_delay * dt) break;
        for (int p = 0; p < net.projection_count(); ++p) {
            const spiking::Projection& proj = net.projection(p);
            const int r = e.neuron - proj.pre_first;
            if (r < 0 || r >= proj.pre_size) continue;
            const ImU32 color = proj.spec.weight < 0 ? theme::kInhibitory : theme::kExcitatory;
            for (auto s = proj.row_start[static_cast<std::size_t>(r)];
                 s < proj.row_start[static_cast<std::size_t>(r) + 1]; ++s) {
                const auto us = static_cast<std::size_t>(s);
                const double delay = proj.delay_steps[us] * dt;
                const double f = (now - t_emit) / delay;
                if (f < 0 || f > 1) continue;
                const ImVec2 a = at[static_cast<std::size_t>(e.neuron)];
                const ImVec2 b = at[static_cast<std::size_t>(proj.target[us])];
                const auto ff = static_cast<float>(f);
                draw->AddCircleFilled(ImVec2(a.x + (b.x - a.x) * ff, a.y + (b.y - a.y) * ff), 2.5f,
                                      color);
            }
        }
    }
    // Cells.
    const auto& last = net.last_spike_step();
    for (int i = 0; i < n; ++i) {
        const auto ui = static_cast<std::size_t>(i);
        const int p = net.PopulationOf(i);
        const spiking::LifParams& lif = net.population(p).spec.lif;
        const double v = (net.v_mV()[ui] - lif.e_l_mV) / (lif.v_th_mV - lif.e_l_mV);
        const bool flash = last[ui] >= 0 && now - static_cast<double>(last[ui]) * dt < kFlashMs;
        draw->AddCircleFilled(at[ui], cell,
                              flash ? theme::Colors().spike : theme::ActivationFill(std::clamp(v, 0.0, 1.0)));
        draw->AddCircle(at[ui], cell + 1.0f,
                        net.population(p).spec.name == "inhibitory" ? theme::kInhibitory
                                                                    : theme::kExcitatory,
                        0, 2.0f);
    }
    draw->PopClipRect();
    draw->AddText(ImVec2(origin.x + 6, origin.y + 4), theme::Colors().dim_text,
                  "blue: excitatory, orange: inhibitory; dots: spikes on their way");
}

// A few weights over time.
void DrawWeightLines(const char* id, const char* title, const std::vector<std::vector<double>>& xs,
                     const std::vector<std::vector<double>>& ys, const char* x_label, float height) {
    double x0 = 0, x1 = 1, y0 = 0, y1 = 0;
    bool any = false;
    for (std::size_t k = 0; k < xs.size(); ++k) {
        double lo, hi;
        if (xs[k].empty() || !FiniteRange(ys[k], lo, hi)) continue;
        if (!any) {
            x0 = xs[k].front(), x1 = xs[k].back(), y0 = lo, y1 = hi;
            any = true;
        }
        x0 = std::min(x0, xs[k].front());
        x1 = std::max(x1, xs[k].back());
        y0 = std::min(y0, lo);
        y1 = std::max(y1, hi);
    }
    if (x1 <= x0) x1 = x0 + 1;
    const double pad = std::max(0.05 * (y1 - y0), 1e-3);
    PlotArea area = BeginPlot(id, ImVec2(-1, height), title, x0, x1, y0 - pad, y1 + pad, false,
                              x_label);
    static constexpr ImU32 kColors[] = {IM_COL32(90, 180, 255, 255), IM_COL32(255, 170, 60, 255),
                                        IM_COL32(120, 220, 130, 255), IM_COL32(230, 110, 200, 255)};
    for (std::size_t k = 0; k < xs.size(); ++k) PlotLine(area, xs[k], ys[k], kColors[k % 4], 1.5f);
}

void DrawClockedSide(BridgeLab& lab, BridgeViewState& view, bool compact) {
    MlpLab& mlp = lab.Clocked();
    SectionHeader("Clocked: a multilayer perceptron learning by backprop");
    double ticks = lab.TicksPerSecond();
    ImGui::SetNextItemWidth(180.0f);
    if (SliderDouble("clock (ticks/s)", &ticks, 0.5, 1000.0, "%.1f", ImGuiSliderFlags_Logarithmic))
        lab.SetTicksPerSecond(ticks);
    Tooltip("One tick, one stage of the sweep. Real hardware ticks a billion times a second; "
            "here you can watch each one.");
    DrawClockTicks(mlp);
    ImGui::TextWrapped("%s", mlp.StageText().c_str());
    const float avail = ImGui::GetContentRegionAvail().y;
    ImGui::BeginChild("clocked-net", ImVec2(0, std::max(120.0f, avail * (compact ? 0.62f : 0.46f))), false);
    DrawNetworkCanvas(mlp, view.clocked);
    ImGui::EndChild();
    const bridge::MlpWork work = lab.ClockedWork();
    ImGui::TextWrapped("Work per sample: %s multiply-adds forward + %s backward = %s",
                Grouped(work.forward).c_str(), Grouped(work.backward).c_str(),
                Grouped(work.Total()).c_str());
    Tooltip("Every weight is used forward and again backward for every sample, whatever the "
            "input: the work is the same each time.");
    ImGui::TextWrapped("Samples learned: %lld   multiply-adds so far: %s   test MSE %.3e",
                mlp.SweepUpdates(), Grouped(lab.ClockedMultiplyAdds()).c_str(),
                mlp.Trainer().TestLoss());
    if (compact) return;  // a small embed: the network and its counters only
    std::vector<std::vector<double>> xs, ys;
    for (const History& h : lab.ClockedWeights()) {
        xs.push_back(h.Xs());
        ys.push_back(h.Ys());
    }
    DrawWeightLines("##clocked-weights",
                    "Four weights: each update follows the global error from the output",
                    xs, ys, "updates", std::max(90.0f, ImGui::GetContentRegionAvail().y));
}

void DrawUnclockedSide(BridgeLab& lab, bool compact) {
    const spiking::Network& net = lab.Unclocked();
    SectionHeader("Unclocked: spiking neurons learning by STDP");
    double speed = lab.SpeedMsPerSecond();
    ImGui::SetNextItemWidth(180.0f);
    if (SliderDouble("speed (ms/s)", &speed, 1.0, 2000.0, "%.0f", ImGuiSliderFlags_Logarithmic))
        lab.SetSpeed(speed);
    Tooltip("Simulated milliseconds per second of wall time.");
    ImGui::SameLine();
    ImGui::TextDisabled("t = %.0f ms", net.time_ms());
    ImGui::TextWrapped("No clock: each cell fires when its own potential reaches threshold, and "
                       "each spike arrives after its synapse's delay (1 to 15 ms).");
    const float avail = ImGui::GetContentRegionAvail().y;
    DrawSpikingRing(net, std::max(120.0f, avail * (compact ? 0.6f : 0.40f)));
    const double per_s = lab.EventsPerSecond();
    ImGui::TextWrapped("Synaptic events: %s per simulated second (%.0f spikes/s over %s synapses)",
                Grouped(std::llround(per_s)).c_str(), lab.SpikesPerSecond(),
                Grouped(lab.Synapses()).c_str());
    Tooltip("Work happens only where a spike arrives: a silent cell costs its synapses nothing. "
            "Updating every synapse at every millisecond would take synapses x 1000 per second.");
    ImGui::TextWrapped("Every synapse every ms would be %s per second; events so far: %s",
                Grouped(lab.Synapses() * 1000).c_str(), Grouped(lab.SynapticEvents()).c_str());
    if (compact) return;
    const float rest = ImGui::GetContentRegionAvail().y;
    DrawRaster(net, 500.0, std::max(70.0f, rest * 0.42f), 64);
    // The traced plastic synapses.
    const spiking::Recorder& rec = net.recorder();
    std::vector<std::vector<double>> xs, ys;
    const double every = rec.weight_every_ms();
    for (std::size_t k = 0; k < rec.traced_synapses().size(); ++k) {
        const auto& w = rec.weight_trace(k);
        std::vector<double> x, y;
        const double start = net.time_ms() - static_cast<double>(w.size()) * every;
        for (std::size_t i = 0; i < w.size(); ++i) {
            x.push_back(start + static_cast<double>(i + 1) * every);
            y.push_back(w[i]);
        }
        xs.push_back(std::move(x));
        ys.push_back(std::move(y));
    }
    char title[128];
    std::snprintf(title, sizeof title,
                  "Four weights: each changes from its own two cells' timing (mean |dw| %.3f mV)",
                  lab.MeanStdpChange());
    DrawWeightLines("##stdp-weights", title, xs, ys, "time (ms)",
                    std::max(90.0f, ImGui::GetContentRegionAvail().y));
}

}  // namespace

void DrawClockScreen(BridgeLab& lab, BridgeViewState& view) {
    DrawChainRule(lab.Clocked());  // an edge of the clocked network was clicked
    if (ImGui::Button(lab.Running() ? "Pause" : "Run both")) lab.TogglePlay();
    Tooltip("Space. Both networks learn at once, each in its own way.");
    ImGui::SameLine();
    if (ImGui::Button("Step")) lab.Step();
    Tooltip("One tick of the clocked network and 1 ms of the spiking one.");
    ImGui::SameLine();
    if (ImGui::Button("Reset")) lab.Reset();
    ImGui::SameLine();
    ImGui::TextDisabled("Left, each layer waits for the one before; right, nothing waits.");
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = (ImGui::GetContentRegionAvail().x - spacing) / 2;
    ImGui::BeginChild("clocked", ImVec2(half, 0), true);
    // Below about 560 px (a small embed) the plots under each network make way for it.
    const bool compact = ImGui::GetContentRegionAvail().y < 560.0f;
    DrawClockedSide(lab, view, compact);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("unclocked", ImVec2(0, 0), true);
    DrawUnclockedSide(lab, compact);
    ImGui::EndChild();
}

}  // namespace dendrites::app
