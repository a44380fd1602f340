#!/usr/bin/env bash
# The distributed engine against the Krylov engine it splits (issue 13), in one run: wall time and peak resident
# memory of `tristage simulate` with the Krylov engine on one process, and with the distributed engine on 1 and 2
# MPI ranks (per rank: GNU time's maximum resident set of mpirun's children is the largest rank's), with the ratios
# to the Krylov run. One seed, exact test error, one OpenMP/BLAS thread per process so that P ranks use P cores.
# Usage: bench/distributed_vs_krylov.sh [n ...]   (default 3000 12000; exp kernel, d = 60)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tristage=$root/build/cli/tristage
[[ -x $tristage ]] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
command -v mpirun >/dev/null || { echo "mpirun is missing: bash scripts/setup.sh installs openmpi-bin" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "GNU time is missing: bash scripts/setup.sh --with-bench" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
((${#@})) || set -- 3000 12000

measure() {  # label command...: prints "seconds peak_MB"
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" >/dev/null 2>&1
  awk '{ printf "%.1f %.0f\n", $1, $2 / 1024 }' "$work/$label.time"
}
printf '%6s | %-22s %8s %10s | %8s %8s\n' n run seconds 'peak MB' 'time x' 'memory x'
for n in "$@"; do
  args=(simulate --kernel exp --d 60 --n "$n" --energies 0.5,1,1,0.5 --noise 0.2 --grid 15 --seeds 1 --no-diagnostics)
  read -r ks km < <(measure "k$n" "$tristage" "${args[@]}" --engine krylov --out "$work/k$n")
  printf '%6d | %-22s %8.1f %10.0f | %8s %8s\n' "$n" "krylov, 1 process" "$ks" "$km" 1 1
  for p in 1 2; do
    read -r ds dm < <(measure "d$n-$p" mpirun -q --oversubscribe -np "$p" "$tristage" "${args[@]}" \
      --engine distributed --out "$work/d$n-$p")
    printf '%6d | %-22s %8.1f %10.0f | %8.2f %8.2f\n' "$n" "distributed, $p rank(s)" "$ds" "$dm" \
      "$(awk -v a="$ds" -v b="$ks" 'BEGIN { print a / b }')" "$(awk -v a="$dm" -v b="$km" 'BEGIN { print a / b }')"
  done
done
