#!/usr/bin/env bash
# Determinism (docs/reliability.md): the same configuration, seed and thread count give byte-identical curves, for
# `tristage simulate` (flow, gd, sgd, Monte-Carlo test points, the Krylov engine) and `tristage verify`. Between
# thread counts (OpenBLAS and OpenMP at 1 and 2) the curves may differ in the last digits: that difference is
# measured and reported, and must stay below 1e-9 of the curves' scale.
# Usage: determinism_test.sh PATH/TO/tristage. One TAP line per check (tests/lib.sh); exit 1 if any failed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
threads() {  # threads N COMMAND...: run with N OpenBLAS and OpenMP threads
  local t=$1
  shift
  OPENBLAS_NUM_THREADS=$t OMP_NUM_THREADS=$t "$@"
}

# ---------------------------------------------------------------- simulate, twice per configuration
base=(--kernel exp --d 30 --n 400 --energies 0,1,1,1 --noise 0.5 --grid 15 --seeds 2 --seed 11)
twice() {  # twice LABEL THREADS ARGS...
  local label=$1 t=$2
  shift 2
  rm -rf a b
  threads "$t" "$BIN" simulate "$@" --out a >/dev/null 2>a.err
  local rc1=$?
  threads "$t" "$BIN" simulate "$@" --out b >/dev/null 2>b.err
  local rc2=$?
  if [[ $rc1 -ne 0 || $rc2 -ne 0 ]]; then
    report "simulate $label, $t thread(s), twice: both runs succeed" 1 "exit $rc1, $rc2: $(head -c 150 a.err)"
    return
  fi
  cmp -s a/curves.csv b/curves.csv
  report "simulate $label, $t thread(s), twice: byte-identical curves.csv" $? "$(wc -l <a/curves.csv) lines"
}
for t in 1 2; do
  twice "flow" $t "${base[@]}"
done
twice "gd" 2 "${base[@]}" --method gd
twice "sgd" 2 --kernel exp --d 30 --energies 0,1,1 --noise 0.5 --grid 9 --seeds 2 --seed 3 --method sgd --sgd-steps 400 --n 400
twice "--test both (Monte-Carlo test points)" 2 "${base[@]}" --test both --mc-points 2000
if "$BIN" simulate --help 2>/dev/null | grep -q -- '--engine'; then
  twice "--engine krylov" 2 "${base[@]}" --engine krylov
fi

# Between thread counts: measured, reported, bounded.
rm -rf t1 t2
threads 1 "$BIN" simulate "${base[@]}" --out t1 >/dev/null 2>&1
threads 2 "$BIN" simulate "${base[@]}" --out t2 >/dev/null 2>&1
detail=$("$PY" - <<'PY'
import csv, sys
a = list(csv.DictReader(open("t1/curves.csv")))
b = list(csv.DictReader(open("t2/curves.csv")))
scale = max(abs(float(r[c])) for r in a for c in ("train", "test", "oracle"))
worst, where = 0.0, ""
for r, s in zip(a, b):
    for k in r:
        if r[k] and s[k] and abs(float(r[k]) - float(s[k])) > worst:
            worst, where = abs(float(r[k]) - float(s[k])), k
same = open("t1/curves.csv").read() == open("t2/curves.csv").read()
print("%s; largest difference %.3g (in %s), %.2g of the curves' scale %.3g" % (
    "byte-identical" if same else "not byte-identical", worst, where or "-", worst / scale, scale))
sys.exit(0 if worst <= 1e-9 * scale else 1)
PY
)
report "simulate, 1 against 2 threads: the same up to rounding (reported, not required to be identical)" $? "$detail"

# ---------------------------------------------------------------- verify, twice
cat >small.toml <<'TOML'
[experiment]
name = "det"
kernels = ["exp", "relu-ntk"]
alpha = 1.5
d = [10, 20]
seeds = 2
seed = 7
energies = [0, 1, 1]
noise = 0.5
[time]
points = 9
TOML
for t in 1 2; do
  rm -rf v1 v2
  threads $t "$BIN" verify small.toml --out v1 >v1.out 2>v1.err
  rc1=$?
  threads $t "$BIN" verify small.toml --out v2 >v2.out 2>v2.err
  rc2=$?
  if [[ $rc1 -gt 1 || $rc2 -gt 1 ]]; then
    report "verify, $t thread(s), twice: both runs finish (exit 0 or 1)" 1 "exit $rc1, $rc2: $(head -c 150 v1.err)"
    continue
  fi
  report "verify, $t thread(s), twice: the same exit code" $(( rc1 != rc2 )) "exit $rc1"
  curves=$(cd v1 && ls curves/*.csv 2>/dev/null | wc -l)
  differ=""
  for f in $(cd v1 && ls curves/*.csv); do cmp -s "v1/$f" "v2/$f" || differ+=" $f"; done
  report "verify, $t thread(s), twice: byte-identical curves/*.csv" $(( curves == 0 || ${#differ} > 0 )) \
    "$curves files${differ:+; differ:$differ}"
  # The verdict table, without the line that reports the folder and the time taken.
  cmp -s <(grep -v 'results in' v1.out) <(grep -v 'results in' v2.out)
  report "verify, $t thread(s), twice: the same verdict table" $?
done

finish
