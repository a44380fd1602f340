#pragma once
// Taylor-mode automatic differentiation on a kernel expression tree: the truncated power series of h about a point,
//   h(u + t) = sum_{j<=order} c_j t^j + O(t^{order+1}),   c_j = h^{(j)}(u) / j!.
// Each node of the tree becomes a series and each operation the standard recurrence on series (product, quotient,
// exp, log, sqrt, powers, sin/cos, sinh/cosh, tan, tanh, and asin/acos/atan through their derivatives). Cost
// O(order^2) per node; every c_j is exact up to rounding, none comes from finite differences.
//
// Truncation is consistent: the c_j of a jet of order n are the first c_j of a jet of any higher order.
// A scale s gives the series of h(u + s t) instead, c_j = h^{(j)}(u) s^j / j!: with s near the distance to the
// nearest singularity the c_j stay of the size of h (Cauchy's estimate) where the unscaled ones would overflow.
// Where h^{(j)} does not exist (acos at u = +-1, sqrt at 0 for j >= 1, log at 0) the c_j are +-inf or nan, as the
// scalar functions would give.
#include <vector>

#include "core/expression.hpp"

namespace tristage::numeric {

// c_j = h^{(j)}(u) scale^j / j! for j = 0..order, where h is the expression e in the variable u.
std::vector<double> taylor_jet(const Expr& e, double u, int order, double scale = 1);

// The signs of c_0..c_order (scale 1) as far as rounding can tell: +1 or -1 when c_j lies beyond its rounding error,
// 0 when not (a coefficient that is exactly zero, such as arccos1's a_3 written as an expression, comes out as a few
// ulps of either sign) and when c_j is not finite. The error is estimated by the same recurrences in double, with
// the tree's numbers read in each precision: about 2^11 times the long double's own error, so the sign of a c_j
// beyond it is settled. An estimate, not a proof: exact signs are theory/'s.
std::vector<int> taylor_signs(const Expr& e, double u, int order);

}  // namespace tristage::numeric
