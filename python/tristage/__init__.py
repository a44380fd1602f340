"""tristage from Python: the numbers of the `tristage` command, as Python objects.

Each function computes what the command of the same name prints with --format json (docs/usage.md describes every
field) and returns it as dicts and lists, numbers as numbers and exact values (rationals, series in 1/d) as strings.
The curves of simulate() are numpy arrays (the columns of curves.csv); the other documents are as the JSON. Errors raise tristage.Error, whose .code is the command's
exit code. docs/library.md has examples.
"""
import json as _json

import numpy as _np

from . import _tristage

__all__ = ["Error", "version", "coeffs", "limits", "equivalent", "simulate", "verify"]


class Error(ValueError):
    """A tristage error: the message says what is wrong and how to fix it; .code is the command's exit code."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def _run(f, *args):
    try:
        return _json.loads(f(*args))
    except ValueError as e:
        code, _, message = str(e).partition("\t")
        if not code.isdigit():
            raise
        raise Error(message, int(code)) from None


def _decimals(values):
    """Energies or a noise as the command reads them: decimal text, each number written exactly as Python prints it."""
    if isinstance(values, str):
        return values
    values = _np.atleast_1d(_np.asarray(values, dtype=float))
    return ",".join(repr(float(v)) for v in values)


def _arrays(doc, key):
    """The lists of numbers under doc[key] (a dict of columns or a list of rows) as numpy arrays."""
    if key in doc and isinstance(doc[key], dict):
        doc[key] = {k: _np.array([_np.nan if x is None else x for x in v], dtype=float) if isinstance(v, list) else v
                    for k, v in doc[key].items()}
    return doc


def version():
    return _tristage.version()


def coeffs(kernel, d, kmax=8, order=4, tol=1e-13, series_only=False):
    """`tristage coeffs --kernel KERNEL --d D --format json`; d = "symbolic" (or None) for exact functions of d."""
    dim = None if d is None or d == "symbolic" else int(d)
    return _run(_tristage.coefficients, kernel, dim, int(kmax), int(order), float(tol), bool(series_only))


def limits(kernel, alpha, energies, noise=0, convention="half", beta_min=0.0, beta_max=None, grid=121):
    """`tristage theory --kernel --alpha --energies --noise --format json`: the limiting curves of the three stages."""
    return _run(_tristage.stage_limits, kernel, float(alpha), _decimals(energies), _decimals(noise), convention,
                float(beta_min), beta_max, int(grid))


def equivalent(kernel, d, n, energies, noise=0, beta_min=0.0, beta_max=None, grid=121, tol=1e-9):
    """`tristage theory --kernel --d --n --energies --noise --format json`: the deterministic equivalent at (n, d)."""
    return _run(_tristage.deterministic_equivalent, kernel, int(d), int(n), _decimals(energies), _decimals(noise),
                float(beta_min), beta_max, int(grid), float(tol))


def simulate(kernel, d, n, energies, noise=0, seeds=1, seed=0, beta_min=0.0, beta_max=None, grid=121, method="flow",
             test="exact", engine="auto"):
    """`tristage simulate ...`: run.json as a dict, with the columns of curves.csv as numpy arrays under "curves"."""
    doc = _run(_tristage.simulate, kernel, int(d), int(n), _decimals(energies), _decimals(noise), int(seeds),
               int(seed), float(beta_min), beta_max, int(grid), method, test, engine)
    return _arrays(doc, "curves")


def verify(experiment="", out="results/verify-python", force=False):
    """`tristage verify [EXPERIMENT] --out OUT`: writes the report folder and returns its summary.json."""
    return _run(_tristage.verify, str(experiment), str(out), bool(force))
