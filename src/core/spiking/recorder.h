// Bounded recordings of a spiking network (spikes, membrane traces, population rate, weights)
// and the running statistics computed from them (rates, ISI CV, synchrony).
//
// Synchrony measure (documented in docs/spiking.md): a spike-count version of Golomb's chi.
// Spikes are counted in bins of sync_bin_ms per neuron, s_i(t), and per population mean
// S(t) = (1/N) sum_i s_i(t). Then
//     chi^2 = Var_t[S(t)] / ((1/N) sum_i Var_t[s_i(t)]),   synchrony = chi = sqrt(chi^2).
// chi is 1 when all neurons fire in the same bins and about 1/sqrt(N) for independent ones.
#pragma once

#include <cstdint>
#include <vector>

namespace dendrites::spiking {

// Fixed-capacity circular buffer: Push never allocates; the oldest entry is overwritten.
template <typename T>
class RingBuffer {
public:
    explicit RingBuffer(std::size_t capacity = 0) { SetCapacity(capacity); }
    void SetCapacity(std::size_t capacity) {
        data_.assign(capacity, T{});
        head_ = 0;
        size_ = 0;
    }
    void Clear() { head_ = size_ = 0; }
    void Push(const T& value) {
        if (data_.empty()) return;
        data_[head_] = value;
        head_ = (head_ + 1 == data_.size()) ? 0 : head_ + 1;
        if (size_ < data_.size()) ++size_;
    }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return data_.size(); }
    bool empty() const { return size_ == 0; }
    // i = 0 is the oldest kept entry, size() - 1 the newest.
    const T& operator[](std::size_t i) const {
        const std::size_t start = (head_ + data_.size() - size_) % data_.size();
        return data_[(start + i) % data_.size()];
    }
    const T& Back() const { return (*this)[size_ - 1]; }

private:
    std::vector<T> data_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

struct SpikeEvent {
    std::int64_t step = 0;  // the step in which the neuron crossed threshold
    std::int32_t neuron = 0;
};

// Where a synapse lives: projection index and synapse index inside it.
struct SynapseRef {
    int projection = 0;
    std::int64_t synapse = 0;
};

struct RecorderConfig {
    // Spikes kept for the raster. 0: 400 per neuron, at least 200,000 and at most 2,000,000, so
    // a raster's window stays full even when a large network fires at hundreds of Hz.
    std::size_t spike_capacity = 0;
    std::size_t trace_capacity = 20000;    // samples kept per recorded neuron
    std::size_t rate_capacity = 20000;     // population-rate bins kept
    double rate_bin_ms = 1.0;              // population-rate bin width
    double sync_bin_ms = 1.0;              // bin of the synchrony measure
    std::size_t weight_capacity = 5000;    // samples kept per recorded synapse
    double weight_every_ms = 1.0;          // weight sampling interval
};

// Statistics over the time since the last ResetStatistics().
struct SpikeStatistics {
    std::int64_t spikes = 0;
    double duration_ms = 0.0;
    double mean_rate_Hz = 0.0;     // spikes / (neurons * duration)
    double cv_isi = 0.0;           // mean over neurons with >= 2 ISIs of sd(ISI)/mean(ISI)
    int neurons_with_cv = 0;
    double synchrony_chi = 0.0;    // Golomb's chi on binned spike counts (see above)
};

class Recorder {
public:
    // Sizes the buffers for n_neurons in populations whose first indices are pop_first
    // (pop_first.back() == n_neurons) and a step of dt_ms. Clears everything.
    void Configure(const RecorderConfig& config, const std::vector<int>& pop_first, double dt_ms);

    // Choose what is traced (clears previous traces of that kind).
    void SetTracedNeurons(const std::vector<int>& neurons);
    void SetTracedSynapses(const std::vector<SynapseRef>& synapses);

    // Called by Network::Step once per step.
    void RecordSpikes(std::int64_t step, const std::vector<int>& spiking);
    void RecordVoltage(std::size_t slot, double v_mV) { traces_[slot].Push(v_mV); }
    void RecordWeight(std::size_t slot, double w) { weights_[slot].Push(w); }
    bool WeightSampleDue(std::int64_t step) const {
        return weight_every_steps_ > 0 && step % weight_every_steps_ == 0;
    }
    void ResetStatistics(std::int64_t step);

    // --- const views for plots and analysis ---
    const RingBuffer<SpikeEvent>& spikes() const { return spikes_; }
    const std::vector<int>& traced_neurons() const { return traced_neurons_; }
    const RingBuffer<double>& trace(std::size_t slot) const { return traces_[slot]; }
    const std::vector<SynapseRef>& traced_synapses() const { return traced_synapses_; }
    const RingBuffer<double>& weight_trace(std::size_t slot) const { return weights_[slot]; }
    // Population rate in Hz per bin of rate_bin_ms (completed bins only).
    const RingBuffer<float>& population_rate(int population) const { return rates_[population]; }
    double rate_bin_ms() const { return rate_bin_steps_ * dt_ms_; }
    double weight_every_ms() const { return weight_every_steps_ * dt_ms_; }
    std::int64_t spike_count(int neuron) const { return count_[neuron]; }

    // Statistics of one population (or of all neurons when population < 0) since the last
    // ResetStatistics.
    SpikeStatistics Statistics(std::int64_t now_step, int population = -1) const;

private:
    void CloseSyncBin();

    RecorderConfig config_;
    double dt_ms_ = 0.1;
    int n_ = 0;
    std::vector<int> pop_first_;
    std::vector<int> pop_of_;

    RingBuffer<SpikeEvent> spikes_;
    std::vector<int> traced_neurons_;
    std::vector<RingBuffer<double>> traces_;
    std::vector<SynapseRef> traced_synapses_;
    std::vector<RingBuffer<double>> weights_;
    std::int64_t weight_every_steps_ = 10;

    // population rate
    std::vector<RingBuffer<float>> rates_;
    std::vector<std::int64_t> rate_bin_count_;
    std::int64_t rate_bin_steps_ = 10;

    // per-neuron running statistics (in steps)
    std::int64_t stats_start_step_ = 0;
    std::vector<std::int64_t> count_;
    std::vector<std::int64_t> last_spike_;
    std::vector<double> isi_sum_, isi_sumsq_;
    std::vector<std::int64_t> isi_n_;

    // synchrony: per-neuron counts in the open bin and their running moments over bins
    std::int64_t sync_bin_steps_ = 10;
    std::int64_t sync_bins_ = 0;
    std::vector<std::int32_t> bin_count_;
    std::vector<int> bin_touched_;
    std::vector<double> s_sum_, s_sumsq_;
    std::vector<std::int64_t> pop_bin_count_;  // spikes per population in the open bin (+ all)
    std::vector<double> pop_sum_, pop_sumsq_;  // moments of the population mean S(t) (+ all)
};

}  // namespace dendrites::spiking
