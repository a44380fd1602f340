#pragma once
// Gegenbauer coefficients xi_{d,k} of a kernel by quadrature (THEORY.md 2), in double precision, for any kernel the
// grammar accepts: the numeric route, cross-checked against the exact series of theory/xi.hpp.
//
// Two integrals give xi_{d,k}. E_d is the mean under the probability density proportional to (1-u^2)^{(d-3)/2}.
//   direct:      xi_{d,k} = E_d[h(u) Q_k(d u)]
//   derivative:  xi_{d,k} = E_{d+2k}[h^{(k)}(u)] / prod_{i=0}^{k-1} (d + 2i)
// The second follows from Rodrigues' formula by k integrations by parts (the boundary terms vanish for any h
// finite on [-1, 1] with at most algebraic endpoint singularities, such as the arc-cosine kernels); on
// h = u^{k+2m} it reproduces the series term a_{k+2m} (k+2m)!/(2^m m!) / prod_{i<k+m} (d+2i) exactly.
// The direct integrand is of size d^{-k/2} while xi_{d,k} ~ d^{-k}: it loses about d^{k/2} to cancellation.
// The derivative integrand has no such cancellation (for a_j >= 0 it is >= 0 after folding u -> -u), and its
// derivatives come from Taylor jets (numeric/taylor_jet.hpp), not from differences.
//
// Route: the derivative integral first. It was as accurate as the direct one or better at every (d, k) tried, against
// 50-digit quadrature (arc-cosine kernels, d = 3..20, k <= 70), the Bessel closed form (exp) and the series
// (d <= 1e4, k <= 12): the arc-cosine kernels' h^{(k)} ~ (1-u^2)^{1/2-k} is tamed by the weight, and the jets are
// scaled so that nothing overflows near u = +-1. The direct integral is the
// fallback when the derivative one misses the tolerance (a kernel whose jets cancel); the smaller estimate wins.
// Both integrate the folded integrand f(u) + f(-u) on [0, u_c], where u_c cuts the weight (1-u^2)^{(d-3)/2} at
// 1e-40 2^{-kmax} of its peak (u_c ~ sqrt((184 + 1.4 kmax)/d) for large d, 1 for d <= 7), by Boost's tanh-sinh rule, which also copes with
// the square-root endpoint behaviour of the arc-cosine kernels at small d.
#include "core/kernel_spec.hpp"
#include "core/spectrum.hpp"

namespace tristage::numeric {

struct XiQuadrature {
  double value = 0;           // xi_{d,k}
  double error_estimate = 0;  // |error| estimate: the quadrature's own (difference of its last two levels) plus
                              // rounding (the integrand's L1 norm times a few ulps); not a proof
  const char* method = "";    // "direct" or "derivative"
};

// xi_{d,k} for an integer d >= 3 and k >= 0, aiming at error_estimate <= rel_tol * |value|.
// Throws Error(Exit::usage) for d < 3 or k < 0, Error(Exit::numerical) when the integrand is not finite.
XiQuadrature xi_by_quadrature(const KernelSpec& h, long d, int k, double rel_tol = 1e-13);

// xi_{d,k} for k = 0..kmax with their error estimates, h(1) and B(d,k). Faster than kmax+1 calls of
// xi_by_quadrature: the nodes are shared and each Taylor jet is computed once.
Spectrum spectrum_by_quadrature(const KernelSpec& h, long d, int kmax, double rel_tol = 1e-13);

// E_d[h(u)^2] = sum_k xi_{d,k}^2 B(d,k): the diagonal of M (THEORY.md 4), and what its truncated series must reach.
double mean_square(const KernelSpec& h, long d);

}  // namespace tristage::numeric
