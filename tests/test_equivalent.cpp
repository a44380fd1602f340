// The deterministic equivalent (numeric/deterministic_equivalent.hpp) against independent routes: the t = 0 and
// t = infinity values without a contour, the ridge estimator through the contour against its point formula, descent
// with a small step against the flow, refinement against the error estimate, a finite-rank kernel against the
// exact least-squares identities, and robustness over d = 3..10^6, n = 10..10^9.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/time_grid.hpp"
#include "numeric/deterministic_equivalent.hpp"
#include "numeric/xi_quadrature.hpp"

using namespace tristage;
using namespace tristage::numeric;

namespace {

const std::vector<double> energies{0, 1, 1, 1};
constexpr double noise = 0.5;

EquivalentSpectrum model(const char* kernel, long d, long n, const std::vector<double>& E = energies, int kmax = 10) {
  const KernelSpec h = parse_kernel(kernel);
  Spectrum s = spectrum_by_quadrature(h, d, kmax);
  s.mean_square = mean_square(h, d);
  return equivalent_spectrum(s, n, E);
}

double total(const std::vector<double>& E) {
  double s = 0;
  for (double e : E) s += e;
  return s;
}

std::vector<double> beta_times(long d, int points = 121, double beta_max = 4) {
  std::vector<double> t;
  for (double b : beta_grid(0, beta_max, points)) t.push_back(std::pow(double(d), b));
  return t;
}

}  // namespace

TEST_CASE("at t = 0 the training error is sum E_k + sigma^2 and the test error sum E_k") {
  // The contour integrals of G and of C against the weights 1/z must return the mass at infinity: an identity
  // (||y||^2/n and f_0 = 0) that the quadrature meets to its error estimate (tolerance 1e-9).
  struct Case {
    const char* kernel;
    long d, n;
  };
  for (const Case c : {Case{"exp", 50, 354}, Case{"exp", 400, 8000}, Case{"relu-ntk", 100, 1000},
                       Case{"arccos1", 30, 900}, Case{"poly:3", 20, 1789}, Case{"exp", 30, 900}}) {
    CAPTURE(c.kernel);
    CAPTURE(c.d);
    const DeterministicEquivalent de(model(c.kernel, c.d, c.n), noise);
    const auto r = de.flow({0.0});
    CHECK(std::abs(r.train[0] - (total(energies) + noise)) <= r.error + 1e-12);
    CHECK(std::abs(r.test[0] - total(energies)) <= r.error + 1e-12);
    CHECK(r.error <= 1e-9 * de.scale());
  }
}

TEST_CASE("the ridge estimator through the contour equals its point formula") {
  // r(z) = n lambda / (z + n lambda) is ridge regression's residual: the contour route (weights on every cluster,
  // the quadratic form of C, the integral of G) against the closed formulas at the single point z = -n lambda
  // (C(z, z) for the test error, (n lambda)^2 G'(z) for the training error).
  for (const char* kernel : {"exp", "relu-ntk"}) {
    CAPTURE(kernel);
    const long d = 60, n = 465;
    const DeterministicEquivalent de(model(kernel, d, n), noise);
    const std::vector<double> lambdas{1e-6, 1e-4, 1e-3, 1e-2, 1e-1, 1};
    const auto r = de.filter(lambdas.size(), [&](size_t t, std::complex<double> z) {
      return double(n) * lambdas[t] / (z + double(n) * lambdas[t]);
    });
    for (size_t t = 0; t < lambdas.size(); ++t) {
      CAPTURE(lambdas[t]);
      const RidgeEquivalent point = de.ridge(lambdas[t]);
      CHECK(std::abs(r.test[t] - point.test) <= r.error + 1e-12);
      CHECK(std::abs(r.train[t] - point.train) <= r.error + 1e-12);
    }
  }
}

TEST_CASE("t = infinity is the ridgeless interpolant, and large t reaches it") {
  const long d = 100, n = 1000;
  const DeterministicEquivalent de(model("exp", d, n), noise);
  const auto r = de.flow({1e6 * n, std::numeric_limits<double>::infinity()});
  const RidgeEquivalent ridgeless = de.ridge(0);
  CHECK(r.test[1] == doctest::Approx(ridgeless.test).epsilon(1e-12));
  CHECK(r.train[1] == 0);
  // At t = 1e6 n every eigenvalue of K (>= 0.3 here) has decayed by e^{-3e5}: the flow is the interpolant.
  CHECK(std::abs(r.test[0] - ridgeless.test) <= r.error);
  CHECK(std::abs(r.train[0]) <= r.error);
}

TEST_CASE("gradient descent with a small step approaches the flow, at rate eta") {
  // (1 - eta z/n)^{t/eta} = e^{-tz/n} (1 + O(eta t z^2/n^2)): the gap to the flow shrinks in proportion to eta. The
  // steps are powers of two and the times whole multiples of them, so that t/eta steps are exact (the floor of a
  // rounded quotient would add an error of one step).
  const long d = 40, n = 253;
  const DeterministicEquivalent de(model("exp", d, n), noise);
  const double lambda_max = de.clusters().back().hi;
  const double eta0 = std::exp2(std::floor(std::log2(0.5 * n / lambda_max)));
  double previous = 0;
  for (int k = 0; k < 3; ++k) {
    const double eta = std::ldexp(eta0, -2 * k);
    std::vector<double> times;
    for (double b : beta_grid(std::log10(eta0), std::log10(1e3 * n), 25)) times.push_back(eta * std::ceil(std::pow(10, b) / eta));
    const auto flow = de.flow(times), gd = de.gd(times, eta);
    double gap = 0;
    for (size_t j = 0; j < times.size(); ++j)
      gap = std::max({gap, std::abs(gd.test[j] - flow.test[j]), std::abs(gd.train[j] - flow.train[j])});
    CAPTURE(eta);
    MESSAGE("eta = " << eta << " (eta lambda_max / n = " << eta * lambda_max / n << "): largest gap " << gap);
    CHECK(gap < 0.05 * de.scale());
    if (previous > 0) CHECK(gap < previous / 2.5);  // 4x smaller eta: at least 2.5x smaller gap
    previous = gap;
  }
}

TEST_CASE("refining the contour moves the result by no more than the error estimate") {
  const long d = 200, n = 2828;
  const EquivalentSpectrum s = model("exp", d, n);
  const DeterministicEquivalent coarse(s, noise, {1e-5, 2048}), fine(s, noise, {1e-12, 2048});
  const auto times = beta_times(d);
  const auto a = coarse.flow(times), b = fine.flow(times);
  CHECK(a.nodes < b.nodes);
  for (size_t j = 0; j < times.size(); ++j) {
    CHECK(std::abs(a.test[j] - b.test[j]) <= a.error + b.error);
    CHECK(std::abs(a.train[j] - b.train[j]) <= a.error + b.error);
  }
}

TEST_CASE("a finite-rank kernel with n above its rank: the least-squares identities") {
  // poly:2 at d = 5 has rank P = B(5,0) + B(5,1) + B(5,2) = 1 + 5 + 14 = 20. With n = 100 the interpolant is least
  // squares on 20 features: its training residual is the noise's part outside their span, (1 - P/n) sigma^2 in
  // expectation, exactly; the target (degrees <= 2) is learnable, so the test error at t = infinity is the variance
  // alone, sigma^2 Df / (n - Df) with Df = P.
  const long d = 5, n = 100;
  const std::vector<double> E{0, 1, 1};
  const DeterministicEquivalent de(model("poly:2", d, n, E), noise);
  CHECK(de.kappa0() == 0);
  CHECK(de.spectrum().rank == doctest::Approx(20).epsilon(1e-12));
  CHECK(de.clusters().front().lo > 0);  // the atom at 0 is no cluster: the contour leaves it out
  const auto r = de.flow({0.0, 1.0, 100.0, std::numeric_limits<double>::infinity()});
  CHECK(r.train[0] == doctest::Approx(2 + noise).epsilon(1e-9));
  CHECK(r.test[0] == doctest::Approx(2).epsilon(1e-9));
  CHECK(r.train[3] == doctest::Approx((1 - 20.0 / n) * noise).epsilon(1e-12));
  CHECK(r.test[3] == doctest::Approx(noise * 20 / (n - 20)).epsilon(1e-9));
  CHECK(r.train[2] >= r.train[3] - r.error);
}

TEST_CASE("robust from d = 3 to 10^6 and n = 10 to 10^9") {
  // Every combination builds (with as many explicit degrees as its tail needs), meets the tolerance, keeps the t = 0
  // identity, and gives a training error that falls with t and a finite, nonnegative test error.
  for (long d : {3L, 10L, 100L, 10000L, 1000000L})
    for (long n : {10L, 1000L, 1000000L, 1000000000L}) {
      CAPTURE(d);
      CAPTURE(n);
      const DeterministicEquivalent de = deterministic_equivalent(parse_kernel("exp"), d, n, energies, noise);
      auto times = beta_times(d, 41, 4.5);
      times.insert(times.begin(), 0.0);
      const auto r = de.flow(times);
      CHECK(r.error <= 1e-9 * de.scale());
      CHECK(r.train[0] == doctest::Approx(total(energies) + noise).epsilon(1e-8));
      for (size_t j = 1; j < times.size(); ++j) {
        CHECK(r.train[j] <= r.train[j - 1] + r.error);
        CHECK(r.test[j] >= -r.error);
        CHECK(std::isfinite(r.test[j]));
      }
    }
}

TEST_CASE("the ridgeless plateau of the default experiment and of alpha = 2") {
  // Values of an independent implementation (numpy, exact Bessel-series xi of exp, the same formulas):
  // d = 400, n = 8000: 2.60723; d = 30, n = 900: 2.2003 (total errors, sigma^2 = 0.5).
  CHECK(DeterministicEquivalent(model("exp", 400, 8000), noise).ridge(0).test + noise ==
        doctest::Approx(2.60723).epsilon(2e-6));
  CHECK(DeterministicEquivalent(model("exp", 30, 900), noise).ridge(0).test + noise ==
        doctest::Approx(2.2003).epsilon(5e-5));
}

TEST_CASE("bad input: one clear error") {
  CHECK_THROWS_AS(model("exp", 50, 0), Error);
  CHECK_THROWS_AS(DeterministicEquivalent(model("exp", 50, 100), -1.0), Error);
  const DeterministicEquivalent de(model("exp", 50, 100), noise);
  CHECK_THROWS_AS(de.ridge(-1.0), Error);
  CHECK_THROWS_AS(de.gd({1.0}, 0.0), Error);
  // cos(u) has xi_{10,2} < 0: not positive semi-definite.
  try {
    model("cos(u)", 10, 100, {1, 1, 1});
    FAIL("an indefinite kernel was accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::usage);
    CHECK(std::string(e.what()).find("indefinite") != std::string::npos);
  }
}
