// CSV exports of the labs (see exports.h).
#include "app/exports.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

namespace dendrites::app {

std::string CsvNumber(double value) {
    if (!std::isfinite(value)) return {};
    // nlohmann writes the shortest round-trip form with '.', whatever the locale.
    return nlohmann::json(value).dump();
}

std::string LossHistoryCsv(const mlp::Trainer& trainer) {
    std::string csv = "series,step,loss\n";
    auto add = [&csv](const char* series, const History& h) {
        for (std::size_t k = 0; k < h.Size(); ++k) {
            csv += series;
            csv += ',' + CsvNumber(h.Xs()[k]) + ',' + CsvNumber(h.Ys()[k]) + '\n';
        }
    };
    add("train", trainer.StepLoss());
    add("test", trainer.StepTestLoss());
    return csv;
}

std::string MlpWeightsCsv(const mlp::Network& network) {
    std::string csv = "layer,kind,to,from,value\n";
    for (int l = 0; l < network.NumWeightLayers(); ++l) {
        const Eigen::MatrixXd& w = network.W(l);
        const std::string layer = std::to_string(l + 1);  // layer 1: the first weight matrix
        for (Eigen::Index i = 0; i < w.rows(); ++i) {
            for (Eigen::Index j = 0; j < w.cols(); ++j) {
                csv += layer + ",weight," + std::to_string(i) + ',' + std::to_string(j) + ',' +
                       CsvNumber(w(i, j)) + '\n';
            }
            csv += layer + ",bias," + std::to_string(i) + ",," + CsvNumber(network.B(l)(i)) + '\n';
        }
    }
    return csv;
}

std::string SpikesCsv(const spiking::Network& net) {
    std::string csv = "time_ms,neuron,population\n";
    const auto& spikes = net.recorder().spikes();
    for (std::size_t k = 0; k < spikes.size(); ++k) {
        const int p = net.PopulationOf(spikes[k].neuron);
        csv += CsvNumber(static_cast<double>(spikes[k].step) * net.dt_ms()) + ',' +
               std::to_string(spikes[k].neuron) + ',' + net.population(p).spec.name + '\n';
    }
    return csv;
}

std::string TracesCsv(const spiking::Network& net) {
    const auto& rec = net.recorder();
    const auto& neurons = rec.traced_neurons();
    std::string csv = "time_ms";
    std::size_t rows = 0;
    for (std::size_t k = 0; k < neurons.size(); ++k) {
        csv += ",v" + std::to_string(neurons[k]) + "_mV";
        rows = k == 0 ? rec.trace(k).size() : std::min(rows, rec.trace(k).size());
    }
    csv += '\n';
    // Sample k from the end of every buffer was recorded at the end of the same step.
    for (std::size_t r = 0; r < rows; ++r) {
        const double t = net.time_ms() - static_cast<double>(rows - r - 1) * net.dt_ms();
        csv += CsvNumber(t);
        for (std::size_t k = 0; k < neurons.size(); ++k) {
            const auto& trace = rec.trace(k);
            csv += ',' + CsvNumber(trace[trace.size() - rows + r]);
        }
        csv += '\n';
    }
    return csv;
}

std::string SynapsesCsv(const spiking::Network& net) {
    std::string csv = "projection,synapse,pre,post,weight,delay_ms,present\n";
    for (int p = 0; p < net.projection_count(); ++p) {
        const spiking::Projection& proj = net.projection(p);
        for (int r = 0; r < proj.pre_size; ++r) {
            for (std::int64_t j = proj.row_start[r]; j < proj.row_start[r + 1]; ++j) {
                const bool present = proj.active.empty() || proj.active[j];
                csv += std::to_string(p) + ',' + std::to_string(j) + ',' +
                       std::to_string(proj.pre_first + r) + ',' + std::to_string(proj.target[j]) +
                       ',' + CsvNumber(proj.weight[j]) + ',' +
                       CsvNumber(proj.delay_steps[j] * net.dt_ms()) + ',' + (present ? "1" : "0") +
                       '\n';
            }
        }
    }
    return csv;
}

}  // namespace dendrites::app
