#!/usr/bin/python3
"""Reference implementation of `tristage simulate` (flow, exact test error) with numpy, for the benchmark.

Same inputs as tristage: the points, the noise and the spectrum (xi_{d,k}, B(d,k) from tristage's run.json), so
that the two can be compared curve by curve; the kernel, the target and every formula are written again here from
THEORY.md sections 3-5 (half-squared loss):
  K = h(X X^T / d), K = V diag(lam) V^T (numpy.linalg.eigh: LAPACK dsyevd),
  train(t) = (1/n) ||e^{-t lam/n} V^T y||^2,   a(t) = V (-expm1(-t lam/n)/lam) V^T y,
  test(t)  = ||f*||^2 - 2 a^T b + a^T M a,  b_i = sum_k xi_k (P_k f*)(x_i),  M_ij = sum_k xi_k^2 B_k Q_k(<x_i,x_j>/d),
  oracle(t) = sum_k e^{-2 t xi_k} E_k.
Usage: reference.py --kernel exp --points P.csv --noise N.csv --run run.json --energies 0,1,1,1 --noise-var 0.5
       --out curves.csv   (times are read from run.json's beta grid: t = d^beta)
"""
import argparse
import json
import math
import sys
import time

import numpy as np


def kernel(name, u):
    u = np.clip(u, -1.0, 1.0)
    if name == "exp":
        return np.exp(u)
    if name.startswith("poly:"):
        return (1.0 + u) ** int(name[5:])
    k0 = 1.0 - np.arccos(u) / math.pi
    k1 = (np.sqrt(np.maximum(0.0, 1.0 - u * u)) + (math.pi - np.arccos(u)) * u) / math.pi
    if name == "arccos0":
        return k0
    if name == "arccos1":
        return k1
    if name == "relu-ntk":
        return u * k0 + k1
    sys.exit(f"reference.py: kernel {name} is not implemented here")


def gegenbauer_sum(d, c, u):
    """sum_k c[k] Q_k(u) by the three-term recurrence of THEORY.md 2, elementwise."""
    prev, cur = np.ones_like(u), u.copy()
    s = c[0] * prev
    if len(c) > 1:
        s = s + c[1] * cur
    for k in range(1, len(c) - 1):
        prev, cur = cur, ((2 * k + d - 2) * u * cur - k * prev) / (k + d - 2)
        s = s + c[k + 1] * cur
    return s


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel", required=True)
    p.add_argument("--points", required=True)
    p.add_argument("--noise", required=True)
    p.add_argument("--run", required=True)
    p.add_argument("--energies", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    run = json.load(open(a.run))
    X = np.loadtxt(a.points, delimiter=",", ndmin=2)
    eps = np.loadtxt(a.noise, delimiter=",", ndmin=1)
    n, d = X.shape
    energies = [float(e) for e in a.energies.split(",")]
    xi = np.array([g["xi"] for g in run["spectrum"]["degrees"]])
    B = np.array([g["B"] for g in run["spectrum"]["degrees"]])
    times = np.array([float(d) ** b for b in run["configuration"]["beta"]])
    K_terms = run["replicates"][0]["test_error_degrees"]

    start = time.perf_counter()
    G = X @ X.T / d
    K = kernel(a.kernel, G)
    np.fill_diagonal(K, kernel(a.kernel, np.array(1.0)))
    F = np.sqrt(energies)
    sqrtB = np.sqrt(B[: len(F)])
    s = np.clip(X[:, 0] / math.sqrt(d), -1, 1)  # <v, x>/d with v = sqrt(d) e_1
    y = gegenbauer_sum(d, F * sqrtB, s) + eps
    b = gegenbauer_sum(d, F * sqrtB * xi[: len(F)], s)
    t0 = time.perf_counter()
    lam, V = np.linalg.eigh(K)
    t_eig = time.perf_counter() - t0
    del K
    lam = np.maximum(lam, 0.0)
    z = V.T @ y
    x = -np.outer(lam / n, times)
    train = ((np.exp(x) * z[:, None]) ** 2).sum(axis=0) / n
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(lam[:, None] > 0, -np.expm1(x) / lam[:, None], times[None, :] / n)
    A = V @ (phi * z[:, None])
    del V
    c = xi[: K_terms + 1] ** 2 * B[: K_terms + 1]
    M = gegenbauer_sum(d, c, np.clip(G, -1, 1))
    np.fill_diagonal(M, c.sum())
    del G
    test = sum(energies) - 2 * (b @ A) + np.einsum("it,it->t", A, M @ A)
    oracle = np.array([sum(math.exp(-2 * t * xi[k]) * E for k, E in enumerate(energies)) for t in times])
    total = time.perf_counter() - start

    sigma2 = run["configuration"]["noise"]
    with open(a.out, "w") as f:
        f.write("t,train,test,oracle\n")
        for j in range(len(times)):
            f.write(f"{times[j]!r},{train[j]!r},{test[j] + sigma2!r},{oracle[j] + sigma2!r}\n")
    print(json.dumps({"seconds_total": total, "seconds_eigh": t_eig}))


if __name__ == "__main__":
    main()
