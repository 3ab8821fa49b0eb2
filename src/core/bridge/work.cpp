// Work counts of the two kinds of network (see work.h).
#include "core/bridge/work.h"

#include "core/mlp/network.h"
#include "core/spiking/network.h"

namespace dendrites::bridge {

MlpWork MlpWorkPerSample(const std::vector<int>& layers) {
    MlpWork work;
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
        const std::int64_t product = std::int64_t{layers[l]} * layers[l + 1];
        work.forward += product;
        work.backward += l == 0 ? product : 2 * product;
    }
    return work;
}

MlpWork MlpWorkPerSample(const mlp::Network& net) {
    return MlpWorkPerSample(net.Spec().layers);
}

std::vector<std::int64_t> OutDegrees(const spiking::Network& net) {
    std::vector<std::int64_t> degree(static_cast<std::size_t>(net.size()), 0);
    for (int p = 0; p < net.projection_count(); ++p) {
        const spiking::Projection& proj = net.projection(p);
        for (int r = 0; r < proj.pre_size; ++r) {
            const auto begin = proj.row_start[static_cast<std::size_t>(r)];
            const auto end = proj.row_start[static_cast<std::size_t>(r) + 1];
            std::int64_t n = end - begin;
            if (!proj.active.empty()) {
                n = 0;
                for (auto s = begin; s < end; ++s) n += proj.active[static_cast<std::size_t>(s)];
            }
            degree[static_cast<std::size_t>(proj.pre_first + r)] += n;
        }
    }
    return degree;
}

void EventCounter::Rebuild(const spiking::Network& net) {
    out_degree_ = OutDegrees(net);
    synapses_ = 0;
    for (std::int64_t d : out_degree_) synapses_ += d;
}

void EventCounter::Count(const spiking::Network& net) {
    for (int i : net.spikes_this_step()) {
        ++spikes_;
        if (i >= 0 && static_cast<std::size_t>(i) < out_degree_.size())
            events_ += out_degree_[static_cast<std::size_t>(i)];
    }
}

}  // namespace dendrites::bridge
