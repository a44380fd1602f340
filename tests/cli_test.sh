#!/usr/bin/env bash
# Behaviour of the `tristage` command line: help and version, bad input (exit 2, one "tristage: error:" line on
# stderr, nothing on stdout), output safety of --out (exit 5, nothing overwritten or created), the numbers and fields
# of the JSON and CSV outputs, `regress` against the golden files, and determinism.
#
# Usage: cli_test.sh PATH/TO/tristage
# One line per check ("ok - ..." / "not ok - ..."), diagnostics prefixed with "# ", a TAP plan at the end.
# Exit status: 0 if every check passed, 1 if any failed, 2 if the arguments are wrong.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
RUN_TIMEOUT=30
IGNORE_CASE=1
GOLDEN="$SCRIPT_DIR/golden"
checksum() { sha256sum "$1" 2>/dev/null | cut -d' ' -f1; }

# ---------------------------------------------------------------- help and version
run --help
if [ $RC -eq 0 ] && grep -qi 'usage' "$OUT" && grep -q 'coeffs' "$OUT" && grep -q 'theory' "$OUT" &&
  grep -q 'regress' "$OUT"; then
  pass "tristage --help exits 0 and prints usage naming every subcommand"
else
  fail "tristage --help exits 0 and prints usage naming every subcommand"
  show_run
fi

for sub in coeffs theory regress; do
  run "$sub" --help
  if [ $RC -eq 0 ] && grep -qi 'usage' "$OUT" && grep -q "$sub" "$OUT"; then
    pass "tristage $sub --help exits 0 and prints usage"
  else
    fail "tristage $sub --help exits 0 and prints usage"
    show_run
  fi
done
for sub in coeffs theory; do
  run "$sub" --help
  if grep -q -- '--kernel' "$OUT" && grep -q -- '--format' "$OUT" && grep -q -- '--out' "$OUT"; then
    pass "tristage $sub --help lists --kernel, --format and --out"
  else
    fail "tristage $sub --help lists --kernel, --format and --out"
    show_run
  fi
done

run --version
if [ $RC -eq 0 ] && [ "$(wc -l <"$OUT")" -eq 1 ] && grep -qE '^tristage [^ ]*[0-9][^ ]*$' "$OUT"; then
  pass "tristage --version exits 0 and prints one line 'tristage VERSION' ($(cat "$OUT"))"
else
  fail "tristage --version exits 0 and prints one line 'tristage VERSION'"
  show_run
fi

# ---------------------------------------------------------------- bad input
# Each: exit 2, nothing on stdout, one line "tristage: error: ..." matching the pattern, nothing left in WORK.
bad 2 "foo:3" "bad input, unknown kernel name 'foo:3'" coeffs --kernel foo:3 --d 10
bad 2 "column" "bad input, malformed expression '(1+u' (message names a column)" coeffs --kernel '(1+u' --d 10
bad 2 "foo" "bad input, unknown function 'foo(u)'" coeffs --kernel 'foo(u)' --d 10
bad 2 "finite" "bad input, kernel not finite on [-1,1] '1/(u-0.5)'" coeffs --kernel '1/(u-0.5)' --d 10
# sqrt(u) is undefined for u < 0: refused as not finite before analyticity is looked at.
bad 2 "not finite" "bad input, kernel undefined on [-1,0) 'sqrt(u)' (message says not finite)" \
  coeffs --kernel 'sqrt(u)' --d 10
bad 2 "analytic" "bad input, kernel not analytic at 0 'sqrt(u^2)' (message says analytic)" \
  coeffs --kernel 'sqrt(u^2)' --d 10
bad 2 "finite" "bad input, theory with a kernel not finite on [-1,1] '1/(u-0.5)'" \
  theory --kernel '1/(u-0.5)' --alpha 1.5 --energies 1,1
bad 2 "--d" "bad input, --d 2" coeffs --kernel exp --d 2
bad 2 "--d" "bad input, --d abc" coeffs --kernel exp --d abc
bad 2 "--kmax" "bad input, --kmax -1" coeffs --kernel exp --d 10 --kmax -1
bad 2 "--alpha" "bad input, --alpha 0" theory --kernel exp --alpha 0 --energies 1,1
bad 2 "--energies.*negative|negative.*--energies" "bad input, --energies 1,-1 (negative)" \
  theory --kernel exp --alpha 1.5 --energies 1,-1
bad 2 "--energies" "bad input, --energies 1,x" theory --kernel exp --alpha 1.5 --energies 1,x
bad 2 "--noise" "bad input, --noise -0.5" theory --kernel exp --alpha 1.5 --energies 1,1 --noise -0.5
bad 2 "--d" "bad input, missing required option --d of coeffs" coeffs --kernel exp
bad 2 "--energies" "bad input, missing required option --energies of theory" theory --kernel exp --alpha 1.5
bad 2 "--kernel" "bad input, missing required option --kernel of coeffs" coeffs --d 10
bad 2 "" "bad input, no subcommand" 
bad 2 "--bogus" "bad input, unknown option --bogus" coeffs --kernel exp --d 10 --bogus

# ---------------------------------------------------------------- output safety
target="$TMP/out/coeffs.csv"
mkdir -p "$TMP/out"
run coeffs --kernel exp --d 10 --kmax 3 --format csv --out "$target"
if [ $RC -eq 0 ] && [ -s "$target" ] && [ ! -s "$OUT" ]; then
  pass "--out FILE writes the file (exit 0, nothing on stdout)"
else
  fail "--out FILE writes the file (exit 0, nothing on stdout)"
  show_run
  ls -la "$TMP/out" | diag
fi
first_sum=$(checksum "$target")

run coeffs --kernel exp --d 20 --kmax 3 --format csv --out "$target"
if [ $RC -eq 5 ] && [ -n "$first_sum" ] && [ "$(checksum "$target")" = "$first_sum" ] &&
  head -n 1 "$ERR" | grep -q '^tristage: error: ' && [ ! -s "$OUT" ]; then
  pass "--out onto an existing file exits 5 and leaves it byte-identical"
else
  fail "--out onto an existing file exits 5 and leaves it byte-identical"
  show_run
fi
# The CSV and its provenance beside it (FILE.json), nothing else.
if [ ! -e "$target.partial" ] && [ "$(ls -A "$TMP/out" | wc -l)" -eq 2 ] && [ -s "$target.json" ]; then
  pass "--out onto an existing file leaves no other file behind"
else
  fail "--out onto an existing file leaves no other file behind"
  ls -la "$TMP/out" | diag
fi

run coeffs --kernel exp --d 20 --kmax 3 --format csv --out "$target" --force
if [ $RC -eq 0 ] && [ -s "$target" ] && [ "$(checksum "$target")" != "$first_sum" ] && grep -q '20' "$target" &&
  [ "$(ls -A "$TMP/out" | wc -l)" -eq 2 ] && grep -q -- '--d 20' "$target.json" && head -n 1 "$target" | grep -q '^k,'; then
  pass "--out with --force replaces the file"
else
  fail "--out with --force replaces the file"
  show_run
  ls -la "$TMP/out" | diag
fi

run coeffs --kernel foo:3 --d 10 --format csv --out "$TMP/out/never.csv"
if [ $RC -eq 2 ] && [ ! -e "$TMP/out/never.csv" ] && [ ! -e "$TMP/out/never.csv.partial" ]; then
  pass "bad input with --out exits 2 and creates no file"
else
  fail "bad input with --out exits 2 and creates no file"
  show_run
fi

run coeffs --kernel exp --d 10 --kmax 3 --format csv --out "$TMP/missing/sub/coeffs.csv"
if [ $RC -eq 5 ] && [ ! -e "$TMP/missing" ] && head -n 1 "$ERR" | grep -q '^tristage: error: ' && [ ! -s "$OUT" ]; then
  pass "--out into a folder that does not exist exits 5 and creates nothing"
else
  fail "--out into a folder that does not exist exits 5 and creates nothing"
  show_run
  ls -laR "$TMP/missing" 2>/dev/null | diag
fi

ro="$TMP/readonly"
mkdir -p "$ro"
chmod 555 "$ro"
if touch "$ro/probe" 2>/dev/null; then
  rm -f "$ro/probe"
  skip "--out into a read-only folder: chmod 555 does not stop writes here (running as uid $(id -u))"
else
  run coeffs --kernel exp --d 10 --kmax 3 --format csv --out "$ro/coeffs.csv"
  if [ $RC -eq 5 ] && [ -z "$(ls -A "$ro")" ] && head -n 1 "$ERR" | grep -q '^tristage: error: ' && [ ! -s "$OUT" ]; then
    pass "--out into a read-only folder exits 5 and creates nothing"
  else
    fail "--out into a read-only folder exits 5 and creates nothing"
    show_run
  fi
fi
chmod 755 "$ro"

# ---------------------------------------------------------------- numbers
run coeffs --kernel exp --d 100 --format json
cp "$OUT" "$TMP/exp100.json"
json_rc=$RC
if [ -z "$PY" ]; then
  skip "coeffs --format json checks: python3 not found"
elif [ $json_rc -ne 0 ]; then
  fail "coeffs --kernel exp --d 100 --format json exits 0"
  show_run
else
  if "$PY" -c 'import json,sys; json.load(sys.stdin)' <"$TMP/exp100.json" 2>"$TMP/py.err"; then
    pass "coeffs --kernel exp --d 100 --format json parses as JSON"
  else
    fail "coeffs --kernel exp --d 100 --format json parses as JSON"
    diag <"$TMP/py.err"
  fi
  # Prints one "ok - ..." / "not ok - ..." line per check.
  "$PY" - "$TMP/exp100.json" >"$TMP/py.out" 2>"$TMP/py.err" <<'EOF'
import json, math, sys
def report(ok, what):
    print(("ok - " if ok else "not ok - ") + what)
try:
    with open(sys.argv[1]) as f:
        j = json.load(f)
except Exception as e:
    report(False, "exp d=100 JSON: cannot be read: %s" % e)
    sys.exit(0)
missing = [k for k in ("kernel", "d", "h1", "coefficients", "kappa") if k not in j]
report(not missing, "exp d=100 JSON has fields kernel, d, h1, coefficients, kappa" +
       (" (missing: %s)" % ", ".join(missing) if missing else ""))
report(j.get("d") == 100, "exp d=100 JSON: d is 100 (got %r)" % (j.get("d"),))
h1 = j.get("h1")
report(isinstance(h1, (int, float)) and abs(h1 - math.e) < 1e-12, "exp d=100 JSON: h1 = e (got %r)" % (h1,))
coeffs = j.get("coefficients") or []
want = ("k", "B", "xi", "B_xi", "dk_xi", "mu", "expansion", "latex")
bad = ["k=%s lacks %s" % (c.get("k"), ",".join(f for f in want if f not in c))
       for c in coeffs if any(f not in c for f in want)]
report(len(coeffs) > 0 and not bad,
       "exp d=100 JSON: %d coefficients, each with k, B, xi, B_xi, dk_xi, mu, expansion, latex%s"
       % (len(coeffs), (" (" + "; ".join(bad) + ")") if bad else ""))
ks = [c.get("k") for c in coeffs]
report(ks == list(range(len(coeffs))), "exp d=100 JSON: coefficients are k = 0, 1, 2, ... in order (got %r)" % ks)
kappa = j.get("kappa") or []
bad = ["entry %d lacks %s" % (i, ",".join(f for f in ("ell", "finite_d", "limit") if f not in e))
       for i, e in enumerate(kappa) if any(f not in e for f in ("ell", "finite_d", "limit"))]
report(len(kappa) > 0 and not bad, "exp d=100 JSON: %d kappa entries, each with ell, finite_d, limit%s"
       % (len(kappa), (" (" + "; ".join(bad) + ")") if bad else ""))
by_k = {c.get("k"): c for c in coeffs}
B2 = by_k.get(2, {}).get("B")
try:
    ok = abs(float(B2) - 5049) < 1e-9
except (TypeError, ValueError):
    ok = False
report(ok, "exp d=100 JSON: B for k=2 is 5049 = (d+2)(d-1)/2 (got %r)" % (B2,))
B1 = by_k.get(1, {}).get("B")
report(B1 is not None and float(B1) == 100, "exp d=100 JSON: B for k=1 is d = 100 (got %r)" % (B1,))
k1 = kappa[1] if len(kappa) > 1 else {}
fd = k1.get("finite_d")
report(k1.get("ell") == 1 and isinstance(fd, (int, float)) and abs(fd - 0.708) < 5e-4,
       "exp d=100 JSON: kappa[1] has ell = 1 and finite_d about 0.708 (THEORY.md section 7) (got ell=%r, finite_d=%r)"
       % (k1.get("ell"), fd))
lim = k1.get("limit")
report(isinstance(lim, (int, float)) and abs(lim - (math.e - 2)) < 1e-12,
       "exp d=100 JSON: kappa[1].limit = e - 2 (got %r)" % (lim,))
# Trace identity at finite d: kappa_d(l) = h(1) - sum_{k<=l} B(d,k) xi_{d,k}.
try:
    worst = max(abs(e["finite_d"] - (h1 - sum(by_k[k]["B_xi"] for k in range(e["ell"] + 1)))) for e in kappa)
    ok = worst < 1e-10
except Exception as e:
    worst, ok = repr(e), False
report(ok, "exp d=100 JSON: kappa_d(l) = h(1) - sum_{k<=l} B xi for every l (worst difference %s)" % (worst,))
EOF
  if [ ! -s "$TMP/py.out" ]; then
    fail "exp d=100 JSON field checks ran (python3 failed)"
    diag <"$TMP/py.err"
  fi
  adopt <"$TMP/py.out"
  [ -s "$TMP/py.err" ] && diag <"$TMP/py.err"
fi

run theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --format csv
header=$(grep -v '^#' "$OUT" | head -n 1)
missing=""
for col in beta stage oracle test train; do
  printf '%s\n' "$header" | tr ',' '\n' | grep -qx "$col" || missing="$missing $col"
done
if [ $RC -eq 0 ] && [ -z "$missing" ]; then
  pass "theory --format csv has a header with beta,stage,oracle,test,train ($header)"
else
  fail "theory --format csv has a header with beta,stage,oracle,test,train (missing:${missing:- none})"
  show_run
fi
ncols=$(printf '%s\n' "$header" | awk -F, '{ print NF }')
rows=$(grep -v '^#' "$OUT" | tail -n +2 | awk -F, -v n="$ncols" 'NF != n { bad++ } END { print NR " " bad + 0 }')
if [ $RC -eq 0 ] && [ "${rows%% *}" -eq 121 ] && [ "${rows##* }" -eq 0 ]; then
  pass "theory --format csv has 121 rows (default --grid) with as many fields as the header"
else
  fail "theory --format csv has 121 rows (default --grid) with as many fields as the header (rows, bad rows: $rows)"
fi

# ---------------------------------------------------------------- regress
if [ ! -d "$GOLDEN" ] || [ -z "$(ls -A "$GOLDEN" 2>/dev/null)" ]; then
  skip "regress: golden folder $GOLDEN is empty or missing (run 'tristage regress --update --golden $GOLDEN' to create it)"
else
  run regress --golden "$GOLDEN"
  if [ $RC -eq 0 ]; then
    pass "regress --golden $GOLDEN exits 0 ($(tail -n 1 "$OUT"))"
  else
    fail "regress --golden $GOLDEN exits 0 (exit code $RC)"
    tail -n 20 "$OUT" | diag
    diag <"$ERR"
  fi
fi

# A user's own golden folder: a case of their kernel, made by --update (which writes there and nowhere else),
# checked, then a number moved beyond the case's tolerance: exit 1 naming the field.
mkdir -p mine
cat > mine/manifest.toml <<'TOML'
[[case]]
name = "my-kernel"
command = ["coeffs", "--kernel", "exp(u) + 0.5*u^2", "--d", "20", "--kmax", "4", "--order", "2", "--format", "json"]
golden = "my-kernel.json"
rtol = 1e-10

[[case]]
name = "my-run"
command = ["simulate", "--kernel", "exp", "--d", "10", "--n", "60", "--energies", "1,1", "--grid", "5", "--seeds", "1",
           "--out", "{out}"]
output = "curves.csv"
golden = "my-run.csv"
TOML
before=$(cd "$WORK" && find . -path ./mine -prune -o -print | sort)
run regress --golden mine --update
check "regress --update writes the golden files of a user's folder (exit $RC)" test $RC -eq 0 -a -f mine/my-kernel.json -a -f mine/my-run.csv
check "regress --update writes nothing outside the golden folder" test "$before" = "$(cd "$WORK" && find . -path ./mine -prune -o -print | sort)"
run regress --golden mine
check "a user's cases are checked: 2 same ($(tail -n 1 "$OUT"))" grep -q '^2 same, 0 different' "$OUT"
sed -i '0,/"xi": [0-9]/s/"xi": \([0-9]\)/"xi": 9\1/' mine/my-kernel.json  # the first xi, 1.05 -> 91.05
run regress --golden mine
check "a moved number fails with exit 1 and names its field" bash -c "[[ $RC == 1 ]] && grep -qE '^DIFFERENT my-kernel: 1 of' '$OUT' &&
  grep -qE '^  coefficients\[[0-9]+\]\.xi: golden .* \(relative difference' '$OUT'"
cat >> mine/manifest.toml <<'TOML'

[[case]]
name = "fails"
command = ["coeffs", "--kernel", "exp", "--d", "2", "--format", "json"]
golden = "my-kernel.json"
TOML
run regress --golden mine
check "a case whose command fails is reported with the command's exit code and error (exit $RC)" bash -c "[[ $RC == 1 ]] &&
  grep -qE \"^FAILED    fails: 'tristage coeffs --kernel exp --d 2 --format json' exited with 2: tristage: error: --d 2\" '$OUT'"
run regress
check "regress without --golden is refused: no compiled-in folder (exit $RC)" grep -q 'golden is required' "$ERR"

# ---------------------------------------------------------------- determinism
# same_twice LABEL ARGS... : two runs give byte-identical stdout.
same_twice() {
  local label=$1
  shift
  run "$@"
  local rc1=$RC
  cp "$OUT" "$TMP/det1"
  run "$@"
  cp "$OUT" "$TMP/det2"
  if [ $rc1 -eq 0 ] && [ $RC -eq 0 ] && [ -s "$TMP/det1" ] && cmp -s "$TMP/det1" "$TMP/det2"; then
    pass "determinism: $label twice gives byte-identical output"
  else
    fail "determinism: $label twice gives byte-identical output (exit codes $rc1, $RC)"
    diff "$TMP/det1" "$TMP/det2" | head -n 10 | diag
  fi
}
same_twice "coeffs --kernel exp --d 100 --format json" coeffs --kernel exp --d 100 --format json
same_twice "coeffs --kernel arccos1 --d 7 --format json" coeffs --kernel arccos1 --d 7 --format json
same_twice "coeffs --kernel 'exp(u)/(2-u)' --d symbolic --format json" \
  coeffs --kernel 'exp(u)/(2-u)' --d symbolic --kmax 6 --order 3 --format json
same_twice "theory --kernel relu-ntk --alpha 2.5 ... --format json" \
  theory --kernel relu-ntk --alpha 2.5 --energies 1,1,0.5,0,0.25 --noise 0.1 --format json

# --format markdown: the same tables as pipe tables, a separator row under each header, as many cells in every row.
run coeffs --kernel exp --d 100 --kmax 3 --format markdown
check "coeffs --format markdown: pipe tables with one separator per header and equal cell counts" "$PY" -c "
import sys
lines = [l for l in open('$OUT').read().splitlines() if l.startswith('|')]
seps = [i for i, l in enumerate(lines) if set(l) <= set('|-')]
assert len(seps) == 2 and $RC == 0, (seps, $RC)
for s in seps:
    n = lines[s].count('|')
    assert lines[s - 1].count('|') == n
j = seps[0] + 1
while j < len(lines) and j != seps[1] - 1:
    assert lines[j].count('|') == lines[seps[0]].count('|'), lines[j]
    j += 1"
run theory --kernel exp --alpha 1.5 --energies 0,1,1 --grid 3 --format markdown
check "theory --format markdown: exit 0, pipe tables" bash -c "[[ $RC -eq 0 ]] && grep -q '^| beta from | to |' '$OUT'"

# tristage diff: two outputs field by field. The same run twice agrees (exit 0), whatever the provenance; d = 100
# against d = 101 differs (exit 1) and names the fields; a tolerance above the change (xi moves by ~1% per unit of d
# at k = 1, ~4% at k = 4) accepts them once the fields that must differ are left out: d, the error bounds (which move
# by more), and exact strings (B(d,k) as an integer, the LaTeX), which are compared exactly.
run coeffs --kernel exp --d 100 --kmax 4 --format json --out "$TMP/d100.json"
run coeffs --kernel exp --d 100 --kmax 4 --format json --out "$TMP/d100b.json" --force
run coeffs --kernel exp --d 101 --kmax 4 --format json --out "$TMP/d101.json"
run diff "$TMP/d100.json" "$TMP/d100b.json"
check "diff: the same output twice agrees, exit 0" bash -c "[[ $RC -eq 0 ]] && grep -q '^0 of [1-9][0-9]* fields differ' '$OUT'"
run diff "$TMP/d100.json" "$TMP/d101.json"
check "diff: d = 100 against d = 101 differs, exit 1, each field named with its relative change" \
  bash -c "[[ $RC -eq 1 ]] && grep -q '^coefficients\[1\].xi: .* vs .* (relative ' '$OUT' && grep -q '^d: 100 vs 101' '$OUT'"
run diff "$TMP/d100.json" "$TMP/d101.json" --rtol 0.5 --ignore d,xi_error_bound,finite_d_error_bound,B_exact,latex
check "diff: within --rtol and with --ignore, they agree" bash -c "[[ $RC -eq 0 ]]"
run coeffs --kernel exp --d 100 --kmax 4 --format csv --out "$TMP/c.csv"
run coeffs --kernel exp --d 100 --kmax 4 --format csv --csv-comment --out "$TMP/cc.csv"
run diff "$TMP/c.csv" "$TMP/cc.csv"
check "diff: CSV cell by cell, the provenance comment skipped" bash -c "[[ $RC -eq 0 ]]"

finish
