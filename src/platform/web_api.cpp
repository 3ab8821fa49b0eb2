// Browser glue: C functions that web/dendrites-api.js wraps as window.dendrites.
//
// Implements: state() as a JSON string, command(name, args_json), whether the app wants the
// mouse wheel at the pointer (so the host page can scroll otherwise), the page's address, and
// the notice that a lost WebGL context came back. Strings returned to JavaScript stay valid until
// the next call of the same function.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <exception>
#include <string>

#include "app/app.h"
#include "platform/platform.h"

namespace {
dendrites::app::App* g_app = nullptr;  // the one app of the page, set once by main()
std::string g_state_buffer;
std::string g_command_buffer;
bool g_gl_restored = false;
}  // namespace

namespace dendrites::platform {
// main() returns right after this; the page's postRun hook then resolves dendrites.ready.
void RegisterWebApi(app::App* app) { g_app = app; }

bool TakeGlRestored() {
    const bool restored = g_gl_restored;
    g_gl_restored = false;
    return restored;
}
}  // namespace dendrites::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* dendrites_state() {
    g_state_buffer = g_app ? g_app->State().dump() : "{}";
    return g_state_buffer.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* dendrites_command(const char* name, const char* args_json) {
    nlohmann::json result;
    if (!g_app) {
        result = {{"ok", false}, {"error", "the app has not started"}};
    } else {
        nlohmann::json args = nlohmann::json::parse(args_json ? args_json : "", nullptr, false);
        if (args.is_discarded()) args = nlohmann::json::object();
        try {
            result = g_app->Command(name ? name : "", args);
        } catch (const std::exception& e) {  // a bug must not leave the page a bare number
            result = {{"ok", false}, {"error", std::string("internal error: ") + e.what()}};
        }
    }
    g_command_buffer = result.dump();
    return g_command_buffer.c_str();
}

// 1 when the window under the pointer (or one it sits in) can scroll: the wheel is the app's.
// Otherwise the page lets the wheel scroll the host page (an embedded widget in a blog post).
EMSCRIPTEN_KEEPALIVE int dendrites_wants_wheel() {
    if (ImGui::GetCurrentContext() == nullptr) return 0;
    for (ImGuiWindow* w = ImGui::GetCurrentContext()->HoveredWindow; w; w = w->ParentWindow) {
        if (w->ScrollMax.y > 0.0f || w->ScrollMax.x > 0.0f) return 1;
        if (!(w->Flags & ImGuiWindowFlags_ChildWindow)) break;
    }
    return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void dendrites_gl_restored() { g_gl_restored = true; }

// The page's address without query or fragment, for Share and Embed.
EMSCRIPTEN_KEEPALIVE void dendrites_set_page(const char* url) {
    if (g_app && url) g_app->SetPageUrl(url);
}

}  // extern "C"
#endif
