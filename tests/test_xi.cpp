// Gegenbauer coefficients: exact series against closed forms, quadrature and identities (THEORY.md 2).
#include <doctest/doctest.h>

#include <boost/math/special_functions/bessel.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <cmath>

#include "sphere_quadrature.hpp"
#include "theory/format.hpp"
#include "theory/harmonics.hpp"
#include "theory/xi.hpp"

using namespace tristage;
using namespace tristage::theory;

namespace {
SymbolicKernel kernel(const std::string& name) { return SymbolicKernel(parse_kernel(name)); }
}  // namespace

TEST_CASE("exp: xi equals Gamma(d/2) 2^{d/2-1} I_{k+d/2-1}(1) to 1e-12") {
  // The Bessel route in 50-digit arithmetic (Gamma(500) and I_503(1) are far outside double range).
  using big = boost::multiprecision::cpp_bin_float_50;
  auto h = kernel("exp");
  for (long d : {5, 10, 50, 100, 1000}) {
    for (int k = 0; k <= 8; ++k) {
      CAPTURE(d);
      CAPTURE(k);
      const big half_d = big(d) / 2;
      const big closed = boost::math::tgamma(half_d) * pow(big(2), half_d - 1) *
                         boost::math::cyl_bessel_i(big(k) + half_d - 1, big(1));
      const XiValue xi = xi_at(h, d, k);
      CHECK(xi.status == XiValue::Status::series);
      const double reference = static_cast<double>(closed);
      CHECK(std::abs(xi.value - reference) <= 1e-12 * reference);
      // The proven bound is honest: the true error is below it (plus the rounding of the double result).
      CHECK(std::abs(xi.value - reference) <= xi.error_bound + 4e-16 * reference);
    }
  }
}

TEST_CASE("poly:3: the rational function of d agrees with quadrature at d = 3..50") {
  // Quadrature of a polynomial against a smooth weight: tanh-sinh reaches ~1e-15 relative; 1e-12 leaves room
  // for the cancellation in Q_k at d = 3.
  auto h = kernel("poly:3");
  auto spec = parse_kernel("poly:3");
  for (int k = 0; k <= 4; ++k) {
    const GiNaC::ex f = xi_exact(h, d_symbol(), k);
    for (int d = 3; d <= 50; ++d) {
      CAPTURE(k);
      CAPTURE(d);
      const double exact = to_double(f.subs(d_symbol() == d));
      const double quad = test::xi_by_quadrature(spec, d, k);
      CHECK(std::abs(exact - quad) <= 1e-12 * std::max(1.0, std::abs(exact)) + 1e-15);
    }
  }
  CHECK(rational_text(xi_exact(h, d_symbol(), 1), d_symbol()) == "(3*d + 9)/(d^2 + 2*d)");
}

TEST_CASE("non-polynomial kernels: series with a bound agrees with quadrature") {
  // d >= 7 keeps the weight smooth enough at the endpoints for tanh-sinh to reach ~1e-13 on arc-cosine kernels.
  for (std::string name : {"exp", "arccos0", "arccos1", "relu-ntk", "exp(u)/(2-u)"}) {
    auto h = kernel(name);
    auto spec = parse_kernel(name);
    for (long d : {7, 20, 100}) {
      for (int k = 0; k <= 6; ++k) {
        CAPTURE(name);
        CAPTURE(d);
        CAPTURE(k);
        const XiValue xi = xi_at(h, d, k);
        REQUIRE(xi.status != XiValue::Status::needs_quadrature);
        const double quad = test::xi_by_quadrature(spec, static_cast<int>(d), k);
        const double scale = std::max(std::abs(xi.value), std::abs(quad));
        CHECK(std::abs(xi.value - quad) <= 1e-11 * scale + 1e-16);
      }
    }
  }
}

TEST_CASE("arccos1 has xi_{d,3} = 0 exactly") {
  auto h = kernel("arccos1");
  const XiValue xi = xi_at(h, 7, 3);
  CHECK(xi.status == XiValue::Status::exact);
  CHECK(xi.value == 0);
  CHECK(std::abs(test::xi_by_quadrature(parse_kernel("arccos1"), 7, 3)) < 1e-15);
}

TEST_CASE("where the tail bound cannot be met the answer says so") {
  // arccos0 at d = 3: the weights decay like m^{-1} and a_j like j^{-3/2}; 1e-13 needs ~1e9 terms.
  auto h = kernel("arccos0");
  const XiValue xi = xi_at(h, 3, 1);
  CHECK(xi.status == XiValue::Status::needs_quadrature);
  CHECK(xi.note.find("quadrature") != std::string::npos);
  // A kernel whose coefficients change sign has no tail bound at all.
  auto c = kernel("1 + cos(u)");
  CHECK(xi_at(c, 10, 0).status == XiValue::Status::needs_quadrature);
}

TEST_CASE("trace identity: sum_k xi_{d,k} B(d,k) = h(1) to 1e-12") {
  for (std::string name : {"exp", "poly:3", "taylor:1,0.5,0,0.25,0.125", "exp(u)/(2-u)"}) {
    auto h = kernel(name);
    const double h1 = to_double(h.h_at(1));
    for (long d : {5, 10, 100}) {
      CAPTURE(name);
      CAPTURE(d);
      double sum = 0;
      int k = 0;
      for (; k <= 200; ++k) {
        const double term = to_double(harmonic_dimension(GiNaC::numeric(d), k)) * xi_at(h, d, k).value;
        sum += term;
        if (k > 10 && term < 1e-17 * h1) break;
      }
      CHECK(k < 200);
      CHECK(std::abs(sum - h1) <= 1e-12 * h1);
    }
  }
}

TEST_CASE("d^k xi_{d,k} -> mu_k, at rate 1/d") {
  for (std::string name : {"exp", "arccos1", "relu-ntk"}) {
    auto h = kernel(name);
    for (int k = 0; k <= 4; ++k) {
      CAPTURE(name);
      CAPTURE(k);
      const double mu = to_double(h.mu(k));
      double previous = INFINITY;
      for (long d : {100, 1000, 10000}) {
        const double scaled = std::pow(double(d), k) * xi_at(h, d, k).value;
        const double gap = std::abs(scaled - mu);
        CHECK(gap <= std::max(previous / 5, 1e-13 * std::max(1.0, mu)));  // falls ~10x per decade of d
        previous = gap;
      }
    }
  }
}

TEST_CASE("harmonic dimensions and Gegenbauer polynomials") {
  // B(d,k) counts harmonic polynomials: C(d+k-1, k) - C(d+k-3, k-2).
  for (int d = 3; d <= 12; ++d)
    for (int k = 0; k <= 8; ++k) {
      GiNaC::numeric count = GiNaC::binomial(GiNaC::numeric(d + k - 1), GiNaC::numeric(k));
      if (k >= 2) count -= GiNaC::binomial(GiNaC::numeric(d + k - 3), GiNaC::numeric(k - 2));
      CHECK((harmonic_dimension(GiNaC::numeric(d), k) - count).is_zero());
    }
  CHECK(exact_text(harmonic_dimension(GiNaC::numeric(100), 2)) == "5049");
  // Q_k from the recurrence against Boost's Gegenbauer polynomials.
  const GiNaC::symbol u("u");
  for (int d : {3, 7, 50})
    for (int k = 0; k <= 8; ++k) {
      GiNaC::ex q = gegenbauer_q(GiNaC::numeric(d), k, u);
      CHECK(to_double(q.subs(u == 1)) == doctest::Approx(1).epsilon(1e-15));
      for (double x : {-0.9, -0.3, 0.2, 0.7})
        CHECK(to_double(q.subs(u == x)) == doctest::Approx(test::gegenbauer_q(k, d, x)).epsilon(1e-12));
    }
}
