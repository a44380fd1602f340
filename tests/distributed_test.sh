#!/usr/bin/env bash
# The distributed engine under `mpirun -np 2` against the Krylov engine on one process, through the CLI: the same
# train, test and oracle curves within 1e-9 of each curve's scale (n = 3000 and 12000, exp and relu-ntk); the same
# numbers on 1 and on 2 ranks up to the order of the reductions; one error line for a bad MPI environment.
# Usage: distributed_test.sh PATH/TO/tristage.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
command -v mpirun >/dev/null || skip_all "mpirun is not installed (scripts/setup.sh installs openmpi-bin)"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1  # CI runs as root
export OMP_NUM_THREADS=1  # two ranks on two cores: one thread each
# Open MPI's hwloc prints "failed to find sysfs cpu topology" when /sys is not mounted (a chroot, such as
# ../shared/tools/fresh-root-run's); it is the machine's, not tristage's, and would be taken for extra error lines.
export HWLOC_HIDE_ERRORS=2
REAL=$BIN
# mpirun with P ranks around the binary, as a user runs it (-q: mpirun's own banners off, tristage's line stays).
# Ranks that disagree (a reduction missing on one) wait for each other forever: 120 s (the longest run here takes
# 25 s) turns that into a failed check instead of a hung test.
ranks() {
  printf '#!/bin/sh\nexec timeout 120 mpirun -q --oversubscribe -np %s "%s" "$@"\n' "$1" "$REAL" > "$TMP/mpi$1"
  chmod +x "$TMP/mpi$1"
  echo "$TMP/mpi$1"
}
MPI1=$(ranks 1) MPI2=$(ranks 2) MPI3=$(ranks 3)

# 1e-9 of each curve's scale: the issue's target. Both engines stop when no curve moves by more than 1e-10
# (--krylov-tol), and their bases see K x and M Q rounded differently (the sums are split among ranks, the Gram
# entries come from GEMM on row blocks instead of one SYRK). Train and oracle are held to 1e-9 (measured 1e-13 and 0).
# The test error ||f_*||^2 - 2 b^T a + a^T M a has a rounding floor, eps ||a||^2 lambda_max(M) (numeric.md 5b),
# that each engine meets when its changes stop falling; it then reports the change it reached (run.json
# krylov_relative_change, relative to the test curve's scale), its last step, an estimate of that floor and not a
# bound. Two curves rounded independently lie up to about two floors apart, so the test curve is held to 1e-9 or,
# where an engine stopped at its floor, to 4 times the larger reported change (measured over 8 runs: distance /
# larger change 0.75 to 3.0; exp at n = 12000 stops at 7.3e-9 and 7.6e-9 with the curves 5.7e-9 apart).
change() { sed -n 's/.*"krylov_relative_change": \([^,]*\),*/\1/p' "$1/run.json" | sort -g | tail -1; }
for kernel in exp relu-ntk; do
  for size in 3000 12000; do
    args=(--kernel "$kernel" --d 60 --n "$size" --energies 0.5,1,1,0.5 --noise 0.2 --grid 15 --seeds 1)
    "$REAL" simulate "${args[@]}" --engine krylov --out "k-$kernel-$size" 2>/dev/null
    "$MPI2" simulate "${args[@]}" --engine distributed --out "d-$kernel-$size" 2>/dev/null
    floor=$(awk -v a="$(change "k-$kernel-$size")" -v b="$(change "d-$kernel-$size")" \
      'BEGIN { f = 4 * (a > b ? a : b); printf "%.3g", (f > 1e-9 ? f : 1e-9) }')
    for col in train test oracle; do
      dist=$(distance "k-$kernel-$size/curves.csv" "d-$kernel-$size/curves.csv" $col)
      bound=1e-9
      if [[ $col == test ]]; then bound=$floor; fi
      check "$kernel, n = $size: distributed (2 ranks) and krylov $col curves within $bound ($dist)" below "$dist" $bound
    done
  done
done
check "run.json names the engine and its ranks" bash -c "grep -q '\"engine\": \"distributed\"' d-exp-3000/run.json &&
  grep -q '\"processes\": 2' d-exp-3000/run.json"

# P = 1 and P = 2: only the order of the reductions (and the tiles of M) differs, so the basis sizes are equal and
# the curves agree to rounding. The training error shows it directly (1e-12: a few hundred roundings of 1e-16).
# The test error ||f_*||^2 - 2 b^T a + a^T M a amplifies a's rounding by M's top eigenvalue (~ n xi_0^2, the same
# cancellation as numeric.md 5b's floor; measured 3e-11 here), so it is held to the engine's stopping tolerance
# 1e-10, the finest level at which the engine vouches for any curve.
args=(--kernel exp --d 30 --n 1500 --energies 1,1,1 --noise 0.1 --grid 12 --seeds 2)
"$MPI1" simulate "${args[@]}" --engine distributed --out p1 2>/dev/null
"$MPI2" simulate "${args[@]}" --engine distributed --out p2 2>/dev/null
dist=$(distance p1/curves.csv p2/curves.csv train)
check "1 and 2 ranks give the same train curve to 1e-12 ($dist)" below "$dist" 1e-12
dist=$(distance p1/curves.csv p2/curves.csv test)
check "1 and 2 ranks give the same test curve to 1e-10 ($dist)" below "$dist" 1e-10
check "1 and 2 ranks use the same basis sizes" bash -c "diff <(grep '\"krylov_basis\"' p1/run.json) <(grep '\"krylov_basis\"' p2/run.json)"
check "the same seed on 2 ranks gives byte-identical curves" bash -c "'$MPI2' simulate ${args[*]} --engine distributed \
  --out p2again 2>/dev/null && cmp -s p2/curves.csv p2again/curves.csv"

# verify: the whole default sweep on 2 ranks gives the Krylov engine's verdict table (its numbers are printed to
# 3 significant digits, far above the engines' 1e-9 agreement) and exit code; rank 0 alone writes.
"$MPI2" verify --engine distributed --out vd > vd.txt 2>/dev/null
rc_d=$?
"$REAL" verify --engine krylov --out vk > vk.txt 2>/dev/null
rc_k=$?
check "verify on 2 ranks: the same verdicts and exit code ($rc_d) as the Krylov engine ($rc_k)" bash -c "[[ $rc_d == $rc_k ]] &&
  diff <(sed 's/results in vd (.*//' vd.txt) <(sed 's/results in vk (.*//' vk.txt)"
check "verify on 2 ranks writes one report" test -f vd/report.md

# A bad MPI environment: one error line, a documented exit code, nothing written.
bad 2 "runs under MPI: start it as 'mpirun -np P" "the distributed engine without mpirun" \
  simulate --kernel exp --d 30 --n 500 --energies 1 --engine distributed --out out
BIN=$MPI3
bad 4 "3 MPI ranks for n = 2 points.*at most 2 ranks" "more ranks than points" \
  simulate --kernel exp --d 3 --n 2 --energies 1 --engine distributed --out out
BIN=$MPI2
bad 4 "distributed engine needs about .* GB per rank on 2 ranks.*available per rank.*fits on about [0-9]+ ranks" \
  "too little memory per rank" simulate --kernel exp --d 40 --n 2000000 --energies 1 --engine distributed --out out
bad 2 "--resume does not run with --engine distributed" "verify --resume with the distributed engine" \
  verify --engine distributed --resume --out vr
mkdir -p taken
bad 5 "'taken' exists" "an existing output folder, checked by rank 0 for all" \
  simulate --kernel exp --d 30 --n 500 --energies 1 --engine distributed --out taken
BIN=$REAL

finish
