// Browser glue: C functions that web/dendrites-api.js wraps as window.dendrites.
//
// Implements: state() as a JSON string, command(name, args_json). Strings returned to JavaScript
// stay valid until the next call of the same function.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <string>

#include "app/app.h"
#include "platform/platform.h"

namespace {
dendrites::app::App* g_app = nullptr;  // the one app of the page, set once by main()
std::string g_state_buffer;
std::string g_command_buffer;
}  // namespace

namespace dendrites::platform {
// main() returns right after this; the page's postRun hook then resolves dendrites.ready.
void RegisterWebApi(app::App* app) { g_app = app; }
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
        result = g_app->Command(name ? name : "", args);
    }
    g_command_buffer = result.dump();
    return g_command_buffer.c_str();
}

}  // extern "C"
#endif
