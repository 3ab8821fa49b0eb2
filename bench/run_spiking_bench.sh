#!/usr/bin/env bash
# Runs the spiking benchmarks natively, under Node (wasm), in headless Chromium (wasm) and in
# Brian2 (Cython runtime and C++ standalone), in one go, for docs/benchmarks.md. Needs the native
# and wasm builds (./tests/run.sh makes them) and installs Debian's python3-brian if missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
if ! /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
    apt-get install -y -qq --no-install-recommends python3-brian cython3 python3-dev >/dev/null
fi
echo "## native (g++ -O3)";            build/native/bench/bench_spiking
echo "## WebAssembly under Node";      node --no-experimental-fetch build/wasm/bench/bench_spiking.js
echo "## WebAssembly in Chromium";     node bench/spiking_browser.mjs build/wasm/dist
echo "## Brian2 $(/usr/bin/python3 -c 'import brian2; print(brian2.__version__)')"
/usr/bin/python3 bench/brian2_cuba.py --device both
