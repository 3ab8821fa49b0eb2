# Finds the third-party pieces. Binary Debian packages give the native headers and SDL2;
# scripts/setup.sh unpacks source packages (Dear ImGui, Catch2, SDL2 for wasm) into a cache and
# writes deps.cmake there. Header-only libraries are staged into the build folder for em++,
# because -I/usr/include would let glibc's headers shadow Emscripten's.

if(DEFINED ENV{DENDRITES_CACHE})
    set(_dendrites_cache "$ENV{DENDRITES_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
    set(_dendrites_cache "$ENV{XDG_CACHE_HOME}/dendrites")
else()
    set(_dendrites_cache "$ENV{HOME}/.cache/dendrites")
endif()
set(DENDRITES_DEPS "${_dendrites_cache}/deps.cmake" CACHE FILEPATH
    "File written by scripts/setup.sh with third-party paths")
if(NOT EXISTS "${DENDRITES_DEPS}")
    message(FATAL_ERROR "Third-party sources not found (${DENDRITES_DEPS}). "
                        "Run scripts/setup.sh first, or pass -DDENDRITES_DEPS=<file>.")
endif()
include("${DENDRITES_DEPS}")

# Header-only libraries: stage their folders so em++ never sees /usr/include itself.
set(_staged "${CMAKE_BINARY_DIR}/staged-include")
function(dendrites_stage_headers name source_dir)
    if(NOT EXISTS "${source_dir}")
        message(FATAL_ERROR "${name} headers not found at ${source_dir}; run scripts/setup.sh")
    endif()
    file(COPY "${source_dir}" DESTINATION "${_staged}")
endfunction()

add_library(dendrites_eigen INTERFACE)
target_include_directories(dendrites_eigen SYSTEM INTERFACE /usr/include/eigen3)
target_compile_definitions(dendrites_eigen INTERFACE EIGEN_MPL2_ONLY)
add_library(dendrites::eigen ALIAS dendrites_eigen)

dendrites_stage_headers(nlohmann-json /usr/include/nlohmann)
dendrites_stage_headers(stb /usr/include/stb)
add_library(dendrites_json INTERFACE)
target_include_directories(dendrites_json SYSTEM INTERFACE "${_staged}")
add_library(dendrites::json ALIAS dendrites_json)
add_library(dendrites_stb INTERFACE)
target_include_directories(dendrites_stb SYSTEM INTERFACE "${_staged}")
add_library(dendrites::stb ALIAS dendrites_stb)

if(NOT EMSCRIPTEN)
    dendrites_stage_headers(CLI11 /usr/include/CLI)
    add_library(dendrites_cli11 INTERFACE)
    target_include_directories(dendrites_cli11 SYSTEM INTERFACE "${_staged}")
    add_library(dendrites::cli11 ALIAS dendrites_cli11)
endif()

# Catch2 v3 from its amalgamated pair, compiled once per build.
if(DENDRITES_BUILD_TESTS)
    add_library(catch2_amalgamated STATIC "${DENDRITES_CATCH2_DIR}/extras/catch_amalgamated.cpp")
    target_include_directories(catch2_amalgamated SYSTEM PUBLIC "${DENDRITES_CATCH2_DIR}/extras")
endif()

# Dear ImGui with the SDL2 and OpenGL3 backends.
if(DENDRITES_BUILD_APP)
    if(EMSCRIPTEN)
        add_library(dendrites_sdl2 INTERFACE)
        target_include_directories(dendrites_sdl2 SYSTEM INTERFACE
                                   "${DENDRITES_SDL2_WASM_DIR}/include/SDL2")
        target_link_libraries(dendrites_sdl2 INTERFACE "${DENDRITES_SDL2_WASM_DIR}/lib/libSDL2.a")
    else()
        find_package(SDL2 REQUIRED)
        find_package(OpenGL REQUIRED)
        add_library(dendrites_sdl2 INTERFACE)
        target_link_libraries(dendrites_sdl2 INTERFACE SDL2::SDL2 OpenGL::GL)
    endif()
    add_library(dendrites::sdl2 ALIAS dendrites_sdl2)

    set(_imgui "${DENDRITES_IMGUI_DIR}")
    add_library(imgui STATIC
        ${_imgui}/imgui.cpp ${_imgui}/imgui_draw.cpp ${_imgui}/imgui_tables.cpp
        ${_imgui}/imgui_widgets.cpp
        ${_imgui}/backends/imgui_impl_sdl2.cpp ${_imgui}/backends/imgui_impl_opengl3.cpp)
    target_include_directories(imgui SYSTEM PUBLIC ${_imgui} ${_imgui}/backends)
    # 32-bit vertex indices: a dense raster or bifurcation diagram needs more than 65,536
    # vertices in one window (WebGL 2 and OpenGL 3 both draw with 32-bit indices).
    target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS
                                            "ImDrawIdx=unsigned int")
    target_link_libraries(imgui PUBLIC dendrites::sdl2)
endif()
