#include "theory/coefficients.hpp"

#include <cmath>

#include "core/error.hpp"
#include "theory/format.hpp"
#include "theory/harmonics.hpp"

namespace tristage::theory {
using namespace GiNaC;

CoefficientReport coefficient_report(const SymbolicKernel& h, std::optional<long> d, int kmax, int order,
                                     const XiOptions& opt) {
  CoefficientReport r;
  r.kernel = h.spec().text;
  r.d = d;
  r.h1 = h.h_at(1);
  r.kmax = kmax;
  r.order = order;
  const ex dd = d ? ex(numeric(*d)) : ex(d_symbol());
  const bool polynomial = h.polynomial_degree().has_value();
  auto closed_form = [&](int k) { return h.parity_degree(k).has_value(); };
  if (!d && h.polynomial_degree() && *h.polynomial_degree() > SymbolicKernel::max_symbolic_degree)
    throw usage_error("kernel '" + shown_text(h.spec().text) + "' is a polynomial of degree " +
                      std::to_string(*h.polynomial_degree()) + ": at --d symbolic its exact functions of d are " +
                      "limited to degree " + std::to_string(SymbolicKernel::max_symbolic_degree) +
                      "; give a numeric --d");
  h.reserve(kmax + 2 * order);  // every a_j the rows and expansions below use, in one series

  for (int k = 0; k <= kmax; ++k) {
    CoefficientRow row;
    row.k = k;
    row.B = harmonic_dimension(dd, k);
    row.a = h.a(k);
    row.mu = h.mu(k);
    if (d) row.xi = xi_at(h, *d, k, opt);
    else if (closed_form(k)) row.xi_rational = xi_exact(h, dd, k);
    row.dk_xi = dk_xi_expansion(h, k, order);
    row.b_xi = b_xi_expansion(h, k, order);
    r.rows.push_back(std::move(row));
  }

  ex exact_partial = 0;
  for (int ell = 0; ell <= kmax; ++ell) {
    const CoefficientRow& row = r.rows[ell];
    KappaRow kr;
    kr.ell = ell;
    kr.limit = kappa_limit(h, ell);
    kr.expansion = kappa_expansion(h, ell, order);
    if (polynomial) {
      exact_partial += row.B * (d ? row.xi->exact : *row.xi_rational);
      kr.finite_exact = normal(r.h1 - exact_partial);
    }
    r.kappa.push_back(std::move(kr));
  }
  update_finite_kappa(r);
  return r;
}

void update_finite_kappa(CoefficientReport& r) {
  if (!r.d) return;
  // kappa_d(l) = h(1) - sum_{k<=l} B xi, accumulated along l; exact for polynomial kernels.
  const double h1 = to_double(r.h1);
  double partial = 0, bound = 0;
  bool known = true;
  for (auto& kr : r.kappa) {
    const CoefficientRow& row = r.rows[kr.ell];
    known = known && row.xi->status != XiValue::Status::needs_quadrature;
    const double b = to_double(row.B);
    partial += b * row.xi->value;
    bound += b * row.xi->error_bound;
    kr.finite_d.reset();
    if (!known) continue;
    kr.finite_d = kr.finite_exact ? to_double(*kr.finite_exact) : h1 - partial;
    // Rounding of h(1) - partial: a few ulps of the larger of the two.
    kr.finite_d_bound = kr.finite_exact ? 0 : bound + 4e-16 * std::max(std::abs(h1), std::abs(partial));
  }
}

}  // namespace tristage::theory
