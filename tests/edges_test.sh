#!/usr/bin/env bash
# Numerical edges (docs/reliability.md): d = 3 and d = 10^4, degrees up to 50, alpha at or near an integer,
# sigma^2 = 0, the largest time (t = d^40; there is no t = infinity), and kernels whose xi span a huge range. Every
# output must be free of nan and inf, and the values sensible: xi >= 0 for positive-definite kernels, the series'
# error bound honest against the Bessel closed form for exp, errors >= 0 and no larger than at t = 0.
# Usage: edges_test.sh PATH/TO/tristage. One TAP line per check (tests/lib.sh); exit 1 if any failed. Cases that
# need a change in a file this test's author does not own are marked TODO (reported, not counted as failures).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"

# Every number in a JSON document is finite (Python's json reads NaN and Infinity), and no string says nan or inf.
cat >finite_json.py <<'PY'
import json, math, sys
bad = []
def walk(x, path):
    if isinstance(x, dict):
        for k, v in x.items(): walk(v, path + "." + k)
    elif isinstance(x, list):
        for i, v in enumerate(x): walk(v, "%s[%d]" % (path, i))
    elif isinstance(x, float) and not math.isfinite(x): bad.append(path)
    elif isinstance(x, str) and x.strip().lower() in ("nan", "-nan", "inf", "-inf", "infinity"): bad.append(path)
walk(json.load(open(sys.argv[1])), "")
print(" ".join(bad[:5]))
sys.exit(1 if bad else 0)
PY

# ---------------------------------------------------------------- coeffs: d = 3 and 10^4, k up to 50
# Positive-definite kernels: every xi_{d,k} >= -error bound, the error bound finite; arccos1 has xi_{d,k} = 0 for odd
# k >= 3 exactly.
cat >xi_check.py <<'PY'
import json, math, sys
j = json.load(open(sys.argv[1]))
cs = j["coefficients"]
problems = []
if len(cs) != 51: problems.append("%d rows, not 51" % len(cs))
for c in cs:
    xi, eb = c.get("xi"), c.get("xi_error_bound")
    if not isinstance(xi, (int, float)) or not math.isfinite(xi): problems.append("k=%d xi=%r" % (c["k"], xi)); continue
    if not isinstance(eb, (int, float)) or not math.isfinite(eb) or eb < 0: problems.append("k=%d bound=%r" % (c["k"], eb))
    elif xi < -eb: problems.append("k=%d xi=%g < 0" % (c["k"], xi))
    if sys.argv[2] == "arccos1" and c["k"] >= 3 and c["k"] % 2 and xi != 0: problems.append("k=%d xi=%g != 0" % (c["k"], xi))
print("; ".join(problems[:4]) or "min xi %.3g, statuses %s" % (min(c["xi"] for c in cs), ",".join(sorted(set(c["xi_status"] for c in cs)))))
sys.exit(1 if problems else 0)
PY
for kernel in exp relu-ntk arccos1 '1/(1.01-u)' 'exp(10*u)'; do
  for d in 3 10000; do
    timeout 120 "$BIN" coeffs --kernel "$kernel" --d $d --kmax 50 --order 0 --format json >c.json 2>c.err
    rc=$?
    detail=$("$PY" finite_json.py c.json)
    report "coeffs --kernel '$kernel' --d $d --kmax 50: exit 0, no nan or inf" $(( rc != 0 || $? != 0 )) "exit $rc $detail"
    detail=$("$PY" xi_check.py c.json "$kernel")
    report "coeffs --kernel '$kernel' --d $d --kmax 50: xi >= 0 within its bound, bounds finite" $? "$detail"
  done
done

# exp: the Bessel closed form xi_{d,k} = Gamma(d/2) 2^{d/2-1} I_{k+d/2-1}(1) (THEORY.md 2) at 50 digits; the proven
# bound must cover the true error, and every degree must be summed by the series (not left to quadrature).
MP=""
for candidate in /usr/bin/python3 "$(command -v python3)"; do
  if [[ -n $candidate ]] && "$candidate" -c 'import mpmath' 2>/dev/null; then MP=$candidate; break; fi
done
if [[ -n $MP ]]; then
  cat >bessel.py <<'PY'
import json, sys, mpmath
mpmath.mp.dps = 50
d = int(sys.argv[2])
cs = json.load(open(sys.argv[1]))["coefficients"]
worst, problems = 0.0, []
for c in cs:
    k = c["k"]
    exact = mpmath.gamma(mpmath.mpf(d) / 2) * mpmath.power(2, mpmath.mpf(d) / 2 - 1) * mpmath.besseli(k + mpmath.mpf(d) / 2 - 1, 1)
    err = abs(mpmath.mpf(c["xi"]) - exact)
    worst = max(worst, float(err / exact))
    if c["xi_bound_proven"] and err > mpmath.mpf(c["xi_error_bound"]): problems.append("k=%d error %.3g > bound %.3g" % (k, float(err), c["xi_error_bound"]))
    if c["xi_status"] != "series": problems.append("k=%d status %s" % (k, c["xi_status"]))
print("; ".join(problems[:4]) or "worst relative error %.2g" % worst)
sys.exit(1 if problems or worst > 1e-12 else 0)
PY
  for d in 3 7 100 10000; do
    "$BIN" coeffs --kernel exp --d $d --kmax 50 --order 0 --format json >e.json 2>/dev/null
    detail=$("$MP" bessel.py e.json $d)
    report "coeffs exp --d $d --kmax 50: series for every k, error within the proven bound (Bessel closed form)" $? "$detail"
  done
else
  report "coeffs exp against the Bessel closed form # skip: no python3 with mpmath (apt install python3-mpmath)" 0
fi

# Huge dynamic range: exact polynomial with coefficients 1e-300 and 1e90; too large a kernel is refused clearly.
"$BIN" coeffs --kernel 'taylor:1e-300,1,0,0,1e90' --d 20 --kmax 6 --format json >c.json 2>/dev/null
rc=$?
detail=$("$PY" finite_json.py c.json)
report "coeffs 'taylor:1e-300,1,0,0,1e90' --d 20: exit 0, no nan or inf" $(( rc != 0 || $? != 0 )) "$detail"
"$BIN" coeffs --kernel 'exp(300*u)' --d 20 >/dev/null 2>c.err
rc=$?
report "coeffs 'exp(300*u)' (h(1) = 2e130): exit 2, 'too large ... keep |h| below 1e100'" \
  $(( rc != 2 )) "exit $rc, $(head -c 150 c.err)"
grep -q "too large on \[-1, 1\].*below 1e100" c.err
report "... and the message says how large and what to do" $?

# Expressions whose exact series is costly (GiNaC: exp(exp(exp(u))) took 35 s at order 128; atan(exp(sin(u)) - 1)
# more than 30 s at order 32): the series is extended only within a CPU budget, quadrature does the rest. They used
# to run for minutes; now they must finish, with finite values.
for kernel in 'exp(exp(exp(u)))' 'atan(exp(sin(u))-1)' 'exp(sin(u))'; do
  start=$(date +%s%N)
  timeout 60 "$BIN" coeffs --kernel "$kernel" --d 10 --format json >c.json 2>/dev/null
  rc=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  detail=$("$PY" finite_json.py c.json)
  report "coeffs --kernel '$kernel' --d 10 finishes (timeout 60 s), exit 0, no nan or inf" \
    $(( rc != 0 || $? != 0 )) "exit $rc, $ms ms $detail"
done

# ---------------------------------------------------------------- warnings: indefinite kernels name the degree
"$BIN" coeffs --kernel 'cos(u)' --d 10 --kmax 4 >/dev/null 2>w.err
grep -q "warning: kernel 'cos(u)' is indefinite at d = 10: xi_{d,2} = -0.00804032 < 0 (degree 2)" w.err
report "coeffs 'cos(u)' --d 10 warns: indefinite, xi_{d,2} < 0, degree 2" $? "$(head -c 160 w.err)"
"$BIN" coeffs --kernel 'cos(u)' --d symbolic --kmax 4 >/dev/null 2>w.err
grep -q "negative Taylor coefficient at degree 2" w.err
report "coeffs 'cos(u)' --d symbolic warns: negative Taylor coefficient at degree 2" $?
"$BIN" theory --kernel 'taylor:1,0,-1' --alpha 1.5 --energies 0,1 --grid 3 >/dev/null 2>w.err
grep -q "negative Taylor coefficient at degree 2" w.err
report "theory 'taylor:1,0,-1' warns at degree 2 even though the target has no degree 2" $?

# ---------------------------------------------------------------- alpha at and near an integer
# alpha_warns ARGS... : exit 0, one warning citing THEORY.md section 6.
for a in 2 2.001 1.999999999999 1.97; do
  "$BIN" theory --kernel exp --alpha $a --energies 0,1,1 --grid 3 --format json >t.json 2>w.err
  rc=$?
  grep -q "warning: alpha = .* THEORY.md section 6 excludes" w.err && [[ $(wc -l <w.err) -eq 1 && $rc -eq 0 ]]
  report "theory --alpha $a: exit 0 and one warning citing THEORY.md section 6" $? "$(head -c 200 w.err)"
  "$PY" finite_json.py t.json >/dev/null
  report "theory --alpha $a: no nan or inf in the JSON" $?
done
for a in 1.5 2.1 1.9; do
  "$BIN" theory --kernel exp --alpha $a --energies 0,1,1 --grid 3 >/dev/null 2>w.err
  report "theory --alpha $a: no warning" $(( $(wc -c <w.err) != 0 )) "$(head -c 100 w.err)"
done
"$BIN" table stages --kernel exp --alpha 3 --energies 0,1 >/dev/null 2>w.err
grep -q "alpha = 3 is an integer, which THEORY.md section 6 excludes" w.err
report "table stages --alpha 3 warns too" $?
cat >near.toml <<'TOML'
[experiment]
name = "near"
kernels = ["exp"]
alpha = 2.001
d = [5, 8]
seeds = 1
energies = [0, 1, 1]
[time]
points = 5
TOML
timeout 120 "$BIN" verify near.toml --out near >v.out 2>w.err
rc=$?
grep -q "warning: near.toml:4:9: experiment.alpha: alpha = 2.001 is within 0.001 of the integer 2, which THEORY.md section 6 excludes" w.err
report "verify with alpha = 2.001: the warning names file, line and key" $? "$(head -c 200 w.err)"
report "... and verify still runs (exit 0 or 1)" $(( rc > 1 )) "exit $rc"
# simulate: n = d^2 exactly.
"$BIN" simulate --kernel exp --d 10 --n 100 --energies 0,1,1 --grid 3 --out sim_int >/dev/null 2>w.err
grep -q "warning: alpha = 2.*integer" w.err
report "simulate --d 10 --n 100 (alpha = 2 exactly) warns" $? "$(head -c 200 w.err)"
grep -q "THEORY.md section 6" w.err
report "simulate's warning cites THEORY.md section 6" $? \
  "$(head -c 200 w.err)"

# ---------------------------------------------------------------- simulate: d = 3, d = 10^4, sigma^2 = 0, t = d^40
# Every value finite; errors >= 0; train, test and oracle at the last time no larger than at t = 0 (plus noise);
# with sigma^2 = 0 and t = d^40 the oracle has learned everything (below 1e-6) and the training error is ~ 0.
cat >curves_check.py <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
mode = sys.argv[2] if len(sys.argv) > 2 else ""
problems = []
for i, r in enumerate(rows):
    for k, v in r.items():
        if v == "": continue
        x = float(v)
        if not math.isfinite(x): problems.append("row %d %s=%s" % (i, k, v))
        elif k in ("train", "test", "oracle", "test_excess", "oracle_excess") and x < -1e-12: problems.append("row %d %s=%g < 0" % (i, k, x))
first, last = rows[0], rows[-1]
for k in ("train", "test", "oracle"):
    if float(last[k]) > float(first[k]) * 1.5 + 1e-9: problems.append("%s grows: %s -> %s" % (k, first[k], last[k]))
if mode == "learn-all":
    if float(last["oracle"]) > 1e-6: problems.append("oracle at the last time %s" % last["oracle"])
    if float(last["train"]) > 1e-6: problems.append("train at the last time %s" % last["train"])
if not rows: problems.append("no rows")
print("; ".join(problems[:4]) or "%d times, t up to %s, last train %s test %s oracle %s" % (len(rows), last["t"], last["train"], last["test"], last["oracle"]))
sys.exit(1 if problems else 0)
PY
sim() {  # sim LABEL MODE ARGS...
  local label=$1 mode=$2
  shift 2
  rm -rf o
  timeout 120 "$BIN" simulate "$@" --out o >/dev/null 2>s.err
  local rc=$?
  if [[ $rc -ne 0 || ! -s o/curves.csv ]]; then
    report "simulate $label: exit 0" 1 "exit $rc: $(head -c 200 s.err)"
    return
  fi
  local detail
  detail=$("$PY" curves_check.py o/curves.csv "$mode")
  report "simulate $label: finite, sensible curves" $? "$detail"
  detail=$("$PY" finite_json.py o/run.json)
  report "simulate $label: run.json has no nan or inf" $? "$detail"
}
sim "--d 3 --n 30, sigma^2 = 0.5, 2 seeds" "" --kernel exp --d 3 --n 30 --energies 0,1,1 --noise 0.5 --grid 9 --seeds 2
sim "--d 3 --n 30, sigma^2 = 0, up to t = 3^40" learn-all --kernel exp --d 3 --n 30 --energies 0,1,1 --noise 0 --grid 9 --beta-max 40
sim "arccos1 --d 3 --n 30" "" --kernel arccos1 --d 3 --n 30 --energies 0,1,1 --grid 9
sim "--d 10000 --n 50, sigma^2 = 0.5" "" --kernel exp --d 10000 --n 50 --energies 0,1,1 --noise 0.5 --grid 9 --seeds 2
sim "--d 10000 --n 50, sigma^2 = 0, t from d^-10 to d^40" "" --kernel exp --d 10000 --n 50 --energies 0,1,1 --noise 0 \
  --grid 9 --beta-min -10 --beta-max 40
sim "gd --d 3 --n 30" "" --kernel exp --d 3 --n 30 --energies 0,1,1 --grid 9 --method gd
sim "exp(10*u) --d 20 --n 100" "" --kernel 'exp(10*u)' --d 20 --n 100 --energies 0,1,1 --grid 9
sim "1/(1.01-u) --d 20 --n 100" "" --kernel '1/(1.01-u)' --d 20 --n 100 --energies 0,1,1 --grid 9
sim "exp(200*u) --d 20 --n 100 (h(1) = 7e86)" "" --kernel 'exp(200*u)' --d 20 --n 100 --energies 0,1,1 --grid 9
# t = infinity: there is no --times; the largest time is --beta-max 40, and inf is refused.
"$BIN" simulate --kernel exp --d 10 --n 50 --energies 0,1 --beta-max inf --out o_inf >/dev/null 2>s.err
rc=$?
report "simulate --beta-max inf: exit 2, nothing written" $(( rc != 2 )) "exit $rc, $(head -c 120 s.err)"
# Coefficients spanning 1e90: numeric quadrature cannot resolve xi_{d,1} = 0.05 next to 1e87; simulate must say so
# instead of learning nothing in degree 1.
rm -rf o
"$BIN" simulate --kernel 'taylor:1e-90,1,0,0,1e90' --d 20 --n 100 --energies 0,1,1 --grid 5 --out o >/dev/null 2>s.err
rc=$?
report "simulate 'taylor:1e-90,1,0,0,1e90': refused (exit 3), not silently wrong" $(( rc != 3 )) "exit $rc"

finish
