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
};

// Loads the app's font (DejaVu Sans with Greek and maths glyphs) at `pixel_size`.
void LoadFonts(float pixel_size);

// Reads the current GL framebuffer (width x height) and writes it as a PNG; false on failure.
bool WriteScreenshot(const std::string& path, int width, int height);

#ifdef __EMSCRIPTEN__
// Makes `app` reachable from JavaScript (window.dendrites, see web/dendrites-api.js).
void RegisterWebApi(app::App* app);
#endif

}  // namespace dendrites::platform
