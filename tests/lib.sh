# The harness every tests/*.sh shares. A script starts with
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
#
# and is then called as `SCRIPT PATH/TO/tristage [MORE ARGUMENTS]` (meson passes the binary). Sourcing this file:
# - checks the arguments (exit 2 with a usage line if the binary is missing) and makes BIN absolute; ARGS holds
#   the arguments after it; a binary that is not executable is one failed check (plan 1..1, exit 1);
# - makes a temporary folder TMP, removed at exit even if a test made part of it read-only, and enters its
#   subfolder WORK: the tests' files live there, the harness's own (OUT, ERR) in TMP, so that `bad` can tell what
#   a run left in WORK;
# - sets PY (/usr/bin/python3, else python3 on PATH, else empty), SCRIPT_DIR (tests/) and SOURCE_DIR.
#
# Output is TAP: one line per check, "ok - WHAT" or "not ok - WHAT", diagnostics as "#   ..." lines, and `finish`
# at the end prints the plan "1..N", a summary, and exits 1 if any check failed (0 otherwise).
#
# Checks:
#   check WHAT COMMAND...           ok when COMMAND succeeds (its output is discarded)
#   report WHAT STATUS [DETAIL]     ok when STATUS is 0; DETAIL is shown either way
#   pass WHAT / fail WHAT           a check decided by the script
#   skip WHAT                       "ok - # skip WHAT": counted, never a failure
#   todo OWNER WHAT STATUS [DETAIL] a known gap to be fixed in OWNER (a file): "not ok - WHAT # TODO OWNER" does not
#                                   fail the script; once STATUS is 0 it says so, so that the mark can be dropped
#   adopt                           counts the "ok - " / "not ok - " lines a helper (e.g. Python) prints on stdin
#   bad [--stdout] CODE REGEX WHAT ARGS...
#                                   runs `tristage ARGS` and checks that it is refused properly, see `refusal`
# Running tristage:
#   run ARGS...                     stdout in $OUT, stderr in $ERR, exit code in $RC; no input, RUN_TIMEOUT seconds
#   refusal [--stdout] CODE REGEX ARGS...
#                                   runs `tristage ARGS` and sets WHY to what is wrong with the refusal, empty if
#                                   nothing: exit code CODE; exactly one stderr line, "tristage: error: MESSAGE",
#                                   MESSAGE matching the extended regular expression REGEX ('' for any; case-sensitive
#                                   unless the script sets IGNORE_CASE=1); nothing on stdout (unless --stdout: a
#                                   report is expected there); and WORK exactly as before: nothing created, changed
#                                   or removed, so no output folder and no .partial staging leftovers. What the run
#                                   created is removed again, so that the next case starts from the same WORK. MSG is
#                                   the stderr line.
#   show_run                        the exit code and the first lines of stdout and stderr, as diagnostics
# Comparing curves:
#   distance A.csv B.csv COL        max over rows of |a - b| / max |b| in column COL of two curves.csv files
#   below X Y                       succeeds when X <= Y (numbers as awk reads them, e.g. 1.2e-10)
#   diag                            prefixes its input with "#   "
#   skip_all REASON                 the whole script cannot run here: "ok - # skip", exit 77 (meson: skipped)
set -u

if [[ $# -lt 1 ]]; then
  echo "usage: $0 PATH/TO/tristage" >&2
  exit 2
fi
BIN=$1
ARGS=("${@:2}")
[[ $BIN == /* ]] || BIN="$PWD/$BIN"
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_DIR=$(dirname "$SCRIPT_DIR")
if [[ ! -x $BIN ]]; then
  echo "not ok - tristage binary '$BIN' is not executable"
  echo "1..1"
  exit 1
fi
if [[ -x /usr/bin/python3 ]]; then PY=/usr/bin/python3
else PY=$(command -v python3 || true)
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tristage-$(basename "$0" .sh).XXXXXX") ||
  { echo "not ok - mktemp -d failed"; echo "1..1"; exit 1; }
# chmod back first: a read-only folder inside TMP must not stop the clean-up.
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
WORK="$TMP/work"
mkdir "$WORK" && cd "$WORK" || exit 1
OUT="$TMP/stdout"
ERR="$TMP/stderr"
RC=0
RUN_TIMEOUT=60  # a hung run fails its check instead of hanging the test
IGNORE_CASE=0  # 1: refusal's REGEX ignores case

n=0 failed=0 todo_n=0

pass() { n=$((n + 1)); echo "ok - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok - $1"; }
skip() { n=$((n + 1)); echo "ok - # skip $1"; }
diag() { sed 's/^/#   /'; }

check() {
  local what=$1
  shift
  if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}

report() {
  if [[ $2 -eq 0 ]]; then pass "$1${3:+ ($3)}"; else fail "$1${3:+: $3}"; fi
}

todo() {
  n=$((n + 1)) todo_n=$((todo_n + 1))
  if [[ $3 -eq 0 ]]; then echo "ok - $2 # TODO passes now: remove the TODO mark ($1)"
  else echo "not ok - $2 # TODO $1${4:+: $4}"
  fi
}

adopt() {
  local line
  while IFS= read -r line; do
    case $line in
      "ok - "*) pass "${line#ok - }" ;;
      "not ok - "*) fail "${line#not ok - }" ;;
      *) printf '%s\n' "$line" | diag ;;
    esac
  done
}

skip_all() {
  echo "ok - # skip $1"
  echo "1..1"
  exit 77
}

run() {
  timeout "$RUN_TIMEOUT" "$BIN" "$@" >"$OUT" 2>"$ERR" </dev/null
  RC=$?
}

show_run() {
  echo "# exit code $RC; stdout (first lines):"
  head -n 5 "$OUT" | diag
  echo "# stderr:"
  head -n 5 "$ERR" | diag
}

# Every entry of WORK, one per line: "path<TAB>sha256" for a file, "path<TAB>type" for anything else.
snapshot() {
  find . -mindepth 1 -not -type f -printf '%p\t%y\n' 2>/dev/null
  find . -type f -print0 2>/dev/null | xargs -0r sha256sum 2>/dev/null | sed -E 's/^([0-9a-f]+) [ *](.*)$/\2\t\1/'
}

refusal() {
  local stdout_ok=0
  if [[ $1 == --stdout ]]; then stdout_ok=1; shift; fi
  local code=$1 re=$2
  shift 2
  local before after changes
  before=$(snapshot | LC_ALL=C sort)
  run "$@"
  after=$(snapshot | LC_ALL=C sort)
  MSG=$(head -n 1 "$ERR")
  WHY=""
  [[ $RC -eq $code ]] || WHY+=" exit $RC, not $code;"
  [[ $stdout_ok -eq 0 && -s $OUT ]] && WHY+=" stdout not empty;"
  [[ $(wc -l <"$ERR") -eq 1 ]] || WHY+=" stderr has $(wc -l <"$ERR") lines, not 1;"
  [[ $MSG == "tristage: error: "* ]] || WHY+=" stderr does not start with 'tristage: error: ';"
  local icase=()
  [[ $IGNORE_CASE -eq 1 ]] && icase=(-i)
  grep -qE "${icase[@]}" -- "$re" <<<"${MSG#tristage: error: }" || WHY+=" message does not match /$re/;"
  if [[ $after != "$before" ]]; then
    changes=$(awk -F'\t' 'NR == FNR { was[$1] = $2; next }
      !($1 in was) { print "created " $1; next }
      was[$1] != $2 { print "changed " $1 }
      { delete was[$1] }
      END { for (p in was) print "removed " p }' <(printf '%s\n' "$before") <(printf '%s\n' "$after"))
    WHY+=" left behind in WORK: $(paste -sd ',' <<<"$changes" | sed 's/,/, /g');"
    # Remove what the run created, so that the next case starts from the same folder.
    sed -n 's/^created //p' <<<"$changes" | while IFS= read -r p; do rm -rf -- "$p"; done
  fi
}

bad() {
  local opt=()
  if [[ $1 == --stdout ]]; then opt=(--stdout); shift; fi
  local code=$1 re=$2 what=$3
  shift 3
  refusal "${opt[@]}" "$code" "$re" "$@"
  if [[ -z $WHY ]]; then
    pass "$what (exit $code)"
  else
    fail "$what:$WHY"
    echo "#   command: tristage $*"
    sed 's/^/#   stderr: /' "$ERR" | head -n 3
  fi
}

finish() {
  echo "1..$n"
  [[ $todo_n -eq 0 ]] || echo "# $todo_n known gaps marked TODO (not counted as failures)"
  if [[ $failed -ne 0 ]]; then
    echo "# $failed of $n checks failed"
    exit 1
  fi
  echo "# all $n checks passed"
  exit 0
}

distance() {
  awk -F, -v col="$3" 'FNR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
    NR == FNR { v[FNR] = $c; next }
    { d = $c - v[FNR]; if (d < 0) d = -d; if (d > worst) worst = d; s = v[FNR] < 0 ? -v[FNR] : v[FNR]; if (s > scale) scale = s }
    END { printf "%.3g\n", worst / scale }' "$1" "$2"
}
below() { awk -v x="$1" -v y="$2" 'BEGIN { exit !(x <= y) }'; }
