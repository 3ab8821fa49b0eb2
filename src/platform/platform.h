// The platform layer's pieces: options, the font and its glyph ranges, screenshots, browser glue.
#pragma once

#include <string>

namespace dendrites::app {
class App;
}

namespace dendrites::platform {

struct Options {
    int width = 1280;
    int height = 800;
    int frames = 0;              // > 0: quit after this many frames (tests)
    std::string screenshot;      // write the last frame to this PNG before quitting
    std::string autoplay;        // a command to run after the first frame (e.g. "play")
    std::string scene;           // open the spiking lab on this scene (desktop)
    std::string link;            // apply a link's query, as the page does with its URL
    std::string load;            // load an experiment JSON file at start
};

// Loads the app's font (DejaVu Sans with Greek and maths glyphs) at `pixel_size`.
void LoadFonts(float pixel_size);

// Reads the current GL framebuffer (width x height) and writes it as a PNG; false on failure.
bool WriteScreenshot(const std::string& path, int width, int height);

// Carries out the app's host requests (host.cpp); call after rendering, before swapping.
void CarryOut(app::App& app, int framebuffer_width, int framebuffer_height);

#ifdef __EMSCRIPTEN__
// Makes `app` reachable from JavaScript (window.dendrites, see web/dendrites-api.js).
void RegisterWebApi(app::App* app);
// True once after the page reported a restored WebGL context (GL objects must be recreated).
bool TakeGlRestored();
#endif

}  // namespace dendrites::platform
