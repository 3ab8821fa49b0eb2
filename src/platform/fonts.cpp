// The app's font: DejaVu Sans (Debian's fonts-dejavu-core), with Greek, arrows and maths glyphs
// for the lessons, copied next to the program at build time (embedded in the web build).
#include <imgui.h>

#include <SDL.h>

#include <cstdio>
#include <string>

#include "platform/platform.h"

namespace dendrites::platform {
namespace {

bool FileExists(const std::string& path) {
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
        std::fclose(f);
        return true;
    }
    return false;
}

std::string FindFont() {
#ifdef __EMSCRIPTEN__
    return "/assets/fonts/DejaVuSans.ttf";  // embedded by the link step
#else
    std::string candidates[2];
    if (char* base = SDL_GetBasePath()) {
        candidates[0] = std::string(base) + "assets/fonts/DejaVuSans.ttf";
        SDL_free(base);
    }
    candidates[1] = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    for (const auto& path : candidates)
        if (!path.empty() && FileExists(path)) return path;
    return {};
#endif
}

}  // namespace

void LoadFonts(float pixel_size) {
    ImGuiIO& io = ImGui::GetIO();
    const std::string path = FindFont();
    if (path.empty() || !FileExists(path)) {
        std::fprintf(stderr, "dendrites: DejaVuSans.ttf not found; using ImGui's built-in font\n");
        ImFontConfig config;
        config.SizePixels = pixel_size;
        io.Fonts->AddFontDefault(&config);
        return;
    }
    // Latin, Greek, sub- and superscripts (with the modifier letters of the chain-rule labels,
    // such as ᴸ, ᴺ, ᵢ, ⱼ), arrows, mathematical operators.
    static const ImWchar kExtraRanges[] = {0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000, 0x206F,
                                           0x2070, 0x209F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                           0x25A0, 0x25FF, 0x2C60, 0x2C7F, 0};
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddRanges(kExtraRanges);
    static ImVector<ImWchar> ranges;  // must outlive the atlas build
    ranges.clear();
    builder.BuildRanges(&ranges);
    ImFontConfig config;
    config.OversampleH = 2;
    io.Fonts->AddFontFromFileTTF(path.c_str(), pixel_size, &config, ranges.Data);
}

}  // namespace dendrites::platform
