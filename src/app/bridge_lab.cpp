// The bridge lab's state (see bridge_lab.h).
#include "app/bridge_lab.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/mlp/quantize.h"

namespace dendrites::app {
namespace {

constexpr double kMembraneDtMs = 0.1;
constexpr double kTraceEveryMs = 0.5;
constexpr double kWindowForRatesMs = 1000.0;
constexpr std::size_t kTracedMlpWeights = 4;

// The clocked network: small enough to draw every neuron, trained online on the map at r = 4.
mlp::TrainerConfig ClockedConfig() {
    mlp::TrainerConfig c;
    c.network.layers = {1, 6, 6, 1};
    c.network.hidden = mlp::Activation::Tanh;
    c.optimizer.kind = mlp::OptimizerKind::Adam;
    c.optimizer.lr = 0.01;
    c.data.sampling = logistic::Sampling::Uniform;
    c.data.samples = 1000;
    c.batch = 1;
    return c;
}

spiking::LifParams MembraneCell() {
    spiking::LifParams p;  // E_L -70, reset -65, threshold -50, R 10 MOhm
    p.tau_m_ms = 10.0;
    p.t_ref_ms = 2.0;
    return p;
}

bridge::VoltageGrid Grid(int bits) {
    return bridge::VoltageGrid{-80.0, -40.0, bits};
}

template <typename Clock>
double SecondsSince(typename Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

BridgeLab::BridgeLab()
    : analog_cell_(MembraneCell(), Grid(0), kMembraneDtMs),
      digital_cell_(MembraneCell(), Grid(4), kMembraneDtMs) {
    BuildClock();
    BuildMembranes();
}

void BridgeLab::BuildClock() {
    clocked_.Apply(ClockedConfig());
    clocked_.Reset();
    clocked_.SetProbeX(0.3);
    clocked_.StartStepThrough();
    clocked_.SetAnimation(true, ticks_per_second_);
    recorded_updates_ = -1;
    mlp_weights_.assign(kTracedMlpWeights, History(2048));
    RecordClockedWeights();

    bridge::BuildUnclocked(bridge::UnclockedParams{}, &unclocked_);
    counter_ = bridge::EventCounter(unclocked_);
    stdp_w0_ = unclocked_.projection(bridge::kExcToExc).weight;
    event_marks_.clear();
    spike_marks_.clear();
    event_marks_.emplace_back(0.0, 0);
    spike_marks_.emplace_back(0.0, 0);
}

void BridgeLab::BuildMembranes() {
    analog_cell_ = bridge::DigitalLif(MembraneCell(), Grid(0), kMembraneDtMs);
    digital_cell_ = bridge::DigitalLif(MembraneCell(), Grid(settings_.bits), kMembraneDtMs);
    membrane_rng_.Seed(7);
    membrane_t_ms_ = 0.0;
    current_hold_ms_ = 0.0;
    current_nA_ = 0.0;
    analog_trace_.clear();
    digital_trace_.clear();
    analog_spikes_.clear();
    digital_spikes_.clear();
}

void BridgeLab::Apply(const scene::BridgeSettings& settings) {
    settings_.view = settings.view;
    SetBits(settings.bits);
}

void BridgeLab::SetBits(int bits) {
    settings_.bits = std::clamp(bits, scene::kMinBridgeBits, scene::kMaxBridgeBits);
    digital_cell_.SetGrid(Grid(settings_.bits));
}

void BridgeLab::SetTicksPerSecond(double ticks) {
    ticks_per_second_ = std::clamp(ticks, 0.5, 1000.0);
    clocked_.SetAnimation(clocked_.Animating() || clocked_.SteppingThrough(), ticks_per_second_);
}

void BridgeLab::SetSpeed(double ms_per_s) {
    speed_ = std::clamp(ms_per_s, 1.0, 2000.0);
}

void BridgeLab::Play() {
    if (settings_.view == scene::BridgeView::kSurrogate) {
        surrogate_.Play();
    } else {
        running_ = true;
    }
}

void BridgeLab::Pause() {
    running_ = false;
    surrogate_.Pause();
}

bool BridgeLab::Running() const {
    return settings_.view == scene::BridgeView::kSurrogate ? surrogate_.Running() : running_;
}

void BridgeLab::Reset() {
    if (settings_.view == scene::BridgeView::kSurrogate) {
        surrogate_.Reset();
        return;
    }
    BuildClock();
    BuildMembranes();
}

void BridgeLab::Step() {
    running_ = false;
    if (settings_.view == scene::BridgeView::kSurrogate) {
        surrogate_.Step();
    } else if (settings_.view == scene::BridgeView::kClock) {
        clocked_.NextStage();
        RecordClockedWeights();
        AdvanceSpiking(1.0, 1.0);
    } else if (settings_.view == scene::BridgeView::kAnalog) {
        AdvanceMembranes(1.0, 1.0);
    }
}

void BridgeLab::Update(double dt_seconds, double budget_seconds, const MlpLab& trained) {
    if (settings_.view == scene::BridgeView::kAnalog) RefreshQuantized(trained);
    if (settings_.view == scene::BridgeView::kSurrogate) {
        surrogate_.Update(budget_seconds);
        return;
    }
    if (!running_) return;
    const double frame = std::min(std::max(dt_seconds, 0.0), 0.25);
    if (settings_.view == scene::BridgeView::kClock) {
        if (!clocked_.SteppingThrough()) clocked_.StartStepThrough();
        if (!clocked_.Animating()) clocked_.SetAnimation(true, ticks_per_second_);
        clocked_.Update(frame, budget_seconds / 2);
        RecordClockedWeights();
        AdvanceSpiking(speed_ * frame, budget_seconds / 2);
    } else if (settings_.view == scene::BridgeView::kAnalog) {
        AdvanceMembranes(speed_ * frame, budget_seconds);
    }
}

long long BridgeLab::ClockedMultiplyAdds() const {
    return clocked_.SweepUpdates() * ClockedWork().Total();
}

void BridgeLab::RecordClockedWeights() {
    const long long updates = clocked_.SweepUpdates();
    if (updates == recorded_updates_) return;
    recorded_updates_ = updates;
    const mlp::Network& net = clocked_.Trainer().Net();
    // One weight from each part of the network: input side, middle, output side.
    const int last = net.NumWeightLayers() - 1;
    const double w[kTracedMlpWeights] = {net.W(0)(0, 0), net.W(0)(1, 0), net.W(1)(0, 1),
                                         net.W(last)(0, 2)};
    for (std::size_t k = 0; k < kTracedMlpWeights; ++k)
        mlp_weights_[k].Add(static_cast<double>(updates), w[k]);
}

void BridgeLab::AdvanceSpiking(double ms, double budget_seconds) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto steps = static_cast<std::int64_t>(std::floor(ms / unclocked_.dt_ms() + 0.5));
    for (std::int64_t k = 0; k < steps; ++k) {
        unclocked_.Step();
        counter_.Count(unclocked_);
        if ((k & 63) == 63 && SecondsSince<Clock>(start) > budget_seconds) break;
    }
    const double now = unclocked_.time_ms();
    event_marks_.emplace_back(now, counter_.Events());
    spike_marks_.emplace_back(now, counter_.Spikes());
    while (event_marks_.size() > 2 && event_marks_[1].first <= now - kWindowForRatesMs)
        event_marks_.pop_front();
    while (spike_marks_.size() > 2 && spike_marks_[1].first <= now - kWindowForRatesMs)
        spike_marks_.pop_front();
}

double BridgeLab::EventsPerSecond() const {
    const auto& a = event_marks_.front();
    const auto& b = event_marks_.back();
    return b.first > a.first ? 1000.0 * static_cast<double>(b.second - a.second) / (b.first - a.first)
                             : 0.0;
}

double BridgeLab::SpikesPerSecond() const {
    const auto& a = spike_marks_.front();
    const auto& b = spike_marks_.back();
    return b.first > a.first ? 1000.0 * static_cast<double>(b.second - a.second) / (b.first - a.first)
                             : 0.0;
}

double BridgeLab::MeanStdpChange() const {
    const std::vector<double>& w = unclocked_.projection(bridge::kExcToExc).weight;
    if (w.empty() || w.size() != stdp_w0_.size()) return 0.0;
    double sum = 0.0;
    for (std::size_t k = 0; k < w.size(); ++k) sum += std::fabs(w[k] - stdp_w0_[k]);
    return sum / static_cast<double>(w.size());
}

void BridgeLab::MembraneStep() {
    // The same input into both cells: a mean just above threshold (V_inf = -49.5 mV) and noise
    // redrawn every millisecond.
    if (current_hold_ms_ <= 0.0) {
        current_nA_ = 2.05 + 0.6 * membrane_rng_.Normal();
        current_hold_ms_ = 1.0;
    }
    current_hold_ms_ -= kMembraneDtMs;
    membrane_t_ms_ += kMembraneDtMs;
    if (analog_cell_.Step(current_nA_)) analog_spikes_.push_back(membrane_t_ms_);
    if (digital_cell_.Step(current_nA_)) digital_spikes_.push_back(membrane_t_ms_);
    const double phase = std::fmod(membrane_t_ms_ + 1e-9, kTraceEveryMs);
    if (phase < kMembraneDtMs) {
        analog_trace_.emplace_back(membrane_t_ms_, analog_cell_.V());
        digital_trace_.emplace_back(membrane_t_ms_, digital_cell_.V());
    }
}

void BridgeLab::AdvanceMembranes(double ms, double budget_seconds) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto steps = static_cast<std::int64_t>(std::floor(ms / kMembraneDtMs + 0.5));
    for (std::int64_t k = 0; k < steps; ++k) {
        MembraneStep();
        if ((k & 255) == 255 && SecondsSince<Clock>(start) > budget_seconds) break;
    }
    const double oldest = membrane_t_ms_ - kMembraneWindowMs;
    while (!analog_trace_.empty() && analog_trace_.front().first < oldest) analog_trace_.pop_front();
    while (!digital_trace_.empty() && digital_trace_.front().first < oldest) digital_trace_.pop_front();
    while (!analog_spikes_.empty() && analog_spikes_.front() < oldest) analog_spikes_.pop_front();
    while (!digital_spikes_.empty() && digital_spikes_.front() < oldest) digital_spikes_.pop_front();
}

void BridgeLab::RefreshQuantized(const MlpLab& trained) {
    const mlp::Trainer& t = trained.Trainer();
    if (t.Steps() == quantized_for_steps_ && settings_.bits == quantized_for_bits_ &&
        &t.Net() == quantized_for_net_ && !quantized_mse_.empty())
        return;
    quantized_for_steps_ = t.Steps();
    quantized_for_bits_ = settings_.bits;
    quantized_for_net_ = &t.Net();
    has_trained_ = t.Steps() > 0;
    const logistic::Dataset& eval = t.EvalData();
    full_mse_ = t.Net().MeanSquaredError(eval.x, eval.y);
    quantized_mse_.clear();
    for (int bits = scene::kMinBridgeBits; bits <= scene::kMaxBridgeBits; ++bits) {
        const mlp::Network q = mlp::QuantizedCopy(t.Net(), bits);
        quantized_mse_.push_back(q.MeanSquaredError(eval.x, eval.y));
        if (bits == settings_.bits) quantized_ = q;
    }
}

}  // namespace dendrites::app
