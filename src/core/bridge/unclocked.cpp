// The unclocked spiking network of the bridge lab (see unclocked.h).
#include "core/bridge/unclocked.h"

#include <algorithm>
#include <cmath>

namespace dendrites::bridge {

std::string UnclockedParams::Validate() const {
    if (n_exc < 1 || n_exc > 200 || n_inh < 1 || n_inh > 200)
        return "n_exc and n_inh must be 1 to 200";
    if (!(probability >= 0 && probability <= 1)) return "probability must be in [0, 1]";
    if (!(delay_min_ms > 0 && delay_max_ms >= delay_min_ms && delay_max_ms <= 100))
        return "delays must satisfy 0 < delay_min_ms <= delay_max_ms <= 100";
    if (!(std::isfinite(w_exc_mV) && w_exc_mV >= 0 && std::isfinite(w_inh_mV) && w_inh_mV <= 0))
        return "w_exc_mV must be >= 0 and w_inh_mV <= 0";
    if (!(drive_rate_Hz >= 0 && std::isfinite(drive_rate_Hz) && std::isfinite(drive_mV)))
        return "the drive must be finite with a rate >= 0";
    if (!(dt_ms > 0 && dt_ms <= delay_min_ms)) return "dt_ms must be in (0, delay_min_ms]";
    return {};
}

spiking::BuildResult BuildUnclocked(const UnclockedParams& params, spiking::Network* net) {
    using namespace spiking;
    BuildResult result;
    if (std::string e = params.Validate(); !e.empty()) {
        result.error = e;
        return result;
    }
    if (std::string e = net->Clear(params.dt_ms, params.seed); !e.empty()) {
        result.error = e;
        return result;
    }
    auto take = [&result](const BuildResult& r) {
        for (const auto& w : r.warnings) result.warnings.push_back(w);
        if (!r.ok() && result.ok()) result.error = r.error;
        return r.index;
    };
    PopulationSpec pop;
    pop.model = NeuronModel::kLif;
    pop.lif.e_l_mV = 0.0;
    pop.lif.v_th_mV = 20.0;
    pop.lif.v_reset_mV = 10.0;
    pop.lif.tau_m_ms = 20.0;
    pop.lif.t_ref_ms = 2.0;
    pop.lif.r_m_MOhm = 1.0;
    pop.name = "excitatory";
    pop.size = params.n_exc;
    const int pe = take(net->AddPopulation(pop));
    pop.name = "inhibitory";
    pop.size = params.n_inh;
    const int pi = take(net->AddPopulation(pop));
    if (!result.ok()) return result;

    const double mean_delay = 0.5 * (params.delay_min_ms + params.delay_max_ms);
    const double delay_spread = 0.5 * (params.delay_max_ms - params.delay_min_ms);
    ProjectionSpec s;
    s.receptor = Receptor::kDelta;
    s.rule = ConnectionRule::kFixedProbability;
    s.probability = params.probability;
    s.delay_ms = mean_delay;
    s.delay_spread_ms = delay_spread;
    // E -> E, plastic.
    s.pre = pe;
    s.post = pe;
    s.weight = params.w_exc_mV;
    s.stdp = true;
    s.stdp_params.w_min = 0.0;
    s.stdp_params.w_max = 2.0 * std::max(params.w_exc_mV, 0.1);
    s.stdp_params.a_plus = 0.02 * s.stdp_params.w_max;
    s.stdp_params.a_minus = 1.05 * s.stdp_params.a_plus;
    take(net->Connect(s));
    s.stdp = false;
    s.post = pi;  // E -> I
    take(net->Connect(s));
    s.pre = pi;  // I -> E, then I -> I
    s.weight = params.w_inh_mV;
    s.post = pe;
    take(net->Connect(s));
    s.post = pi;
    take(net->Connect(s));
    Stimulus drive;
    drive.kind = StimulusKind::kPoisson;
    drive.first = 0;
    drive.count = net->size();
    drive.rate_Hz = params.drive_rate_Hz;
    drive.weight = params.drive_mV;
    drive.receptor = Receptor::kDelta;
    take(net->AddStimulus(drive));
    if (!result.ok()) return result;

    Rng rng(params.seed ^ 0x9E3779B97F4A7C15ULL);
    for (int i = 0; i < net->size(); ++i) net->SetVoltage(i, rng.Uniform(0.0, 20.0));
    net->mutable_recorder().SetTracedNeurons({0, 1});
    std::vector<SynapseRef> traced;
    const std::int64_t plastic = net->projection(kExcToExc).size();
    for (std::int64_t k = 0; k < std::min<std::int64_t>(4, plastic); ++k) traced.push_back({kExcToExc, k});
    net->mutable_recorder().SetTracedSynapses(traced);
    return result;
}

}  // namespace dendrites::bridge
