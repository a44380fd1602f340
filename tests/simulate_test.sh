#!/usr/bin/env bash
# `tristage simulate` from the outside: files and columns, reproducibility, inputs from files, and every bad input
# answered with a one-line error, a documented exit code and no output folder left behind.
# Usage: simulate_test.sh PATH/TO/tristage. One TAP line per check (tests/lib.sh); exit 1 if any failed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
base=(--kernel exp --d 20 --n 60 --energies 0,1,1 --noise 0.5 --grid 9)

check "simulate --help" "$BIN" simulate --help
"$BIN" simulate "${base[@]}" --seeds 2 --seed 3 --progress --out run1 2>progress.txt
check "a run writes curves.csv and run.json" test -s run1/curves.csv -a -s run1/run.json
check "--progress reports on stderr" grep -q "eigendecomposition" progress.txt
check "curves.csv has the columns t, beta, train, test, oracle" \
  bash -c "head -1 run1/curves.csv | grep -q '^t,beta,train,test,oracle,'"
check "curves.csv has one row per time" bash -c "[[ \$(wc -l < run1/curves.csv) -eq 10 ]]"
check "run.json records version, command, seed and configuration" \
  "$PY" -c "import json; j=json.load(open('run1/run.json')); assert j['seed']==3 and j['seeds']==2 and j['tristage']['version'] and 'simulate' in j['tristage']['command'] and j['configuration']['kernel']=='exp'"
"$BIN" simulate "${base[@]}" --seeds 2 --seed 3 --out run2 2>/dev/null
check "the same seed and configuration give a byte-identical curves.csv" cmp run1/curves.csv run2/curves.csv
"$BIN" simulate "${base[@]}" --seeds 2 --seed 4 --out run3 2>/dev/null
check "another seed gives other numbers" bash -c "! cmp -s run1/curves.csv run3/curves.csv"

# Inputs from files reproduce a run exactly.
"$PY" - <<'PY'
import math, random
random.seed(1)
with open("points.csv", "w") as f, open("noise.csv", "w") as g:
    for i in range(60):
        x = [random.gauss(0, 1) for _ in range(20)]
        r = math.sqrt(sum(v * v for v in x))
        f.write(",".join(repr(math.sqrt(20) * v / r) for v in x) + "\n")
        g.write(repr(random.gauss(0, 0.7)) + "\n")
    open("bad_norm.csv", "w").write(",".join(["2"] * 20) + "\n")
    open("short.csv", "w").write("1,2,3\n")
    open("nan.csv", "w").write(",".join(["nan"] * 20) + "\n")
PY
files=(--kernel exp --d 20 --energies 0,1,1 --noise 0.5 --grid 9 --points points.csv --noise-file noise.csv)
"$BIN" simulate "${files[@]}" --out f1 2>/dev/null
"$BIN" simulate "${files[@]}" --seed 77 --out f2 2>/dev/null
check "points and noise from files: the seed no longer matters" cmp f1/curves.csv f2/curves.csv
check "points from a file: n is the number of rows" \
  "$PY" -c "import json; assert json.load(open('f1/run.json'))['configuration']['n']==60"

"$BIN" simulate "${base[@]}" --method gd --out gd 2>/dev/null
check "gradient descent runs with the default step" test -s gd/curves.csv
"$BIN" simulate "${base[@]}" --method sgd --eta 0.1 --sgd-steps 500 --out sgd 2>/dev/null
check "online SGD runs" test -s sgd/curves.csv

bad 2 "d" "d below 3" simulate --kernel exp --d 2 --n 10 --energies 1 --out out
bad 2 "n" "n below 1" simulate --kernel exp --d 5 --n 0 --energies 1 --out out
bad 2 "negative" "negative noise" simulate --kernel exp --d 5 --n 10 --energies 1 --noise -0.5 --out out
bad 2 "not a number" "energies not numbers" simulate --kernel exp --d 5 --n 10 --energies 1,x --out out
bad 2 "kernel" "malformed kernel" simulate --kernel '(1+u' --d 5 --n 10 --energies 1 --out out
bad 2 "n|alpha" "no sample size" simulate --kernel exp --d 5 --energies 1 --out out
bad 2 "out" "no output folder" simulate --kernel exp --d 5 --n 10 --energies 1
bad 2 "norm" "points off the sphere" simulate --kernel exp --d 20 --points bad_norm.csv --energies 1 --out out
bad 2 "has 3 numbers" "points of the wrong shape" simulate --kernel exp --d 20 --points short.csv --energies 1 --out out
bad 2 "not a finite number" "points with NaN" simulate --kernel exp --d 20 --points nan.csv --energies 1 --out out
bad 2 "has 60 numbers" "noise file of the wrong length" \
  simulate --kernel exp --d 20 --n 61 --noise-file noise.csv --energies 1 --out out
bad 2 "unstable" "gradient-descent step above the stability bound" \
  simulate --kernel exp --d 20 --n 60 --energies 1 --method gd --eta 1000 --out out
bad 4 "GB" "an impossible memory request" simulate --kernel exp --d 100 --n 10000000 --energies 1 --out out
bad 5 "does not exist" "output folder in a missing folder" \
  simulate --kernel exp --d 5 --n 10 --energies 1 --out missing/out
before=$(cat run1/curves.csv | sha256sum)
"$BIN" simulate "${base[@]}" --seed 9 --out run1 >stdout 2>stderr
rc=$?
if [[ $rc -eq 5 && $(sha256sum <run1/curves.csv) == "$before" ]] && grep -q "exists" stderr; then
  pass "an existing result is not overwritten (exit 5)"
else
  fail "an existing result is not overwritten: exit $rc"
fi
"$BIN" simulate "${base[@]}" --seed 9 --out run1 --force 2>/dev/null
check "--force replaces it" bash -c "[[ \$(sha256sum < run1/curves.csv) != '$before' ]]"
check "no staging folders are left behind" bash -c "! ls -A | grep -q partial"

# An interrupted run exits 130 and leaves neither the result nor its staging folder (n = 12000 takes 8 s on an idle
# 2-core EPYC; the signal comes after 1.5 s, well inside the run on any machine up to 5 times faster).
timeout -s KILL 120 "$BIN" simulate --kernel exp --d 200 --n 12000 --energies 0,1 --out intr >/dev/null 2>&1 &  # a hung handler fails, not hangs
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
rc=$?
if [[ $rc -eq 130 && ! -e intr && -z $(ls -A | grep intr) ]]; then
  pass "SIGINT: exit 130, nothing left behind"
else
  fail "SIGINT: exit $rc, left: $(ls -A | grep intr)"
fi
bad 2 "fresh sample" "sgd with a points file" \
  simulate --kernel exp --d 20 --points points.csv --energies 1 --method sgd --out out
bad 2 "drop --alpha" "--alpha with --points" \
  simulate --kernel exp --d 20 --points points.csv --alpha 1.5 --energies 1 --out out
bad 2 "indefinite" "an indefinite kernel, refused before the work" \
  simulate --kernel 'cos(u)' --d 10 --n 50 --energies 1 --out out

# Named values are case-insensitive, and recorded in their own case.
run simulate --kernel exp --d 10 --n 50 --energies 1 --grid 3 --method GD --engine Dense --convention Plain --out cased
check "--method GD --engine Dense --convention Plain run as gd, dense, plain (exit $RC)" bash -c "
  grep -q '\"method\": \"gd\"' cased/run.json && grep -q '\"engine\": \"dense\"' cased/run.json &&
  grep -q '\"convention\": \"squared\"' cased/run.json"

# --plot: the figure of the run, in gnuplot's PNG and PDF and as pgfplots source that compiles on its own.
run simulate --kernel exp --d 20 --alpha 1.5 --energies 0,1,1 --noise 0.2 --seeds 2 --grid 9 --plot --out plotted
check "--plot writes curves.png, .pdf, .gp, .dat and curves-pgfplots.tex (exit $RC)" bash -c "cd plotted &&
  test -s curves.png -a -s curves.pdf -a -s curves.gp -a -s curves.dat -a -s curves-pgfplots.tex"
check "the figure draws the deterministic equivalent and the limits" bash -c "grep -q 'equivalent at' plotted/curves.gp &&
  grep -q 'd → ∞' plotted/curves.gp"
if kpsewhich pgfplots.sty >/dev/null 2>&1; then
  check "curves-pgfplots.tex compiles on its own" bash -c "cd plotted &&
    pdflatex -interaction=nonstopmode -halt-on-error curves-pgfplots.tex"
else
  skip "pgfplots.sty is missing (scripts/setup.sh --with-tests installs texlive-pictures)"
fi
bad 2 "--plot draws the curves of flow and gd" "--plot with sgd" simulate --kernel exp --d 10 --n 50 --energies 1 \
  --method sgd --plot --out out
check "by default curves.pdf is gnuplot's" grep -aq '/Producer (cairo' plotted/curves.pdf

# --pdf latex: curves.pdf typeset by pdflatex from the pgfplots source; where LaTeX is missing, refused before the run.
bad 2 "--pdf requires --plot" "--pdf without --plot" simulate --kernel exp --d 10 --n 50 --energies 1 --pdf latex \
  --out out
if kpsewhich pgfplots.sty >/dev/null 2>&1; then
  run simulate --kernel exp --d 20 --alpha 1.5 --energies 0,1,1 --noise 0.2 --seeds 2 --grid 9 --plot --pdf latex \
    --out typeset
  check "--pdf latex: curves.pdf is made by pdfTeX (exit $RC)" grep -aq '/Producer (pdfTeX' typeset/curves.pdf
  check "--pdf latex: curves.pdf has no date (the same bytes every run)" bash -c "! grep -aq CreationDate typeset/curves.pdf"
  check "--pdf latex changes the PDF alone: the other files are those of the gnuplot run" bash -c "cd typeset &&
    cmp -s curves.csv ../plotted/curves.csv && cmp -s curves.gp ../plotted/curves.gp &&
    cmp -s curves-pgfplots.tex ../plotted/curves-pgfplots.tex"
else
  skip "pgfplots.sty is missing (scripts/setup.sh --with-latex installs it)"
fi
# LaTeX hidden (a kpsewhich that finds nothing): refused at once, with what to install, and nothing written.
mkdir -p "$TMP/nolatex" && printf '#!/bin/sh\nexit 1\n' > "$TMP/nolatex/kpsewhich" && chmod +x "$TMP/nolatex/kpsewhich"
PATH="$TMP/nolatex:$PATH" bad 5 "need pdflatex and pgfplots: apt-get install .*texlive-pictures" \
  "--pdf latex without pgfplots" simulate --kernel exp --d 10 --n 50 --energies 1 --plot --pdf latex --out out
PATH="$TMP/nolatex:$PATH" bad 5 "need pdflatex and pgfplots" "verify --pdf latex without pgfplots, before any run" \
  verify --pdf latex --out out

finish
