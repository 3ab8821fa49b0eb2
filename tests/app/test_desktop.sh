#!/usr/bin/env bash
# The desktop app starts under Xvfb, trains for a few frames, writes a screenshot that is not
# blank, and exits cleanly.   usage: test_desktop.sh path/to/dendrites
set -euo pipefail
app=${1:?usage: test_desktop.sh path/to/dendrites}
shot=$(mktemp --suffix=.png)
trap 'rm -f "$shot"' EXIT
xvfb-run -a -s "-screen 0 1280x800x24" "$app" --frames 60 --command play --screenshot "$shot"
[[ -s $shot ]] || { echo "no screenshot written" >&2; exit 1; }
# A drawn interface has varied pixels; a blank or black frame has a standard deviation near 0.
spread=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "screenshot pixel standard deviation: $spread"
python3 -c "import sys; sys.exit(0 if float('$spread') > 0.05 else 1)" ||
    { echo "the screenshot looks blank" >&2; exit 1; }
# The spiking lab: every scene opens, runs and draws.
for scene in one-neuron zoo delays izhikevich-1000 brunel stdp structural cuba; do
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" --scene "$scene" --frames 30 --command play \
        --screenshot "$shot"
    spread=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
    echo "spiking scene $scene: screenshot pixel standard deviation $spread"
    python3 -c "import sys; sys.exit(0 if float('$spread') > 0.05 else 1)" ||
        { echo "the $scene screenshot looks blank" >&2; exit 1; }
done
# The bridge lab: every screen opens, runs and draws; so do the step-through and the (x, r) tab.
for link in "lab=bridge&view=clock" "lab=bridge&view=analog&bits=3" "lab=bridge&view=surrogate" \
            "lab=mlp&panels=controls,network,family" "lesson=7"; do
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" --link "$link" --frames 30 --command play \
        --screenshot "$shot"
    spread=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
    echo "$link: screenshot pixel standard deviation $spread"
    python3 -c "import sys; sys.exit(0 if float('$spread') > 0.05 else 1)" ||
        { echo "the $link screenshot looks blank" >&2; exit 1; }
done
# Bad flags are reported with exit code 2 before any window opens.
if "$app" --frames -3 2>/dev/null; then echo "accepted --frames -3" >&2; exit 1; fi
"$app" --frames -3 >/dev/null 2>&1 || [[ $? -eq 2 ]] || { echo "bad flag: exit code not 2" >&2; exit 1; }
"$app" --scene no-such-scene >/dev/null 2>&1 || [[ $? -eq 2 ]] ||
    { echo "bad --scene: exit code not 2" >&2; exit 1; }
message=$("$app" --scene no-such-scene 2>&1 || true)
grep -q "unknown scene" <<<"$message" ||
    { echo "bad --scene: no message naming the scene: $message" >&2; exit 1; }
