#!/usr/bin/env bash
# Builds the web app into build/wasm/dist/ (index.html, app.js, app.wasm, dendrites-api.js).
#
#   ./build-wasm.sh                  set up (first run installs and caches dependencies) and build
#   ./build-wasm.sh --serve          ... then serve build/wasm/dist on http://127.0.0.1:8080/
#   ./build-wasm.sh --serve --port N
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

serve=0
port=8080
while (($#)); do
    case $1 in
        --serve) serve=1 ;;
        --port)
            [[ ${2:-} =~ ^[0-9]+$ ]] && ((${2} > 0 && ${2} < 65536)) ||
                { echo "build-wasm.sh: --port needs a number from 1 to 65535" >&2; exit 2; }
            port=$2
            shift ;;
        -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-wasm.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

scripts/setup.sh
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten looks for acorn there
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target dendrites
echo "Built build/wasm/dist/"

if ((serve)); then
    echo "Serving on http://127.0.0.1:$port/ (Ctrl+C to stop)"
    exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build/wasm/dist
fi
