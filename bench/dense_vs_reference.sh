#!/usr/bin/env bash
# Benchmark of the dense engine (issue 3), in one run:
#   - tristage simulate (flow, exact test error, no diagnostics) on points and noise from files,
#   - the bare LAPACK dsyevd of the same kernel matrix (bench/bare_eig),
#   - the numpy reference bench/reference.py on the same inputs,
# reporting total(tristage)/dsyevd (target <= 1.25), total(tristage)/total(numpy) (target < 1), the largest relative
# difference between the two implementations' curves (target 1e-9) and tristage's peak memory against 3.5 n^2
# doubles. Usage: bench/dense_vs_reference.sh [n ...]   (default 2000 4000 8000; alpha = 1.5, d = n^(2/3))
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tristage=$root/build/cli/tristage
bare=$root/build/bench/bare_eig
python=/usr/bin/python3
for tool in "$tristage" "$bare"; do [[ -x $tool ]] || { echo "build first: bash scripts/setup.sh" >&2; exit 2; }; done
$python -c 'import numpy' 2>/dev/null || { echo "needs Debian's python3-numpy: bash scripts/setup.sh --with-bench" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time: bash scripts/setup.sh --with-bench" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sizes=("$@")
((${#sizes[@]})) || sizes=(2000 4000 8000)
kernel=exp energies=0,1,1,1 noise=0.5

printf '%6s %4s | %9s %9s %9s | %7s %7s | %9s | %8s %8s\n' n d tristage dsyevd numpy 'tri/eig' 'tri/np' 'max rel' 'peak GB' '3.5n^2'
for n in "${sizes[@]}"; do
  d=$($python -c "print(round($n ** (2/3)))")
  $python "$root/bench/make_inputs.py" "$n" "$d" "$work"
  rm -rf "$work/out"
  /usr/bin/time -f '%M' -o "$work/rss" "$tristage" simulate --engine dense --kernel $kernel --d "$d" --points "$work/points.csv" \
    --noise-file "$work/noise.csv" --energies $energies --noise $noise --test exact --no-diagnostics \
    --out "$work/out" 2>/dev/null
  ref=$($python "$root/bench/reference.py" --kernel $kernel --points "$work/points.csv" --noise "$work/noise.csv" \
    --run "$work/out/run.json" --energies $energies --out "$work/ref.csv")
  eig=$("$bare" $kernel "$work/points.csv")
  $python - "$work" "$n" "$d" "$ref" "$eig" <<'PY'
import sys, json, csv
work, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
ref, eig = json.loads(sys.argv[4]), json.loads(sys.argv[5])
run = json.load(open(f"{work}/out/run.json"))
rep = run["replicates"][0]["seconds"]
# tristage's own work, without reading the input files (numpy's time excludes them too)
tri = run["seconds_compute"] if "seconds_compute" in run else rep["kernel"] + rep["engine"] + rep["observables"]
a = list(csv.DictReader(open(f"{work}/out/curves.csv")))
b = list(csv.DictReader(open(f"{work}/ref.csv")))
worst = 0.0
for x, y in zip(a, b):
    for col in ("train", "test", "oracle"):
        u, v = float(x[col]), float(y[col])
        worst = max(worst, abs(u - v) / max(abs(v), 1e-300))
peak = int(open(f"{work}/rss").read().split()[-1]) * 1024 / 1e9
print(f"{n:6d} {d:4d} | {tri:9.2f} {eig['seconds_dsyevd']:9.2f} {ref['seconds_total']:9.2f} | "
      f"{tri / eig['seconds_dsyevd']:7.3f} {tri / ref['seconds_total']:7.3f} | {worst:9.2e} | {peak:8.2f} {3.5 * n * n * 8 / 1e9:8.2f}")
print(f"       tristage: K {rep['kernel']:.2f} s, engine {rep['engine']:.2f} s, "
      f"observables {rep['observables']:.2f} s; numpy eigh {ref['seconds_eigh']:.2f} s")
PY
done
