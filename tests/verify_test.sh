#!/usr/bin/env bash
# `tristage verify` end to end on a small experiment (seconds): exit codes, the files of the report, LaTeX that
# compiles, figures, a claim made false on purpose, bad experiment files, and output safety.
# Usage: verify_test.sh PATH/TO/tristage. One TAP line per check (tests/lib.sh); exit 1 if any failed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
small() {  # small NAME SHIFT_OF_BOUNDARY
  cat > "$1.toml" <<TOML
[experiment]
name = "$1"
kernels = ["exp"]
alpha = 1.5
d = [20, 40, 80]
seeds = 3
energies = [0, 1, 1, 1]
noise = 0.5
[time]
points = 15
[claims]
stage3 = {}
boundary = { shift = $2, taus = [1.0] }
TOML
}

small honest 0
"$BIN" verify honest.toml --out honest >stdout 2>stderr
rc=$?
check "verify exits 0 or 1 (verdicts), not an error" test $rc -le 1
check "the exit code matches summary.json's all_verified" "$PY" -c "
import json; s = json.load(open('honest/summary.json')); assert s['all_verified'] == ($rc == 0)"
check "the verdict table is printed" grep -q "boundary" stdout
for f in summary.json report.md tables.tex tables/convergence.tex tables/spectrum-exp.tex tables/stages-exp.tex \
         curves/exp-d20.csv curves/exp-d80.csv figures/exp-d80.png figures/exp-d80.pdf figures/exp-convergence.png \
         figures/exp-all-d.pdf; do
  check "report file $f is present and not empty" test -s "honest/$f"
done
check "PNG figures are PNG" bash -c "head -c 8 honest/figures/exp-d40.png | grep -q PNG"
check "summary.json records the version, the command and the experiment's TOML" "$PY" -c "
import json; s = json.load(open('honest/summary.json'))
assert s['tristage']['version'] and 'verify' in s['tristage']['command'] and 'alpha = 1.5' in s['experiment']['toml']
assert [p['d'] for p in s['kernels'][0]['claims'][0]['points']] == [20, 40, 80]"
check "tables.tex compiles with pdflatex" bash -c "cd honest && pdflatex -interaction=nonstopmode -halt-on-error tables.tex"
"$BIN" table convergence --from honest --standalone --out conv.tex 2>/dev/null
"$BIN" table convergence --from honest --format markdown > conv.md 2>/dev/null
check "table convergence --format markdown: a pipe table with a row per claim (2)" bash -c "grep -q '^| kernel | claim |' conv.md &&
  [[ \$(grep -c '^| exp |' conv.md) -eq 2 ]]"
check "every figure has its pgfplots source" bash -c "for f in honest/figures/*.gp; do test -s \"\${f%.gp}-pgfplots.tex\" || exit 1; done"
if kpsewhich pgfplots.sty >/dev/null 2>&1; then
  check "a curves figure's pgfplots source compiles on its own" bash -c "cd honest/figures &&
    pdflatex -interaction=nonstopmode -halt-on-error exp-d80-pgfplots.tex"
  check "the convergence figure's pgfplots source compiles on its own" bash -c "cd honest/figures &&
    pdflatex -interaction=nonstopmode -halt-on-error exp-convergence-pgfplots.tex"
else
  skip "pgfplots.sty is missing (scripts/setup.sh --with-tests installs texlive-pictures)"
fi
# verify's own tables as a paper holds them: each in a table* float of a two-column article.
for t in convergence spectrum-exp stages-exp; do
  printf '%s\n' '\documentclass[twocolumn]{article}' '\usepackage{amsmath}' '\usepackage{booktabs}' '\begin{document}' \
    'Text.' '\begin{table*}' '\centering' '\small' "\\input{honest/tables/$t.tex}" '\caption{verify}' '\end{table*}' \
    '\end{document}' > "two-column-$t.tex"
  check "tables/$t.tex compiles inside a two-column article" pdflatex -interaction=nonstopmode -halt-on-error "two-column-$t.tex"
done
check "table convergence --standalone compiles" pdflatex -interaction=nonstopmode -halt-on-error conv.tex
"$BIN" table coeffs --kernel relu-ntk --d 10 --standalone --out coeffs.tex 2>/dev/null
check "table coeffs --standalone compiles" pdflatex -interaction=nonstopmode -halt-on-error coeffs.tex
"$BIN" table stages --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --standalone --out stages.tex 2>/dev/null
check "table stages --standalone compiles" pdflatex -interaction=nonstopmode -halt-on-error stages.tex

check "every claim verified against its own limit (exit 0)" test $rc -eq 0
small shifted 0.05
"$BIN" verify shifted.toml --out shifted >stdout 2>stderr
rc=$?
check "a claim judged against its limit moved by 5% is not verified, exit 1" test $rc -eq 1
check "... and named in the verdict table, in step 2" grep -q "boundary .*NOT VERIFIED (2)" stdout
check "... and in report.md" grep -q "NOT verified" shifted/report.md
check "... with its power in summary.json, below the shift" "$PY" -c "
import json; s = json.load(open('shifted/summary.json'))
c = [c for c in s['kernels'][0]['claims'] if c['claim'] == 'boundary'][0]
assert c['shift'] == 0.05 and not c['verified'] and c['agrees'] and not c['converges']
h = [c for c in json.load(open('honest/summary.json'))['kernels'][0]['claims'] if c['claim'] == 'boundary'][0]
assert 0 < h['power_up'] < 0.05 and 0 < h['power_down'] < 0.05, (h['power_up'], h['power_down'])"

# One seed: no quantile and no z (null in summary.json); the convergence table still reads it back.
sed 's/^seeds = 3/seeds = 1/' honest.toml > one.toml
"$BIN" verify one.toml --out one >/dev/null 2>&1
"$BIN" table convergence --from one --standalone --out one.tex 2>stderr
check "table convergence --from a one-seed run: no error, and it compiles" \
  bash -c "[[ -s one.tex && ! -s stderr ]] && pdflatex -interaction=nonstopmode -halt-on-error one.tex >/dev/null"

printf '[experiment]\nname = "x"\nkernels = ["exp"]\nalpha = 1.5\nd = [20, 10]\nenergies = [1]\n' > bad.toml
"$BIN" verify bad.toml --out bad >stdout 2>stderr
rc=$?
check "a bad experiment file: exit 2, the line named, no output" bash -c "[[ $rc -eq 2 && ! -e bad ]] && grep -q 'bad.toml:5' stderr"
before=$(sha256sum < honest/summary.json)
"$BIN" verify honest.toml --out honest >/dev/null 2>stderr
rc=$?
check "an existing report is not overwritten: exit 5, unchanged" \
  bash -c "[[ $rc -eq 5 && \$(sha256sum < honest/summary.json) == '$before' ]] && grep -q exists stderr"
check "no staging folders are left behind" bash -c "! ls -A | grep -q partial"

finish
