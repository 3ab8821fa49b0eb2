// Entry point of the desktop and web app: SDL2 window, OpenGL context, Dear ImGui, main loop.
//
// Steps: parse options (desktop), init SDL, create the window and GL context (OpenGL 3.3 core on
// the desktop, WebGL2 / OpenGL ES 3.0 in the browser), create the ImGui context and backends,
// load fonts, run the loop (a while loop natively, emscripten_set_main_loop_arg on the web),
// and clean up. Each frame polls events, sizes the canvas to its container (web), lets the app
// advance and draw within a time budget, then renders.
#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "app/app.h"
#include "app/theme.h"
#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#else
#include <CLI/CLI.hpp>
#endif

namespace {

// Time each frame may spend training or simulating; drawing gets the rest of 16.7 ms.
constexpr double kFrameBudgetSeconds = 0.008;
// A frame that took longer (a hidden tab, a breakpoint) counts as this long.
constexpr double kMaxFrameSeconds = 0.1;

struct Platform {
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    dendrites::app::App* app = nullptr;
    dendrites::platform::Options options;
    Uint64 last_counter = 0;
    int frame = 0;
    bool quit = false;
    int exit_code = 0;          // what main() returns (desktop)
    bool light = false;         // the theme applied to ImGui's style
    bool clear_mouse = false;   // a finger lifted: forget the pointer (no stuck hover on touch)
};

#ifdef __EMSCRIPTEN__
// Keeps the SDL window the size of the canvas's container, in CSS pixels; with high-DPI
// enabled SDL makes the drawing buffer devicePixelRatio times larger, so text stays crisp.
void FollowContainerSize(Platform& p) {
    double css_w = 0, css_h = 0;
    if (emscripten_get_element_css_size("#app", &css_w, &css_h) != EMSCRIPTEN_RESULT_SUCCESS) return;
    int w = 0, h = 0;
    SDL_GetWindowSize(p.window, &w, &h);
    const int want_w = std::max(1, static_cast<int>(css_w)), want_h = std::max(1, static_cast<int>(css_h));
    if (w != want_w || h != want_h) SDL_SetWindowSize(p.window, want_w, want_h);
}
#endif

void Frame(void* arg) {
    Platform& p = *static_cast<Platform*>(arg);
    SDL_Event event;
    if (p.clear_mouse) {
        ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
        p.clear_mouse = false;
    }
    while (SDL_PollEvent(&event)) {
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_FINGERUP) p.clear_mouse = true;
        if (event.type == SDL_QUIT) p.quit = true;
        if (event.type == SDL_WINDOWEVENT && event.window.event == SDL_WINDOWEVENT_CLOSE &&
            event.window.windowID == SDL_GetWindowID(p.window))
            p.quit = true;
    }
#ifdef __EMSCRIPTEN__
    FollowContainerSize(p);
#endif
    const Uint64 now = SDL_GetPerformanceCounter();
    double dt = static_cast<double>(now - p.last_counter) / static_cast<double>(SDL_GetPerformanceFrequency());
    p.last_counter = now;
    dt = std::min(dt, kMaxFrameSeconds);

#ifdef __EMSCRIPTEN__
    if (dendrites::platform::TakeGlRestored()) {  // the old context's objects are gone
        ImGui_ImplOpenGL3_DestroyDeviceObjects();
        ImGui_ImplOpenGL3_CreateDeviceObjects();
    }
#endif
    if (p.app->View().light != p.light) {
        p.light = p.app->View().light;
        dendrites::app::theme::ApplyStyle(1.0f, p.light);
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    p.app->Frame({dt, kFrameBudgetSeconds});
    ImGui::Render();

    const ImGuiIO& io = ImGui::GetIO();
    const int fb_w = static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    const int fb_h = static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    glViewport(0, 0, fb_w, fb_h);
    const ImVec4 clear = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    dendrites::platform::CarryOut(*p.app, fb_w, fb_h);

    ++p.frame;
    if (p.frame == 1 && p.app->AutoplayRequested()) p.app->Command("play", {});
    if (p.frame == 1 && !p.options.autoplay.empty()) {
        const nlohmann::json result = p.app->Command(p.options.autoplay, nlohmann::json::object());
        if (!result.value("ok", false)) {
            std::fprintf(stderr, "dendrites: --command %s: %s\n", p.options.autoplay.c_str(),
                         result.value("error", std::string("failed")).c_str());
            p.exit_code = 2;
            p.quit = true;
        }
    }
    const bool last = p.options.frames > 0 && p.frame >= p.options.frames;
    if (last && !p.options.screenshot.empty()) {
        if (!dendrites::platform::WriteScreenshot(p.options.screenshot, fb_w, fb_h)) {
            std::fprintf(stderr, "dendrites: could not write %s\n", p.options.screenshot.c_str());
            p.exit_code = 1;
        }
    }
    SDL_GL_SwapWindow(p.window);
    if (last) p.quit = true;
}

}  // namespace

int main(int argc, char** argv) {
    Platform p;
#ifndef __EMSCRIPTEN__
    // 1. Options (desktop only; the web page takes its settings from the JavaScript API).
    CLI::App cli{"Dendrites: artificial and biological neural networks, live."};
    cli.add_option("--width", p.options.width, "Window width")->check(CLI::Range(320, 10000));
    cli.add_option("--height", p.options.height, "Window height")->check(CLI::Range(240, 10000));
    cli.add_option("--frames", p.options.frames, "Quit after N frames (for tests)")
        ->check(CLI::Validator(
            [](std::string& text) {
                return text.find_first_not_of("0123456789") == std::string::npos && !text.empty()
                           ? std::string()
                           : "must be a whole number >= 0 (got '" + text + "')";
            },
            "UINT"));
    cli.add_option("--screenshot", p.options.screenshot, "Write the last frame to this PNG");
    cli.add_option("--command", p.options.autoplay, "Run a command after the first frame (e.g. play)");
    cli.add_option("--scene", p.options.scene,
                   "Open the spiking lab on this scene (" + dendrites::spiking::SceneNameList() + ")")
        ->check([](const std::string& name) {
            dendrites::spiking::SceneKind kind;
            return dendrites::spiking::ParseSceneName(name, &kind)
                       ? std::string()
                       : "unknown scene '" + name + "' (one of: " +
                             dendrites::spiking::SceneNameList() + ")";
        });
    cli.add_option("--link", p.options.link,
                   "Apply a link's query, e.g. 'lab=mlp&r=3.5&layers=1-8-8-1&act=tanh'");
    cli.add_option("--load", p.options.load, "Load an experiment JSON file (File > Save makes one)")
        ->check(CLI::ExistingFile);
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e) == 0 ? 0 : 2;
    }
#else
    (void)argc;
    (void)argv;
#endif

    // 2. SDL: video and timers; keep the browser's keys on the canvas, not the whole page.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "dendrites: SDL_Init failed: %s\n", SDL_GetError());
        return 1;
    }

    // 3. Window and GL context.
#ifdef __EMSCRIPTEN__
    const char* glsl_version = "#version 300 es";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
    const char* glsl_version = "#version 330";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    p.window = SDL_CreateWindow("Dendrites", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                p.options.width, p.options.height,
                                SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!p.window) {
        std::fprintf(stderr, "dendrites: cannot open a window: %s\n", SDL_GetError());
        return 1;
    }
    p.gl = SDL_GL_CreateContext(p.window);
    if (!p.gl) {
        std::fprintf(stderr, "dendrites: cannot create an OpenGL 3.3 / WebGL2 context: %s\n",
                     SDL_GetError());
        return 1;
    }
    SDL_GL_MakeCurrent(p.window, p.gl);
    SDL_GL_SetSwapInterval(1);

    // 4. ImGui context (no .ini file: layout is the app's, and the web has no file system).
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;

    // 5. Backends.
    ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl);
    ImGui_ImplOpenGL3_Init(glsl_version);

    // 6. Fonts, rasterised at the display's pixel density so text is crisp on high-DPI screens.
    int win_w = 0, win_h = 0, fb_w = 0, fb_h = 0;
    SDL_GetWindowSize(p.window, &win_w, &win_h);
    SDL_GL_GetDrawableSize(p.window, &fb_w, &fb_h);
    float density = win_w > 0 ? static_cast<float>(fb_w) / static_cast<float>(win_w) : 1.0f;
#ifdef __EMSCRIPTEN__
    density = static_cast<float>(emscripten_get_device_pixel_ratio());
#endif
    density = std::clamp(density, 1.0f, 4.0f);
    dendrites::platform::LoadFonts(15.0f * density);
    ImGui::GetIO().FontGlobalScale = 1.0f / density;
    dendrites::app::theme::ApplyStyle(1.0f);

    // 7. The app and the loop.
    p.last_counter = SDL_GetPerformanceCounter();
#ifdef __EMSCRIPTEN__
    // main() returns while the page lives on, so the app and the platform state outlive it.
    p.app = new dendrites::app::App();
    dendrites::platform::RegisterWebApi(p.app);
    emscripten_set_main_loop_arg(Frame, new Platform(p), 0, false);
    return 0;  // the browser owns the loop from here
#else
    dendrites::app::App app;
    p.app = &app;
    if (!p.options.scene.empty()) app.Command("scene", {{"name", p.options.scene}});
    if (!p.options.link.empty()) {
        for (const auto& notice : app.ApplyQuery(p.options.link))
            std::fprintf(stderr, "dendrites: --link: %s\n", notice.c_str());
    }
    if (!p.options.load.empty()) {
        std::ifstream in(p.options.load, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const std::string error =
            in ? app.LoadExperimentText(text.str(), p.options.load)
               : "--load: cannot read " + p.options.load;
        if (!error.empty()) {
            std::fprintf(stderr, "dendrites: %s\n", error.c_str());
            return 2;
        }
    }
    while (!p.quit) Frame(&p);

    // 8. Cleanup.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(p.gl);
    SDL_DestroyWindow(p.window);
    SDL_Quit();
    return p.exit_code;
#endif
}
