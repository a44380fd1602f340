#!/usr/bin/env bash
# The library as a user meets it: `meson install` into a temporary folder, the first C++ example of docs/library.md
# copied from the page and compiled with `pkg-config --cflags --libs tristage`, and a Python session with the
# installed module; each reproduces `tristage coeffs --kernel exp --d 7 --format json` to the last digit (`tristage
# diff --rtol 0`: every field equal), and Python's result has the JSON's structure (dicts and lists, numbers as
# numbers). Usage: library_test.sh PATH/TO/tristage (in the build folder, which is installed).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
BUILD=$(dirname "$(dirname "$BIN")")
[[ -f $BUILD/build.ninja ]] || skip_all "$BIN is not in a meson build folder"
command -v g++ >/dev/null && command -v pkg-config >/dev/null || skip_all "g++ or pkg-config missing"

STAGE=$TMP/stage
meson install -C "$BUILD" --destdir "$STAGE" --no-rebuild --quiet > "$TMP/install.log" 2>&1
report "meson install puts the library, header, pkg-config file and Python package in place" $? "$(tail -3 "$TMP/install.log")"
libdir=$(dirname "$(find "$STAGE" -name 'libtristage.so' | head -1)")
pcdir=$(dirname "$(find "$STAGE" -name 'tristage.pc' | head -1)")
pydir=$(dirname "$(dirname "$(find "$STAGE" -name '__init__.py' -path '*tristage*' | head -1)")")
check "the header is installed as tristage/tristage.hpp" test -n "$(find "$STAGE" -path '*include/tristage/tristage.hpp')"
export PKG_CONFIG_SYSROOT_DIR=$STAGE PKG_CONFIG_PATH=$pcdir LD_LIBRARY_PATH=$libdir PYTHONPATH=$pydir

"$BIN" coeffs --kernel exp --d 7 --format json > command.json
"$BIN" coeffs --kernel exp --d 7 --kmax 4 --format json > command4.json

# The first ```cpp block of docs/library.md, as a user copies it.
awk '/^```cpp/ { if (!done) inside = 1; next } /^```/ { if (inside) { inside = 0; done = 1 } next } inside' \
  "$SOURCE_DIR/docs/library.md" > example.cpp
check "docs/library.md has a C++ example" grep -q 'tristage::coefficients' example.cpp
if g++ -std=c++20 example.cpp $(pkg-config --cflags --libs tristage) -o example 2> "$TMP/compile.log"; then
  pass "the example compiles with \$(pkg-config --cflags --libs tristage)"
  ./example > example.json
  report "the example runs" $?
  "$BIN" diff --rtol 0 command.json example.json > "$TMP/diff.log" 2>&1
  report "the C++ example reproduces 'tristage coeffs --kernel exp --d 7 --format json' to the last digit" $? \
    "$(head -3 "$TMP/diff.log")"
else
  fail "the example compiles with \$(pkg-config --cflags --libs tristage)"
  head -5 "$TMP/compile.log" | diag
fi

if [[ -n $PY ]] && "$PY" -c 'import numpy' 2>/dev/null; then
  "$BIN" simulate --kernel exp --d 10 --n 60 --energies 1,1 --out sim > /dev/null 2>&1
  "$PY" - > "$TMP/python.log" 2>&1 <<'PYTHON'
import json
import tristage

cli = json.load(open("command4.json"))
mine = tristage.coeffs(kernel="exp", d=7, kmax=4)
json.dump(mine, open("python4.json", "w"))
json.dump(tristage.coeffs("exp", 7), open("python.json", "w"))

def shape(x):  # the structure: dict keys, list lengths, kinds of leaves (int and float are both numbers)
    if isinstance(x, dict):
        return {k: shape(v) for k, v in x.items()}
    if isinstance(x, list):
        return [shape(v) for v in x]
    return "number" if isinstance(x, (int, float)) and not isinstance(x, bool) else type(x).__name__

cli.pop("tristage"); mine.pop("tristage")
print("ok - tristage.coeffs(kernel='exp', d=7, kmax=4) has the structure of the command's JSON" if shape(cli) == shape(mine)
      else "not ok - tristage.coeffs(kernel='exp', d=7, kmax=4) has the structure of the command's JSON")
try:
    tristage.coeffs("exp", d=2)
    print("not ok - a bad d raises tristage.Error")
except tristage.Error as e:
    print("ok - a bad d raises tristage.Error with the command's exit code" if e.code == 2 and "d >= 3" in str(e)
          else "not ok - a bad d raises tristage.Error with the command's exit code (%s, %s)" % (e.code, e))
try:  # energies are checked as the command checks --energies (core/decimal_list), named as the argument
    tristage.limits("exp", alpha=1.5, energies="0,-1")
    print("not ok - a negative energy raises tristage.Error")
except tristage.Error as e:
    print("ok - a negative energy raises tristage.Error, worded as the command's" if e.code == 2
          and "energies: '-1' is negative" in str(e) else "not ok - a negative energy raises tristage.Error (%s)" % e)
for call in ("limits", "simulate"):  # two variances are refused, not cut to the first
    try:
        (tristage.limits("exp", alpha=1.5, energies=[1], noise=[1, 2]) if call == "limits"
         else tristage.simulate("exp", d=10, n=60, energies=[1], noise=[1, 2], grid=3))
        print("not ok - %s refuses two noise variances" % call)
    except tristage.Error as e:
        print("ok - %s refuses two noise variances" % call if e.code == 2 and "one variance" in str(e)
              else "not ok - %s refuses two noise variances (%s)" % (call, e))
run = tristage.simulate("exp", d=10, n=60, energies=[1, 1], seeds=1, grid=5)
import numpy
print("ok - simulate gives its curves as numpy arrays" if isinstance(run["curves"]["test"], numpy.ndarray)
      and run["curves"]["test"].shape == (5,) else "not ok - simulate gives its curves as numpy arrays")
# Defaults and numbers as the command's: `tristage simulate --kernel exp --d 10 --n 60 --energies 1,1 --out sim` and
# the same call here, each with its defaults (seeds, seed, grid, ...), give every column of curves.csv to the last
# digit (the CSV writes 17 significant digits, which read back as the same double; an empty cell is NaN).
import csv
same = tristage.simulate("exp", d=10, n=60, energies=[1, 1])
rows = list(csv.DictReader(open("sim/curves.csv")))
moved = [name for name in rows[0] if len(same["curves"][name]) != len(rows) or not all(
    (row[name] == "" and numpy.isnan(x)) or (row[name] != "" and float(row[name]) == x)
    for row, x in zip(rows, same["curves"][name]))]
print("ok - simulate with its defaults equals the command's curves.csv in every column, exactly (%d times)" % len(rows)
      if not moved else "not ok - simulate with its defaults equals the command's curves.csv (differ: %s)" % moved)
PYTHON
  report "the Python session runs" $? "$(tail -3 "$TMP/python.log")"
  adopt < <(grep -E '^(not )?ok - ' "$TMP/python.log")
  "$BIN" diff --rtol 0 command4.json python4.json > "$TMP/diff.log" 2>&1
  report "Python's tristage.coeffs(kernel='exp', d=7, kmax=4) equals the command's JSON to the last digit" $? \
    "$(head -3 "$TMP/diff.log")"
  "$BIN" diff --rtol 0 command.json python.json > "$TMP/diff.log" 2>&1
  report "Python's tristage.coeffs('exp', 7) equals 'tristage coeffs --kernel exp --d 7 --format json'" $? \
    "$(head -3 "$TMP/diff.log")"
else
  skip "python3 with numpy is missing (scripts/setup.sh installs python3-numpy)"
fi

finish
