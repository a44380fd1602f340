// The integer-alpha limits (theory/integer_alpha.hpp, THEORY.md 10) against independent routes: the closed form at
// t = infinity against the Marchenko-Pastur integral, the curves' ends against their closed values, and the
// deterministic equivalent of numeric/ (a different computation: the full finite-d spectrum, no Marchenko-Pastur law)
// at n = c d^ell converging to the limit as d grows, with the rate measured.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "core/kernel_spec.hpp"
#include "numeric/deterministic_equivalent.hpp"
#include "theory/format.hpp"
#include "theory/integer_alpha.hpp"

using namespace tristage;

namespace {

theory::IntegerAlphaLimit limit_of(const char* kernel, int ell, const char* c, const std::vector<const char*>& E,
                                   const char* noise) {
  theory::SymbolicKernel h(parse_kernel(kernel));
  theory::IntegerAlphaInput in;
  in.ell = ell;
  in.c = theory::exact_decimal(c);
  for (const char* e : E) in.energies.push_back(theory::exact_decimal(e));
  in.noise = theory::exact_decimal(noise);
  return theory::IntegerAlphaLimit(h, in);
}

double value(const GiNaC::ex& e, double c) { return theory::to_double(e.subs(theory::c_symbol() == c)); }

}  // namespace

TEST_CASE("test error at t = infinity: the algebraic closed form equals the Marchenko-Pastur integral") {
  // Two routes: the root q_0 of a quadratic, and a quadrature of the density (converged to 1e-14 of its scale).
  // Agreement to 1e-10 relative allows for the quadrature near psi = 1, where the density's edge reaches 0.
  for (const std::string kernel : {"exp", "poly:3", "relu-ntk", "1/(1.5-u)"})
    for (const std::string c : {"0.1", "0.4", "0.5", "0.9", "1", "2", "7"}) {
      CAPTURE(kernel);
      CAPTURE(c);
      const auto L = limit_of(kernel.c_str(), 2, c.c_str(), {"0", "1", "1", "1"}, "0.5");
      const double closed = value(L.test_infinity(), L.c_value()), integral = L.test_infinity_by_integral();
      CHECK(std::abs(closed - integral) <= 1e-10 * closed);
      CHECK(std::abs(L.at(INFINITY).test - closed) <= 1e-12 * closed);
    }
}

TEST_CASE("the curves start at their t = 0 values and end at t = infinity") {
  // gamma -> 0: nothing of degree ell learned (train = sigma^2 + E_ell + E_{>ell}, test = oracle = E_ell + E_{>ell});
  // gamma -> infinity: the quadratures approach the closed forms (the flow's e^{-2 gamma lambda} -> 0 needs
  // gamma tau >> 1: gamma = 1e6 with tau ~ 0.2 leaves e^{-1e5}).
  const auto L = limit_of("exp", 2, "0.5", {"0", "1", "1", "1"}, "0.5");
  const auto zero = L.at(1e-12);
  CHECK(zero.train == doctest::Approx(0.5 + 1 + 1).epsilon(1e-9));
  CHECK(zero.test == doctest::Approx(2).epsilon(1e-9));
  CHECK(zero.oracle == doctest::Approx(2).epsilon(1e-9));
  const auto late = L.at(1e6), end = L.at(INFINITY);
  CHECK(late.test == doctest::Approx(end.test).epsilon(1e-10));
  CHECK(late.train == doctest::Approx(end.train).scale(1).epsilon(1e-10));
  CHECK(late.oracle == doctest::Approx(end.oracle).epsilon(1e-10));
}

TEST_CASE("the peak in c: without the ridge of the degrees above ell, test(infinity) diverges at psi = 1") {
  // poly:2 has no degree above 2, so tau = kappa(2) = 0 and the degree-2 block is ridgeless least squares:
  // with noise, test(infinity) ~ sigma_eff^2 psi / |1 - psi| near psi = c 2! = 1 (the double descent).
  const auto near = limit_of("poly:2", 2, "0.49", {"0", "0", "1"}, "0.5");
  const auto far = limit_of("poly:2", 2, "0.25", {"0", "0", "1"}, "0.5");
  const double t_near = near.at(INFINITY).test, t_far = far.at(INFINITY).test;
  CHECK(t_near > 10 * t_far);
  CHECK(std::abs(t_near - near.test_infinity_by_integral()) <= 1e-8 * t_near);
}

TEST_CASE("the deterministic equivalent at n = c d^ell converges to the limit, at a measured rate") {
  // At each d the equivalent of numeric/ (the exact finite-d spectrum by quadrature) is evaluated at t = gamma n,
  // n = round(c d^2); its largest distance to the limit over a gamma grid, relative to sum E + sigma^2, must fall
  // with d. The finite-d corrections are powers of 1/d (xi_{d,k} d^k = mu_k/k! + O(1/d), B(d,2) = d^2/2 + O(d),
  // degree ell + 1 starting at t ~ d^3 = t (d / (c gamma))), so the log-log slope of the distance against d must
  // be -1 (+-0.1) over the last decade (measured: the printed line).
  const std::vector<double> E{0, 1, 1, 1};
  const double noise = 0.5, scale = 3.5;
  for (const std::string c : {"0.3", "1", "3"}) {
    CAPTURE(c);
    const auto L = limit_of("exp", 2, c.c_str(), {"0", "1", "1", "1"}, "0.5");
    const std::vector<double> gammas{0.01, 0.1, 0.3, 1, 3, 10, 100, INFINITY};
    std::vector<double> ds, distance;
    for (long d : {100L, 1000L, 10000L, 100000L}) {
      const long n = std::lround(L.c_value() * double(d) * double(d));
      const auto de = numeric::deterministic_equivalent(parse_kernel("exp"), d, n, E, noise);
      std::vector<double> times;
      for (double g : gammas) times.push_back(g * double(n));
      const auto curves = de.flow(times);
      const auto oracle = de.oracle(times);
      double worst = 0;
      for (size_t i = 0; i < gammas.size(); ++i) {
        const auto p = L.at(gammas[i]);
        worst = std::max({worst, std::abs(curves.test[i] - p.test), std::abs(curves.train[i] - p.train)});
        // The limit's gamma = infinity is t >> n within t << d^(ell+1), where the oracle has not learned degree
        // ell + 1; the equivalent's t = infinity is the end of the flow, where it has: only finite gammas compare.
        if (std::isfinite(gammas[i])) worst = std::max(worst, std::abs(oracle[i] - p.oracle));
      }
      ds.push_back(std::log(double(d)));
      distance.push_back(std::log(worst / scale));
    }
    // The rate over the last decade (the first, d = 100 to 1000, is still pre-asymptotic where c gamma ~ d).
    const double slope = (distance[3] - distance[2]) / (ds[3] - ds[2]);
    std::printf("integer alpha, exp, c = %s: distance %.3g, %.3g, %.3g, %.3g at d = 1e2..1e5; last-decade slope %.3f\n",
                c.c_str(), std::exp(distance[0]), std::exp(distance[1]), std::exp(distance[2]), std::exp(distance[3]),
                slope);
    CHECK(slope < -0.9);
    CHECK(slope > -1.1);
    // The largest correction is degree ell + 1's start at gamma = 100: xi_{d,3} t ~ c gamma / (6 d), 5e-4 c at 1e5.
    CHECK(std::exp(distance.back()) < 1e-3 * L.c_value());
  }
}
