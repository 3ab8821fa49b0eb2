#!/usr/bin/env bash
# CLI tests of `dendrites-cli spike`: the four documented commands and bad input.
# Usage: bash test_spike.sh path/to/dendrites-cli
set -u
cli=${1:?usage: test_spike.sh path/to/dendrites-cli}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

last_json() { tail -n 1 "$1"; }

# 1. One LIF neuron, science.md table: I = 2.5 nA gives 76.392 Hz (check within 1%).
"$cli" spike --scene one-neuron --model lif --e-l -70 --v-reset -65 --v-th -50 --r-m 10 \
    --tau-m 8 --t-ref 2 --i-ext 2.5 --duration 1000 --json >"$tmp/lif.out"
check "one-neuron exits 0" test $? -eq 0
j=$(last_json "$tmp/lif.out")
check "LIF rate within 1% of 76.39 Hz" float_between "$(json_field "$j" mean_rate_hz)" 75.63 77.15
check "JSON is the last line" python3 -c 'import json,sys; json.loads(sys.argv[1])' "$j"

# 2-3. Brunel (2000) AI (g 5) and SR (g 3) at nu_ext/nu_thr = 2, browser scale.
"$cli" spike --scene brunel --g 5 --nu-ratio 2 --duration 1000 --seed 1 --json >"$tmp/ai.out"
check "brunel AI exits 0" test $? -eq 0
ai=$(last_json "$tmp/ai.out")
"$cli" spike --scene brunel --g 3 --nu-ratio 2 --duration 1000 --seed 1 --json >"$tmp/sr.out"
check "brunel SR exits 0" test $? -eq 0
sr=$(last_json "$tmp/sr.out")
check "AI is irregular (cv_isi > 0.8)" float_between "$(json_field "$ai" cv_isi)" 0.8 10
ai_chi=$(json_field "$ai" synchrony)
sr_chi=$(json_field "$sr" synchrony)
check "AI synchrony low" float_between "$ai_chi" 0 0.3
check "SR synchrony well above AI" python3 -c \
    'import sys; sys.exit(0 if float(sys.argv[2]) > 2 * float(sys.argv[1]) else 1)' \
    "$ai_chi" "$sr_chi"
for f in neurons spikes mean_rate_hz cv_isi simulated_ms seconds realtime_factor synchrony; do
    check "JSON has $f" json_field "$ai" "$f" >/dev/null
done

# 4. CUBA: Brian2's reference rate is 5.6 Hz (within 20%).
"$cli" spike --scene cuba --duration 1000 --seed 1 --json >"$tmp/cuba.out"
check "cuba exits 0" test $? -eq 0
cuba=$(last_json "$tmp/cuba.out")
check "CUBA rate within 20% of 5.6 Hz" float_between "$(json_field "$cuba" mean_rate_hz)" 4.48 6.72
check "CUBA has 4000 neurons" float_between "$(json_field "$cuba" neurons)" 4000 4000

# CSV output.
"$cli" spike --scene one-neuron --i-ext 2.5 --duration 100 --spikes-csv "$tmp/s.csv" \
    --trace-csv "$tmp/t.csv" >/dev/null
check "spikes CSV has a header and rows" test "$(wc -l <"$tmp/s.csv")" -gt 3
check "trace CSV has one row per step" test "$(wc -l <"$tmp/t.csv")" -eq 1001

# Bad input: exit code 2 and a message naming the flag.
bad() {  # bad FLAG ARGS...: must exit 2 and mention FLAG on stderr
    local flag=$1; shift
    "$cli" spike "$@" >"$tmp/bad.out" 2>"$tmp/bad.err"
    local rc=$?
    check "bad $flag exits 2 (got $rc)" test $rc -eq 2
    check "bad $flag message names the flag" grep -q -- "$flag" "$tmp/bad.err"
}
bad --scene --scene no-such-scene
bad --duration --scene cuba --duration -5
bad --dt --scene one-neuron --dt 0
bad --scale --scene brunel --scale 50
bad --g --scene brunel --g abc
bad --v-reset --scene one-neuron --v-reset -40 --v-th -50
bad --model --scene one-neuron --model hodgkin
bad --spikes-csv --scene one-neuron --spikes-csv /nonexistent/dir/s.csv
# A flag of another scene is refused, not ignored.
bad --g --scene one-neuron --g 5
bad --pairing-dt --scene brunel --pairing-dt 10
bad --e-l --scene cuba --e-l -60
check "the refusal says which scene the flag is for" grep -q "applies to the one-neuron scene" "$tmp/bad.err"

finish
