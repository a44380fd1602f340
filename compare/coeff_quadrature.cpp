#include "compare/coeff_quadrature.hpp"

#include "numeric/xi_quadrature.hpp"

namespace tristage {

int fill_by_quadrature(theory::CoefficientReport& r, const KernelSpec& kernel, double rel_tol) {
  if (!r.d) return 0;
  int filled = 0;
  for (auto& row : r.rows) {
    auto& xi = *row.xi;
    if (xi.status != theory::XiValue::Status::needs_quadrature) continue;
    const auto q = numeric::xi_by_quadrature(kernel, *r.d, row.k, rel_tol);
    xi.note = "series: " + xi.note + "; value by quadrature (" + q.method + " route)";
    xi.status = theory::XiValue::Status::quadrature;
    xi.value = q.value;
    xi.error_bound = q.error_estimate;
    xi.bound_proven = false;
    ++filled;
  }
  if (filled) theory::update_finite_kappa(r);
  return filled;
}

}  // namespace tristage
