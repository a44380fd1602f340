#!/usr/bin/env bash
# The deterministic equivalent against what it replaces (issue 11), in one run: build/bench/equivalent_bench (a whole
# curve of 121 times; median of 5) and one seed of `tristage simulate --engine dense` at the same (n, d), exact test
# error, 121 times, no diagnostics (its compute seconds from run.json), with the ratio simulation / equivalent.
# Targets: the equivalent under 50 ms at d = 400 and under 1 s at d = 10^6 (where no simulation is possible).
# Usage: bench/equivalent_vs_simulation.sh [d ...]   (simulations at alpha = 1.5; default 100 400)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tristage=$root/build/cli/tristage bench=$root/build/bench/equivalent_bench
[[ -x $tristage && -x $bench ]] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
((${#@})) || set -- 100 400

"$bench" 5 | tee "$work/equivalent.txt"
echo
printf '%6s %6s | %14s %14s | %9s\n' d n 'equivalent ms' 'dense seed ms' ratio
for d in "$@"; do
  "$tristage" simulate --kernel exp --d "$d" --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --engine dense --grid 121 \
    --no-diagnostics --out "$work/sim$d" 2>/dev/null
  sim=$(/usr/bin/python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(r['configuration']['n'], \
sum(r['replicates'][0]['seconds'].values()))" "$work/sim$d/run.json")
  read -r n seconds <<<"$sim"
  eq=$(awk -v d="$d" '$1 == "exp" && $2 == d && $3 == 1.5 {print $6}' "$work/equivalent.txt")
  [[ -n $eq ]] || { eq=$("$bench" 5 | awk -v d="$d" '$1 == "exp" && $2 == d {print $6}'); }
  awk -v d="$d" -v n="$n" -v e="$eq" -v s="$seconds" \
    'BEGIN { printf "%6d %6d | %14.2f %14.0f | %9.0f\n", d, n, e, 1e3 * s, 1e3 * s / e }'
done
