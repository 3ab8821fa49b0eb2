#!/usr/bin/env bash
# Installs and caches everything Dendrites needs on a Debian machine. Idempotent.
#
#   scripts/setup.sh            Debian packages, third-party sources, SDL2 for wasm, npm test deps
#   scripts/setup.sh --native   skip what only the WebAssembly build and browser tests need
#
# Third-party sources come from Debian source packages and are unpacked into a cache
# outside the checkout, keyed by version: ${DENDRITES_CACHE:-${XDG_CACHE_HOME:-~/.cache}/dendrites}.
# The cache's deps.cmake tells CMake where everything is.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${DENDRITES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/dendrites}
want_wasm=1
[[ ${1:-} == --native ]] && want_wasm=0

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# --- 1. Debian binary packages -------------------------------------------------------------------
native_pkgs=(g++ cmake ninja-build pkg-config libsdl2-dev libgl-dev libeigen3-dev nlohmann-json3-dev
             libcli11-dev libstb-dev fonts-dejavu-core xvfb libgl1-mesa-dri xauth imagemagick
             dpkg-dev xz-utils)
web_pkgs=(emscripten chromium nodejs npm)
pkgs=("${native_pkgs[@]}")
((want_wasm)) && pkgs+=("${web_pkgs[@]}")

command -v dpkg-query >/dev/null || die "this script needs a Debian system (dpkg, apt-get). \
On another system install: ${pkgs[*]}, and pass -DDENDRITES_DEPS=<file> to CMake naming a deps.cmake."

missing=()
for p in "${pkgs[@]}"; do
    # npm/nodejs may come from outside Debian on some machines: a working command is enough.
    if [[ $p == nodejs || $p == npm ]] && command -v "${p/nodejs/node}" >/dev/null; then continue; fi
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# --- 2. Debian source packages, through a private apt configuration ----------------------------
mkdir -p "$cache/src"
apt_dir="$cache/apt"

apt_private() {
    apt-get -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt_dir" \
        -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" \
        -o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

prepare_apt_sources() {
    [[ -f $apt_dir/lists/.updated ]] && return
    local sources=/etc/apt/sources.list.d/debian.sources uris keyring
    if [[ -f $sources ]]; then
        uris=$(awk '/^URIs:/ && !/security/ {print $2; exit}' "$sources")
        keyring=$(awk '/^Signed-By:/ {print $2; exit}' "$sources")
    elif [[ -f /etc/apt/sources.list ]]; then
        uris=$(awk '$1 == "deb" && !/security/ {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' \
            /etc/apt/sources.list)
    fi
    [[ -n ${uris:-} ]] || die "no Debian mirror found in /etc/apt; unpack imgui 1.90.1, SDL2 2.26.5 and \
Catch2 3.7.1 sources into $cache/src yourself (see the README, Set-up)"
    keyring=${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm trixie\nComponents: main\nSigned-By: %s\n' \
        "$uris" "$keyring" > "$apt_dir/src.sources"
    say "reading Debian source package lists"
    apt_private update -qq >/dev/null
    touch "$apt_dir/lists/.updated"
}

# fetch_source NAME SUITE DEST: unpack a Debian source package into DEST (once).
fetch_source() {
    local name=$1 suite=$2 dest=$3
    [[ -f $dest/.complete ]] && return
    prepare_apt_sources
    local work
    work=$(mktemp -d "$cache/src/.fetch.XXXXXX")
    say "fetching Debian source package $name/$suite"
    (cd "$work" && apt_private source --download-only -qq "$name/$suite" >/dev/null)
    local orig
    orig=$(ls "$work"/*.orig.tar.* | head -n 1)
    mkdir -p "$work/tree"
    tar -xf "$orig" -C "$work/tree" --strip-components=1
    rm -rf "$dest"
    mv "$work/tree" "$dest"
    rm -rf "$work"
    touch "$dest/.complete"
}

imgui_dir="$cache/src/imgui-1.90.1"
catch2_dir="$cache/src/catch2-3.7.1"
sdl2_src="$cache/src/sdl2-2.26.5"
fetch_source imgui trixie "$imgui_dir"
fetch_source catch2 trixie "$catch2_dir"
[[ -f $imgui_dir/imgui.h ]] || die "imgui source at $imgui_dir has no imgui.h"
grep -q '"1.90.1"' "$imgui_dir/imgui.h" || say "warning: imgui at $imgui_dir is not 1.90.1"
[[ -f $catch2_dir/extras/catch_amalgamated.cpp ]] || die "Catch2 source has no extras/catch_amalgamated.cpp"

# --- 3. SDL2 compiled to WebAssembly (about 2.5 minutes, once) ----------------------------------
sdl2_wasm="$cache/sdl2-2.26.5-wasm"
if ((want_wasm)) && [[ ! -f $sdl2_wasm/lib/libSDL2.a ]]; then
    fetch_source libsdl2 bookworm "$sdl2_src"
    say "building SDL2 for WebAssembly (once, a few minutes)"
    export NODE_PATH=/usr/share/nodejs
    rm -rf "$cache/build/sdl2-wasm"
    emcmake cmake -S "$sdl2_src" -B "$cache/build/sdl2-wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$sdl2_wasm" >/dev/null
    cmake --build "$cache/build/sdl2-wasm" >/dev/null
    cmake --install "$cache/build/sdl2-wasm" >/dev/null
    rm -rf "$cache/build/sdl2-wasm"
fi

# --- 4. Browser-test dependency (playwright-core drives Debian's Chromium) ---------------------
if ((want_wasm)) && [[ ! -d $root/tests/web/node_modules/playwright-core ]]; then
    say "installing playwright-core for the browser tests"
    (cd "$root/tests/web" && npm install --no-audit --no-fund --silent >/dev/null)
fi

# --- 5. Tell CMake where things are -------------------------------------------------------------
cat > "$cache/deps.cmake.tmp" <<CMAKE
# Written by scripts/setup.sh; paths of third-party sources and builds.
set(DENDRITES_IMGUI_DIR "$imgui_dir")
set(DENDRITES_CATCH2_DIR "$catch2_dir")
set(DENDRITES_SDL2_WASM_DIR "$sdl2_wasm")
CMAKE
mv "$cache/deps.cmake.tmp" "$cache/deps.cmake"
say "ready (cache: $cache)"
