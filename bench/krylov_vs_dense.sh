#!/usr/bin/env bash
# Benchmark of the Krylov engine (issue 5), in one run, on identical inputs (points and noise from files):
#   - tristage simulate --engine krylov and --engine dense (flow, exact test error, no diagnostics),
#   - the numpy reference bench/reference.py (numpy.linalg.eigh, the way existing tools compute these curves),
# reporting compute times (sampling, K, engine, curves; reading the input files excluded for all three), the ratios
# dense/krylov (target >= 10 at n = 8000, >= 30 at n = 16000) and numpy/krylov, the largest difference between
# the Krylov and dense curves relative to each curve's largest value (target 1e-9), the Krylov basis size and
# both engines' peak memory. Then one Krylov run at each --big size (sampled by tristage: writing the points
# would take longer than the run) with its wall time (target < 15 min at n = 40000) and peak memory.
# Usage: bench/krylov_vs_dense.sh [--big N] [n ...]   (default 4000 8000 16000 and --big 40000; d = n^(2/3))
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tristage=$root/build/cli/tristage
python=/usr/bin/python3
[[ -x $tristage ]] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }
$python -c 'import numpy' 2>/dev/null || { echo "needs Debian's python3-numpy: bash scripts/setup.sh --with-bench" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: bash scripts/setup.sh --with-bench" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=() big=()
while (($#)); do
  case $1 in
    --big) big+=("$2"); shift 2 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
((${#sizes[@]} + ${#big[@]})) || { sizes=(4000 8000 16000); big=(40000); }
kernel=exp energies=0,1,1,1 noise=0.5
common=(--kernel $kernel --energies $energies --noise $noise --test exact --no-diagnostics --grid 61)

printf '%6s %4s | %8s %8s %8s | %7s %7s | %9s %5s | %7s %7s\n' n d krylov dense numpy 'den/kry' 'np/kry' \
  'max diff' basis 'kry GB' 'den GB'
for n in "${sizes[@]}"; do
  d=$($python -c "print(round($n ** (2/3)))")
  $python "$root/bench/make_inputs.py" "$n" "$d" "$work"
  for engine in krylov dense; do
    rm -rf "$work/$engine"
    /usr/bin/time -f '%M' -o "$work/$engine.rss" "$tristage" simulate "${common[@]}" --d "$d" \
      --points "$work/points.csv" --noise-file "$work/noise.csv" --engine $engine --out "$work/$engine" 2>/dev/null
  done
  ref=$($python "$root/bench/reference.py" --kernel $kernel --points "$work/points.csv" --noise "$work/noise.csv" \
    --run "$work/dense/run.json" --energies $energies --out "$work/ref.csv")
  $python - "$work" "$n" "$d" "$ref" <<'PY'
import sys, json, csv
work, n, d, ref = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])
def load(engine):
    run = json.load(open(f"{work}/{engine}/run.json"))
    rep = run["replicates"][0]
    s = rep["seconds"]
    rss = int(open(f"{work}/{engine}.rss").read().split()[-1]) * 1024 / 1e9
    return run, rep, s["kernel"] + s["engine"] + s["observables"], rss, list(csv.DictReader(open(f"{work}/{engine}/curves.csv")))
_, kry, tk, rk, ck = load("krylov")
_, den, td, rd, cd = load("dense")
worst = 0.0
for col in ("train", "test"):
    u = [float(r[col]) for r in ck]
    v = [float(r[col]) for r in cd]
    worst = max(worst, max(abs(a - b) for a, b in zip(u, v)) / max(abs(b) for b in v))
print(f"{n:6d} {d:4d} | {tk:8.2f} {td:8.2f} {ref['seconds_total']:8.2f} | {td / tk:7.1f} {ref['seconds_total'] / tk:7.1f} | "
      f"{worst:9.2e} {kry['krylov_basis']:5d} | {rk:7.2f} {rd:7.2f}")
print(f"       krylov: K and M {kry['seconds']['kernel']:.2f} s, Lanczos and curves {kry['seconds']['engine']:.2f} s "
      f"(change {kry['krylov_relative_change']:.1e}); dense: K {den['seconds']['kernel']:.2f} s, "
      f"decomposition and curves {den['seconds']['engine']:.2f} s, M and test error {den['seconds']['observables']:.2f} s")
PY
done
for n in "${big[@]}"; do
  d=$($python -c "print(round($n ** (2/3)))")
  rm -rf "$work/big"
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/big.rss" "$tristage" simulate "${common[@]}" --d "$d" --n "$n" --engine krylov \
    --out "$work/big" 2>/dev/null
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  $python - "$work" "$n" "$d" "$wall" <<'PY'
import sys, json
work, n, d, wall = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
run = json.load(open(f"{work}/big/run.json"))
rep = run["replicates"][0]
rss = int(open(f"{work}/big.rss").read().split()[-1]) * 1024 / 1e9
bad = [r for r in open(f"{work}/big/curves.csv").read().split() if "nan" in r or "inf" in r]
print(f"{n:6d} {d:4d} | krylov only: wall {wall:.0f} s (K and M {rep['seconds']['kernel']:.0f} s, Lanczos and "
      f"curves {rep['seconds']['engine']:.0f} s), basis {rep['krylov_basis']}, change {rep['krylov_relative_change']:.1e}, "
      f"peak {rss:.2f} GB (planned {run['engine']['planned_peak_bytes'] / 1e9:.2f})"
      f"{'; NaN or inf in the curves!' if bad else ''}")
PY
done
