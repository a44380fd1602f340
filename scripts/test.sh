#!/usr/bin/env bash
# Installs what is missing (with the test tools), builds, and runs every test, in three stages:
#   release    the whole suite in build/ (the release build)
#   sanitizers the unit tests and the fuzz replays under AddressSanitizer + UBSan + LeakSanitizer (build-asan/, g++)
#   fuzz       each libFuzzer target for FUZZ_SECONDS seconds (default 45) over its corpus (build-fuzz/, clang)
# docs/reliability.md (Sanitizers and fuzzing) says what the last two check. The last line is "N passed, N failed"; the exit
# status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
bash scripts/setup.sh --with-tests || { echo "setup or build failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0 failed=0
sanitizer_targets=(tests/unit_tests tests/replay_expression tests/replay_experiment tests/replay_points)
fuzz_targets=(tests/fuzz/fuzz_expression tests/fuzz/fuzz_experiment tests/fuzz/fuzz_points)

# Adds one meson test run to the totals. A run that failed with no failed test counted (it could not start, or a
# test crashed the runner) counts as one failure, so that no failure is ever lost.
count() {  # count DIR STATUS STAGE
  local log=$1/meson-logs/testlog.json p f
  p=$(grep -c '"result": "OK"' "$log" 2>/dev/null || true)
  f=$(grep -cE '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log" 2>/dev/null || true)
  p=${p:-0} f=${f:-0}
  if [[ $2 -ne 0 && $f -eq 0 ]]; then f=1; fi
  echo "$3: $p passed, $f failed"
  passed=$((passed + p)) failed=$((failed + f))
}

# Configures DIR once with the given meson options (and CC/CXX from the environment), then builds the targets.
build() {  # build DIR "MESON OPTIONS" TARGET...
  local dir=$1 options=$2
  shift 2
  if [[ ! -f $dir/build.ninja ]]; then
    # shellcheck disable=SC2086  # the options are words
    meson setup "$dir" $options > "$dir-setup.log" 2>&1 || { cat "$dir-setup.log" >&2; rm -f "$dir-setup.log"; return 1; }
    rm -f "$dir-setup.log"
  fi
  ninja -C "$dir" -j 2 "$@" >&2
}

release_stage() {
  rm -f build/meson-logs/testlog.json
  meson test -C build --print-errorlogs --num-processes 2
  count build $? release
}

sanitizer_stage() {
  local dir=build-asan names
  rm -f $dir/meson-logs/testlog.json
  if ! build $dir "--buildtype=debugoptimized -Db_sanitize=address,undefined -Dcpp_args=-fno-omit-frame-pointer" \
      "${sanitizer_targets[@]}"; then
    echo "sanitizers: the build in $dir failed"; count $dir 1 sanitizers; return
  fi
  # Only the unit suites and the fuzz replays: the CLI scripts would need an instrumented tristage too.
  mapfile -t names < <(meson test -C $dir --list --no-rebuild 2>/dev/null | grep -E '^(unit-|fuzz-replay-)')
  if ((${#names[@]} == 0)); then echo "sanitizers: no unit test found in $dir"; count $dir 1 sanitizers; return; fi
  # Any report fails the test: UBSan halts on its first error; leaks are checked at exit (lsan.supp says why two
  # libraries' leaks are not ours); stack use after return and init order are checked too.
  ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0 \
    meson test -C $dir --no-rebuild --print-errorlogs --num-processes 2 "${names[@]}"
  count $dir $? sanitizers
}

fuzz_stage() {
  local dir=build-fuzz
  rm -f $dir/meson-logs/testlog.json
  if ! CC=clang CXX=clang++ build $dir "--buildtype=debugoptimized -Dfuzz=true" "${fuzz_targets[@]}"; then
    echo "fuzz: the build in $dir failed"; count $dir 1 fuzz; return
  fi
  meson test -C $dir --no-rebuild --print-errorlogs --num-processes 2 --suite fuzz
  count $dir $? fuzz
}

release_stage
sanitizer_stage
fuzz_stage
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
