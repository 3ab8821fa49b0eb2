#!/usr/bin/env bash
# dendrites-cli train: the reference experiment, its JSON line, and clear errors for bad input.
set -u
cli=${1:?usage: test_train.sh path/to/dendrites-cli}
source "$(dirname "$0")/lib.sh"

reference=(train --r 4 --samples 10000 --x0 0.2 --layers 1,30,1 --activation sigmoid
           --optimizer rmsprop --lr 0.001 --batch 16 --epochs 25)

# The reference command, seeds 1 to 5: median test MSE 2e-3 or better (PyTorch: 1.7e-3).
mses=()
for seed in 1 2 3 4 5; do
    out=$("$cli" "${reference[@]}" --seed "$seed" --json)
    check "one line per epoch plus JSON (seed $seed)" test "$(wc -l <<<"$out")" -eq 26
    json=$(tail -n 1 <<<"$out")
    for key in train_mse test_mse epochs steps seconds samples_per_second seed; do
        check "JSON has $key" python3 -c 'import json,sys; assert sys.argv[2] in json.loads(sys.argv[1])' \
            "$json" "$key"
    done
    check "25 epochs" test "$(json_field "$json" epochs)" -eq 25
    check "625 steps per epoch" test "$(json_field "$json" steps)" -eq 15625
    mses+=("$(json_field "$json" test_mse)")
done
median=$(printf '%s\n' "${mses[@]}" | sort -g | sed -n 3p)
echo "  reference test_mse over seeds 1-5: ${mses[*]} (median $median)"
check "median test_mse <= 2e-3" float_between "$median" 0 2e-3

# Same seed, same result.
a=$("$cli" train --samples 500 --epochs 2 --seed 9 --json --quiet | python3 -c 'import json,sys; print(json.load(sys.stdin)["test_mse"])')
b=$("$cli" train --samples 500 --epochs 2 --seed 9 --json --quiet | python3 -c 'import json,sys; print(json.load(sys.stdin)["test_mse"])')
check "same seed, same test_mse" test "$a" = "$b"

# Bad input: exit code 2 and a message that names the flag.
bad() {  # bad FLAG-NAME ARGS...
    local flag=$1; shift
    local err code
    err=$("$cli" train "$@" 2>&1 >/dev/null); code=$?
    check "exit code 2 for: $*" test "$code" -eq 2
    check "message names $flag for: $*" grep -q -- "$flag" <<<"$err"
}
bad --lr --lr -0.1
bad --batch --batch 0
bad --activation --activation softmax
bad --r --r 4.5
bad --r --r -1
bad --layers --layers 2,30,1
bad --layers --layers 1,30,3
bad --layers --layers 1,x,1
bad --optimizer --optimizer lbfgs
bad --epochs --epochs 0
bad --samples --samples 1
bad --unknown-flag --unknown-flag 3
finish
