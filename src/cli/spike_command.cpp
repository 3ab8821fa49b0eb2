// `dendrites-cli spike`: runs a spiking-lab scene headless, optionally writes spikes and
// membrane traces as CSV, and reports rates, ISI CV and synchrony (with --json as one JSON line,
// always the last line of stdout). The scene starts from --config FILE (or the defaults) and
// the flags given override it; --save FILE writes the experiment that is run.
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/validators.h"
#include "cli/experiment_file.h"
#include "core/spiking/scenes.h"

namespace dendrites::cli {
namespace {

using namespace dendrites::spiking;

struct SpikeOptions {
    std::string config_file;
    std::string save_file;
    std::string scene = "one-neuron";
    double duration_ms = 1000.0;
    double dt_ms = 0.0;  // 0: the scene's own default
    std::uint64_t seed = 1;
    double warmup_ms = 0.0;
    std::string spikes_csv;
    std::string trace_csv;
    bool json = false;
    // one-neuron
    std::string model = "lif";
    std::string izh_type = "RS";
    // Flag values as given (NaN: not given, keep the scene default).
    double e_l = NAN, v_reset = NAN, v_th = NAN, r_m = NAN, tau_m = NAN, t_ref = NAN;
    double i_ext = NAN, noise_sd = NAN;
    // brunel
    double g = NAN, nu_ratio = NAN, scale = NAN;
    // stdp
    std::string stdp_mode = "pairing";
    double pairing_dt = NAN;
    // Flags whose default is a value, not "not given": set if they were on the command line.
    CLI::Option* scene_flag = nullptr;
    CLI::Option* seed_flag = nullptr;
    CLI::Option* model_flag = nullptr;
    CLI::Option* izh_type_flag = nullptr;
    CLI::Option* stdp_mode_flag = nullptr;
    // Flags that belong to some scenes only, and those scenes.
    struct SceneFlag {
        CLI::Option* option;
        std::vector<SceneKind> scenes;
    };
    std::vector<SceneFlag> scene_flags;
};

bool Given(const CLI::Option* flag) {
    return flag != nullptr && flag->count() > 0;
}

void SetIfGiven(double flag, double* target) {
    if (!std::isnan(flag)) *target = flag;
}

// A flag of another scene is an error, not silently ignored: "--g" with the one-neuron scene
// would otherwise run something other than what the user asked for.
std::string CheckSceneFlags(const SpikeOptions& o, SceneKind kind) {
    for (const auto& f : o.scene_flags) {
        if (!Given(f.option)) continue;
        bool applies = false;
        std::string where;
        for (SceneKind s : f.scenes) {
            applies = applies || s == kind;
            where += (where.empty() ? "" : ", ") + std::string(SceneName(s));
        }
        if (!applies)
            return f.option->get_name() + ": applies to the " + where + " scene" +
                   (f.scenes.size() > 1 ? "s" : "") + ", not to " + SceneName(kind);
    }
    return {};
}

// Applies the flags given to *config (the defaults, or the scenes of --config); returns a
// message naming the flag on bad input.
std::string MakeConfig(const SpikeOptions& o, SceneConfig* config) {
    if (Given(o.scene_flag) && !ParseSceneName(o.scene, &config->kind)) {
        return "--scene: unknown scene '" + o.scene + "' (one of: " + SceneNameList() + ")";
    }
    if (!Given(o.scene_flag) && o.config_file.empty()) {
        return "--scene is required (or --config FILE)";
    }
    if (std::string e = CheckSceneFlags(o, config->kind); !e.empty()) return e;
    if (o.dt_ms != 0.0) config->SetDt(o.dt_ms);
    if (Given(o.seed_flag)) config->SetSeed(o.seed);
    OneNeuronScene& one = config->one_neuron;
    // --model izhikevich takes the --izh-type preset (RS unless given) and the paper's current of
    // 10; --izh-type alone changes the preset only (e.g. of a --config file's cell).
    if (Given(o.model_flag) && o.model != "lif" && o.model != "izhikevich") {
        return "--model: must be 'lif' or 'izhikevich', not '" + o.model + "'";
    }
    const bool izhikevich = Given(o.model_flag) && o.model == "izhikevich";
    if (izhikevich || Given(o.izh_type_flag)) {
        bool found = false;
        for (IzhikevichType t : AllIzhikevichTypes()) {
            if (o.izh_type == IzhikevichTypeName(t)) {
                one.izhikevich = IzhikevichPreset(t);
                found = true;
            }
        }
        if (!found) return "--izh-type: unknown type '" + o.izh_type + "' (RS IB CH FS LTS TC RZ)";
    }
    if (Given(o.model_flag)) {
        one.model = izhikevich ? NeuronModel::kIzhikevich : NeuronModel::kLif;
        if (izhikevich) one.i_ext = 10.0;  // --i-ext, applied below, still overrides it
    }
    SetIfGiven(o.e_l, &one.lif.e_l_mV);
    SetIfGiven(o.v_reset, &one.lif.v_reset_mV);
    SetIfGiven(o.v_th, &one.lif.v_th_mV);
    SetIfGiven(o.r_m, &one.lif.r_m_MOhm);
    SetIfGiven(o.tau_m, &one.lif.tau_m_ms);
    SetIfGiven(o.t_ref, &one.lif.t_ref_ms);
    SetIfGiven(o.i_ext, &one.i_ext);
    SetIfGiven(o.i_ext, &config->zoo.i_ext);
    SetIfGiven(o.i_ext, &config->delays.drive_nA);
    SetIfGiven(o.noise_sd, &one.noise_sd);
    if (one.lif.v_reset_mV >= one.lif.v_th_mV) {
        return "--v-reset (" + std::to_string(one.lif.v_reset_mV) + ") must be below --v-th (" +
               std::to_string(one.lif.v_th_mV) + ")";
    }
    SetIfGiven(o.g, &config->brunel.g);
    SetIfGiven(o.nu_ratio, &config->brunel.nu_ratio);
    SetIfGiven(o.scale, &config->brunel.scale);
    if (Given(o.stdp_mode_flag)) {
        if (o.stdp_mode == "pairing") {
            config->stdp.mode = StdpMode::kPairing;
        } else if (o.stdp_mode == "poisson") {
            config->stdp.mode = StdpMode::kPoissonInputs;
            config->stdp.stdp = SongMillerAbbottStdp();
        } else {
            return "--stdp-mode: must be 'pairing' or 'poisson', not '" + o.stdp_mode + "'";
        }
    }
    SetIfGiven(o.pairing_dt, &config->stdp.pairing_dt_ms);
    if (o.warmup_ms >= o.duration_ms) return "--warmup must be shorter than --duration";
    return {};
}

bool IsNetworkScene(SceneKind kind) {
    return kind != SceneKind::kOneNeuron && kind != SceneKind::kZoo && kind != SceneKind::kStdp;
}

int RunSpike(const SpikeOptions& o) {
    scene::Experiment experiment;
    std::string error;
    if (!o.config_file.empty()) error = LoadExperimentFile(o.config_file, &experiment);
    SceneConfig& config = experiment.spiking;
    if (error.empty()) error = MakeConfig(o, &config);
    const std::string scene_name = SceneName(config.kind);
    Network net;
    if (error.empty()) {
        const BuildResult built = BuildScene(config, &net);
        for (const auto& w : built.warnings) std::cerr << "warning: " << w << "\n";
        if (!built.ok()) error = "spike --scene " + scene_name + ": " + built.error;
    }
    if (error.empty() && !o.save_file.empty()) {
        // Every scene must be valid for the file to load again, not only the one that runs.
        experiment.lab = "spiking";
        if (const std::string problem = experiment.Validate(); !problem.empty()) {
            error = "--save " + o.save_file + ": the experiment is not valid: " + problem;
        } else {
            error = SaveExperimentFile(o.save_file, experiment);
        }
    }
    if (!error.empty()) {
        std::cerr << "error: " << error << "\n";
        return kExitBadInput;
    }

    std::ofstream spikes_out, trace_out;
    if (!o.spikes_csv.empty()) {
        spikes_out.open(o.spikes_csv);
        if (!spikes_out) {
            std::cerr << "error: --spikes-csv: cannot write '" << o.spikes_csv << "'\n";
            return kExitBadInput;
        }
        spikes_out << "time_ms,neuron\n";
    }
    const auto& traced = net.recorder().traced_neurons();
    if (!o.trace_csv.empty() && traced.empty()) {
        std::cerr << "error: --trace-csv: the " << o.scene << " scene records no membrane traces "
                  << "(its cells are spike sources); use --spikes-csv\n";
        return kExitBadInput;
    }
    if (!o.trace_csv.empty()) {
        trace_out.open(o.trace_csv);
        if (!trace_out) {
            std::cerr << "error: --trace-csv: cannot write '" << o.trace_csv << "'\n";
            return kExitBadInput;
        }
        trace_out << "time_ms";
        for (int i : traced) trace_out << ",v" << i << "_mV";
        trace_out << "\n";
    }

    // Run: warm-up (excluded from the statistics), then the measured part.
    const double dt = net.dt_ms();
    const auto total_steps = static_cast<std::int64_t>(std::floor(o.duration_ms / dt + 0.5));
    const auto warmup_steps = static_cast<std::int64_t>(std::floor(o.warmup_ms / dt + 0.5));
    const bool write = spikes_out.is_open() || trace_out.is_open();
    const auto start = std::chrono::steady_clock::now();
    for (std::int64_t k = 0; k < total_steps; ++k) {
        if (k == warmup_steps && k > 0) net.ResetStatistics();
        net.Step();
        if (!write) continue;
        const double t_ms = static_cast<double>(k) * dt;
        for (int i : net.spikes_this_step()) spikes_out << t_ms << "," << i << "\n";
        if (trace_out.is_open()) {
            trace_out << t_ms;
            for (std::size_t s = 0; s < traced.size(); ++s) {
                trace_out << "," << net.recorder().trace(s).Back();
            }
            trace_out << "\n";
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const SpikeStatistics st = net.Statistics();
    const double simulated_ms = static_cast<double>(total_steps) * dt;

    std::cout << "spike " << scene_name << ": " << net.size() << " neurons, " << st.spikes
              << " spikes, " << st.mean_rate_Hz << " Hz, CV " << st.cv_isi << ", chi "
              << st.synchrony_chi << ", " << simulated_ms << " ms in " << seconds << " s\n";
    if (o.json) {
        nlohmann::json j;
        j["scene"] = scene_name;
        j["neurons"] = net.size();
        j["spikes"] = st.spikes;
        j["mean_rate_hz"] = st.mean_rate_Hz;
        j["cv_isi"] = st.cv_isi;
        if (IsNetworkScene(config.kind)) j["synchrony"] = st.synchrony_chi;
        j["simulated_ms"] = simulated_ms;
        j["measured_ms"] = st.duration_ms;
        j["dt_ms"] = dt;
        j["seed"] = config.Seed();
        j["seconds"] = seconds;
        j["realtime_factor"] = seconds > 0 ? simulated_ms * 1e-3 / seconds : 0.0;
        for (int p = 0; p < net.population_count(); ++p) {
            const SpikeStatistics ps = net.Statistics(p);
            j["populations"].push_back({{"name", net.population(p).spec.name},
                                        {"neurons", net.population(p).size()},
                                        {"mean_rate_hz", ps.mean_rate_Hz},
                                        {"cv_isi", ps.cv_isi}});
        }
        std::cout << j.dump() << "\n";
    }
    return kExitOk;
}

}  // namespace

void AddSpikeCommand(CLI::App& app, int* exit_code) {
    auto o = std::make_shared<SpikeOptions>();
    CLI::App* cmd = app.add_subcommand("spike", "Simulate a spiking-network scene headless.");
    o->scene_flag = cmd->add_option("--scene", o->scene,
                                    "Scene: " + SceneNameList() + " (required without --config)");
    cmd->add_option("--config", o->config_file,
                    "Start from the experiment in FILE (JSON); flags given override it");
    cmd->add_option("--save", o->save_file, "Write the experiment that is run to FILE (JSON)");
    cmd->add_option("--duration", o->duration_ms, "Simulated time (ms)")
        ->check(Between(1e-3, 1e7));
    cmd->add_option("--dt", o->dt_ms, "Time step (ms); default: the scene's own")
        ->check(Between(1e-4, 10.0));
    o->seed_flag = cmd->add_option("--seed", o->seed, "Random seed")->check(NonNegativeWhole());
    cmd->add_option("--warmup", o->warmup_ms, "Time excluded from the statistics (ms)")
        ->check(Between(0.0, 1e7));
    cmd->add_option("--spikes-csv", o->spikes_csv, "Write spikes (time_ms,neuron) to FILE");
    cmd->add_option("--trace-csv", o->trace_csv, "Write membrane traces of the scene's traced "
                                                 "neurons to FILE");
    cmd->add_flag("--json", o->json, "End with one line of JSON");
    // Scene flags: each belongs to the scenes listed with it (CheckSceneFlags).
    const std::vector<SceneKind> one{SceneKind::kOneNeuron};
    auto scene_flag = [&o](CLI::Option* option, std::vector<SceneKind> scenes) {
        o->scene_flags.push_back({option, std::move(scenes)});
        return option;
    };
    o->model_flag =
        scene_flag(cmd->add_option("--model", o->model, "one-neuron: lif or izhikevich"), one);
    o->izh_type_flag = scene_flag(
        cmd->add_option("--izh-type", o->izh_type, "one-neuron: RS IB CH FS LTS TC RZ"), one);
    scene_flag(cmd->add_option("--e-l", o->e_l, "one-neuron: LIF resting potential (mV)")
                   ->check(Between(-200, 100)),
               one);
    scene_flag(cmd->add_option("--v-reset", o->v_reset, "one-neuron: LIF reset (mV)")
                   ->check(Between(-200, 100)),
               one);
    scene_flag(cmd->add_option("--v-th", o->v_th, "one-neuron: LIF threshold (mV)")
                   ->check(Between(-200, 100)),
               one);
    scene_flag(cmd->add_option("--r-m", o->r_m, "one-neuron: LIF membrane resistance (MOhm)")
                   ->check(Between(1e-6, 1e6)),
               one);
    scene_flag(cmd->add_option("--tau-m", o->tau_m, "one-neuron: LIF membrane time constant (ms)")
                   ->check(Between(1e-3, 1e5)),
               one);
    scene_flag(cmd->add_option("--t-ref", o->t_ref, "one-neuron: LIF refractory period (ms)")
                   ->check(Between(0.0, 1e4)),
               one);
    scene_flag(cmd->add_option("--i-ext", o->i_ext,
                               "one-neuron, zoo: input current (nA for LIF, paper units for "
                               "Izhikevich); delays: drive of neuron 0 (nA)")
                   ->check(Between(-1e6, 1e6)),
               {SceneKind::kOneNeuron, SceneKind::kZoo, SceneKind::kDelays});
    scene_flag(cmd->add_option("--noise-sd", o->noise_sd, "one-neuron: s.d. of a noisy current")
                   ->check(Between(0.0, 1e6)),
               one);
    const std::vector<SceneKind> brunel{SceneKind::kBrunel};
    scene_flag(cmd->add_option("--g", o->g, "brunel: relative inhibition g")
                   ->check(Between(0.0, 100.0)),
               brunel);
    scene_flag(cmd->add_option("--nu-ratio", o->nu_ratio, "brunel: nu_ext / nu_thr")
                   ->check(Between(0.0, 100.0)),
               brunel);
    scene_flag(cmd->add_option("--scale", o->scale, "brunel: 1 = the published 12,500 neurons")
                   ->check(Between(0.01, 2.0)),
               brunel);
    const std::vector<SceneKind> stdp{SceneKind::kStdp};
    o->stdp_mode_flag = scene_flag(
        cmd->add_option("--stdp-mode", o->stdp_mode, "stdp: pairing or poisson"), stdp);
    scene_flag(cmd->add_option("--pairing-dt", o->pairing_dt, "stdp: t_post - t_arrival (ms)")
                   ->check(Between(-1000.0, 1000.0)),
               stdp);
    cmd->callback([o, exit_code]() { *exit_code = RunSpike(*o); });
}

}  // namespace dendrites::cli
