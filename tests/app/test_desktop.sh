#!/usr/bin/env bash
# The desktop app starts under Xvfb, trains for a few frames, writes a screenshot that is not
# blank, and exits cleanly.   usage: test_desktop.sh path/to/dendrites
set -euo pipefail
app=${1:?usage: test_desktop.sh path/to/dendrites}
shot=$(mktemp --suffix=.png)
trap 'rm -f "$shot"' EXIT
# drawn NAME FRAMES ARGS...: runs the app with ARGS under Xvfb for FRAMES frames, playing, and
# fails unless it writes a screenshot that is not blank: a drawn interface has varied pixels, a
# blank or black frame a standard deviation near 0.
drawn() {
    local name=$1 frames=$2
    shift 2
    rm -f "$shot"
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" "$@" --frames "$frames" --command play \
        --screenshot "$shot"
    [[ -s $shot ]] || { echo "$name: no screenshot written" >&2; exit 1; }
    local spread
    spread=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
    echo "$name: screenshot pixel standard deviation $spread"
    python3 -c "import sys; sys.exit(0 if float('$spread') > 0.05 else 1)" ||
        { echo "the $name screenshot looks blank" >&2; exit 1; }
}
drawn "MLP lab" 60
# The spiking lab: every scene opens, runs and draws.
for scene in one-neuron zoo delays izhikevich-1000 brunel stdp structural cuba; do
    drawn "spiking scene $scene" 30 --scene "$scene"
done
# The bridge lab: every screen opens, runs and draws; so do the step-through and the (x, r) tab.
for link in "lab=bridge&view=clock" "lab=bridge&view=analog&bits=3" "lab=bridge&view=surrogate" \
            "lab=mlp&panels=controls,network,family" "lesson=7"; do
    drawn "$link" 30 --link "$link"
done
# Bad flags are reported with exit code 2 before any window opens.
if "$app" --frames -3 2>/dev/null; then echo "accepted --frames -3" >&2; exit 1; fi
"$app" --frames -3 >/dev/null 2>&1 || [[ $? -eq 2 ]] || { echo "bad flag: exit code not 2" >&2; exit 1; }
"$app" --scene no-such-scene >/dev/null 2>&1 || [[ $? -eq 2 ]] ||
    { echo "bad --scene: exit code not 2" >&2; exit 1; }
message=$("$app" --scene no-such-scene 2>&1 || true)
grep -q "unknown scene" <<<"$message" ||
    { echo "bad --scene: no message naming the scene: $message" >&2; exit 1; }
