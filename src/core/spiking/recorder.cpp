// Bounded recordings and running spike statistics (see recorder.h for the synchrony measure).
#include "core/spiking/recorder.h"

#include <algorithm>
#include <cmath>

namespace dendrites::spiking {
namespace {

std::int64_t StepsFor(double ms, double dt_ms) {
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(ms / dt_ms + 0.5)));
}

}  // namespace

void Recorder::Configure(const RecorderConfig& config, const std::vector<int>& pop_first,
                         double dt_ms) {
    config_ = config;
    dt_ms_ = dt_ms;
    pop_first_ = pop_first;
    n_ = pop_first.empty() ? 0 : pop_first.back();
    const int pops = static_cast<int>(pop_first.size()) - 1;
    pop_of_.assign(n_, 0);
    for (int p = 0; p < pops; ++p) {
        for (int i = pop_first[p]; i < pop_first[p + 1]; ++i) pop_of_[i] = p;
    }
    const std::size_t per_neuron = 400 * static_cast<std::size_t>(std::max(n_, 0));
    spikes_.SetCapacity(config.spike_capacity > 0
                            ? config.spike_capacity
                            : std::clamp<std::size_t>(per_neuron, 200000, 2000000));
    rate_bin_steps_ = StepsFor(config.rate_bin_ms, dt_ms);
    sync_bin_steps_ = StepsFor(config.sync_bin_ms, dt_ms);
    weight_every_steps_ = StepsFor(config.weight_every_ms, dt_ms);
    rates_.assign(std::max(pops, 0), RingBuffer<float>(config.rate_capacity));
    rate_bin_count_.assign(std::max(pops, 0), 0);
    traced_neurons_.clear();
    traces_.clear();
    traced_synapses_.clear();
    weights_.clear();
    count_.assign(n_, 0);
    last_spike_.assign(n_, -1);
    isi_sum_.assign(n_, 0.0);
    isi_sumsq_.assign(n_, 0.0);
    isi_n_.assign(n_, 0);
    bin_count_.assign(n_, 0);
    bin_touched_.clear();
    bin_touched_.reserve(n_);
    s_sum_.assign(n_, 0.0);
    s_sumsq_.assign(n_, 0.0);
    pop_bin_count_.assign(std::max(pops, 0) + 1, 0);
    pop_sum_.assign(std::max(pops, 0) + 1, 0.0);
    pop_sumsq_.assign(std::max(pops, 0) + 1, 0.0);
    sync_bins_ = 0;
    stats_start_step_ = 0;
}

void Recorder::SetTracedNeurons(const std::vector<int>& neurons) {
    traced_neurons_.clear();
    for (int i : neurons) {
        if (i >= 0 && i < n_) traced_neurons_.push_back(i);
    }
    traces_.assign(traced_neurons_.size(), RingBuffer<double>(config_.trace_capacity));
}

void Recorder::SetTracedSynapses(const std::vector<SynapseRef>& synapses) {
    traced_synapses_ = synapses;
    weights_.assign(synapses.size(), RingBuffer<double>(config_.weight_capacity));
}

void Recorder::ResetStatistics(std::int64_t step) {
    stats_start_step_ = step;
    std::fill(count_.begin(), count_.end(), 0);
    std::fill(last_spike_.begin(), last_spike_.end(), -1);
    std::fill(isi_sum_.begin(), isi_sum_.end(), 0.0);
    std::fill(isi_sumsq_.begin(), isi_sumsq_.end(), 0.0);
    std::fill(isi_n_.begin(), isi_n_.end(), 0);
    for (int i : bin_touched_) bin_count_[i] = 0;
    bin_touched_.clear();
    std::fill(s_sum_.begin(), s_sum_.end(), 0.0);
    std::fill(s_sumsq_.begin(), s_sumsq_.end(), 0.0);
    std::fill(pop_bin_count_.begin(), pop_bin_count_.end(), 0);
    std::fill(pop_sum_.begin(), pop_sum_.end(), 0.0);
    std::fill(pop_sumsq_.begin(), pop_sumsq_.end(), 0.0);
    sync_bins_ = 0;
}

void Recorder::RecordSpikes(std::int64_t step, const std::vector<int>& spiking) {
    const int pops = static_cast<int>(rates_.size());
    for (int i : spiking) {
        spikes_.Push({step, i});
        // ISI moments in steps; a neuron's ISIs are whole numbers of steps.
        if (last_spike_[i] >= 0) {
            const double isi = static_cast<double>(step - last_spike_[i]);
            isi_sum_[i] += isi;
            isi_sumsq_[i] += isi * isi;
            ++isi_n_[i];
        }
        last_spike_[i] = step;
        ++count_[i];
        if (bin_count_[i]++ == 0) bin_touched_.push_back(i);
        ++rate_bin_count_[pop_of_[i]];
        ++pop_bin_count_[pop_of_[i]];
    }
    pop_bin_count_[pops] += static_cast<std::int64_t>(spiking.size());

    // Population-rate bins are aligned to step 0 so that plots do not jump on a reset.
    if ((step + 1) % rate_bin_steps_ == 0) {
        const double bin_s = rate_bin_steps_ * dt_ms_ * 1e-3;
        for (int p = 0; p < pops; ++p) {
            const double n_p = pop_first_[p + 1] - pop_first_[p];
            rates_[p].Push(static_cast<float>(rate_bin_count_[p] / (n_p * bin_s)));
            rate_bin_count_[p] = 0;
        }
    }
    if ((step + 1 - stats_start_step_) % sync_bin_steps_ == 0) CloseSyncBin();
}

void Recorder::CloseSyncBin() {
    // Neurons silent in this bin add 0 to both moments, so only the touched ones are visited.
    for (int i : bin_touched_) {
        const double s = bin_count_[i];
        s_sum_[i] += s;
        s_sumsq_[i] += s * s;
        bin_count_[i] = 0;
    }
    bin_touched_.clear();
    const int pops = static_cast<int>(pop_sum_.size()) - 1;
    for (int p = 0; p <= pops; ++p) {
        const double n_p = (p < pops) ? pop_first_[p + 1] - pop_first_[p] : n_;
        const double mean_s = n_p > 0 ? pop_bin_count_[p] / n_p : 0.0;
        pop_sum_[p] += mean_s;
        pop_sumsq_[p] += mean_s * mean_s;
        pop_bin_count_[p] = 0;
    }
    ++sync_bins_;
}

SpikeStatistics Recorder::Statistics(std::int64_t now_step, int population) const {
    SpikeStatistics st;
    const int pops = static_cast<int>(pop_sum_.size()) - 1;
    const bool all = population < 0 || population >= pops;
    const int first = all ? 0 : pop_first_[population];
    const int last = all ? n_ : pop_first_[population + 1];
    const int p_index = all ? pops : population;
    st.duration_ms = static_cast<double>(now_step - stats_start_step_) * dt_ms_;
    double cv_sum = 0.0;
    double var_sum = 0.0;
    const double bins = static_cast<double>(sync_bins_);
    for (int i = first; i < last; ++i) {
        st.spikes += count_[i];
        if (isi_n_[i] >= 2) {
            const double mean = isi_sum_[i] / isi_n_[i];
            const double var = std::max(0.0, isi_sumsq_[i] / isi_n_[i] - mean * mean);
            cv_sum += std::sqrt(var) / mean;
            ++st.neurons_with_cv;
        }
        if (bins > 0) {
            const double m = s_sum_[i] / bins;
            var_sum += std::max(0.0, s_sumsq_[i] / bins - m * m);
        }
    }
    const int n = last - first;
    if (n > 0 && st.duration_ms > 0) st.mean_rate_Hz = st.spikes / (n * st.duration_ms * 1e-3);
    if (st.neurons_with_cv > 0) st.cv_isi = cv_sum / st.neurons_with_cv;
    if (bins > 0 && var_sum > 0) {
        const double m = pop_sum_[p_index] / bins;
        const double pop_var = std::max(0.0, pop_sumsq_[p_index] / bins - m * m);
        st.synchrony_chi = std::sqrt(pop_var / (var_sum / n));
    }
    return st;
}

}  // namespace dendrites::spiking
