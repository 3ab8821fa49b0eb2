# Helpers for the CLI test scripts: sourced, not run.
fails=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
    local what=$1; shift
    if "$@"; then :; else echo "  failed: $what" >&2; fails=$((fails + 1)); fi
}
json_field() {  # json_field JSON_LINE KEY: print a numeric field of a one-line JSON object
    python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"
}
float_between() {  # float_between VALUE LO HI
    python3 -c 'import sys; v,lo,hi=map(float,sys.argv[1:]); sys.exit(0 if lo <= v <= hi else 1)' "$@"
}
finish() { [[ $fails -eq 0 ]]; }
