#include "theory/expansion.hpp"

#include "theory/harmonics.hpp"

namespace tristage::theory {
using namespace GiNaC;

namespace {

// Truncated product of two series in eps, through eps^J.
InverseDSeries multiply(const InverseDSeries& x, const InverseDSeries& y, int J) {
  InverseDSeries z(J + 1, ex(0));
  for (size_t i = 0; i < x.size() && static_cast<int>(i) <= J; ++i)
    for (size_t j = 0; j < y.size() && static_cast<int>(i + j) <= J; ++j) z[i + j] += x[i] * y[j];
  for (auto& c : z) c = c.expand();
  return z;
}

// 1/(1 + c eps) = sum_n (-c)^n eps^n.
InverseDSeries inverse_linear(int c, int J) {
  InverseDSeries s(J + 1);
  numeric p = 1;
  for (int n = 0; n <= J; ++n, p *= -c) s[n] = p;
  return s;
}

// B(d,k) eps^k = (1 + (2k-2) eps) prod_{i=1}^{k-1} (1 + (i-2) eps) / k!, exactly (degree k in eps).
InverseDSeries b_scaled(int k, int J) {
  if (k == 0) return InverseDSeries{ex(1)};
  InverseDSeries b{ex(1) / factorial(numeric(k)), ex(numeric(2 * k - 2)) / factorial(numeric(k))};
  for (int i = 1; i < k; ++i) b = multiply(b, InverseDSeries{ex(1), ex(i - 2)}, std::max(J, k));
  b.resize(J + 1, ex(0));
  return b;
}

}  // namespace

InverseDSeries dk_xi_expansion(const SymbolicKernel& h, int k, int J) {
  InverseDSeries out(J + 1, ex(0));
  InverseDSeries denominator(J + 1, ex(0));  // prod_{i<k+m} 1/(1 + 2i eps), built up as m grows
  denominator[0] = 1;
  for (int i = 0; i < k; ++i) denominator = multiply(denominator, inverse_linear(2 * i, J), J);
  for (int m = 0; m <= J; ++m) {
    ex a = h.a(k + 2 * m);
    if (!a.is_zero()) {
      ex weight = factorial(numeric(k + 2 * m)) / (numeric(2).power(m) * factorial(numeric(m)));
      for (int n = 0; n + m <= J; ++n) out[n + m] += a * weight * denominator[n];
    }
    denominator = multiply(denominator, inverse_linear(2 * (k + m), J), J);
  }
  for (auto& c : out) c = c.expand();
  return out;
}

InverseDSeries b_xi_expansion(const SymbolicKernel& h, int k, int J) {
  return multiply(b_scaled(k, J), dk_xi_expansion(h, k, J), J);
}

InverseDSeries kappa_expansion(const SymbolicKernel& h, int ell, int J) {
  InverseDSeries out(J + 1, ex(0));
  out[0] = h.h_at(1);
  for (int k = 0; k <= ell; ++k) {
    InverseDSeries b = b_xi_expansion(h, k, J);
    for (int j = 0; j <= J; ++j) out[j] -= b[j];
  }
  for (auto& c : out) c = c.expand();
  return out;
}

ex kappa_limit(const SymbolicKernel& h, int ell) {
  ex kappa = h.h_at(1);
  for (int k = 0; k <= ell; ++k) kappa -= h.a(k);
  return kappa.expand();
}

std::optional<LearningScale> learning_scale(const SymbolicKernel& h, int k, int max_m) {
  if (h.parity_tail_vanishes(k)) return std::nullopt;
  for (int m = 0; m <= max_m; ++m) {
    ex a = h.a(k + 2 * m);
    if (!a.is_zero())
      return LearningScale{k + m, (factorial(numeric(k + 2 * m)) * a / (numeric(2).power(m) * factorial(numeric(m))))
                                      .expand()};
  }
  return std::nullopt;
}

}  // namespace tristage::theory
