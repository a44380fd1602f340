#pragma once
// Normalised Gegenbauer polynomials Q_k of THEORY.md 2 in floating point, as functions of u = s/d in [-1, 1]:
// Q_0 = 1, Q_1 = u, Q_{k+1} = ((2k + d - 2) u Q_k - k Q_{k-1}) / (k + d - 2). The forward recurrence is stable on
// [-1, 1] (|Q_k| <= 1 there).

namespace tristage::numeric {

// q[0..K] = Q_0(u), ..., Q_K(u).
inline void gegenbauer_all(long d, int K, double u, double* q) {
  q[0] = 1;
  if (K >= 1) q[1] = u;
  for (int k = 1; k < K; ++k) q[k + 1] = ((2.0 * k + d - 2) * u * q[k] - k * q[k - 1]) / (k + d - 2.0);
}

// sum_{k<=K} c[k] Q_k(u).
inline double gegenbauer_sum(long d, int K, const double* c, double u) {
  double prev = 1, cur = u, s = c[0];
  if (K >= 1) s += c[1] * u;
  for (int k = 1; k < K; ++k) {
    const double next = ((2.0 * k + d - 2) * u * cur - k * prev) / (k + d - 2.0);
    prev = cur;
    cur = next;
    s += c[k + 1] * cur;
  }
  return s;
}

}  // namespace tristage::numeric
