// The spiking lab's plots: raster, population rate, membrane traces, the f-I curve, the STDP
// learning window, weights over time and their distribution, and the synapse count.
//
// [SECTION] Index
//   Helpers ........... PopulationColor, RowsPerPopulation, Envelope
//   Raster and rate ... DrawRaster, DrawPopulationRate
//   Traces ............ DrawTrace
//   Single-cell plots . DrawFiCurve
//   Plasticity ........ DrawStdpWindow, DrawWeightTraces, DrawWeightHistogram, DrawSynapseCount
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "app/panels/spiking_panels.h"
#include "app/plot.h"
#include "app/theme.h"

namespace dendrites::app {
namespace {

using namespace dendrites::spiking;

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers
// ---------------------------------------------------------------------------------------------

ImU32 PopulationColor(const Population& pop, int index) {
    const std::string& name = pop.spec.name;
    if (name == "inhibitory") return theme::kInhibitory;
    if (pop.spec.model == NeuronModel::kPoissonSource ||
        pop.spec.model == NeuronModel::kPeriodicSource)
        return theme::kSource;
    if (name == "excitatory") return theme::kExcitatory;
    static constexpr ImU32 kCycle[] = {IM_COL32(90, 180, 255, 255),  IM_COL32(255, 170, 60, 255),
                                       IM_COL32(120, 220, 130, 255), IM_COL32(230, 110, 200, 255),
                                       IM_COL32(240, 220, 90, 255),  IM_COL32(160, 140, 255, 255),
                                       IM_COL32(100, 220, 220, 255)};
    return kCycle[index % 7];
}

// Rows of the raster given to each population: all of them when they fit, otherwise shares
// proportional to size (at least one each).
std::vector<int> RowsPerPopulation(const Network& net, int max_rows) {
    std::vector<int> rows(net.population_count());
    const int total = net.size();
    for (int p = 0; p < net.population_count(); ++p) {
        const int size = net.population(p).size();
        rows[p] = total <= max_rows
                      ? size
                      : std::max(1, static_cast<int>(
                                        std::lround(static_cast<double>(size) * max_rows / total)));
    }
    return rows;
}

double TimeNow(const Network& net) {
    return net.time_ms();
}

// Samples [first, last) of a ring buffer as a min/max envelope of at most `columns` columns,
// so a spike one sample wide still shows however many samples share a pixel.
void Envelope(const RingBuffer<double>& buffer, std::size_t first, double t_first, double dt,
              int columns, std::vector<double>* xs, std::vector<double>* ys) {
    const std::size_t n = buffer.size() - first;
    xs->clear();
    ys->clear();
    if (n == 0) return;
    if (static_cast<int>(n) <= 2 * columns) {
        for (std::size_t k = 0; k < n; ++k) {
            xs->push_back(t_first + static_cast<double>(k) * dt);
            ys->push_back(buffer[first + k]);
        }
        return;
    }
    const double per = static_cast<double>(n) / columns;
    for (int c = 0; c < columns; ++c) {
        const std::size_t a = static_cast<std::size_t>(c * per);
        const std::size_t b = std::min(n, static_cast<std::size_t>((c + 1) * per));
        double lo = buffer[first + a], hi = lo;
        for (std::size_t k = a; k < b; ++k) {
            lo = std::min(lo, buffer[first + k]);
            hi = std::max(hi, buffer[first + k]);
        }
        const double t = t_first + static_cast<double>(a) * dt;
        xs->push_back(t);
        ys->push_back(lo);
        xs->push_back(t);
        ys->push_back(hi);
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Raster and rate
// ---------------------------------------------------------------------------------------------

void DrawRaster(const Network& net, double window_ms, float height, int max_rows) {
    const double now = TimeNow(net);
    const double t0 = std::max(0.0, now - window_ms);
    const double t1 = std::max(window_ms, now);
    const std::vector<int> rows = RowsPerPopulation(net, max_rows);
    std::vector<int> row_first(rows.size() + 1, 0);
    for (std::size_t p = 0; p < rows.size(); ++p) row_first[p + 1] = row_first[p] + rows[p];
    const int total_rows = std::max(1, row_first.back());
    char title[96];
    std::snprintf(title, sizeof title,
                  total_rows < net.size() ? "Raster (%d of %d neurons)" : "Raster (%d neurons)",
                  total_rows, net.size());
    PlotArea area = BeginPlot("##raster", ImVec2(-1, height), title, t0, t1, 0.0,
                              static_cast<double>(total_rows), false, "time (ms)");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(area.min, area.max, true);
    const float row_px = (area.max.y - area.min.y) / static_cast<float>(total_rows);
    const float dot_h = std::clamp(row_px * 0.7f, 1.0f, 24.0f);
    const float dot_w =
        std::max(1.5f, static_cast<float>(net.dt_ms() / (t1 - t0)) * (area.max.x - area.min.x));
    std::vector<ImU32> colors;
    for (int p = 0; p < net.population_count(); ++p)
        colors.push_back(PopulationColor(net.population(p), p));
    const auto& spikes = net.recorder().spikes();
    const double dt = net.dt_ms();
    // One mark per pixel column and row of pixels at most: a busy network's raster costs what its
    // pixels cost, not what its spikes do (hundreds of thousands in a window).
    const int columns = std::max(1, static_cast<int>(area.max.x - area.min.x) + 1);
    const int pixel_rows = std::max(1, static_cast<int>(area.max.y - area.min.y) + 1);
    std::vector<std::uint8_t> marked(static_cast<std::size_t>(columns) * pixel_rows, 0);
    for (std::size_t k = spikes.size(); k-- > 0;) {
        const SpikeEvent& s = spikes[k];
        const double t = static_cast<double>(s.step) * dt;
        if (t < t0) break;
        const int p = net.PopulationOf(s.neuron);
        const int local = s.neuron - net.population(p).first;
        if (local >= rows[p]) continue;
        const int row = row_first[p] + local;
        const ImVec2 at = area.ToScreen(t, static_cast<double>(total_rows - row) - 0.5);
        const int cx = std::clamp(static_cast<int>(at.x - area.min.x), 0, columns - 1);
        const int cy = std::clamp(static_cast<int>(at.y - area.min.y), 0, pixel_rows - 1);
        std::uint8_t& cell = marked[static_cast<std::size_t>(cy) * columns + cx];
        if (cell) continue;
        cell = 1;
        draw->AddRectFilled(ImVec2(at.x, at.y - dot_h / 2), ImVec2(at.x + dot_w, at.y + dot_h / 2),
                            colors[p]);
    }
    draw->PopClipRect();
    for (int p = 0; p < net.population_count() && p < 8 && net.population_count() > 1; ++p)
        PlotLegend(area, p, net.population(p).spec.name.c_str(), colors[p]);
}

void DrawPopulationRate(const Network& net, double window_ms, float height) {
    const Recorder& rec = net.recorder();
    const double bin = rec.rate_bin_ms();
    const double now = TimeNow(net);
    const double t0 = std::max(0.0, now - window_ms), t1 = std::max(window_ms, now);
    // Merge bins so that about 250 points span the window (the raw 1 ms bins are noisy).
    const int merge = std::max(1, static_cast<int>(window_ms / (bin * 250.0)));
    std::vector<std::vector<double>> xs(net.population_count()), ys(net.population_count());
    double hi = 1.0;
    const std::int64_t completed = static_cast<std::int64_t>(std::floor(now / bin));
    for (int p = 0; p < net.population_count(); ++p) {
        const auto& rates = rec.population_rate(p);
        const std::int64_t n = static_cast<std::int64_t>(rates.size());
        for (std::int64_t k = 0; k + merge <= n; k += merge) {
            const double t = static_cast<double>(completed - n + k) * bin;
            if (t < t0) continue;
            double sum = 0.0;
            for (int m = 0; m < merge; ++m) sum += rates[static_cast<std::size_t>(k + m)];
            xs[p].push_back(t + 0.5 * merge * bin);
            ys[p].push_back(sum / merge);
            hi = std::max(hi, ys[p].back());
        }
    }
    char title[80];
    std::snprintf(title, sizeof title, "Population rate (Hz, %.0f ms bins)", merge * bin);
    PlotArea area =
        BeginPlot("##rate", ImVec2(-1, height), title, t0, t1, 0.0, hi * 1.1, false, "time (ms)");
    for (int p = 0; p < net.population_count(); ++p) {
        const ImU32 color = PopulationColor(net.population(p), p);
        PlotLine(area, xs[p], ys[p], color, 1.5f);
        if (p < 8) PlotLegend(area, p, net.population(p).spec.name.c_str(), color);
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Traces
// ---------------------------------------------------------------------------------------------

void DrawTrace(const Network& net, int slot, double window_ms, float height, const char* title) {
    const Recorder& rec = net.recorder();
    if (slot < 0 || slot >= static_cast<int>(rec.traced_neurons().size())) return;
    const int neuron = rec.traced_neurons()[slot];
    const Population& pop = net.population(net.PopulationOf(neuron));
    const bool lif = pop.spec.model == NeuronModel::kLif;
    const RingBuffer<double>& trace = rec.trace(static_cast<std::size_t>(slot));
    const double dt = net.dt_ms();
    const double now = TimeNow(net);
    const double t0 = std::max(0.0, now - window_ms), t1 = std::max(window_ms, now);
    // Sample k of the buffer was recorded at the end of step (now/dt - size + k).
    const double t_oldest = now - static_cast<double>(trace.size()) * dt;
    std::size_t first = 0;
    if (t_oldest < t0) first = static_cast<std::size_t>(std::ceil((t0 - t_oldest) / dt));
    first = std::min(first, trace.size());
    double lo, hi;
    if (lif) {
        lo = std::min(pop.spec.lif.v_reset_mV, pop.spec.lif.e_l_mV) - 5.0;
        hi = pop.spec.lif.v_th_mV + 25.0;  // room for the drawn spikes
    } else {
        lo = -90.0;
        hi = 40.0;
    }
    for (std::size_t k = first; k < trace.size(); ++k) {
        if (std::isfinite(trace[k])) lo = std::min(lo, trace[k] - 2.0);
    }
    PlotArea area = BeginPlot(title, ImVec2(-1, height), title, t0, t1, lo, hi, false, "ms, mV");
    if (lif) {
        const std::vector<double> tx = {t0, t1};
        const std::vector<double> th = {pop.spec.lif.v_th_mV, pop.spec.lif.v_th_mV};
        const std::vector<double> rs = {pop.spec.lif.v_reset_mV, pop.spec.lif.v_reset_mV};
        PlotLine(area, tx, th, theme::kThreshold, 1.0f);
        PlotLine(area, tx, rs, theme::kReset, 1.0f);
    }
    std::vector<double> xs, ys;
    const int columns = std::max(16, static_cast<int>(area.max.x - area.min.x));
    Envelope(trace, first, t_oldest + static_cast<double>(first + 1) * dt, dt, columns, &xs, &ys);
    PlotLine(area, xs, ys, theme::kMembrane, 1.5f);
    // A LIF model has no spike shape: draw each spike as a stroke above the threshold.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(area.min, area.max, true);
    const auto& spikes = rec.spikes();
    for (std::size_t k = spikes.size(); k-- > 0;) {
        const double t = static_cast<double>(spikes[k].step + 1) * dt;
        if (t < t0) break;
        if (spikes[k].neuron != neuron || !lif) continue;
        const ImVec2 a = area.ToScreen(t, pop.spec.lif.v_th_mV);
        const ImVec2 b = area.ToScreen(t, pop.spec.lif.v_th_mV + 20.0);
        draw->AddLine(a, b, theme::Colors().spike, 2.0f);
    }
    draw->PopClipRect();
    if (lif) {
        PlotLegend(area, 0, "threshold", theme::kThreshold);
        PlotLegend(area, 1, "reset", theme::kReset);
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Single-cell plots
// ---------------------------------------------------------------------------------------------

void DrawFiCurve(const SpikingLab& lab, float height) {
    const auto& is = lab.FiCurrents();
    if (is.empty()) return;
    double hi = 10.0;
    for (double r : lab.FiClosedForm()) hi = std::max(hi, r);
    for (double r : lab.FiSimulated()) hi = std::max(hi, r);
    const bool lif = lab.Config().one_neuron.model == NeuronModel::kLif;
    PlotArea area = BeginPlot("##fi", ImVec2(-1, height), "f-I curve: rate (Hz) against input", 0.0,
                              is.back(), 0.0, hi * 1.1, false, lif ? "I (nA)" : "I");
    if (lif)
        PlotLine(area, lab.FiClosedCurrents(), lab.FiClosedForm(), theme::Colors().truth_curve,
                 2.0f);
    PlotPoints(area, is, lab.FiSimulated(), theme::kMembrane, 2.5f);
    // The live operating point: this input and the rate measured in the running simulation.
    const double i_now = lab.Config().one_neuron.i_ext;
    const double r_now = lab.RecentRateHz(0);
    const ImVec2 p = area.ToScreen(i_now, r_now);
    ImGui::GetWindowDrawList()->AddCircleFilled(p, 6.0f, theme::Colors().spike);
    int row = 0;
    if (lif) PlotLegend(area, row++, "closed form", theme::Colors().truth_curve);
    PlotLegend(area, row++, "simulated (1 s each)", theme::kMembrane);
    PlotLegend(area, row++, "now", theme::Colors().spike);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Plasticity
// ---------------------------------------------------------------------------------------------

void DrawStdpWindow(const SpikingLab& lab, float height) {
    const auto& xs = lab.WindowOffsets();
    const auto& dw = lab.WindowMeasured();
    if (xs.empty()) return;
    double lo = -1e-3, hi = 1e-3;
    FiniteRange(dw, lo, hi);
    const double pad = 0.1 * (hi - lo);
    PlotArea area =
        BeginPlot("##window", ImVec2(-1, height), "Learning window: \u0394w per pair", xs.front(),
                  xs.back(), lo - pad, hi + pad, false, "\u0394t = t_post \u2212 t_pre (ms)");
    const StdpParams& p = lab.Config().stdp.stdp;
    std::vector<double> closed;
    for (double x : xs) closed.push_back(StdpPairDeltaW(p, x));
    PlotLine(area, {xs.front(), xs.back()}, {0.0, 0.0}, theme::Colors().dim_line, 1.0f);
    PlotPoints(area, xs, closed, theme::Colors().truth_curve, 1.5f);
    PlotLine(area, xs, dw, theme::kMembrane, 2.0f);
    if (lab.Config().stdp.mode == StdpMode::kPairing) {
        const double at = lab.Config().stdp.pairing_dt_ms;
        PlotLine(area, {at, at}, {lo - pad, hi + pad}, theme::Colors().spike, 1.5f);
        PlotLegend(area, 2, "this pairing", theme::Colors().spike);
    }
    PlotLegend(area, 0, "simulated (one pair each)", theme::kMembrane);
    PlotLegend(area, 1, "pair rule A exp(-|t|/tau)", theme::Colors().truth_curve);
}

void DrawLastPairing(const SpikingLab& lab, float height) {
    const Network& net = lab.Net();
    const StdpScene& scene = lab.Config().stdp;
    if (net.size() < 2 || net.projection_count() == 0) return;
    const double dt = net.dt_ms();
    const double delay = net.projection(0).delay_steps[0] * dt;
    // The latest post spike (cell 1) and the pre spike (cell 0) of the same pairing.
    const auto& spikes = net.recorder().spikes();
    double t_post = -1.0, t_pre = -1.0;
    for (std::size_t k = spikes.size(); k-- > 0;) {
        const double t = static_cast<double>(spikes[k].step) * dt;
        if (t_post < 0 && spikes[k].neuron == 1) t_post = t;
        if (t_post >= 0 && spikes[k].neuron == 0 &&
            std::fabs(t + delay - t_post) <= 0.5 * scene.pairing_period_ms) {
            t_pre = t;
            break;
        }
    }
    if (t_pre < 0) {
        BeginPlot("##pairing", ImVec2(-1, height), "The last pairing (waiting for one)", 0, 1, 0, 2,
                  false, "time (ms)");
        return;
    }
    const double t_arrival = t_pre + delay;
    const double x0 = std::min(t_pre, t_post) - 8.0, x1 = std::max(t_arrival, t_post) + 8.0;
    char title[128];
    std::snprintf(title, sizeof title,
                  "The last pairing: pre fired at %.1f ms, arrived %.1f ms later, post fired "
                  "%+.1f ms after the arrival",
                  t_pre, delay, t_post - t_arrival);
    PlotArea area =
        BeginPlot("##pairing", ImVec2(-1, height), title, x0, x1, 0.0, 2.0, false, "time (ms)");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 pre_a = area.ToScreen(t_pre, 1.2), pre_b = area.ToScreen(t_pre, 1.8);
    const ImVec2 arrive = area.ToScreen(t_arrival, 1.5);
    const ImVec2 post_a = area.ToScreen(t_post, 0.2), post_b = area.ToScreen(t_post, 0.8);
    draw->AddLine(pre_a, pre_b, theme::kExcitatory, 3.0f);
    draw->AddLine(ImVec2(pre_a.x, arrive.y), arrive, theme::Colors().dim_line, 1.5f);
    draw->AddCircleFilled(arrive, 5.0f, theme::Colors().spike);
    draw->AddLine(ImVec2(arrive.x, arrive.y), ImVec2(arrive.x, post_b.y), theme::Colors().dim_line,
                  1.0f);
    draw->AddLine(post_a, post_b, theme::kInhibitory, 3.0f);
    draw->AddText(ImVec2(pre_b.x + 4, pre_b.y), theme::Colors().text, "pre");
    draw->AddText(ImVec2(arrive.x + 6, arrive.y - 16), theme::Colors().text, "arrives");
    draw->AddText(ImVec2(post_b.x + 4, post_b.y), theme::Colors().text, "post");
}

void DrawWeightTraces(const Network& net, float height) {
    const Recorder& rec = net.recorder();
    const std::size_t n = rec.traced_synapses().size();
    if (n == 0) return;
    const double every = rec.weight_every_ms();
    const double now = TimeNow(net);
    std::size_t longest = 0;
    for (std::size_t k = 0; k < n; ++k) longest = std::max(longest, rec.weight_trace(k).size());
    const double t0 = std::max(0.0, now - static_cast<double>(longest) * every);
    double lo = 0.0, hi = 1e-9;
    for (std::size_t k = 0; k < n; ++k) {
        const auto& w = rec.weight_trace(k);
        for (std::size_t i = 0; i < w.size(); ++i) {
            lo = std::min(lo, w[i]);
            hi = std::max(hi, w[i]);
        }
    }
    const bool one = n == 1;
    PlotArea area = BeginPlot("##weights", ImVec2(-1, height),
                              one ? "Synaptic weight" : "Weights of 50 input synapses", t0,
                              std::max(now, t0 + 1.0), lo, hi * 1.05, false, "time (ms)");
    std::vector<double> xs, ys;
    for (std::size_t k = 0; k < n; ++k) {
        const auto& w = rec.weight_trace(k);
        xs.clear();
        ys.clear();
        const double start = now - static_cast<double>(w.size()) * every;
        for (std::size_t i = 0; i < w.size(); ++i) {
            xs.push_back(start + static_cast<double>(i + 1) * every);
            ys.push_back(w[i]);
        }
        const ImU32 color = one ? theme::kMembrane
                                : theme::Signed(1.0, 0.25f + 0.5f * static_cast<float>(k % 3) / 2);
        PlotLine(area, xs, ys, color, one ? 2.0f : 1.0f);
    }
}

void DrawWeightHistogram(const Network& net, float height) {
    if (net.projection_count() == 0) return;
    const Projection& proj = net.projection(0);
    const double w_min = proj.spec.stdp_params.w_min, w_max = proj.spec.stdp_params.w_max;
    constexpr int kBins = 40;
    std::vector<double> counts(kBins, 0.0);
    for (double w : proj.weight) {
        const int b =
            std::clamp(static_cast<int>((w - w_min) / (w_max - w_min) * kBins), 0, kBins - 1);
        counts[b] += 1.0;
    }
    double hi = 1.0;
    for (double c : counts) hi = std::max(hi, c);
    PlotArea area =
        BeginPlot("##histogram", ImVec2(-1, height), "Distribution of the input weights", w_min,
                  w_max, 0.0, hi * 1.1, false, "weight (nA)");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const double width = (w_max - w_min) / kBins;
    for (int b = 0; b < kBins; ++b) {
        const ImVec2 a = area.ToScreen(w_min + b * width, counts[b]);
        const ImVec2 c = area.ToScreen(w_min + (b + 1) * width, 0.0);
        draw->AddRectFilled(ImVec2(a.x + 1, a.y), ImVec2(c.x - 1, c.y), theme::kExcitatory);
    }
}

void DrawSynapseCount(const SpikingLab& lab, float height) {
    const History& h = lab.SynapseCountHistory();
    double lo = 0.0, hi = 1.0;
    FiniteRange(h.Ys(), lo, hi);
    const double now = lab.Net().time_ms();
    PlotArea area = BeginPlot("##count", ImVec2(-1, height), "Synapses present", 0.0,
                              std::max(now, 100.0), 0.0, hi * 1.2 + 1.0, false, "time (ms)");
    std::vector<double> xs = h.Xs(), ys = h.Ys();
    if (!xs.empty()) {  // hold the last value up to now
        xs.push_back(now);
        ys.push_back(ys.back());
    }
    PlotLine(area, xs, ys, theme::kMembrane, 2.0f);
}

}  // namespace dendrites::app
