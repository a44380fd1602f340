#pragma once
// The limit of a sequence x(d) on a geometric grid of d, d_{i+1} = r d_i, that converges like x = L + A d^s (s < 0):
// Aitken's delta-squared process, exact for such a sequence, on the last three values; its error estimate is the
// difference from the same process one step earlier, which falls with the next-order terms (log factors, a second
// power). Used by verify's second step (compare/claims.hpp): the deterministic equivalent at d far beyond any
// simulation, extrapolated to d = infinity, against the claimed limit.
#include <vector>

namespace tristage {

struct Extrapolated {
  double limit = 0;   // L*, the extrapolated value
  double error = 0;   // |L*(last three) - L*(the three before)|, or the last steps where the process does not apply
  bool geometric = true;  // Aitken applied; false: the steps do not shrink with one sign (settled, or not converging)
};

// x: at least 2 values on a geometric grid, increasing d. Where the steps do not shrink with one sign (already at
// rounding level, oscillating, or growing), the last value is the estimate, the larger of the last two steps its
// error, and `geometric` is false: the caller decides whether such steps are small enough to call it settled.
Extrapolated extrapolate(const std::vector<double>& x);

}  // namespace tristage
