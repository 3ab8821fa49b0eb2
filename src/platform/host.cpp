// Carries out what the app asks of its host (app::HostRequest): downloads, the clipboard,
// opening files, screenshots and opening the full app.
//
// Desktop: a download is written to its path (relative to the working directory), "open file"
// reads the path the user typed, the clipboard is SDL's, a screenshot is written as a PNG.
// Browser: each request goes to window.dendritesHost in web/dendrites-api.js (a Blob download,
// navigator.clipboard, a file input, a new tab); screenshots are encoded here and downloaded.
#include <SDL.h>
#include <SDL_opengl.h>

#include <fstream>
#include <sstream>
#include <vector>

#include <stb/stb_image_write.h>

#include "app/app.h"
#include "platform/platform.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// clang-format off
EM_JS(void, HostDownloadText, (const char* name, const char* mime, const char* text), {
    window.dendritesHost.download(UTF8ToString(name), UTF8ToString(mime), UTF8ToString(text));
});
EM_JS(void, HostDownloadBytes, (const char* name, const char* mime, const unsigned char* data,
                                int size), {
    window.dendritesHost.download(UTF8ToString(name), UTF8ToString(mime),
                                  HEAPU8.slice(data, data + size));
});
EM_JS(void, HostCopy, (const char* text), { window.dendritesHost.copy(UTF8ToString(text)); });
EM_JS(void, HostOpenFile, (), { window.dendritesHost.openFile(); });
EM_JS(void, HostOpenUrl, (const char* query), { window.dendritesHost.openApp(UTF8ToString(query)); });
// clang-format on
#endif

namespace dendrites::platform {
namespace {

using app::HostRequest;

// The current framebuffer as PNG bytes (rows flipped: GL's start at the bottom).
std::vector<unsigned char> FramebufferPng(int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    std::vector<unsigned char> png;
    stbi_flip_vertically_on_write(1);
    stbi_write_png_to_func(
        [](void* context, void* data, int size) {
            auto* out = static_cast<std::vector<unsigned char>*>(context);
            const auto* bytes = static_cast<const unsigned char*>(data);
            out->insert(out->end(), bytes, bytes + size);
        },
        &png, width, height, 4, pixels.data(), width * 4);
    return png;
}

#ifndef __EMSCRIPTEN__
void WriteText(app::App& app, const HostRequest& r) {
    std::ofstream out(r.name, std::ios::binary);
    out << r.content;
    app.ReportHostResult(out ? "Wrote " + r.name : "Could not write " + r.name);
}

void ReadExperiment(app::App& app, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        app.ReportHostResult("Could not open " + path + " (the current experiment is kept)");
        return;
    }
    std::stringstream text;
    text << in.rdbuf();
    app.LoadExperimentText(text.str(), path);
}
#endif

}  // namespace

void CarryOut(app::App& app, int framebuffer_width, int framebuffer_height) {
    for (const HostRequest& r : app.TakeHostRequests()) {
        switch (r.kind) {
#ifdef __EMSCRIPTEN__
            case HostRequest::Kind::kDownload:
                HostDownloadText(r.name.c_str(), r.mime.c_str(), r.content.c_str());
                break;
            case HostRequest::Kind::kCopy: HostCopy(r.content.c_str()); break;
            case HostRequest::Kind::kOpenFile: HostOpenFile(); break;
            case HostRequest::Kind::kOpenUrl: HostOpenUrl(r.content.c_str()); break;
            case HostRequest::Kind::kScreenshot: {
                const auto png = FramebufferPng(framebuffer_width, framebuffer_height);
                HostDownloadBytes(r.name.c_str(), "image/png", png.data(),
                                  static_cast<int>(png.size()));
                break;
            }
#else
            case HostRequest::Kind::kDownload: WriteText(app, r); break;
            case HostRequest::Kind::kCopy: SDL_SetClipboardText(r.content.c_str()); break;
            case HostRequest::Kind::kOpenFile: ReadExperiment(app, r.name); break;
            case HostRequest::Kind::kOpenUrl:
                SDL_SetClipboardText(r.content.c_str());
                app.ReportHostResult("The link's query is on the clipboard: " + r.content);
                break;
            case HostRequest::Kind::kScreenshot: {
                const auto png = FramebufferPng(framebuffer_width, framebuffer_height);
                std::ofstream out(r.name, std::ios::binary);
                out.write(reinterpret_cast<const char*>(png.data()),
                          static_cast<std::streamsize>(png.size()));
                app.ReportHostResult(out ? "Wrote " + r.name : "Could not write " + r.name);
                break;
            }
#endif
        }
    }
}

}  // namespace dendrites::platform
