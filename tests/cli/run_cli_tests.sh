#!/usr/bin/env bash
# Runs every tests/cli/test_*.sh against the dendrites-cli binary given as $1.
set -u
cli=${1:?usage: run_cli_tests.sh path/to/dendrites-cli}
here=$(cd "$(dirname "$0")" && pwd)
failed=0
for t in "$here"/test_*.sh; do
    if bash "$t" "$cli"; then echo "ok   $(basename "$t")"; else echo "FAIL $(basename "$t")"; failed=1; fi
done
exit $failed
