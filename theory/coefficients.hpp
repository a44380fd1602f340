#pragma once
// Everything `tristage coeffs` reports about one kernel: per degree k the dimension B(d,k), the coefficient
// xi_{d,k} (exact, or series with a bound), its limits and 1/d expansions; per level l the effective ridge kappa.
#include <ginac/ginac.h>

#include <optional>
#include <vector>

#include "theory/expansion.hpp"
#include "theory/xi.hpp"

namespace tristage::theory {

struct CoefficientRow {
  int k = 0;
  GiNaC::ex B;                 // exact: an integer, or a polynomial in d
  GiNaC::ex a, mu;             // a_k and mu_k = h^(k)(0)
  std::optional<XiValue> xi;   // numeric d
  std::optional<GiNaC::ex> xi_rational;  // symbolic d and a polynomial kernel: the rational function of d
  InverseDSeries dk_xi, b_xi;  // 1/d expansions of d^k xi and B xi
};

struct KappaRow {
  int ell = 0;
  std::optional<double> finite_d;  // kappa_d(l) at numeric d, when every xi_{d,k<=l} is known
  double finite_d_bound = 0;       // |error| bound of finite_d
  std::optional<GiNaC::ex> finite_exact;  // polynomial kernels: exact; a rational function of d when d is symbolic
  GiNaC::ex limit;                 // kappa(l)
  InverseDSeries expansion;        // 1/d expansion of kappa_d(l)
};

struct CoefficientReport {
  std::string kernel;
  std::optional<long> d;  // empty: symbolic
  GiNaC::ex h1;
  int kmax = 0, order = 0;
  std::vector<CoefficientRow> rows;
  std::vector<KappaRow> kappa;
};

CoefficientReport coefficient_report(const SymbolicKernel& h, std::optional<long> d, int kmax, int order,
                                     const XiOptions& opt = {});

// Recomputes kappa_d(l) at numeric d from the rows, e.g. after values the series could not give were filled in by
// quadrature (compare/coeff_quadrature.hpp).
void update_finite_kappa(CoefficientReport& r);

}  // namespace tristage::theory
