#pragma once
// Where the exact series cannot meet its tolerance at a numeric d (status needs-quadrature), the numeric module's
// quadrature gives the value: this is the one place the two routes meet in a `coeffs` report.
#include "core/kernel_spec.hpp"
#include "theory/coefficients.hpp"

namespace tristage {

// Fills every needs-quadrature row by numeric::xi_by_quadrature (status "quadrature", error_bound its estimate,
// bound_proven false), then recomputes kappa_d. Returns how many rows were filled.
int fill_by_quadrature(theory::CoefficientReport& r, const KernelSpec& kernel, double rel_tol);

}  // namespace tristage
