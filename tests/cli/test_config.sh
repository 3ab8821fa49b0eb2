#!/usr/bin/env bash
# dendrites-cli train and spike with --config FILE and --save FILE: a saved experiment runs
# again to the same result, flags override the file, and a bad file exits 2 naming the file and
# the JSON path of the problem.
set -u
cli=${1:?usage: test_config.sh path/to/dendrites-cli}
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

saved_field() {  # saved_field FILE JSON-POINTER: print one value of a saved experiment
    python3 -c 'import json,sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].strip("/").split("/"): v = v[int(k)] if isinstance(v, list) else v[k]
print(v)' "$1" "$2"
}

# 1. train: save, then load; the same test_mse to the last digit.
a=$("$cli" train --samples 500 --epochs 2 --seed 9 --lr 0.01 --layers 1,8,1 --optimizer adam \
    --save "$tmp/train.json" --json --quiet)
check "train --save exits 0" test $? -eq 0
check "the saved file is an experiment" test "$(saved_field "$tmp/train.json" /format)" = \
    dendrites-experiment
check "the saved file holds the flags" test "$(saved_field "$tmp/train.json" /mlp/data/samples)" = 500
b=$("$cli" train --config "$tmp/train.json" --epochs 2 --json --quiet)
check "train --config exits 0" test $? -eq 0
check "save then load: same test_mse" test "$(json_field "$a" test_mse)" = "$(json_field "$b" test_mse)"
check "save then load: same layers" test "$(json_field "$a" layers)" = "$(json_field "$b" layers)"

# Flags given on the command line override the file; the rest of the file is kept.
c=$("$cli" train --config "$tmp/train.json" --seed 10 --epochs 2 --save "$tmp/train10.json" \
    --json --quiet)
check "--seed overrides the file" test "$(json_field "$c" seed)" -eq 10
check "--seed changes the result" test "$(json_field "$a" test_mse)" != "$(json_field "$c" test_mse)"
check "the file's optimizer is kept" test "$(json_field "$c" optimizer)" = adam
check "the file's samples are kept" test "$(saved_field "$tmp/train10.json" /mlp/data/samples)" = 500

# 2. Bad files: exit code 2, a message with the file name and the JSON path.
head='"format": "dendrites-experiment", "version": 1'
bad() {  # bad SUBCOMMAND FILE-CONTENT EXPECTED-TEXT
    local sub=$1 content=$2 expected=$3 extra
    if [[ $sub == train ]]; then extra=(--epochs 1 --quiet); else extra=(--duration 10); fi
    printf '%s' "$content" >"$tmp/bad.json"
    "$cli" "$sub" --config "$tmp/bad.json" "${extra[@]}" >"$tmp/bad.out" 2>"$tmp/bad.err"
    local rc=$?
    check "$sub: '$expected' exits 2 (got $rc)" test $rc -eq 2
    check "$sub: message names the file" grep -q -- "bad.json" "$tmp/bad.err"
    check "$sub: message says '$expected'" grep -qF -- "$expected" "$tmp/bad.err"
}
bad train "{$head, \"mlp\": {\"optimizer\": {\"lr\": \"fast\"}}}" "/mlp/optimizer/lr: must be a number"
bad train "{$head, \"mlp\": {\"optimizer\": {\"lr\": -1}}}" "/mlp/optimizer/lr: must be positive (got -1)"
bad train "{$head, \"mlp\": {\"network\": {\"layers\": [1, 30, 2]}}}" "/mlp/network/layers/2"
bad train "{$head, \"mlp\": {\"batch\": 16," "JSON parse error at line 1, column"
bad train "{\"format\": \"dendrites-experiment\", \"version\": 7}" "/version: version 7 is newer"
bad train "[1, 2, 3]" "an experiment must be a JSON object"
bad spike "{$head, \"spiking\": {\"scene\": \"brunel\", \"brunel\": {\"g\": \"strong\"}}}" \
    "/spiking/brunel/g: must be a number"
bad spike "{$head, \"spiking\": {\"scene\": \"hodgkin\"}}" "/spiking/scene: must be one of"
bad spike "{$head, \"spiking\": {\"one_neuron\": {\"lif\": {\"v_reset_mV\": -40}}}}" \
    "/spiking/one_neuron: LIF v_reset_mV must be below v_th_mV"
"$cli" train --config "$tmp/does-not-exist.json" >/dev/null 2>"$tmp/missing.err"
check "a missing file exits 2" test $? -eq 2
check "a missing file is named" grep -q "does-not-exist.json" "$tmp/missing.err"

# Unknown keys are warnings, not errors.
printf '{%s, "mlp": {"samples_typo": 5, "data": {"samples": 300}}}' "$head" >"$tmp/warn.json"
"$cli" train --config "$tmp/warn.json" --epochs 1 --quiet 2>"$tmp/warn.err"
check "unknown keys do not stop a run" test $? -eq 0
check "unknown keys are named" grep -q "/mlp/samples_typo: unknown key ignored" "$tmp/warn.err"

# 3. spike: save, then load; the same spikes (a noisy cell, so the seed matters too).
s1=$("$cli" spike --scene one-neuron --i-ext 3 --noise-sd 0.5 --seed 4 --duration 500 \
    --save "$tmp/spike.json" --json | tail -n 1)
check "spike --save exits 0" test $? -eq 0
check "the saved lab is spiking" test "$(saved_field "$tmp/spike.json" /lab)" = spiking
s2=$("$cli" spike --config "$tmp/spike.json" --duration 500 --json | tail -n 1)
check "spike --config exits 0" test $? -eq 0
check "one-neuron: same spike count" test "$(json_field "$s1" spikes)" = "$(json_field "$s2" spikes)"
check "one-neuron: same seed" test "$(json_field "$s2" seed)" = 4
s3=$("$cli" spike --config "$tmp/spike.json" --seed 5 --duration 500 --json | tail -n 1)
check "--seed overrides the file's noise seed" \
    test "$(json_field "$s1" spikes)" != "$(json_field "$s3" spikes)" -o \
         "$(json_field "$s1" cv_isi)" != "$(json_field "$s3" cv_isi)"

# A network scene, smaller than the browser's: Brunel at scale 0.05.
n1=$("$cli" spike --scene brunel --g 4 --scale 0.05 --seed 3 --duration 200 \
    --save "$tmp/brunel.json" --json | tail -n 1)
n2=$("$cli" spike --config "$tmp/brunel.json" --duration 200 --json | tail -n 1)
check "brunel: same scene" test "$(json_field "$n2" scene)" = brunel
check "brunel: same spike count" test "$(json_field "$n1" spikes)" = "$(json_field "$n2" spikes)"
check "brunel: same neurons" test "$(json_field "$n1" neurons)" = "$(json_field "$n2" neurons)"

# Saved files open with their format and version, for whoever reads them.
check "saved files start with format and version" python3 -c '
import sys
text = open(sys.argv[1]).read()
sys.exit(0 if text.startswith("{\n  \"format\": \"dendrites-experiment\",\n  \"version\": 1,") else 1)' \
    "$tmp/brunel.json"

# spike without --scene or --config is still an error.
"$cli" spike --duration 10 >/dev/null 2>"$tmp/noscene.err"
check "spike needs --scene or --config" test $? -eq 2
check "the message names --scene" grep -q -- "--scene" "$tmp/noscene.err"

finish
