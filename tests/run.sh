#!/usr/bin/env bash
# Sets up, builds everything (native and WebAssembly) and runs every test. Exit code 0 only if
# all pass. Steps: setup, native build + ctest (core, CLI, desktop app under Xvfb), wasm build +
# ctest (core tests under Node), native/wasm fingerprint comparison, browser test in Chromium.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
case ${1:-} in
    "") ;;
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "tests/run.sh: takes no arguments (try --help)" >&2; exit 2 ;;
esac
export NODE_PATH=/usr/share/nodejs

passed=0
failed=0
failures=()
step() {  # step NAME COMMAND...: runs a step, counts it
    local name=$1; shift
    echo
    echo "=== $name"
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failures+=("$name")
        echo "=== FAILED: $name"
    fi
}

scripts/setup.sh || { echo "setup failed"; exit 1; }

jobs=$(nproc)
build_native() { cmake --preset native >/dev/null && cmake --build --preset native -j "$jobs"; }
build_wasm() { cmake --preset wasm >/dev/null && cmake --build --preset wasm -j "$jobs"; }
fingerprints() {
    build/native/tests/dendrites_fingerprint > build/fingerprint-native.txt &&
    node --no-experimental-fetch build/wasm/tests/dendrites_fingerprint.js > build/fingerprint-wasm.txt &&
    diff build/fingerprint-native.txt build/fingerprint-wasm.txt &&
    echo "native and WebAssembly builds agree bit for bit ($(wc -l < build/fingerprint-native.txt) fingerprints)"
}

step "native build" build_native
step "native tests (core, CLI, desktop app)" ctest --preset native -j "$jobs"
step "WebAssembly build" build_wasm
step "WebAssembly core tests under Node" ctest --preset wasm
step "same seed, same bits: native vs WebAssembly" fingerprints
step "browser test: the MLP lab (headless Chromium)" node tests/web/app.test.mjs build/wasm/dist
step "browser test: the spiking lab (headless Chromium)" node tests/web/spiking.test.mjs build/wasm/dist
step "browser test: links, embedding, messages, files (headless Chromium)" \
    node tests/web/embedding.test.mjs build/wasm/dist
step "browser test: the lessons (headless Chromium)" node tests/web/lessons.test.mjs build/wasm/dist
step "browser test: the bridge lab (headless Chromium)" node tests/web/bridge.test.mjs build/wasm/dist

echo
if ((failed)); then printf 'failed step: %s\n' "${failures[@]}"; fi
echo "steps: $passed passed, $failed failed"
((failed == 0))
