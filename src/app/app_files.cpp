// Experiments in and out of the app: the experiment on screen, URL queries (with the app's own
// keys), experiment files, exports, and the share / embed / save / load popups (see app.h).
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "app/app.h"
#include "app/exports.h"
#include "app/lessons.h"
#include "app/widgets.h"

namespace dendrites::app {
namespace {

// Links carry trained weights for networks up to this size (1-30-1 has 91, 1-16-16-1 321): about
// 20 characters a number, so at most some 8,000 characters.
constexpr std::size_t kMaxLinkWeights = 400;

// Keys the app reads itself; the rest of a query describes the experiment. `origin` and `lazy`
// are read by the page's JavaScript (web/dendrites-api.js, web/embed.html).
constexpr const char* kAppKeys[] = {"embed", "panels", "theme", "autoplay", "origin", "lazy",
                                    "lesson"};

bool IsAppKey(const std::string& key) {
    for (const char* k : kAppKeys) {
        if (key == k) return true;
    }
    return false;
}

// Splits "a=1&b=2" (leading '?' allowed) into key/value pairs, values still percent-encoded.
std::vector<std::pair<std::string, std::string>> SplitQuery(std::string query) {
    if (!query.empty() && query[0] == '?') query.erase(0, 1);
    std::vector<std::pair<std::string, std::string>> pairs;
    std::stringstream in(query);
    std::string item;
    while (std::getline(in, item, '&')) {
        if (item.empty()) continue;
        const std::size_t eq = item.find('=');
        pairs.emplace_back(item.substr(0, eq), eq == std::string::npos ? "" : item.substr(eq + 1));
    }
    return pairs;
}

// A 0/1 flag value ("1", "true", "0", "false"); false and a notice for anything else.
bool Flag(const std::string& key, const std::string& value, bool* out,
          std::vector<std::string>* notices) {
    if (value == "1" || value == "true" || value.empty()) {
        *out = true;
    } else if (value == "0" || value == "false") {
        *out = false;
    } else {
        notices->push_back(key + "=" + value + " is not 0 or 1; ignored");
        return false;
    }
    return true;
}

// Reads "panels=network,loss" into the view; unknown names become notices.
void ApplyPanels(const std::string& value, ViewOptions* view, std::vector<std::string>* notices) {
    ViewOptions chosen = *view;
    chosen.controls = chosen.network = chosen.loss = chosen.map = false;
    std::stringstream in(value);
    std::string name;
    int known = 0;
    while (std::getline(in, name, ',')) {
        if (name == "controls") {
            chosen.controls = true;
        } else if (name == "network") {
            chosen.network = true;
        } else if (name == "loss") {
            chosen.loss = true;
        } else if (name == "map") {
            chosen.map = true;
        } else if (name == "chaos") {  // the map panel, opened on its chaos-test tab
            chosen.map = chosen.chaos = true;
        } else if (name == "gradients") {  // the loss panel, opened on its gradients tab
            chosen.loss = chosen.gradients = true;
        } else if (name == "family") {  // the map panel, opened on its bifurcation (x, r) tab
            chosen.map = chosen.family = true;
        } else if (name == "scene") {
            // the spiking lab's scene view always shows
        } else {
            notices->push_back("panels: unknown panel '" + name +
                               "' ignored (controls, network, loss, gradients, map, chaos, family, scene)");
            continue;
        }
        ++known;
    }
    if (known == 0) {
        notices->push_back("panels=" + value + " names no panel; all panels shown");
        return;
    }
    *view = chosen;
}

std::string PanelList(const ViewOptions& view) {
    std::string list;
    auto add = [&list](bool on, const char* name) {
        if (on) list += (list.empty() ? "" : ",") + std::string(name);
    };
    add(view.controls, "controls");
    add(view.network, "network");
    add(view.loss, "loss");
    add(view.map, "map");
    return list;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The experiment on screen
// ---------------------------------------------------------------------------------------------

scene::Experiment App::CurrentExperiment(bool trained_weights) const {
    scene::Experiment e;
    e.lab = LabName(lab_);
    e.mlp = trained_weights && mlp_.Trainer().Steps() > 0 ? mlp_.ConfigWithTrainedWeights()
                                                          : mlp_.Config();
    e.spiking = spiking_.Config();
    e.bridge = bridge_.Settings();
    return e;
}

std::string App::ApplyExperiment(const scene::Experiment& experiment) {
    const std::string invalid = experiment.Validate();
    if (!invalid.empty()) return invalid;
    // Validated first, so neither lab can refuse half of it. A lab whose part is unchanged keeps
    // running as it was (a link that only sets a spiking scene does not reset the MLP).
    const nlohmann::json now = scene::ToJson(CurrentExperiment());
    const nlohmann::json next = scene::ToJson(experiment);
    std::string error;
    if (next["mlp"] != now["mlp"]) error = mlp_.Apply(experiment.mlp);
    if (error.empty() && next["spiking"] != now["spiking"])
        error = spiking_.Apply(experiment.spiking);
    if (!error.empty()) return error;
    mlp_view_.draft = mlp_.Config();
    spiking_view_.draft = spiking_.Config();
    spiking_view_.window_ms = 0.0;
    if (next["bridge"] != now["bridge"]) {
        bridge_.Apply(experiment.bridge);
        bridge_view_.select_tab = true;
    }
    lab_ = experiment.lab == "spiking" ? LabId::Spiking
           : experiment.lab == "bridge" ? LabId::Bridge
                                        : LabId::Mlp;
    return {};
}

std::vector<std::string> App::ApplyQuery(const std::string& query) {
    std::vector<std::string> notices;
    std::string experiment_query;
    // A lesson first (it sets up its own scene); the link's other keys then apply on top.
    for (const auto& [key, value] : SplitQuery(query)) {
        if (key != "lesson") continue;
        const int k = std::atoi(value.c_str());
        if (value.find_first_not_of("0123456789") != std::string::npos || k < 1 ||
            k > LessonCount()) {
            notices.push_back("lesson=" + value + " is not a lesson (1 to " +
                              std::to_string(LessonCount()) + "); ignored");
        } else {
            OpenLesson(k - 1);
        }
    }
    ViewOptions view = view_;
    for (const auto& [key, value] : SplitQuery(query)) {
        if (!IsAppKey(key)) {
            experiment_query += (experiment_query.empty() ? "" : "&") + key + "=" + value;
            continue;
        }
        if (key == "embed")
            Flag(key, value, &view.embed, &notices);
        else if (key == "autoplay")
            Flag(key, value, &autoplay_, &notices);
        else if (key == "panels")
            ApplyPanels(value, &view, &notices);
        else if (key == "theme") {
            if (value == "light" || value == "dark")
                view.light = value == "light";
            else
                notices.push_back("theme=" + value + " is not light or dark; ignored");
        }
    }
    // An embedded widget is small: without a panels key it shows the lab's views, no controls.
    const bool panels_given = query.find("panels=") != std::string::npos;
    if (view.embed && !view_.embed && !panels_given) view.controls = false;
    scene::Experiment e = CurrentExperiment();
    for (auto& n : scene::ApplyQuery(experiment_query, &e).notices) notices.push_back(n);
    const std::string error = ApplyExperiment(e);
    if (!error.empty()) notices.push_back("The link's experiment was not applied: " + error);
    if (view.chaos) mlp_view_.open_chaos = true;
    if (view.gradients) mlp_view_.open_gradients = true;
    if (view.family) mlp_view_.open_family = true;
    view.chaos = view.gradients = view.family = false;
    view_ = view;
    for (const auto& n : notices) AddNotice("Link: " + n);
    return notices;
}

std::string App::Query(bool trained_weights) const {
    std::string query = scene::ToQuery(CurrentExperiment(trained_weights));
    if (lesson_ >= 0) query += "&lesson=" + std::to_string(lesson_ + 1);
    if (view_.light) query += "&theme=light";
    const ViewOptions all;
    if (view_.controls != all.controls || view_.network != all.network || view_.loss != all.loss ||
        view_.map != all.map)
        query += "&panels=" + PanelList(view_);
    return query;
}

std::string App::LoadExperimentText(const std::string& text, const std::string& name) {
    scene::Experiment e;
    const scene::LoadResult loaded = scene::FromJsonText(text, &e);
    std::string error = loaded.ok ? ApplyExperiment(e) : loaded.error;
    if (!error.empty()) {
        error = name + ": " + error + " (the current experiment is kept)";
        AddNotice(error);
        return error;
    }
    for (const auto& w : loaded.warnings) AddNotice(name + ": " + w);
    AddNotice("Loaded " + name);
    return {};
}

// ---------------------------------------------------------------------------------------------
// Host requests and exports
// ---------------------------------------------------------------------------------------------

std::vector<HostRequest> App::TakeHostRequests() {
    std::vector<HostRequest> taken;
    taken.swap(requests_);
    return taken;
}

void App::Request(HostRequest::Kind kind, std::string name, std::string mime, std::string content) {
    requests_.push_back({kind, std::move(name), std::move(mime), std::move(content)});
}

std::string App::ExportCsv(const std::string& what) const {
    if (what == "loss") return LossHistoryCsv(mlp_.Trainer());
    if (what == "weights") return MlpWeightsCsv(mlp_.Trainer().Net());
    if (what == "spikes") return SpikesCsv(spiking_.Net());
    if (what == "traces") return TracesCsv(spiking_.Net());
    if (what == "synapses") return SynapsesCsv(spiking_.Net());
    return {};
}

void App::Export(const std::string& what) {
    const std::string prefix =
        lab_ == LabId::Mlp ? std::string("dendrites-mlp-")
        : lab_ == LabId::Bridge
            ? std::string("dendrites-bridge-") + scene::BridgeViewName(bridge_.View()) + "-"
            : std::string("dendrites-") + spiking::SceneName(spiking_.Config().kind) + "-";
    if (what == "png") {
        Request(HostRequest::Kind::kScreenshot, prefix + "view.png", "image/png", "");
        return;
    }
    Request(HostRequest::Kind::kDownload, prefix + what + ".csv", "text/csv", ExportCsv(what));
}

// ---------------------------------------------------------------------------------------------
// Popups: share, embed, save, load
// ---------------------------------------------------------------------------------------------

void App::DrawPopups() {
    const char* ids[] = {"", "Share this experiment", "Embed in a page", "Save experiment",
                         "Load experiment"};
    if (popup_ == Popup::kNone) return;
    const char* id = ids[static_cast<int>(popup_)];
    if (popup_opening_) {
        ImGui::OpenPopup(id);
        popup_opening_ = false;
    }
    ImGui::SetNextWindowSize(
        ImVec2(std::min(640.0f, ImGui::GetMainViewport()->WorkSize.x - 40), 0));
    if (!ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        popup_ = Popup::kNone;
        return;
    }
    const std::string base = page_url_.empty() ? std::string("index.html") : page_url_;
    std::string text;
    // Links and files may carry the MLP's trained weights (links only for small networks).
    const bool trained = mlp_.Trainer().Steps() > 0;
    const std::size_t parameters = mlp_.Trainer().Net().ParameterCount();
    auto weights_choice = [&](bool* on, bool link) {
        const bool fits = !link || parameters <= kMaxLinkWeights;
        ImGui::BeginDisabled(!trained || !fits);
        bool shown = *on && trained && fits;
        char label[96];
        std::snprintf(label, sizeof label, "with the trained weights (%zu numbers)", parameters);
        if (ImGui::Checkbox(label, &shown)) *on = shown;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("%s", !trained ? "Train the MLP first."
                                    : !fits ? "Too many for a link: save a file instead."
                                            : "The network opens trained, exactly as it is now.");
        return shown;
    };
    if (popup_ == Popup::kShare) {
        ImGui::TextWrapped(
            "This link opens the same experiment: same parameters, same seed, "
            "same run.");
        text = base + "?" + Query(weights_choice(&share_weights_, true));
    } else if (popup_ == Popup::kEmbed) {
        ImGui::TextWrapped(
            "Paste this into a page. The widget loads when the reader clicks it; "
            "buttons in the page can drive it (see docs/embedding.md).");
        const bool with_weights = weights_choice(&share_weights_, true);
        std::string embed = base;
        const std::size_t slash = embed.rfind('/');
        embed = (slash == std::string::npos ? std::string() : embed.substr(0, slash + 1)) +
                "embed.html";
        text = "<iframe src=\"" + embed + "?" + Query(with_weights) +
               "\" width=\"720\" height=\"480\" style=\"border:0;max-width:100%\" "
               "loading=\"lazy\" allow=\"clipboard-write\" title=\"Dendrites\"></iframe>";
    }
    if (!text.empty()) {
        ImGui::InputTextMultiline("##text", text.data(), text.size() + 1,
                                  ImVec2(-FLT_MIN, ImGui::GetTextLineHeight() * 5),
                                  ImGuiInputTextFlags_ReadOnly);
        if (ImGui::Button("Copy")) {
            ImGui::SetClipboardText(text.c_str());
            Request(HostRequest::Kind::kCopy, "", "text/plain", text);
        }
        ImGui::SameLine();
    }
    if (popup_ == Popup::kSave || popup_ == Popup::kLoad) {
        const bool save = popup_ == Popup::kSave;
        ImGui::TextWrapped(save ? "The experiment (both labs' parameters and seeds) as a JSON file."
                                : "A JSON file saved by Dendrites (or dendrites-cli --save).");
        const bool with_weights = save && weights_choice(&save_weights_, false);
        if (page_url_.empty()) {  // the desktop: a path; the browser uses its own file dialogs
            char path[512];
            std::snprintf(path, sizeof path, "%s", file_path_.c_str());
            if (ImGui::InputText("file", path, sizeof path)) file_path_ = path;
        }
        if (ImGui::Button(save ? "Save" : "Load...")) {
            if (save) {
                Request(HostRequest::Kind::kDownload,
                        page_url_.empty() ? file_path_ : "dendrites-experiment.json",
                        "application/json", scene::ToJsonText(CurrentExperiment(with_weights)));
            } else {
                Request(HostRequest::Kind::kOpenFile, file_path_, "application/json", "");
            }
            ImGui::CloseCurrentPopup();
            popup_ = Popup::kNone;
        }
        ImGui::SameLine();
    }
    if (ImGui::Button("Close")) {
        ImGui::CloseCurrentPopup();
        popup_ = Popup::kNone;
    }
    ImGui::EndPopup();
}

}  // namespace dendrites::app
