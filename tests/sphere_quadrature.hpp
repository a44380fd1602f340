#pragma once
// An independent floating-point route to xi_{d,k}, for the tests only: the defining integral of THEORY.md 2,
//   xi_{d,k} = int h(u) Q_k(d u) (1-u^2)^{(d-3)/2} du / int (1-u^2)^{(d-3)/2} du,
// by tanh-sinh quadrature (robust to the endpoint behaviour of arc-cosine kernels), with Q_k from Boost's
// Gegenbauer polynomials, Q_k(du) = C_k^lambda(u) / C_k^lambda(1), lambda = (d-2)/2.
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/gegenbauer.hpp>
#include <cmath>
#include <functional>

namespace tristage::test {

inline double sphere_mean(const std::function<double(double)>& f, int d) {
  static boost::math::quadrature::tanh_sinh<double> integrator;
  const double p = (d - 3) / 2.0;
  auto weighted = [&](double u) { return f(u) * std::pow(1 - u * u, p); };
  const double norm = boost::math::beta(0.5, (d - 1) / 2.0);
  return integrator.integrate(weighted, -1.0, 1.0, 1e-14) / norm;
}

inline double gegenbauer_q(int k, int d, double u) {
  const double lambda = (d - 2) / 2.0;
  return boost::math::gegenbauer(k, lambda, u) / boost::math::gegenbauer(k, lambda, 1.0);
}

inline double xi_by_quadrature(const std::function<double(double)>& h, int d, int k) {
  return sphere_mean([&](double u) { return h(u) * gegenbauer_q(k, d, u); }, d);
}

}  // namespace tristage::test
