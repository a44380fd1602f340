#!/usr/bin/python3
"""Inputs shared by the benchmarks: n points uniform on the sphere of radius sqrt(d) and n noise values of variance
0.5, from a fixed numpy seed, written to DIR/points.csv and DIR/noise.csv. Usage: make_inputs.py N D DIR"""
import sys

import numpy as np

n, d, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = np.random.default_rng(12345)
g = rng.standard_normal((n, d))
x = np.sqrt(d) * g / np.linalg.norm(g, axis=1, keepdims=True)
np.savetxt(f"{work}/points.csv", x, delimiter=",", fmt="%.17g")
np.savetxt(f"{work}/noise.csv", np.sqrt(0.5) * rng.standard_normal(n), fmt="%.17g")
