#!/usr/bin/env bash
# The catalogue of bad inputs (docs/reliability.md): every option of every subcommand and the input files with wrong
# types, out-of-range values, nan and inf, empty and enormous values; malformed, non-analytic and indefinite kernels;
# output folders that exist or cannot be written. Each case must give its documented exit code (core/error.hpp),
# exactly one line "tristage: error: ..." on stderr saying what is wrong (checked against a pattern), nothing on
# stdout, nothing created, changed or removed in the work folder (listed and hashed before and after), and no hang
# (timeout 60 s).
# Then docs/reliability.md must show every message as the program prints it.
#
# Usage: bad_input_test.sh PATH/TO/tristage            TAP lines (tests/lib.sh), exit 1 if a check failed
#        bad_input_test.sh PATH/TO/tristage --markdown the catalogue as Markdown table rows, for docs/reliability.md
# Cases that need a change in a file this test's author does not own are marked TODO with the file (todo_case): they
# print "not ok ... # TODO" and do not fail the test; once fixed they print "ok ... # TODO passes now" (drop the mark).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
MODE=${ARGS[0]:-tap}
DOC="$SOURCE_DIR/docs/reliability.md"
IGNORE_CASE=1  # messages come partly from CLI11, whose capitals vary ("At Most 1")

# ---------------------------------------------------------------- fixtures (d = 5 points, 20 of them)
"$PY" - <<'PY'
import math, random
random.seed(1)
def point(d):
    x = [random.gauss(0, 1) for _ in range(d)]
    r = math.sqrt(sum(v * v for v in x))
    return [math.sqrt(d) * v / r for v in x]
rows = [",".join(repr(v) for v in point(5)) for _ in range(20)]
open("points.csv", "w").write("\n".join(rows) + "\n")
open("noise.csv", "w").write("\n".join(["0.1"] * 20) + "\n")
open("empty.csv", "w").close()
open("comments.csv", "w").write("# only a comment\n\n")
open("header.csv", "w").write("x1,x2,x3,x4,x5\n" + "\n".join(rows) + "\n")
open("nan.csv", "w").write(",".join(["nan"] * 5) + "\n")
open("inf.csv", "w").write(rows[0] + "\n" + ",".join(["inf"] * 5) + "\n")
open("semicolon.csv", "w").write(";".join(["1"] * 5) + "\n")
open("binary.csv", "wb").write(bytes(range(256)) * 4)
open("short.csv", "w").write("1,2,3\n")
open("ragged.csv", "w").write("\n".join(rows) + "\n1,2\n")
open("off_sphere.csv", "w").write(",".join(["2"] * 5) + "\n")
open("huge.csv", "w").write(",".join(["1e300"] * 5) + "\n")
open("noise_nan.csv", "w").write("\n".join(["0.1"] * 19 + ["nan"]) + "\n")
open("noise_short.csv", "w").write("\n".join(["0.1"] * 19) + "\n")
open("dir_zero.csv", "w").write("0,0,0,0,0\n")
open("dir_nan.csv", "w").write("nan,0,0,0,0\n")
open("dir_huge.csv", "w").write("1e308,1e308,0,0,0\n")
open("dir_short.csv", "w").write("1,0\n")
def toml(kernels='["exp"]', alpha="1.5", d="[10, 20]", energies="[0, 1]", extra=""):
    return ('[experiment]\nname = "x"\nkernels = %s\nalpha = %s\nd = %s\nseeds = 1\nenergies = %s\n%s'
            '[time]\npoints = 5\n' % (kernels, alpha, d, energies, extra))
open("d_decreasing.toml", "w").write(toml(d="[20, 10]"))
open("alpha_nan.toml", "w").write(toml(alpha="nan"))
open("noise_inf.toml", "w").write(toml(extra="noise = inf\n"))
open("not_analytic.toml", "w").write(toml(kernels='["exp", "sqrt(u^2)"]'))
open("indefinite.toml", "w").write(toml(kernels='["exp", "cos(u)"]'))
open("negative_taylor.toml", "w").write(toml(kernels='["taylor:1,0,-0.001,1"]'))
open("syntax.toml", "w").write("[experiment\nname = 1\n")
open("binary.toml", "wb").write(bytes(range(256)))
open("good.toml", "w").write(toml())
PY
mkdir -p existing_dir not_verify bad_summary wrong_summary dir_summary/summary.json golden_empty
echo keep >existing_dir/keep
echo "keep" >existing.csv
echo "{}" >side.csv.json  # a CSV's provenance without its CSV
echo "{" >bad_summary/summary.json
echo '{"a": 1}' >wrong_summary/summary.json
SECTION=""
ROWS="$TMP/rows.md"
: >"$ROWS"

section() {
  SECTION=$1
  [[ $MODE == --markdown ]] && printf '| **%s** | | | | |\n' "$1" >>"$ROWS"
}

md_escape() { sed -e 's/|/\\|/g'; }

# An argument as a reader would type it: bare when plain, in single quotes when it has shell characters.
quote() {
  if [[ $1 =~ ^[A-Za-z0-9_./:,=+@%-]+$ ]]; then printf '%s' "$1"
  elif [[ $1 != *"'"* && $1 =~ ^[[:print:]]*$ ]]; then printf "'%s'" "$1"
  else printf '%q' "$1"
  fi
}

# case_ KIND CODE REGEX DESCRIPTION ARGS... : KIND is ok (must pass), todo:FILE (known gap, owned elsewhere),
# nodoc (passes, but the message has machine-specific numbers and is not checked against the doc) or report (as ok,
# and a report on stdout is expected). The checks are those of `refusal` (tests/lib.sh).
case_() {
  local kind=$1 code=$2 re=$3 what=$4
  shift 4
  local opt=()
  [[ $kind == report ]] && opt=(--stdout)
  refusal "${opt[@]}" "$code" "$re" "$@"
  local msg=${MSG//$WORK/WORK}  # the work folder's absolute path changes from run to run
  local cmd="tristage"
  for a in "$@"; do
    if [[ ${#a} -gt 70 ]]; then a="${a:0:40}...(${#a} characters)"; fi
    cmd+=" $(quote "$a")"
  done
  if [[ $MODE == --markdown ]]; then
    local left="nothing"
    [[ $WHY == *"left behind"* ]] && left="**left files**"
    [[ $RC -eq 0 ]] && left="a result (it ran)"
    local note=""
    [[ $kind == todo:* ]] && note=" (to fix: ${kind#todo:})"
    printf '| %s%s | `%s` | `%s` | %s | %s |\n' "$what" "$note" "$(md_escape <<<"$cmd")" \
      "$(md_escape <<<"${msg#tristage: error: }")" "$RC" "$left" >>"$ROWS"
    return
  fi
  if [[ $kind == todo:* ]]; then
    todo "${kind#todo:}" "$SECTION: $what" "$([[ -z $WHY ]]; echo $?)" "${WHY# }"
    [[ -z $WHY ]] || { echo "#   $cmd"; echo "#   $msg"; }
    return
  fi
  if [[ -z $WHY ]]; then
    pass "$SECTION: $what (exit $code)"
  else
    fail "$SECTION: $what:$WHY"
    echo "#   $cmd"
    sed 's/^/#   stderr: /' "$ERR" | head -n 3
  fi
  # The documentation shows the real message (not for machine-specific ones, nor known gaps).
  if [[ ($kind == ok || $kind == report) && -f $DOC ]]; then
    local shown
    shown=$(md_escape <<<"${msg#tristage: error: }")
    if grep -qF -- "$shown" "$DOC"; then
      pass "docs/reliability.md shows the message of: $what"
    else
      fail "docs/reliability.md does not show the message of: $what (regenerate the table with" \
        "tests/bad_input_test.sh BIN --markdown)"
      echo "#   $msg"
    fi
  fi
}
bad() { case_ ok "$@"; }  # replaces lib.sh's bad: the same checks, plus the message in the doc
todo_case() { case_ "todo:$1" "${@:2}"; }  # todo_case FILE CODE REGEX DESCRIPTION ARGS...
nodoc() { case_ nodoc "$@"; }

K=(--kernel exp)
SIM=(simulate --kernel exp --d 5 --energies 0,1 --grid 3)
SIMK=(simulate --d 5 --energies 0,1 --grid 3)
TH=(theory --kernel exp --energies 0,1,1)

# ---------------------------------------------------------------- the command itself
section "tristage"
bad 2 "subcommand is required" "no subcommand"
bad 2 "unknown command 'frobnicate'" "unknown subcommand" frobnicate
bad 2 "--bogus" "unknown option" coeffs "${K[@]}" --d 10 --bogus
bad 2 "--kmax.*at most 1" "an option given twice" coeffs "${K[@]}" --d 10 --kmax 2 --kmax 3

# ---------------------------------------------------------------- kernels (the same parser for every command)
section "--kernel"
bad 2 "--kernel is required" "missing" coeffs --d 10
bad 2 "--kernel is empty" "empty" coeffs --kernel '' --d 10
bad 2 "'   ' is empty" "only spaces" coeffs --kernel '   ' --d 10
bad 2 "unknown kernel 'foo:3'" "unknown named kernel" coeffs --kernel foo:3 --d 10
bad 2 "unknown name 'gauss'" "unknown function or name" coeffs --kernel 'gauss(u)' --d 10
bad 2 "unknown name 'abs'" "abs(u): no such function" coeffs --kernel 'abs(u)' --d 10
bad 2 "never closed at column 4" "unbalanced '('" coeffs --kernel 'exp(u' --d 10
bad 2 "unexpected '\)' at column 7" "unbalanced ')'" coeffs --kernel 'exp(u))' --d 10
bad 2 "write '\*'" "implicit multiplication" coeffs --kernel 'exp(2u)' --d 10
bad 2 "one argument" "two arguments" coeffs --kernel 'exp(u, 2)' --d 10
bad 2 "\\\\x0a" "a newline inside (escaped in the one-line message)" coeffs --kernel $'exp(u)\nx' --d 10
bad 2 "100 levels of nesting" "nested 101 deep" coeffs --kernel "$(printf '(%.0s' {1..101})u$(printf ')%.0s' {1..101})" --d 10
bad 2 "100 levels of nesting" "9999 minus signs" coeffs --kernel "$(head -c 9999 /dev/zero | tr '\0' '-')u" --d 10
bad 2 "at most 10000" "20001 characters" coeffs --kernel "$(head -c 20000 /dev/zero | tr '\0' '+')u" --d 10
bad 2 "out of range" "a literal beyond double range" coeffs --kernel '1e999*u' --d 10
bad 2 "exponent larger than 1000" "an exponent that fills the memory" coeffs --kernel 'u^(2^(2^(2^5)))' --d 10
bad 2 "polynomial of degree 1000" "a polynomial of degree 1000" coeffs --kernel 'u^1000' --d 10
bad 2 "not finite.*h\(0\) = inf" "pole inside [-1, 1]: 1/u" coeffs --kernel '1/u' --d 10
bad 2 "not finite.*h\(0\) = inf" "pole inside [-1, 1]: 1/(u)" coeffs --kernel '1/(u)' --d 10
bad 2 "not finite.*h\(-1\) = -inf" "log(1+u): -inf at -1" coeffs --kernel 'log(1+u)' --d 10
bad 2 "singularity near u = 0.33" "a pole between grid points: 1/(u-1/3)^2 (was: exit 0, wrong xi)" \
  coeffs --kernel '1/(u-1/3)^2' --d 10
bad 2 "singularity near u = 0.3 " "a pole on a grid point, finite in doubles: exp(u)/(0.3-u)^2" \
  coeffs --kernel 'exp(u)/(0.3-u)^2' --d 10
bad 2 "singularity near u = 0.33" "a logarithmic singularity: log((u-1/3)^2)+5" coeffs --kernel 'log((u-1/3)^2)+5' --d 10
bad 2 "undefined in exact arithmetic \(power::eval\(\): pow\(0,0\)" "0^0 (1 in doubles, undefined exactly)" \
  coeffs --kernel '0^(0*u)+1' --d 10
bad 2 "undefined at u = 1 in exact arithmetic" "tan(u*pi/2): a pole at 1 that doubles miss" coeffs --kernel 'tan(u*pi/2)' --d 10
bad 2 "not finite.*h\(-1\) is undefined" "sqrt(u): undefined below 0" coeffs --kernel 'sqrt(u)' --d 10
bad 2 "not finite.*is undefined" "sin(u)/u: 0/0 at 0" coeffs --kernel 'sin(u)/u' --d 10
bad 2 "not finite.*h\(1\) = inf" "a pole at the end: 1/(1-u)" coeffs --kernel '1/(1-u)' --d 10
bad 2 "too large on \[-1, 1\]: h\(.*\) = 1.*e\+100; keep \|h\| below 1e100" "exp(1000*u): too large (1e100)" \
  coeffs --kernel 'exp(1000*u)' --d 10
bad 2 "not analytic at u = 0" "sqrt(u^2) = |u|: not analytic at 0" coeffs --kernel 'sqrt(u^2)' --d 10
bad 2 "not analytic at u = 0" "(u^2)^0.25 = sqrt|u|" coeffs --kernel '(u^2)^0.25' --d 10
bad 2 "not analytic at u = 0" "theory: sqrt(u^2)" theory --kernel 'sqrt(u^2)' --alpha 1.5 --energies 1
bad 2 "whole number from 0 to 200" "poly:-1" coeffs --kernel poly:-1 --d 10
bad 2 "whole number from 0 to 200" "poly:201" coeffs --kernel poly:201 --d 10
bad 2 "whole number from 0 to 200" "poly:2.5" coeffs --kernel poly:2.5 --d 10
bad 2 "coefficient a0 = ''" "taylor: with nothing" coeffs --kernel taylor: --d 10
bad 2 "coefficient a1 = ''" "taylor: an empty coefficient" coeffs --kernel taylor:1,,2 --d 10
bad 2 "coefficient a0 = 'nan'" "taylor: nan" coeffs --kernel taylor:nan --d 10
bad 2 "a1 = '1e-9999' is out of range" "taylor: a coefficient below 1e-300" coeffs --kernel taylor:1,1e-9999 --d 10
bad 2 "has 1001 coefficients" "taylor: 1001 coefficients" coeffs --kernel "taylor:$(printf '1,%.0s' {1..1000})1" --d 10
bad 2 "polynomial of degree 999: at --d symbolic" "taylor: degree 999 at --d symbolic" \
  coeffs --kernel "taylor:$(printf '1,%.0s' {1..999})1" --d symbolic

# ---------------------------------------------------------------- coeffs
section "coeffs"
bad 2 "--d is required" "--d missing" coeffs "${K[@]}"
bad 2 "--d 2 is too small" "--d 2" coeffs "${K[@]}" --d 2
bad 2 "--d -5 is too small" "--d -5" coeffs "${K[@]}" --d -5
bad 2 "--d 'abc' is not a number" "--d abc" coeffs "${K[@]}" --d abc
bad 2 "--d 'nan' is not a number" "--d nan" coeffs "${K[@]}" --d nan
bad 2 "--d 'inf' is not a number" "--d inf" coeffs "${K[@]}" --d inf
bad 2 "--d '' is not a number" "--d ''" coeffs "${K[@]}" --d ''
bad 2 "not a whole number" "--d 3.5" coeffs "${K[@]}" --d 3.5
bad 2 "below 10\^10" "--d 1e10" coeffs "${K[@]}" --d 1e10
bad 2 "--kmax: '-1' is not a whole number from 0 to 200" "--kmax -1" coeffs "${K[@]}" --d 10 --kmax -1
bad 2 "--kmax: '201'" "--kmax 201" coeffs "${K[@]}" --d 10 --kmax 201
bad 2 "--kmax: '1.5' is not a whole number" "--kmax 1.5" coeffs "${K[@]}" --d 10 --kmax 1.5
bad 2 "--kmax: 'nan'" "--kmax nan" coeffs "${K[@]}" --d 10 --kmax nan
bad 2 "--kmax: '99999999999999999999'" "--kmax enormous" coeffs "${K[@]}" --d 10 --kmax 99999999999999999999
bad 2 "--order: '41'" "--order 41" coeffs "${K[@]}" --d 10 --order 41
bad 2 "--order: '-1'" "--order -1" coeffs "${K[@]}" --d 10 --order -1
bad 2 "--tol: '0' is not a finite number from 1e-15 to 0.01" "--tol 0" coeffs "${K[@]}" --d 10 --tol 0
bad 2 "--tol: 'nan'" "--tol nan" coeffs "${K[@]}" --d 10 --tol nan
bad 2 "--tol: 'inf'" "--tol inf" coeffs "${K[@]}" --d 10 --tol inf
bad 2 "--tol: 'abc'" "--tol abc" coeffs "${K[@]}" --d 10 --tol abc
bad 2 "'xml' is not a format" "--format xml" coeffs "${K[@]}" --d 10 --format xml
bad 2 "'' is not a format" "--format ''" coeffs "${K[@]}" --d 10 --format ''
bad 2 "--out: the name is empty; give one, or leave out --out to write to standard output" "--out ''" \
  coeffs "${K[@]}" --d 10 --out ''
bad 5 "'existing.csv' exists.*--force" "--out onto an existing file" coeffs "${K[@]}" --d 10 --out existing.csv
bad 5 "'existing_dir' exists" "--out onto an existing folder" coeffs "${K[@]}" --d 10 --out existing_dir
bad 5 "'side.csv.json' \(the provenance of --out\) exists" "--format csv --out onto an existing provenance file" \
  coeffs "${K[@]}" --d 10 --format csv --out side.csv
bad 5 "folder 'missing' for --out does not exist" "--out in a missing folder" coeffs "${K[@]}" --d 10 --out missing/c.csv
bad 5 "cannot write '/proc/tristage-c.csv.partial'" "--out in a folder that cannot be written (/proc)" \
  coeffs "${K[@]}" --d 10 --out /proc/tristage-c.csv

# ---------------------------------------------------------------- theory (and the lists shared with simulate)
section "theory"
bad 2 "--alpha is required" "--alpha missing" "${TH[@]}"
bad 2 "--alpha: '0' is not a finite number from 0.01 to 20" "--alpha 0" "${TH[@]}" --alpha 0
bad 2 "--alpha: 'nan'" "--alpha nan" "${TH[@]}" --alpha nan
bad 2 "--alpha: 'inf'" "--alpha inf" "${TH[@]}" --alpha inf
bad 2 "--alpha: '20.5'" "--alpha 20.5" "${TH[@]}" --alpha 20.5
bad 2 "--alpha: 'x'" "--alpha x" "${TH[@]}" --alpha x
bad 2 "--energies is required" "--energies missing" theory "${K[@]}" --alpha 1.5
bad 2 "--energies: '' is not a number" "--energies ''" theory "${K[@]}" --alpha 1.5 --energies ''
bad 2 "--energies: '' is not a number" "--energies ,"  theory "${K[@]}" --alpha 1.5 --energies ,
bad 2 "--energies: 'x' is not a number" "--energies 1,x" theory "${K[@]}" --alpha 1.5 --energies 1,x
bad 2 "--energies: '-1' is negative" "--energies 1,-1" theory "${K[@]}" --alpha 1.5 --energies 1,-1
bad 2 "--energies: 'nan' is not a number" "--energies nan" theory "${K[@]}" --alpha 1.5 --energies nan
bad 2 "--energies: 'inf' is not a number" "--energies inf" theory "${K[@]}" --alpha 1.5 --energies inf
bad 2 "--energies: '1e7' is above 1e6" "--energies 1e7" theory "${K[@]}" --alpha 1.5 --energies 1e7
bad 2 "--energies: '1e9999' is out of range" "--energies 1e9999" theory "${K[@]}" --alpha 1.5 --energies 1e9999
bad 2 "--energies: at most 200 values" "201 energies" theory "${K[@]}" --alpha 1.5 --energies "$(printf '1,%.0s' {1..200})1"
bad 2 "--noise: '-0.5' is negative" "--noise -0.5" "${TH[@]}" --alpha 1.5 --noise -0.5
bad 2 "--noise: 'nan' is not a number" "--noise nan" "${TH[@]}" --alpha 1.5 --noise nan
bad 2 "--noise takes one variance" "--noise 1,2" "${TH[@]}" --alpha 1.5 --noise 1,2
bad 2 "--noise: '1e7' is above 1e6" "--noise 1e7" "${TH[@]}" --alpha 1.5 --noise 1e7
bad 2 "--grid: '0' is not a whole number from 1 to 100000" "--grid 0" "${TH[@]}" --alpha 1.5 --grid 0
bad 2 "--grid: '100001'" "--grid 100001" "${TH[@]}" --alpha 1.5 --grid 100001
bad 2 "--beta-min: 'nan'" "--beta-min nan" "${TH[@]}" --alpha 1.5 --beta-min nan
bad 2 "--beta-min: '-11'" "--beta-min -11" "${TH[@]}" --alpha 1.5 --beta-min -11
bad 2 "--beta-max: 'inf'" "--beta-max inf" "${TH[@]}" --alpha 1.5 --beta-max inf
bad 2 "--beta-max 2 is below --beta-min" "--beta-max below --beta-min" "${TH[@]}" --alpha 1.5 --beta-min 3 --beta-max 2
bad 2 "--convention: squared not in \{half,plain\}" "--convention squared" "${TH[@]}" --alpha 1.5 --convention squared
bad 5 "'existing.csv' exists" "--out onto an existing file" "${TH[@]}" --alpha 1.5 --out existing.csv
# the finite mode (--d: the deterministic equivalent) and the integer-alpha mode (--c)
bad 2 "--d: Value 2 not in range 3 to 1000000" "--d 2" "${TH[@]}" --d 2 --alpha 1.5
bad 2 "--d takes the sample size as --alpha A .* or --n N, one of them" "--d without --alpha or --n" "${TH[@]}" --d 10
bad 2 "--d takes the sample size as --alpha A .* or --n N, one of them" "--d with both --alpha and --n" \
  "${TH[@]}" --d 10 --alpha 1.5 --n 30
bad 2 "--n requires --d" "--n without --d" "${TH[@]}" --alpha 1.5 --n 30
bad 2 "--n: Value 0 not in range" "--n 0" "${TH[@]}" --d 10 --n 0
bad 2 "--ridge: '-1' is negative" "--ridge -1" "${TH[@]}" --d 10 --n 30 --ridge -1
bad 2 "--ridge: 'x' is not a number" "--ridge x" "${TH[@]}" --d 10 --n 30 --ridge 0,x
bad 2 "--method: sgd not in \{flow,gd\}" "--method sgd (no equivalent of online SGD)" "${TH[@]}" --d 10 --n 30 --method sgd
bad 2 "--eta is the step of --method gd" "--eta without --method gd" "${TH[@]}" --d 10 --n 30 --eta 0.1
bad 2 "--tol: '0' is not a finite number" "--tol 0" "${TH[@]}" --d 10 --n 30 --tol 0
bad 3 "error estimate of .* tolerance 1e-14.*the spectrum needs more explicit degrees" \
  "--tol beyond what the spectrum's tail allows (arccos0, d = 3)" theory --kernel arccos0 --energies 0,1 --d 3 --n 3000 --tol 1e-14
bad 2 "--c gives the limits at an integer alpha .* --alpha 1.5 is not one" "--c with a non-integer --alpha" \
  "${TH[@]}" --alpha 1.5 --c 1
bad 2 "--c takes one number > 0" "--c 0" "${TH[@]}" --alpha 2 --c 0
bad 2 "--c takes one number > 0" "--c 1,2" "${TH[@]}" --alpha 2 --c 1,2
bad 2 "--d excludes --c" "--c with --d" "${TH[@]}" --d 10 --alpha 2 --c 1
bad 2 "--gamma-min requires --c" "--gamma-min without --c" "${TH[@]}" --alpha 2 --gamma-min 3
bad 2 "--gamma-max is below --gamma-min" "--gamma-max below --gamma-min" \
  "${TH[@]}" --alpha 2 --c 1 --gamma-min 10 --gamma-max 1

# ---------------------------------------------------------------- regress
section "regress"
bad 2 "not expected: extra" "an extra argument" regress --golden golden_empty extra
bad 2 "golden is required" "no --golden (there is no compiled-in folder)" regress
bad 2 "golden folder 'nowhere' does not exist" "--golden missing" regress --golden nowhere
bad 2 "'golden_empty' has no manifest.toml" "--golden without a manifest" regress --golden golden_empty

# ---------------------------------------------------------------- table
section "table"
bad 2 "subcommand is required" "no table named" table
bad 2 "unknown table 'foo'; choose one of coeffs, stages, convergence" "unknown table" table foo
bad 2 "--kernel is required" "table coeffs without --kernel" table coeffs
bad 2 "--d 2 is too small" "table coeffs --d 2" table coeffs "${K[@]}" --d 2
bad 2 "--kmax: '500'" "table coeffs --kmax 500" table coeffs "${K[@]}" --d 10 --kmax 500
bad 2 "--format: json not in \\{latex,markdown\\}" "table coeffs --format json (tables are LaTeX or Markdown)" table coeffs "${K[@]}" --d 10 --format json
bad 2 "--d is required" "table coeffs without --d (as coeffs)" table coeffs "${K[@]}"
bad 2 "--alpha: 'nan'" "table stages --alpha nan" table stages "${K[@]}" --alpha nan --energies 1
bad 2 "--energies: '-1' is negative" "table stages --energies -1" table stages "${K[@]}" --alpha 1.5 --energies -1
bad 2 "--from is required" "table convergence without --from" table convergence
bad 2 "--from: Directory does not exist" "--from a missing folder" table convergence --from nowhere
bad 2 "'not_verify' has no summary.json file" "--from a folder that is not a verify run" table convergence --from not_verify
bad 2 "'dir_summary' has no summary.json file" "--from a folder whose summary.json is a folder" \
  table convergence --from dir_summary
bad 2 "is not a summary of tristage verify \(.*parse error" "--from with a broken summary.json" \
  table convergence --from bad_summary
bad 2 "is not a summary of tristage verify \(.*'kernels' not found" "--from with another JSON" \
  table convergence --from wrong_summary
bad 5 "'existing.csv' exists" "--out onto an existing file" table stages "${K[@]}" --alpha 1.5 --energies 1 --out existing.csv

# ---------------------------------------------------------------- simulate: options
section "diff"
bad 5 "cannot read 'no_such.json'" "a file that does not exist" diff no_such.json existing.csv
bad 2 "is JSON and 'existing.csv' is not" "a JSON file against a CSV file" diff side.csv.json existing.csv
bad 2 "--rtol: '2' is not a finite number from 0 to 1" "--rtol 2" diff existing.csv existing.csv --rtol 2
bad 2 "B is required" "one file only" diff existing.csv

section "simulate"
bad 2 "--out is required" "--out missing" "${SIM[@]}" --n 20
bad 2 "--d: Value 2 not in range 3" "--d 2" simulate "${K[@]}" --d 2 --n 10 --energies 1 --out out
bad 2 "--d: Value 3.5" "--d 3.5" simulate "${K[@]}" --d 3.5 --n 10 --energies 1 --out out
bad 2 "--n: Value 0 not in range" "--n 0" "${SIM[@]}" --n 0 --out out
bad 2 "--n: Value -1" "--n -1" "${SIM[@]}" --n -1 --out out
bad 2 "give the sample size: --n N or --alpha A" "neither --n nor --alpha" "${SIM[@]}" --out out
bad 2 "--n excludes --alpha" "--n and --alpha" "${SIM[@]}" --n 20 --alpha 1.5 --out out
bad 2 "--alpha: 'nan'" "--alpha nan" "${SIM[@]}" --alpha nan --out out
bad 2 "--alpha: .11. is not a finite number from 0 to 10" "--alpha 11" "${SIM[@]}" --alpha 11 --out out
bad 2 "--energies: '-1' is negative" "--energies -1" simulate "${K[@]}" --d 5 --n 10 --energies -1 --out out
bad 2 "--energies: '1e7' is above 1e6" "--energies 1e7" simulate "${K[@]}" --d 5 --n 10 --energies 1e7 --out out
bad 2 "--noise: 'nan' is not a number" "--noise nan" "${SIM[@]}" --n 20 --noise nan --out out
bad 2 "--noise: '1e300' is above 1e6" "--noise 1e300" "${SIM[@]}" --n 20 --noise 1e300 --out out
bad 2 "--seeds: Value 0 not in range" "--seeds 0" "${SIM[@]}" --n 20 --seeds 0 --out out
bad 2 "--seed" "--seed -1" \
  "${SIM[@]}" --n 20 --seed -1 --out out
bad 2 "--grid: Value 0 not in range" "--grid 0" simulate "${K[@]}" --d 5 --n 20 --energies 1 --grid 0 --out out
bad 2 "--beta-min: 'nan'" "--beta-min nan" \
  "${SIM[@]}" --n 20 --beta-min nan --out out
bad 2 "--beta-max: 'nan'" "--beta-max nan" \
  "${SIM[@]}" --n 20 --beta-max nan --out out
bad 2 "--beta-max is below --beta-min" "--beta-max below --beta-min" "${SIM[@]}" --n 20 --beta-min 2 --beta-max 1 --out out
bad 2 "--method: foo not in" "--method foo" "${SIM[@]}" --n 20 --method foo --out out
bad 2 "--eta: 'nan'" "--eta nan" \
  "${SIM[@]}" --n 20 --method gd --eta nan --out out
bad 2 "--eta: .-1. is not a finite number from 0 to 1e\+12" "--eta -1" "${SIM[@]}" --n 20 --method gd --eta -1 --out out
bad 2 "--eta 1000 is unstable" "--eta above the stability bound" "${SIM[@]}" --n 20 --method gd --eta 1000 --out out
bad 2 "--test: foo not in" "--test foo" "${SIM[@]}" --n 20 --test foo --out out
bad 2 "--mc-points: Value 0" "--mc-points 0" "${SIM[@]}" --n 20 --test mc --mc-points 0 --out out
bad 2 "--sgd-steps: Value 0" "--sgd-steps 0" "${SIM[@]}" --n 20 --method sgd --sgd-steps 0 --out out
bad 2 "--method sgd tracks its exact test error" "--method sgd --test mc" "${SIM[@]}" --n 20 --method sgd --test mc --out out
bad 2 "--convention: foo not in" "--convention foo" "${SIM[@]}" --n 20 --convention foo --out out
nodoc 4 "needs about .* GB.*reduce --n" "more memory than the machine has" \
  "${SIM[@]}" --n 10000000 --out out
bad 2 "kernel 'cos\(u\)' is indefinite: xi_\{d,2\} = -0.0.* < 0 at d = 5" "an indefinite kernel (names the degree)" \
  "${SIMK[@]}" --kernel 'cos(u)' --n 20 --out out
bad 2 "kernel 'sqrt\(1\+u\)' is indefinite: xi_\{d,2\}" "sqrt(1+u): analytic, finite, indefinite" \
  "${SIMK[@]}" --kernel 'sqrt(1+u)' --n 20 --out out
bad 2 "not analytic" \
  "a kernel not analytic at 0" "${SIMK[@]}" --kernel 'sqrt(u^2)' --n 20 --out out
bad 2 "never closed" "a malformed kernel" "${SIMK[@]}" --kernel 'exp(u' --n 20 --out out

# ---------------------------------------------------------------- simulate: input files
section "simulate input files"
bad 2 "--points: File does not exist" "--points missing" "${SIM[@]}" --points nowhere.csv --out out
bad 2 "--points: File is actually a directory" "--points a folder" "${SIM[@]}" --points existing_dir --out out
bad 2 "'/dev/zero' is not a regular file" "--points /dev/zero (endless)" "${SIM[@]}" --points /dev/zero --out out
bad 2 "'empty.csv' has no points" "an empty file" "${SIM[@]}" --points empty.csv --out out
bad 2 "'comments.csv' has no points" "only a comment" "${SIM[@]}" --points comments.csv --out out
bad 2 "'header.csv' line 1: 'x1,x2" "a header line" "${SIM[@]}" --points header.csv --out out
bad 2 "'nan.csv' line 1: 'nan,nan.*' is not a finite number" "nan" "${SIM[@]}" --points nan.csv --out out
bad 2 "'inf.csv' line 2: 'inf,inf.*' is not a finite number" "inf (line 2)" "${SIM[@]}" --points inf.csv --out out
bad 2 "'huge.csv' line 1: '1e300' is larger than 1e100" "1e300" "${SIM[@]}" --points huge.csv --out out
bad 2 "expected ',' between numbers, found ';1;1" "semicolons" "${SIM[@]}" --points semicolon.csv --out out
bad 2 "'binary.csv' line 1 has a NUL byte" "a binary file" "${SIM[@]}" --points binary.csv --out out
bad 2 "'short.csv' line 1 has 3 numbers; every point needs d = 5" "rows of the wrong length" \
  "${SIM[@]}" --points short.csv --out out
bad 2 "'ragged.csv' line 21 has 2 numbers" "one short row at the end" "${SIM[@]}" --points ragged.csv --out out
bad 2 "the point has norm 4.47214, not sqrt\(d\) = 2.23607" "a point off the sphere" \
  "${SIM[@]}" --points off_sphere.csv --out out
bad 2 "--n 30 but 'points.csv' has 20 points" "--n disagrees with the file" "${SIM[@]}" --points points.csv --n 30 --out out
bad 2 "--alpha and --points: the points file fixes n; drop --alpha" "--alpha with --points" \
  "${SIM[@]}" --points points.csv --alpha 1.5 --out out
bad 2 "--method sgd draws a fresh sample" "--method sgd with --points" "${SIM[@]}" --points points.csv --method sgd --out out
bad 2 "'noise_short.csv' has 19 numbers; --noise-file needs 20" "a noise file of the wrong length" \
  "${SIM[@]}" --points points.csv --noise-file noise_short.csv --out out
bad 2 "'noise_nan.csv' line 20: 'nan' is not a finite number" "nan in the noise file" \
  "${SIM[@]}" --points points.csv --noise-file noise_nan.csv --out out
bad 2 "--direction: the vector is zero" "a zero direction" "${SIM[@]}" --n 20 --direction dir_zero.csv --out out
bad 2 "'dir_nan.csv' line 1: 'nan" "nan in the direction" "${SIM[@]}" --n 20 --direction dir_nan.csv --out out
bad 2 "'dir_huge.csv' line 1: '1e308' is larger than 1e100" "a direction whose norm overflows" \
  "${SIM[@]}" --n 20 --direction dir_huge.csv --out out
bad 2 "'dir_short.csv' has 2 numbers; --direction needs 5" "a direction of the wrong length" \
  "${SIM[@]}" --n 20 --direction dir_short.csv --out out

# ---------------------------------------------------------------- simulate: the output folder
section "simulate --out"
bad 5 "'existing_dir' exists; choose another --out, or add --force" "an existing folder, no --force" \
  "${SIM[@]}" --n 20 --out existing_dir
bad 5 "does not exist; create it first" "a folder in a missing folder" "${SIM[@]}" --n 20 --out missing/out
bad 5 "cannot create the output folder '/proc/.*; choose a folder you can write to" "a folder that cannot be written (/proc)" \
  "${SIM[@]}" --n 20 --out /proc/tristage-out
bad 5 "the output folder name is empty; pass --out DIR" "--out ''" "${SIM[@]}" --n 20 --out ''

# ---------------------------------------------------------------- verify
section "verify"
bad 2 "File does not exist: nowhere.toml" "a missing file" verify nowhere.toml --out out
bad 2 "File is actually a directory" "a folder" verify existing_dir --out out
bad 2 "syntax.toml:1:.*TOML syntax" "not TOML" verify syntax.toml --out out
bad 2 "binary.toml:.*TOML syntax" "a binary file" verify binary.toml --out out
bad 2 "d_decreasing.toml:5:.*experiment.d\[1\]: is 10, not larger than the d before it" "d not increasing" \
  verify d_decreasing.toml --out out
bad 2 "alpha_nan.toml:4:.*experiment.alpha: is nan" "alpha = nan" verify alpha_nan.toml --out out
bad 2 "noise_inf.toml:.*experiment.noise: is inf" "noise = inf" verify noise_inf.toml --out out
bad 2 "not_analytic.toml:3:.*experiment.kernels\[1\]: kernel 'sqrt\(u\^2\)' is not analytic" \
  "a second kernel not analytic at 0 (refused before any work)" verify not_analytic.toml --out out
bad 2 "indefinite.toml:3:.*experiment.kernels\[1\]: kernel 'cos\(u\)' has a negative Taylor coefficient at degree 2" \
  "an indefinite second kernel (refused before any work)" verify indefinite.toml --out out
bad 2 "negative Taylor coefficient at degree 2" "taylor:1,0,-0.001,1 (positive xi at small d)" \
  verify negative_taylor.toml --out out
bad 5 "'existing_dir' exists" "an existing output folder, no --force" verify good.toml --out existing_dir
bad 2 "--bogus" "an unknown option" verify --bogus
bad 2 "--out: the name is empty" "--out ''" verify good.toml --out ''

if [[ $MODE == --markdown ]]; then
  cat "$ROWS"
  exit 0
fi
finish
