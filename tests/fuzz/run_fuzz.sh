#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time over its seed corpus, after replaying its kept crash reproducers.
# Usage: run_fuzz.sh BINARY FUZZ_DIR NAME   (FUZZ_SECONDS, default 45, bounds the fuzzing)
# New corpus entries go to a temporary folder (the tree stays clean). Whatever fails, the last lines say which input,
# how to replay it and where to keep it; the exit status is then non-zero.
set -uo pipefail
bin=$(realpath "$1") dir=$(realpath "$2") name=$3
seconds=${FUZZ_SECONDS:-45}
root=$(realpath "$dir/../..")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=$(realpath -m "$(dirname "$bin")/../../artifacts")
mkdir -p "$artifacts"
dict=()
[[ -f $dir/$name.dict ]] && dict=(-dict="$dir/$name.dict")
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$dir/lsan.supp:print_suppressions=0  # why: lsan.supp
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1
# -timeout: one input taking more than 10 s is a hang (the release build's fuzz-replay tests allow 0.5 s, 5 s for an
# experiment: ASan and UBSan slow the kernel checks 5-10x); -rss_limit_mb: one input using more than 2 GB is a finding.
limits=(-timeout=10 -rss_limit_mb=2048)

# How to replay FILE and where to keep it: the last lines of any failure.
advise() {
  local file=$1
  echo "  replay it:  $bin $file"
  echo "          or: $root/build/tests/replay_$name $file   (the release build)"
  echo "  keep it:    while the bug is open, in tests/fuzz/findings/$name/ with a line in tests/fuzz/findings/README.md;"
  echo "              once fixed, in tests/fuzz/crashes/$name/ with a line in tests/fuzz/crashes/README.md"
  echo "              (replayed by this script and by the fuzz-replay-$name tests in every build)"
}

# The kept reproducers, one at a time, so that one failing again is named.
if [[ -d $dir/crashes/$name ]]; then
  for file in "$dir"/crashes/"$name"/*; do
    [[ -f $file ]] || continue
    if ! timeout --signal=KILL 120 "$bin" "${limits[@]}" -artifact_prefix="$work/" "$file" > "$work/replay.log" 2>&1; then
      cat "$work/replay.log"
      echo "run_fuzz.sh: FAILED: the kept reproducer ${file#"$root"/} fails again (its report is above): a fixed bug"
      echo "  is back; tests/fuzz/crashes/README.md says what it was."
      advise "$file"
      exit 1
    fi
  done
fi

before="$work/before"
touch "$before"
status=0
timeout --signal=INT --kill-after=30 $((seconds + 120)) \
  "$bin" -max_total_time="$seconds" "${limits[@]}" -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$artifacts/$name-" "${dict[@]}" \
  "$work" "$dir/corpus/$name" || status=$?
(( status == 0 )) && exit 0

mapfile -t found < <(find "$artifacts" -maxdepth 1 -type f -name "$name-*" -newer "$before")
echo "run_fuzz.sh: FAILED: fuzz_$name ended with status $status after fuzzing (libFuzzer's report is above)."
if (( ${#found[@]} == 0 )); then
  echo "  no input was written: the run ended without a finding of libFuzzer's (killed at $((seconds + 120)) s by"
  echo "  timeout, or it could not start); rerun it to see."
  exit "$status"
fi
for file in "${found[@]}"; do
  kind=${file#"$artifacts/$name-"}
  case ${kind%%-*} in
    crash) what="a crash, undefined behaviour, a broken check or an exception other than tristage::Error" ;;
    leak) what="a memory leak" ;;
    timeout) what="an input running over 10 s" ;;
    oom) what="an input using over 2 GB" ;;
    *) what="libFuzzer's ${kind%%-*}" ;;
  esac
  echo "  the input:  $file ($what)"
  advise "$file"
done
exit "$status"
