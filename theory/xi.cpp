#include "theory/xi.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>

#include "core/error.hpp"

namespace tristage::theory {
using namespace GiNaC;

const char* status_name(XiValue::Status s) {
  switch (s) {
    case XiValue::Status::exact: return "exact";
    case XiValue::Status::series: return "series";
    case XiValue::Status::needs_quadrature: return "needs-quadrature";
    case XiValue::Status::quadrature: return "quadrature";
  }
  return "?";
}

ex xi_series_weight(const ex& d, int k, int m) {
  ex w = factorial(numeric(k + 2 * m)) / (numeric(2).power(m) * factorial(numeric(m)));
  for (int i = 0; i < k + m; ++i) w /= d + 2 * i;
  return w;
}

ex xi_exact(const SymbolicKernel& h, const ex& d, int k) {
  auto deg = h.parity_degree(k);
  if (!deg)
    throw usage_error("kernel '" + shown_text(h.spec().text) + "': xi_{d," + std::to_string(k) +
                      "} is an infinite series with no finite closed form; give a numeric --d");
  ex sum = 0;
  for (int m = 0; k + 2 * m <= *deg; ++m) sum += h.a(k + 2 * m) * xi_series_weight(d, k, m);
  return normal(sum);
}

namespace {

// A constant to long double precision: 30 digits, then split into a double and its remainder, so that the parity
// sum R_M below is limited by long double rounding rather than by the constant.
long double to_ld(const ex& e) {
  const long saved = Digits;
  Digits = 30;
  const numeric v = ex_to<numeric>(evalf(e));
  const double hi = v.to_double();
  const double lo = ex_to<numeric>(evalf(v - numeric(hi))).to_double();
  Digits = saved;
  return static_cast<long double>(hi) + lo;
}

}  // namespace

XiValue xi_at(const SymbolicKernel& h, long d, int k, const XiOptions& opt) {
  if (d < 3) throw usage_error("d = " + std::to_string(d) + ": the sphere needs d >= 3");
  XiValue out;
  if (h.parity_degree(k)) {
    out.exact = xi_exact(h, numeric(d), k);
    out.value = ex_to<numeric>(evalf(out.exact)).to_double();
    out.note = "finite sum";
    return out;
  }

  // R starts as the sum of all a_j with j >= k of the parity of k.
  const long double h_plus = to_ld(h.h_at(1)), h_minus = to_ld(h.h_at(-1));
  long double parity_total = (h_plus + (k % 2 ? -1 : 1) * h_minus) / 2;
  // R is what is left of h(+-1) once the low coefficients are taken away: its rounding error is relative to their
  // size, not to R's (for exp at k = 21, R ~ 2e-20 comes out of sinh(1) = 1.18 with an error of 1e-19).
  const long double cancelled = (std::abs(h_plus) + std::abs(h_minus)) / 2;
  const auto& a0 = h.a_numeric(k);
  if (static_cast<long>(a0.size()) <= k) {  // an expression whose series is too costly to reach degree k
    out.status = XiValue::Status::needs_quadrature;
    out.bound_proven = false;
    out.note = "no Taylor coefficient a_" + std::to_string(k) + " within the budget (" + std::to_string(a0.size()) + ")";
    return out;
  }
  for (int j = k % 2; j < k; j += 2) parity_total -= a0[j];

  long double w = 1;  // w_0 = k! / prod_{i<k} (d + 2i), built as a product of ratios to stay in range
  for (int i = 0; i < k; ++i) w *= static_cast<long double>(i + 1) / (d + 2.0L * i);

  bool signs_checked = h.coefficients_nonnegative_proven();
  if (!signs_checked) out.note = "tail bound assumes a_j >= 0 beyond the coefficients computed";
  long double sum = 0, seen = 0;
  long chunk = 64;
  for (long m = 0;; ++m) {
    const long j = k + 2 * m;
    if (j >= static_cast<long>(h.a_numeric(0).size())) {
      long want = std::min<long>(std::max<long>(2 * j, 64), k + 2 * opt.max_terms + 2);
      const auto& a = h.a_numeric(static_cast<int>(std::min<long>(want, INT32_MAX - 1)));
      if (j >= static_cast<long>(a.size())) {
        out.status = XiValue::Status::needs_quadrature;
        out.note = "no more Taylor coefficients within the budget (" + std::to_string(a.size()) + ")";
        break;
      }
    }
    const long double aj = h.a_numeric(0)[j];
    if (aj < 0) {
      out.status = XiValue::Status::needs_quadrature;
      out.bound_proven = false;
      out.note = "a_" + std::to_string(j) + " < 0: no tail bound for a kernel whose coefficients change sign";
      break;
    }
    sum += aj * w;
    seen += aj;
    const long double ratio = static_cast<long double>(j + 2) * (j + 1) / (2.0L * (m + 1) * (d + 2.0L * (k + m)));
    w *= ratio;
    out.terms = m + 1;
    // Monotone from m+1 on when the ratio at m+1 is <= 1.
    const long double m1 = m + 1, next_ratio = (j + 4.0L) * (j + 3) / (2.0L * (m1 + 1) * (d + 2.0L * (k + m1)));
    if (next_ratio <= 1 && (m % chunk == 0 || m < 64)) {
      long double remaining = parity_total - seen;
      // A remaining below 0 by less than the rounding of what cancelled is rounding, not a negative coefficient
      // (exp at d = 10^4, odd k >= 21, went to quadrature for it); that rounding then bounds the tail. Otherwise the
      // slack relative to R is kept, so that earlier results do not move.
      const long double rounding = 16 * LDBL_EPSILON * (cancelled + m);
      long double slack = 16 * LDBL_EPSILON * (parity_total + m);
      if (remaining < -slack) slack = std::max(slack, rounding);
      if (remaining < -slack) {  // the coefficients left sum to less than 0: some a_j < 0 beyond those computed
        out.status = XiValue::Status::needs_quadrature;
        out.bound_proven = false;
        out.note = "the Taylor coefficients of the parity of k are not all >= 0: no tail bound";
        break;
      }
      long double bound = w * (std::max(remaining, 0.0L) + slack);
      if (auto direct = h.parity_tail_bound(j)) bound = std::min(bound, w * *direct);
      out.error_bound = static_cast<double>(bound);
      if (bound <= opt.rel_tol * sum) {
        out.status = XiValue::Status::series;
        break;
      }
    }
    if (m >= opt.max_terms) {
      out.status = XiValue::Status::needs_quadrature;
      char bound[32];
      std::snprintf(bound, sizeof bound, "%.3g", out.error_bound);
      out.note = std::string("tail bound ") + bound + " after " + std::to_string(out.terms) +
                 " terms; use quadrature (numeric/)";
      break;
    }
  }
  out.value = static_cast<double>(sum);
  // Rounding: each positive term adds at most one long-double ulp to the sum, and the sum is rounded to double.
  out.error_bound += static_cast<double>(sum) * (out.terms * LDBL_EPSILON + DBL_EPSILON / 2);
  out.bound_proven = out.bound_proven && signs_checked;
  return out;
}

}  // namespace tristage::theory
