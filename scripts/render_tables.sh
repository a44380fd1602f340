#!/usr/bin/env bash
# Renders one page of each LaTeX table tristage writes, as a paper would hold it (a two-column article, the table in
# a table* float: the upper half of page 2), to docs/figures/tables/NAME.png: what docs/usage.md shows of them. Needs pdflatex and pdftoppm
# (Debian: texlive-latex-recommended, poppler-utils). Usage: scripts/render_tables.sh [PATH/TO/tristage]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build/cli/tristage}
[[ $bin == /* ]] || bin=$PWD/$bin
command -v pdftoppm >/dev/null || { echo "pdftoppm is missing: apt-get install poppler-utils" >&2; exit 2; }
command -v pdflatex >/dev/null || { echo "pdflatex is missing: scripts/setup.sh --with-tests" >&2; exit 2; }
out=$root/docs/figures/tables
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

render() {  # NAME CAPTION FRAGMENT_FILE
  {
    printf '%s\n' '\documentclass[twocolumn]{article}' '\usepackage{amsmath}' '\usepackage{booktabs}' \
      '\pagestyle{empty}' '\begin{document}' '\begin{table*}' '\centering' '\small'
    grep -v '^%' "$3"
    printf '\n%s\n' "\\caption{\\texttt{$2}}" '\end{table*}' '\mbox{}' '\end{document}'
  } > "$1.tex"
  pdflatex -interaction=nonstopmode -halt-on-error "$1.tex" > /dev/null
  # A table* float goes to the top of the next page: page 2 holds it, rendered whole (its upper half: the table).
  pdftoppm -png -r 90 -f 2 -l 2 -singlefile "$1.pdf" "$out/$1"
  echo "wrote docs/figures/tables/$1.png"
}

"$bin" coeffs --kernel exp --d 100 --kmax 6 --order 3 --format latex > coeffs.frag
render coeffs-exp-d100 'tristage coeffs --kernel exp --d 100 --kmax 6 --order 3 --format latex' coeffs.frag
"$bin" coeffs --kernel relu-ntk --d symbolic --kmax 5 --order 2 --format latex > symbolic.frag
render coeffs-relu-ntk-symbolic 'tristage coeffs --kernel relu-ntk --d symbolic --kmax 5 --order 2 --format latex' symbolic.frag
"$bin" theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --grid 9 --format latex > stages.frag
render theory-stages 'tristage theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --grid 9 --format latex' stages.frag
# Curves on a grid: 6 digits are what a page has room for (--digits; the default keeps 12).
"$bin" theory --kernel exp --d 100 --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --grid 9 --format latex --digits 6 > equivalent.frag
render theory-equivalent 'tristage theory --kernel exp --d 100 --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --grid 9 --format latex --digits 6' equivalent.frag
"$bin" theory --kernel exp --alpha 2 --c 0.5 --energies 0,1,1,1 --noise 0.5 --grid 7 --format latex --digits 6 > integer.frag
render theory-integer-alpha 'tristage theory --kernel exp --alpha 2 --c 0.5 --energies 0,1,1,1 --noise 0.5 --grid 7 --format latex --digits 6' integer.frag
"$bin" verify --out verify > /dev/null 2>&1 || true
"$bin" table convergence --from verify > convergence.frag
render verify-convergence 'tristage table convergence --from results/verify-default' convergence.frag
render verify-spectrum 'tables/spectrum-exp.tex of tristage verify (the default experiment)' verify/tables/spectrum-exp.tex
