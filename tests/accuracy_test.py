#!/usr/bin/python3
"""The deterministic equivalent against the project's own simulations (THEORY.md 9; docs/numeric.md, section 8).

Usage: accuracy_test.py PATH/TO/tristage [--full] [--markdown] [--seeds S]
  --full      also the cases that take minutes (exp, alpha = 1.5, d = 400: n = 8000, dense)
  --markdown  print the table of docs/numeric.md instead of TAP lines (exit status as usual)
  --seeds S   replicates per case (default 12)

Each case runs `tristage simulate --engine dense --seeds S` (the dense engine is the reference: exact
eigendecomposition, exact population test error) and reads curves.csv, whose predicted_* columns are the deterministic
equivalent at the run's own (n, d). The criterion is the one the project promises (issue 11):
  - excess test error within max(1%, 3 standard errors of the seed mean) of the prediction at every time;
  - training error within max(3%, 3 standard errors) at every time where it is above 5% of its start (below, the
    relative error of a quantity near 0 says nothing);
where the standard error is the one simulate reports (seed spread / sqrt(S)), "3 standard errors" is the t quantile
of the same coverage (the spread is estimated from S seeds; see below), and the equivalent's own error estimate
(run.json) is added to the allowance. 12 seeds by default: with 6, a seed spread estimated from 5 degrees of freedom
is often several times too small at one of the 25 times (measured: 0.0014 against 0.0048 from 12 seeds). Why these and not tighter: the equivalent is exact only as n, d -> infinity;
its finite-n error is O(1/n) relative in the bulk, which the prototype measured at 0.15-0.7% at these sizes (THEORY.md 9),
so 1% is the sharpest round bound that holds at n ~ 1000; the training error at n ~ 1000 has larger O(1/sqrt n)
fluctuation corrections near interpolation, hence 3%. 3 standard errors: a seed mean is within it with 99.7%
probability under a normal law; no seed or case is chosen for passing.
Output: one TAP line per case with its worst deviations; exit 1 if any failed.
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time

# (name, kernel, d, alpha, energies, noise, full-only). d = 400 is n = 8000: a dense eigendecomposition per seed.
CASES = [
    ("exp", "exp", 100, 1.5, "0,1,1,1", "0.5", False),
    ("exp", "exp", 400, 1.5, "0,1,1,1", "0.5", True),
    ("relu-ntk", "relu-ntk", 100, 1.5, "0,1,1,1", "0.5", False),
    ("arccos1", "arccos1", 100, 1.5, "0,1,1,1", "0.5", False),
    ("exp", "exp", 30, 2.0, "0,1,1,1", "0.5", False),
    ("exp", "exp", 16, 2.5, "0,1,1,1", "0.5", False),
    ("poly:3", "poly:3", 30, 2.0, "0,1,1,1", "0.5", False),
    ("poly:3", "poly:3", 16, 2.5, "0,1,1,1", "0.5", False),
    ("two-kernels B", "1 + 3*(exp(u) - 1 - u)", 100, 1.5, "0,1,1,1", "0.5", False),
]


def t_quantile(p, dof):
    """The p quantile of Student's t with dof degrees of freedom (p > 1/2): Simpson's rule on the density, bisection."""
    c = math.gamma((dof + 1) / 2) / (math.sqrt(dof * math.pi) * math.gamma(dof / 2))

    def cdf(x, steps=2000):
        h = x / steps
        f = [c * (1 + (i * h) ** 2 / dof) ** (-(dof + 1) / 2) for i in range(steps + 1)]
        return 0.5 + h / 3 * (f[0] + f[-1] + 4 * sum(f[1:-1:2]) + 2 * sum(f[2:-1:2]))

    low, high = 0.0, 1000.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if cdf(middle) < p else (low, middle)
    return (low + high) / 2


def run_case(binary, case, seeds, work):
    name, kernel, d, alpha, energies, noise, _ = case
    out = os.path.join(work, f"{name}-{d}-{alpha}".replace(" ", "_").replace(":", ""))
    command = [binary, "simulate", "--kernel", kernel, "--d", str(d), "--alpha", str(alpha), "--energies", energies,
               "--noise", noise, "--seeds", str(seeds), "--seed", "1", "--engine", "dense", "--grid", "25",
               "--out", out]
    start = time.time()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.time() - start
    if done.returncode != 0:
        return None, f"simulate exited {done.returncode}: {done.stderr.strip()}", seconds
    with open(os.path.join(out, "run.json")) as f:
        run = json.load(f)
    with open(os.path.join(out, "curves.csv")) as f:
        rows = list(csv.DictReader(f))
    error = run["prediction"]["error_estimate"] or 0.0
    noise_value = float(noise)
    test_worst = {"rel": 0.0, "se": 0.0, "excess": 0.0}
    train_worst = {"rel": 0.0, "se": 0.0}
    failures = []
    train_start = float(rows[0]["predicted_train"])
    # "3 standard errors" with the standard error itself estimated from S seeds: the t quantile with S - 1 degrees of
    # freedom at the normal law's 3-sigma coverage (99.73%), 3.85 for 12 seeds (3 would reject a right prediction at
    # 1.2% of the points, 5 times more than meant, and 3% with 6 seeds).
    k = t_quantile(1 - 0.0027 / 2, seeds - 1)

    def judge(curve, worst, beta, value, se, predicted, relative):
        off = abs(value - predicted)
        worst["rel"] = max(worst["rel"], off / predicted)
        worst["se"] = max(worst["se"], off / se if se > 0 else 0.0)
        if off > max(relative * predicted, k * se) + error:
            failures.append(f"{curve} at beta = {beta:.3g}: {value:.6g} +- {se:.2g} against {predicted:.6g} "
                            f"({100 * off / predicted:.2f}%)")

    for r in rows:
        if r["predicted_test"] == "":
            return None, "no prediction: " + str(run["prediction"]["skipped"]), seconds
        beta = float(r["beta"])
        judge("test", test_worst, beta, float(r["test_excess"]), float(r["test_se"]),
              float(r["predicted_test"]) - noise_value, 0.01)
        if float(r["predicted_train"]) > 0.05 * train_start:
            judge("train", train_worst, beta, float(r["train"]), float(r["train_se"]), float(r["predicted_train"]), 0.03)
    summary = {"n": run["configuration"]["n"], "test": test_worst, "train": train_worst, "error": error,
               "failures": failures}
    return summary, None, seconds


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    full, markdown, seeds = "--full" in argv, "--markdown" in argv, 12
    if "--seeds" in argv:
        seeds = int(argv[argv.index("--seeds") + 1])
    cases = [c for c in CASES if full or not c[6]]
    failed = 0
    lines = []
    if markdown:
        lines += [f"| kernel | d | alpha | n | test: worst off (% / SE) | train: worst off (% / SE) | "
                  f"error estimate | seconds | verdict |", "|---|---|---|---|---|---|---|---|---|"]
    else:
        lines.append(f"1..{len(cases)}")
    with tempfile.TemporaryDirectory() as work:
        for i, case in enumerate(cases, 1):
            name, _, d, alpha = case[:4]
            s, problem, seconds = run_case(binary, case, seeds, work)
            ok = problem is None and not s["failures"]
            failed += not ok
            if markdown:
                if problem:
                    lines.append(f"| {name} | {d} | {alpha} | | {problem} | | | {seconds:.0f} | fails |")
                else:
                    lines.append(f"| {name} | {d} | {alpha} | {s['n']} | {100 * s['test']['rel']:.2f}% / "
                                 f"{s['test']['se']:.1f} | {100 * s['train']['rel']:.2f}% / {s['train']['se']:.1f} | "
                                 f"{s['error']:.1g} | {seconds:.0f} | {'holds' if ok else 'fails'} |")
                continue
            label = f"{name}, d = {d}, alpha = {alpha}, {seeds} seeds"
            if problem:
                lines.append(f"not ok {i} - {label}: {problem}")
                continue
            detail = (f"n = {s['n']}: test within {100 * s['test']['rel']:.2f}% ({s['test']['se']:.1f} SE), "
                      f"train within {100 * s['train']['rel']:.2f}% ({s['train']['se']:.1f} SE); {seconds:.1f} s")
            lines.append(f"{'ok' if ok else 'not ok'} {i} - {label}: {detail}")
            lines += [f"#   {f}" for f in s["failures"][:5]]
    print("\n".join(lines))
    if not markdown:
        print(f"# {len(cases) - failed} of {len(cases)} cases hold")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
