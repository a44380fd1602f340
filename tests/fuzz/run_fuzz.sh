#!/usr/bin/env bash
# Runs one libFuzzer target for a bounded time over its seed corpus and its kept crash reproducers.
# Usage: run_fuzz.sh BINARY FUZZ_DIR NAME   (FUZZ_SECONDS, default 45, bounds the run)
# New corpus entries go to a temporary folder (the tree stays clean); a crash is written to
# build-fuzz/artifacts/NAME-crash-*, to be kept in tests/fuzz/crashes/NAME/ once it is fixed.
set -euo pipefail
bin=$1 dir=$2 name=$3
seconds=${FUZZ_SECONDS:-45}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=$(dirname "$bin")/../../artifacts
mkdir -p "$artifacts"
dict=()
[[ -f $dir/$name.dict ]] && dict=(-dict="$dir/$name.dict")
# The kept crash reproducers are replayed with the seeds: each must now pass.
inputs=("$dir/corpus/$name")
[[ -d $dir/crashes/$name ]] && inputs+=("$dir/crashes/$name")
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$dir/lsan.supp:print_suppressions=0  # why: lsan.supp
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1
# -timeout: one input taking more than 10 s is a hang (1-2 s in the release build: ASan and UBSan slow the kernel
# check 5-10x); -rss_limit_mb: one input using more than 2 GB is a finding too.
timeout --signal=INT --kill-after=30 $((seconds + 120)) \
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$(realpath "$artifacts")/$name-" "${dict[@]}" \
  "$work" "${inputs[@]}"
