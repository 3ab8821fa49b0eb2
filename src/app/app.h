// The application: the labs, the navigation between them, keyboard shortcuts, the state and
// commands that the JavaScript API and the desktop's tests use, links (URL queries), embed mode,
// experiment files and exports. Knows nothing of SDL or the browser: the platform layer calls
// Frame() once per frame between ImGui's NewFrame and Render, and carries out the HostRequests
// the app queues (downloads, the clipboard, opening files, screenshots).
//
// [SECTION] Index (source files)
//   app.cpp ........ frame, menu bar, embed bar, notices, shortcuts
//   app_api.cpp .... State(), Command() and the spiking and bridge labs' commands
//   app_files.cpp .. experiment <-> labs, queries, share / embed / save / load / export popups
//   app_lessons.cpp  the guided tour (lessons.cpp holds the lessons)
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/bridge_lab.h"
#include "app/mlp_lab.h"
#include "app/panels/bridge_panels.h"
#include "app/panels/mlp_panels.h"
#include "app/panels/spiking_panels.h"
#include "app/spiking_lab.h"
#include "core/scene/experiment.h"

namespace dendrites::app {

enum class LabId { Mlp, Spiking, Bridge };
const char* LabName(LabId lab);  // "mlp", "spiking", "bridge" (as in links and state())

struct FrameInfo {
    double dt_seconds = 1.0 / 60.0;    // wall time since the previous frame
    double budget_seconds = 0.008;     // time this frame may spend advancing the labs
};

// Which parts of the window show (URL keys embed, panels, theme).
struct ViewOptions {
    bool embed = false;  // no menu bar: a compact bar with run, reset and "open in full"
    bool light = false;  // light theme (applied by the platform at start-up)
    bool controls = true;                          // the controls column (both labs)
    bool network = true, loss = true, map = true;  // the MLP lab's views
    bool chaos = false;      // panels=...,chaos: open the map panel on its chaos-test tab
    bool gradients = false;  // panels=...,gradients: open the loss panel on its gradients tab
    bool family = false;     // panels=...,family: open the map panel on its bifurcation tab
};

// Something only the platform can do, queued by the app and taken once per frame.
struct HostRequest {
    enum class Kind {
        kDownload,    // save `content` as a file called `name` (MIME type `mime`)
        kCopy,        // put `content` on the clipboard
        kOpenFile,    // let the user pick a file (`name`: the desktop's path) for "load"
        kScreenshot,  // save the next rendered frame as a PNG called `name`
        kOpenUrl,     // open the full app with query `content` (embed mode's "open")
    };
    Kind kind = Kind::kDownload;
    std::string name;
    std::string mime;
    std::string content;
};

class App {
public:
    App();

    // Advances the active lab within the budget, then draws the whole window.
    void Frame(const FrameInfo& info);

    // A plain object describing the current state (see README: JavaScript API).
    nlohmann::json State() const;
    // Runs a named command; returns {"ok": true} or {"ok": false, "error": "..."}.
    nlohmann::json Command(const std::string& name, const nlohmann::json& args);

    double Fps() const { return fps_; }

    // The experiment on screen, and applying one (every lab; rejects invalid ones whole). With
    // `trained_weights`, a trained MLP's current weights become the experiment's initial ones.
    scene::Experiment CurrentExperiment(bool trained_weights = false) const;
    std::string ApplyExperiment(const scene::Experiment& experiment);
    // Applies a URL query: app keys (embed, panels, theme, autoplay) and the experiment's keys.
    // Never fails; every ignored or clamped value becomes a notice (returned and shown).
    std::vector<std::string> ApplyQuery(const std::string& query);
    // The link to what is on screen: the experiment's query plus the app keys that differ.
    std::string Query(bool trained_weights = false) const;
    // Loads an experiment file's text; on error the state is kept and the error shown.
    std::string LoadExperimentText(const std::string& text, const std::string& name);

    const ViewOptions& View() const { return view_; }
    // The page's address without its query (the web platform sets it; empty on the desktop).
    void SetPageUrl(const std::string& url) { page_url_ = url; }
    bool AutoplayRequested() const { return autoplay_; }
    std::vector<HostRequest> TakeHostRequests();
    // Tells the user how a host request went ("Wrote loss.csv", an error).
    void ReportHostResult(const std::string& message) { AddNotice(message); }
    const std::vector<std::string>& Notices() const { return notices_; }

    // The guided tour: opens lesson `index` (0-based) on its scene, or closes the tour (-1).
    void OpenLesson(int index);
    int LessonIndex() const { return lesson_; }
    // Where Lessons in the menu bar reopens the tour: the last lesson opened (0-based). The page
    // keeps it across visits (web/dendrites-api.js) and hands it back at start-up.
    int ResumeLesson() const { return resume_lesson_; }
    void SetResumeLesson(int index);

private:
    // Trains args.epochs whole epochs synchronously (benchmarks, embedders); reports the time.
    nlohmann::json TrainEpochs(const nlohmann::json& args);
    nlohmann::json SpikingState() const;
    nlohmann::json ChainState() const;
    nlohmann::json BackpropState() const;
    nlohmann::json BridgeState() const;
    nlohmann::json FamilyState() const;
    // The bridge lab's commands: bridge {view, bits, ticks_per_second, speed}.
    nlohmann::json BridgeCommand(const std::string& name, const nlohmann::json& args);
    // Commands of the spiking lab beyond play/pause/step/reset: scene, stimulate, pulse, speed,
    // run (a synchronous stretch of simulated time, for benchmarks).
    nlohmann::json SpikingCommand(const std::string& name, const nlohmann::json& args);
    void HandleShortcuts();
    void DrawMenuBar();
    void DrawEmbedBar();
    void DrawNotices();
    void DrawPopups();  // share, embed, save, load, export
    void DrawLesson();  // the tour's window: the lesson's text, previous / next
    void AddNotice(const std::string& message);
    // CSV text of loss, weights (MLP), spikes, traces, synapses (spiking); "" for other names.
    std::string ExportCsv(const std::string& what) const;
    void Export(const std::string& what);  // queues the download (or a screenshot for "png")
    void Request(HostRequest::Kind kind, std::string name, std::string mime, std::string content);
    bool PlayActive();
    void ResetActive();

    LabId lab_ = LabId::Mlp;
    MlpLab mlp_;
    MlpViewState mlp_view_;
    FamilyLab family_;  // the MLP lab's network of (x, r), in a tab of its own
    SpikingLab spiking_;
    SpikingViewState spiking_view_;
    BridgeLab bridge_;
    BridgeViewState bridge_view_;
    ViewOptions view_;
    bool autoplay_ = false;
    std::string page_url_;
    std::vector<std::string> notices_;
    std::vector<HostRequest> requests_;
    enum class Popup { kNone, kShare, kEmbed, kSave, kLoad } popup_ = Popup::kNone;
    bool popup_opening_ = false;
    std::string file_path_ = "dendrites-experiment.json";  // the desktop's save / load path
    bool share_weights_ = false;  // Share and Embed: put the trained weights in the link
    bool save_weights_ = true;    // Save: put the trained weights in the file
    int lesson_ = -1;  // the open lesson, or -1
    int resume_lesson_ = 0;
    double fps_ = 0.0;
};

}  // namespace dendrites::app
