#!/usr/bin/env bash
# `tristage verify` interrupted and resumed, on a real sweep (4 d, 4 seeds, about 3 s): SIGINT and SIGTERM once
# replicates are finished give exit 130 and keep them, whole, in DIR.checkpoint; --resume reuses them without
# recomputing and gives the curves of an uninterrupted run byte for byte; the checkpoint is refused or discarded
# as documented (docs/verify.md); a d of the sweep equals `tristage simulate`.
# Usage: resume_test.sh PATH/TO/tristage. One TAP line per check (tests/lib.sh); exit 1 if any failed. Never waits
# blindly: every run is under `timeout`, every wait polls with a limit.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$@"
experiment() {  # experiment FILE SEED [D SEEDS]
  cat > "$1" <<TOML
[experiment]
name = "resume"
kernels = ["exp"]
alpha = 1.5
d = ${3:-[20, 40, 80, 160]}
seeds = ${4:-4}
seed = $2
energies = [0, 1, 1, 1]
noise = 0.5
[time]
points = 15
[claims]
stage3 = {}
boundary = { taus = [1.0] }
TOML
}
experiment run.toml 1
experiment other.toml 2
experiment tiny.toml 1 "[20, 40]" 2  # for the cases that need a run but not a long one
TOTAL=16  # replicates: 4 d x 4 seeds
verify() { timeout -s KILL 120 "$BIN" verify "$@"; }  # a hung run fails, never hangs
pieces() { ls "$1" 2>/dev/null | grep -E '^kernel[0-9]+-d[0-9]+-replicate[0-9]+\.json$'; }
# wait_for FILE_PATTERN SECONDS: polls every 50 ms; fails when the time is up
wait_for() {
  local i
  for ((i = 0; i < $2 * 20; i++)); do
    compgen -G "$1" >/dev/null && return 0
    sleep 0.05
  done
  return 1
}
# interrupt SIGNAL DIR PATTERN: starts a run into DIR, sends SIGNAL once a piece matching PATTERN is finished
interrupt() {
  timeout -s KILL 120 "$BIN" verify run.toml --out "$2" --progress >"$2.out" 2>"$2.err" &  # not the function:
  local pid=$!                                                                               # $! must be the run
  wait_for "$2.checkpoint/$3" 60 || echo "# no piece $3 after 60 s"
  kill -"$1" $pid
  wait $pid
}
# same_as_reference DIR: curves, LaTeX tables and figure data byte for byte; summary.json equal but for the times, the
# command and the count of reused replicates
same_as_reference() {
  local f
  [[ $(ls ref/curves | wc -l) -eq 4 && $(ls "$1/curves" | wc -l) -eq 4 ]] || return 1
  for f in ref/curves/*.csv ref/tables/*.tex ref/figures/*.dat; do cmp "$f" "$1/${f#ref/}" || return 1; done
  "$PY" - "$1" <<'PY'
import json, sys
def strip(path):
    s = json.load(open(path))
    for key in ("seconds", "replicates"): s.pop(key)
    s["tristage"].pop("command")
    for k in s["kernels"]:
        for d in k["dims"]: d.pop("seconds")
    return s
assert strip("ref/summary.json") == strip(sys.argv[1] + "/summary.json")
PY
}
# pieces_whole DIR: every finished piece parses and holds every curve at every time, stamped like the others
pieces_whole() {
  "$PY" - "$1" <<'PY'
import json, os, re, sys
folder = sys.argv[1]
json.load(open(os.path.join(folder, "fingerprint.json")))
names = [f for f in os.listdir(folder) if re.fullmatch(r"kernel\d+-d\d+-replicate\d+\.json", f)]
assert names
stamps = set()
for f in names:
    p = json.load(open(os.path.join(folder, f)))
    T = len(p["times"])
    assert T > 15 and all(len(p[c]) == T for c in ("train", "test", "oracle"))
    assert all(isinstance(x, float) or x in ("nan", "inf", "-inf") for c in ("train", "test", "oracle") for x in p[c])
    assert f == "kernel1-d%d-replicate%d.json" % (p["d"], p["replicate"])
    stamps.add(p["fingerprint"])
assert len(stamps) == 1
PY
}
# reused_not_recomputed ERRFILE PIECES...: each piece's replicate is announced as reused and has no other progress
# line (no computation); every other replicate has some
reused_not_recomputed() {
  local err=$1 d r tag p; shift
  for d in 20 40 80 160; do
    for r in 1 2 3 4; do
      tag="d = $d (n = [0-9]*): seed $r/4: "
      if printf '%s\n' "$@" | grep -qx "kernel1-d$d-replicate$r.json"; then
        [[ $(grep -c "$tag" "$err") -eq 1 ]] && grep -q "${tag}reused from the checkpoint" "$err" || return 1
      else
        grep "$tag" "$err" | grep -vq "reused" || return 1
      fi
    done
  done
}

check "verify --help documents --resume" bash -c "'$BIN' verify --help | grep -q -- --resume"

# The reference: an uninterrupted run.
start=$EPOCHREALTIME
verify run.toml --out ref >ref.out 2>ref.err
rc_ref=$?
t_ref=$(awk "BEGIN { print $EPOCHREALTIME - $start }")
echo "# uninterrupted run: ${t_ref} s"
check "the uninterrupted run gives its verdicts (exit 0 or 1)" test $rc_ref -le 1
check "... and leaves no checkpoint behind" test ! -e ref.checkpoint

# SIGINT after the first finished replicate.
interrupt INT a 'kernel1-d*-replicate*.json'
rc=$?
mapfile -t kept < <(pieces a.checkpoint)
echo "# SIGINT: ${#kept[@]} of $TOTAL replicates finished"
check "SIGINT: exit 130" test $rc -eq 130
check "SIGINT: no output folder, no staging folder" bash -c "[[ ! -e a ]] && ! ls -A | grep -q '^\.a\.partial'"
check "SIGINT: at least one finished replicate is kept" test ${#kept[@]} -ge 1
check "SIGINT: the kept replicates are whole and parseable" pieces_whole a.checkpoint
check "SIGINT: the message says how to continue" grep -q "interrupted.*a.checkpoint.*--resume" a.err

# The checkpoint is neither overwritten nor mixed with another configuration.
before=$(cat a.checkpoint/* | sha256sum)
verify run.toml --out a >x.out 2>x.err
rc=$?
check "without --resume an existing checkpoint is refused: exit 5, one line naming --resume and --force" \
  bash -c "[[ $rc -eq 5 && \$(wc -l < x.err) -eq 1 ]] && grep -q -- '--resume.*--force' x.err && [[ ! -e a ]]"
verify other.toml --out a --resume >x.out 2>x.err
rc=$?
check "--resume with another configuration: exit 2, one line naming what differs and how to fix it" \
  bash -c "[[ $rc -eq 2 && \$(wc -l < x.err) -eq 1 ]] && grep -q 'experiment.seed is 1 there and 2 here' x.err &&
           grep -q 'remove .a.checkpoint' x.err && [[ ! -e a ]]"
check "... and neither touches the checkpoint" bash -c "[[ \$(cat a.checkpoint/* | sha256sum) == '$before' ]]"

# --resume: the finished replicates are reused, the rest computed, and the results are those of the reference.
start=$EPOCHREALTIME
verify run.toml --out a --resume --progress >a2.out 2>a2.err
rc=$?
t_resume=$(awk "BEGIN { print $EPOCHREALTIME - $start }")
echo "# resumed run after SIGINT: ${t_resume} s"
check "--resume: exit as the uninterrupted run" test $rc -eq $rc_ref
check "--resume: says how many replicates it reused" \
  grep -q "resuming from 'a.checkpoint': ${#kept[@]} of $TOTAL replicates finished and reused" a2.err
check "--resume: the finished replicates are reused, not recomputed; the others are computed" \
  reused_not_recomputed a2.err "${kept[@]}"
check "--resume: summary.json counts them" "$PY" -c "
import json; s = json.load(open('a/summary.json'))['replicates']
assert s == {'reused': ${#kept[@]}, 'computed': $TOTAL - ${#kept[@]}}, s"
check "--resume: curves, tables, figure data byte for byte, summary and verdicts as the uninterrupted run" \
  same_as_reference a
check "--resume: the checkpoint is removed once the result is whole" test ! -e a.checkpoint

# SIGTERM later in the sweep; one kept piece damaged by hand is computed again, not trusted.
interrupt TERM b 'kernel1-d80-replicate*.json'
rc=$?
mapfile -t kept < <(pieces b.checkpoint)
echo "# SIGTERM: ${#kept[@]} of $TOTAL replicates finished"
check "SIGTERM: exit 130" test $rc -eq 130
check "SIGTERM: no output folder; the replicates of d = 20, 40 and at least one of d = 80 are kept" \
  bash -c "[[ ${#kept[@]} -ge 9 && ! -e b ]]"
check "SIGTERM: the kept replicates are whole and parseable" pieces_whole b.checkpoint
cp -a b.checkpoint c.checkpoint
damaged=kernel1-d40-replicate2.json
head -c 100 "b.checkpoint/$damaged" > x && mv x "b.checkpoint/$damaged"
start=$EPOCHREALTIME
verify run.toml --out b --resume --progress >b2.out 2>b2.err
rc=$?
echo "# resumed run after SIGTERM: $(awk "BEGIN { print $EPOCHREALTIME - $start }") s"
reused=("${kept[@]/$damaged/}")
check "--resume after SIGTERM: exit as the uninterrupted run" test $rc -eq $rc_ref
check "--resume: a damaged piece is reported and computed again" \
  bash -c "grep -q 'warning: .*$damaged. is damaged' b2.err &&
           grep -q 'resuming from .b.checkpoint.: $((${#kept[@]} - 1)) of $TOTAL' b2.err"
check "--resume after SIGTERM: only the whole pieces are reused" reused_not_recomputed b2.err ${reused[@]}
check "--resume after SIGTERM: curves byte for byte as the uninterrupted run" same_as_reference b

# --force without --resume discards a checkpoint (here one of another configuration); --resume without one starts
# from the beginning.
verify tiny.toml --out c >c.out 2>c.err
rc=$?
check "without --resume, a checkpoint of another configuration is refused: exit 5, naming the difference" \
  bash -c "[[ $rc -eq 5 && \$(wc -l < c.err) -eq 1 ]] && grep -q 'another configuration (experiment.d is' c.err &&
           grep -q -- --force c.err"
verify tiny.toml --out c --force >c.out 2>c.err
rc=$?
check "--force: the checkpoint is discarded (said on stderr), everything computed" \
  bash -c "[[ $rc -le 1 && ! -e c.checkpoint ]] && grep -q 'discarding .c.checkpoint' c.err &&
           $PY -c \"import json; assert json.load(open('c/summary.json'))['replicates']['reused'] == 0\""
verify tiny.toml --out f --resume >f.out 2>f.err
rc=$?
check "--resume with no checkpoint starts from the beginning (said on stderr)" \
  bash -c "[[ $rc -le 1 && -s f/summary.json && ! -e f.checkpoint ]] && grep -q 'nothing to resume' f.err"
verify run.toml --out ref --resume >x.out 2>x.err
rc=$?
check "--resume of a finished run: exit 5, nothing to resume" \
  bash -c "[[ $rc -eq 5 ]] && grep -q 'nothing to resume' x.err"

# Two runs never share a checkpoint.
timeout -s KILL 120 "$BIN" verify run.toml --out l >/dev/null 2>&1 &
pid=$!
wait_for 'l.checkpoint/kernel1-d*-replicate*.json' 60
verify run.toml --out l --resume >x.out 2>x.err
rc=$?
kill -INT $pid
wait $pid
check "a checkpoint in use by a running verify is refused: exit 5" bash -c "[[ $rc -eq 5 ]] && grep -q 'in use' x.err"

# A d of the sweep is what `tristage simulate` gives (verify runs the replicates itself, to keep each one).
timeout -s KILL 60 "$BIN" simulate --kernel exp --d 80 --alpha 1.5 --energies 0,1,1,1 --noise 0.5 --seeds 4 --seed 1 \
  --beta-max 3.5 --grid 15 --no-diagnostics --out sim >/dev/null 2>&1
check "a d of the sweep equals tristage simulate (train, test, oracle, errors, predictions)" "$PY" -c "
import csv
a = list(csv.DictReader(open('sim/curves.csv')))
b = list(csv.DictReader(l for l in open('ref/curves/exp-d80.csv') if not l.startswith('#')))
cols = ['t', 'train', 'test', 'oracle', 'train_se', 'test_se', 'predicted_train', 'predicted_test', 'predicted_oracle']
assert len(a) == len(b) == 15 and all(x[c] == y[c] for x, y in zip(a, b) for c in cols)"

echo "# test time: ${SECONDS} s"
finish
