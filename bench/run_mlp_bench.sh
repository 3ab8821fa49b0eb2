#!/usr/bin/env bash
# Runs the MLP benchmark natively, under Node (wasm), in headless Chromium (wasm) and in PyTorch,
# in one go, for docs/benchmarks.md. Needs the native and wasm builds (./tests/run.sh makes them)
# and installs Debian's python3-torch if missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export NODE_PATH=/usr/share/nodejs
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    apt-get install -y -qq python3-torch >/dev/null
fi
echo "## native (g++ -O3)";            build/native/bench/bench_mlp
echo "## WebAssembly under Node";      node --no-experimental-fetch build/wasm/bench/bench_mlp.js
echo "## WebAssembly in Chromium";     node bench/mlp_browser.mjs build/wasm/dist
echo "## PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), one thread"
/usr/bin/python3 bench/mlp_pytorch.py
