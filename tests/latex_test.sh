#!/usr/bin/env bash
# Every LaTeX fragment the CLI emits compiles with pdflatex.
#
# Usage: latex_test.sh PATH/TO/tristage
#
# - `coeffs --format latex` for each named kernel and one expression, at --d 10 and --d symbolic, wrapped in a
#   minimal document written here (not the CLI's --standalone);
# - `theory --format latex` for several scalings (and --convention plain), wrapped the same way;
# - `--standalone` output compiled exactly as the CLI writes it;
# - every "latex" string inside `coeffs --format json` compiled inside $...$.
# One line per check ("ok - ..." / "not ok - ..."), diagnostics prefixed with "# ", a TAP plan at the end.
# Exit status: 0 if every check passed, 1 if any failed, 77 (skip) if pdflatex or python3 is missing,
# 2 if the arguments are wrong.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
command -v pdflatex >/dev/null 2>&1 || skip_all "pdflatex not found"
[[ -n $PY ]] || skip_all "python3 not found"
# Keep TeX from reading or writing anything outside the temporary folder more than it must.
export TEXMFOUTPUT="$TMP"
export openout_any=p
TIMEOUT="timeout 30"

# run_cli NAME ARGS... : runs tristage, leaving stdout in $TMP/NAME.out and stderr in $TMP/NAME.err.
# Returns 0 if tristage exited 0 and wrote something, else prints the reason to $TMP/NAME.why and returns 1.
run_cli() {
  local name=$1
  shift
  $TIMEOUT "$BIN" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null
  local rc=$?
  if [ $rc -ne 0 ]; then
    echo "tristage exited $rc: $(head -c 400 "$TMP/$name.err")" >"$TMP/$name.why"
    return 1
  fi
  if [ ! -s "$TMP/$name.out" ]; then
    echo "tristage exited 0 but wrote nothing on stdout" >"$TMP/$name.why"
    return 1
  fi
  return 0
}

# wrap FRAGMENT_FILE TEX_FILE : the minimal document used for every fragment.
wrap() {
  {
    printf '%s\n' '\documentclass{article}' '\usepackage[margin=1.5cm,landscape]{geometry}' \
      '\usepackage{amsmath}' '\usepackage{booktabs}' '\begin{document}' '\small'
    cat "$1"
    printf '\n%s\n' '\end{document}'
  } >"$2"
}

# wrap_two_column FRAGMENT_FILE TEX_FILE : the fragment as a paper holds a wide table: a two-column article, the
# fragment in a table* float with a caption, text around it.
wrap_two_column() {
  {
    printf '%s\n' '\documentclass[twocolumn]{article}' '\usepackage{amsmath}' '\usepackage{booktabs}' \
      '\begin{document}' 'Text before the table.' '\begin{table*}' '\centering' '\small'
    cat "$1"
    printf '\n%s\n' '\caption{A table of tristage.}' '\end{table*}' 'Text after the table.' '\end{document}'
  } >"$2"
}

# compile JOBNAME : compiles $TMP/JOBNAME.tex in $TMP; returns 0 if pdflatex succeeded and made a non-empty PDF.
compile() {
  local job=$1
  (cd "$TMP" && $TIMEOUT pdflatex -interaction=nonstopmode -halt-on-error -no-shell-escape "$job.tex" \
    </dev/null >"$job.pdflatex.out" 2>&1)
  local rc=$?
  [ $rc -eq 0 ] && [ -s "$TMP/$job.pdf" ]
}

show_log() {
  local job=$1
  if [ -f "$TMP/$job.log" ]; then
    local first
    first=$(grep -nE -m1 '^(!|Runaway)' "$TMP/$job.log" | cut -d: -f1)
    if [ -n "$first" ]; then
      echo "# $job.log from the first error:"
      tail -n +"$((first > 2 ? first - 2 : 1))" "$TMP/$job.log" | grep -v -m14 -E '^ [0-9]+.* out of |^Here is how much' | diag
    else
      echo "# last lines of $job.log:"
      tail -n 25 "$TMP/$job.log" | diag
    fi
  else
    echo "# no $job.log; pdflatex said:"
    tail -n 15 "$TMP/$job.pdflatex.out" 2>/dev/null | diag
  fi
}

# check_fragment LABEL JOB ARGS... : runs tristage ARGS, wraps the fragment, compiles it.
check_fragment() {
  local label=$1 job=$2
  shift 2
  if ! run_cli "$job" "$@"; then
    fail "$label: $(cat "$TMP/$job.why")"
    return
  fi
  if grep -q '\\documentclass' "$TMP/$job.out"; then
    fail "$label: the fragment (without --standalone) already contains \\documentclass"
    return
  fi
  wrap "$TMP/$job.out" "$TMP/$job.tex"
  if compile "$job"; then
    pass "$label compiles"
  else
    fail "$label does not compile with pdflatex"
    show_log "$job"
  fi
  wrap_two_column "$TMP/$job.out" "$TMP/$job-2col.tex"
  if compile "$job-2col"; then
    local overfull
    overfull=$(grep -c '^Overfull \\hbox' "$TMP/$job-2col.log")
    pass "$label compiles inside a two-column article (table*; $overfull overfull lines)"
  else
    fail "$label does not compile inside a two-column article"
    show_log "$job-2col"
  fi
}

# check_standalone LABEL JOB ARGS... : runs tristage ARGS --standalone and compiles its output as is.
check_standalone() {
  local label=$1 job=$2
  shift 2
  if ! run_cli "$job" "$@" --standalone; then
    fail "$label: $(cat "$TMP/$job.why")"
    return
  fi
  cp "$TMP/$job.out" "$TMP/$job.tex"
  if compile "$job"; then
    pass "$label compiles as is"
  else
    fail "$label does not compile as is with pdflatex"
    show_log "$job"
  fi
}

# check_json_strings LABEL JOB ARGS... : every "latex" string in the JSON output compiles inside $...$.
check_json_strings() {
  local label=$1 job=$2
  shift 2
  if ! run_cli "$job" "$@"; then
    fail "$label: $(cat "$TMP/$job.why")"
    return
  fi
  # One string per line of the body; $job.map lists "tex-line<TAB>json-path" to name a failing string.
  local count
  count=$("$PY" - "$TMP/$job.out" "$TMP/$job.body" "$TMP/$job.map" <<'EOF'
import json, sys
src, body, mapping = sys.argv[1:4]
with open(src) as f:
    doc = json.load(f)
found = []
def walk(node, path):
    if isinstance(node, dict):
        for key, value in node.items():
            p = path + "." + key if path else key
            if key == "latex":
                found.append((p, value))
            else:
                walk(value, p)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            walk(value, "%s[%d]" % (path, i))
walk(doc, "")
# The wrapper puts 6 lines before the body.
with open(body, "w") as b, open(mapping, "w") as m:
    for i, (p, value) in enumerate(found):
        if not isinstance(value, str) or not value.strip():
            b.write("\\textbf{NOT A NON-EMPTY STRING}\\par\n")
            m.write("%d\t%s\t%r (not a non-empty string)\n" % (7 + i, p, value))
            continue
        b.write("$" + value + "$\\par\n")
        m.write("%d\t%s\t%s\n" % (7 + i, p, value.replace("\n", "\\n")))
print(len(found))
EOF
  )
  if [ $? -ne 0 ] || [ -z "$count" ]; then
    fail "$label: the JSON output could not be read (not valid JSON?)"
    head -c 300 "$TMP/$job.out" | diag
    return
  fi
  if [ "$count" -eq 0 ]; then
    fail "$label: no \"latex\" fields in the JSON output"
    return
  fi
  if grep -q 'NOT A NON-EMPTY STRING' "$TMP/$job.body"; then
    fail "$label: some \"latex\" fields are empty or not strings"
    grep 'not a non-empty string' "$TMP/$job.map" | diag
    return
  fi
  wrap "$TMP/$job.body" "$TMP/$job.tex"
  if compile "$job"; then
    pass "$label: all $count latex strings compile inside \$...\$"
  else
    fail "$label: latex strings do not compile inside \$...\$"
    show_log "$job"
    # Name the failing string(s): the line numbers pdflatex reports, mapped back to JSON paths.
    # If pdflatex named no line, compile the strings one by one (only on failure, so the time is spent rarely).
    local line named=0
    for line in $(grep -oE '^l\.[0-9]+' "$TMP/$job.log" 2>/dev/null | cut -c3- | sort -un); do
      awk -F '\t' -v l="$line" '$1 == l { print "offending field " $2 ": " $3 }' "$TMP/$job.map" | diag
      named=1
    done
    if [ $named -eq 0 ]; then
      local k=0 text
      while IFS= read -r text && [ $k -lt 60 ]; do
        k=$((k + 1))
        printf '%s\n' "$text" >"$TMP/$job.one.body"
        wrap "$TMP/$job.one.body" "$TMP/$job.one.tex"
        compile "$job.one" || sed -n "${k}p" "$TMP/$job.map" | awk -F '\t' '{ print "offending field " $2 ": " $3 }' | diag
      done <"$TMP/$job.body"
    fi
  fi
}

KERNELS=(exp poly:3 arccos0 arccos1 relu-ntk 'exp(u)/(2-u)')
i=0
for kernel in "${KERNELS[@]}"; do
  for d in 10 symbolic; do
    i=$((i + 1))
    check_fragment "coeffs --kernel '$kernel' --d $d --format latex" "coeffs$i" \
      coeffs --kernel "$kernel" --d "$d" --kmax 6 --order 3 --format latex
    check_json_strings "coeffs --kernel '$kernel' --d $d --format json" "json$i" \
      coeffs --kernel "$kernel" --d "$d" --kmax 6 --order 3 --format json
  done
done

check_fragment "theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --format latex" theory1 \
  theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --format latex
check_fragment "theory --kernel relu-ntk --alpha 2.5 --energies 1,1,0.5,0,0.25 --noise 0.1 --format latex" theory2 \
  theory --kernel relu-ntk --alpha 2.5 --energies 1,1,0.5,0,0.25 --noise 0.1 --format latex
check_fragment "theory --kernel relu-ntk --alpha 2.5 --energies 1,1,0.5,0,0.25 --noise 0.1 --convention plain --format latex" theory3 \
  theory --kernel relu-ntk --alpha 2.5 --energies 1,1,0.5,0,0.25 --noise 0.1 --convention plain --format latex
check_fragment "theory --kernel 'exp(u)/(2-u)' --alpha 0.5 --energies 1,2 --format latex" theory4 \
  theory --kernel 'exp(u)/(2-u)' --alpha 0.5 --energies 1,2 --format latex

check_fragment "theory --kernel exp --d 100 --alpha 1.5 (the deterministic equivalent) --format latex" theory5 \
  theory --kernel exp --d 100 --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --grid 11 --format latex
check_fragment "theory --kernel exp --alpha 2 --c 0.5 (integer alpha) --format latex" theory6 \
  theory --kernel exp --alpha 2 --c 0.5 --energies 0,1,1,1 --noise 0.5 --grid 11 --format latex
check_fragment "table coeffs --kernel exp --d 100" table1 table coeffs --kernel exp --d 100 --kmax 6 --order 3
check_fragment "table stages --kernel exp --alpha 1.5" table2 table stages --kernel exp --alpha 1.5 --energies 0,1,1,1 \
  --noise 0.5
check_fragment "coeffs --kernel exp --d 100 --format latex --digits 4" digits1 \
  coeffs --kernel exp --d 100 --kmax 6 --order 3 --format latex --digits 4
# xi_{d,2} in its aligned column: integer part, fraction, exponent, each a tabular cell.
if grep -qF '$9$ & $.851$ & ${}\times 10^{-5}$' "$TMP/digits1.out" && ! grep -q '8511' "$TMP/digits1.out"; then
  pass "--digits 4 writes xi_{d,2} = 9.851 x 10^-5 (4 significant digits, aligned on the point and the exponent)"
else
  fail "--digits 4 writes xi_{d,2} = 9.851 x 10^-5 (4 significant digits, aligned on the point and the exponent)"
  grep -m2 '^2 ' "$TMP/digits1.out" | diag
fi

# The approximate values in the prose follow --digits too: kappa(1) = e - 2 = 0.71828...
check_fragment "theory --kernel exp --alpha 1.5 --format latex --digits 3" digits2 \
  theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --format latex --digits 3
if grep -qF 'e - 2 \approx 0.718$' "$TMP/digits2.out"; then
  pass "--digits 3 writes kappa(1) = e - 2 \approx 0.718 in the prose"
else
  fail "--digits 3 writes kappa(1) = e - 2 \approx 0.718 in the prose"
  grep -m1 'approx' "$TMP/digits2.out" | diag
fi

check_standalone "coeffs --kernel exp --d 10 --format latex --standalone" standalone1 \
  coeffs --kernel exp --d 10 --kmax 6 --order 3 --format latex
check_standalone "coeffs --kernel relu-ntk --d symbolic --format latex --standalone" standalone2 \
  coeffs --kernel relu-ntk --d symbolic --kmax 6 --order 3 --format latex
check_standalone "theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --format latex --standalone" standalone3 \
  theory --kernel exp --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --format latex

finish
