#!/usr/bin/env bash
# Installs what is missing (with the test tools), builds, and runs every test.
# The last line is "N passed, N failed"; the exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-tests || { echo "setup or build failed"; echo "0 passed, 1 failed"; exit 1; }
meson test -C build --print-errorlogs --num-processes 2
status=$?
log=build/meson-logs/testlog.json
passed=$(grep -c '"result": "OK"' "$log" 2>/dev/null || true)
failed=$(grep -cE '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log" 2>/dev/null || true)
if [[ $status -ne 0 && ${failed:-0} -eq 0 ]]; then failed=1; fi
echo "${passed:-0} passed, ${failed:-0} failed"
[[ $status -eq 0 && ${failed:-0} -eq 0 ]]
