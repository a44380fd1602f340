#pragma once
// The dynamics as functions of one eigenvalue lambda of K (THEORY.md 3), shared by every engine:
//   residual r(t) = decay(K) y,  coefficients a(t) = phi(K) y,
//   flow: decay = e^{-t lambda/n}, phi = -expm1(-t lambda/n)/lambda (t/n at lambda = 0);
//   gd:   decay = (1 - eta lambda/n)^k, k = floor(t/eta), phi = (1 - decay)/lambda;
//   t = infinity: the minimum-norm interpolant, phi = 1/lambda, decay 0.
// Eigenvalues at or below the numerical zero (a multiple of eps lambda_max, where a decomposition cannot resolve
// them) form the null space at every t: decay 1 and phi 0. A null direction v of K adds sum_i v_i H(., x_i) to f,
// whose norm^2 is v^T K v = 0, so dropping it changes no function; keeping it would add (t/n) v^T y v to a, a huge
// vector whose contribution a^T M a cancels only to rounding (measured: test errors off by 400% for poly:2 at
// d = 20, n = 500, t = d^8).
#include <cmath>

#include "numeric/flow_engine.hpp"

namespace tristage::numeric {

struct SpectralFactors {
  double decay, phi;
};

// zero: the eigenvalue below which a direction counts as the null space (a multiple of eps lambda_max).
inline SpectralFactors spectral_factors(double lambda, double t, long n, const FlowRequest& request, double zero) {
  const double s = lambda / n;
  if (!(lambda > zero)) return {1.0, 0.0};
  if (std::isinf(t)) return {0.0, 1 / lambda};
  if (request.dynamics == Dynamics::gd) {
    const double steps = std::floor(t / request.eta);
    const double decay = std::pow(1 - request.eta * s, steps);
    return {decay, (1 - decay) / lambda};
  }
  const double x = -t * s;
  return {std::exp(x), -std::expm1(x) / lambda};
}

}  // namespace tristage::numeric
