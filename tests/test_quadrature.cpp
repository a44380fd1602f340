// The numeric route to xi_{d,k} (numeric/xi_quadrature.hpp) and its Taylor jets (numeric/taylor_jet.hpp), against
// independent references: closed-form derivatives, the Bessel closed form for exp, the exact series of theory/xi.hpp,
// a 50-digit quadrature of the defining integral, and the trace identity (THEORY.md 2).
#include <doctest/doctest.h>

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/bessel.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/special_functions/binomial.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/multiprecision/cpp_bin_float.hpp>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>

#include "core/error.hpp"
#include "numeric/taylor_jet.hpp"
#include "numeric/xi_quadrature.hpp"
#include "theory/xi.hpp"

using namespace tristage;
using numeric::spectrum_by_quadrature;
using numeric::taylor_jet;
using numeric::xi_by_quadrature;
using big = boost::multiprecision::cpp_bin_float_50;

namespace {

double factorial(int j) { return boost::math::factorial<double>(j); }

// Checks c_j = h^{(j)}(u)/j! for j <= 12 against a reference; rel is relative to max(|reference|, floor).
void check_jet(const std::string& text, double u, const std::function<double(int)>& reference, double rel,
               double floor = 0) {
  const auto c = taylor_jet(parse_expression(text), u, 12);
  REQUIRE(c.size() == 13);
  for (int j = 0; j <= 12; ++j) {
    CAPTURE(text);
    CAPTURE(u);
    CAPTURE(j);
    const double r = reference(j);
    CHECK(std::abs(c[j] - r) <= rel * std::max(std::abs(r), floor));
  }
}

// The defining integral xi_{d,k} = E_d[h(u) Q_k(du)] in 50 digits: the direct route's d^{k/2} cancellation costs
// at most ~15 of them at d = 3, k <= 40; tanh-sinh at 1e-30 copes with the square-root endpoints.
big xi_50_digits(const std::function<big(big)>& h, long d, int k) {
  static boost::math::quadrature::tanh_sinh<big> rule;
  const big p = big(d - 3) / 2;
  auto f = [&](big u) -> big {
    big q0 = 1, q1 = u, q = k == 0 ? q0 : q1;
    for (int j = 1; j < k; ++j) {
      q = ((2 * j + d - 2) * u * q1 - j * q0) / (j + d - 2);
      q0 = q1;
      q1 = q;
    }
    return h(u) * q * (d == 3 ? big(1) : pow(1 - u * u, p));
  };
  return rule.integrate(f, big(-1), big(1), big(1e-30)) / boost::math::beta(big(0.5), p + 1);
}

// The arc-cosine kernels of THEORY.md 2, written out again in 50 digits.
big arccos0_50(big u) { return 1 - acos(u) / boost::math::constants::pi<big>(); }
big arccos1_50(big u) {
  const big pi = boost::math::constants::pi<big>();
  return (sqrt(1 - u * u) + (pi - acos(u)) * u) / pi;
}
big relu_ntk_50(big u) { return u * arccos0_50(u) + arccos1_50(u); }

}  // namespace

TEST_CASE("taylor_jet: derivatives of known functions to order 12") {
  // The jets are computed in long double and rounded once; the references below are double recurrences or closed
  // forms with a few ulps per step. 1e-14 relative (45 ulps) covers both at order 12.
  const double tol = 1e-14;
  for (double u : {-0.7, 0.0, 0.4}) check_jet("exp(u)", u, [&](int j) { return std::exp(u) / factorial(j); }, tol);

  // (1+u)^3: c = ((1+u)^3, 3(1+u)^2, 3(1+u), 1, 0, ...), exact by repeated multiplication, also at u = -1.
  for (double u : {-1.0, 0.3}) {
    const double b = 1 + u, expected[] = {b * b * b, 3 * b * b, 3 * b, 1};
    check_jet("(1+u)^3", u, [&](int j) { return j < 4 ? expected[j] : 0.0; }, 1e-15, 1e-300);
  }

  // acos: acos' = -y with y = (1-u^2)^{-1/2}, and (1-u^2) y^{(n+1)} = (2n+1) u y^{(n)} + n^2 y^{(n-1)}.
  for (double u : {0.0, 0.5, -0.9}) {
    std::vector<double> y(13);
    y[0] = 1 / std::sqrt(1 - u * u);
    y[1] = u * y[0] / (1 - u * u);
    for (int n = 1; n < 12; ++n) y[n + 1] = ((2 * n + 1) * u * y[n] + n * n * y[n - 1]) / (1 - u * u);
    check_jet("acos(u)", u, [&](int j) { return j == 0 ? std::acos(u) : -y[j - 1] / factorial(j); }, tol);
  }

  // sqrt(1-u^2) = sqrt(1-u) sqrt(1+u): the product of two binomial series, binom(1/2, i) (-+ t / (1 -+ u))^i.
  for (double u : {0.0, 0.3, 0.95}) {
    auto binomial_half = [](int i) {
      double b = 1;
      for (int m = 0; m < i; ++m) b *= (0.5 - m) / (m + 1);
      return b;
    };
    auto reference = [&](int j) {
      double s = 0;
      for (int i = 0; i <= j; ++i)
        s += binomial_half(i) * std::pow(-1 / (1 - u), i) * binomial_half(j - i) * std::pow(1 / (1 + u), j - i);
      return std::sqrt(1 - u * u) * s;
    };
    // The reference sums terms of mixed sign with |terms| up to ~(1-u)^{-j}: at u = 0.95 it loses ~3 digits.
    check_jet("sqrt(1 - u^2)", u, reference, u > 0.9 ? 1e-12 : tol, std::abs(reference(0)));
  }

  // exp(u)/(2-u): c_j = sum_i (e^u / i!) (2-u)^{-(j-i+1)}, all terms positive.
  for (double u : {-0.5, 0.0, 0.9}) {
    check_jet("exp(u)/(2-u)", u, [&](int j) {
      double s = 0;
      for (int i = 0; i <= j; ++i) s += std::exp(u) / factorial(i) / std::pow(2 - u, j - i + 1);
      return s;
    }, tol);
  }

  // tan: tan^{(n)} = P_n(tan u) with P_0(x) = x, P_{n+1} = (1 + x^2) P_n'(x); coefficients are integers.
  std::vector<std::vector<double>> P{{0, 1}};
  for (int n = 0; n < 12; ++n) {
    const auto& p = P.back();
    std::vector<double> next(p.size() + 1, 0);
    for (size_t i = 1; i < p.size(); ++i) {  // (1 + x^2) d/dx sum p_i x^i
      next[i - 1] += i * p[i];
      next[i + 1] += i * p[i];
    }
    P.push_back(next);
  }
  for (double u : {-0.8, 0.0, 0.3}) {
    const double t = std::tan(u);
    check_jet("tan(u)", u, [&](int j) {
      double s = 0;
      for (size_t i = P[j].size(); i-- > 0;) s = s * t + P[j][i];
      return s / factorial(j);
    }, tol, 1e-16);
  }
}

TEST_CASE("taylor_jet: a scale s gives the series of h(u + s t)") {
  // c_j(s) = c_j(1) s^j up to rounding: 1e-14 relative.
  const Expr e = parse_expression("(sqrt(1 - u^2) + (pi - acos(u))*u)/pi");
  const auto c1 = taylor_jet(e, 0.6, 10), cs = taylor_jet(e, 0.6, 10, 0.4);
  for (int j = 0; j <= 10; ++j) CHECK(std::abs(cs[j] - c1[j] * std::pow(0.4, j)) <= 1e-14 * std::abs(cs[j]));
}

TEST_CASE("exp: quadrature equals Gamma(d/2) 2^{d/2-1} I_{k+d/2-1}(1) to 1e-12, d up to 1e4") {
  // Reference in 50 digits (Gamma(5000) overflows double). 1e-12 is the target of the numeric route; the error
  // estimate must also bound the true error (plus one ulp for rounding the reference to double).
  const auto h = parse_kernel("exp");
  double worst = 0;
  for (long d : {3, 5, 10, 50, 100, 1000, 10000}) {
    const Spectrum s = spectrum_by_quadrature(h, d, 8);
    for (int k = 0; k <= 8; ++k) {
      CAPTURE(d);
      CAPTURE(k);
      const big half_d = big(d) / 2;
      const double reference = static_cast<double>(boost::math::tgamma(half_d) * pow(big(2), half_d - 1) *
                                                   boost::math::cyl_bessel_i(big(k) + half_d - 1, big(1)));
      const double error = std::abs(s.xi[k] - reference);
      CHECK(error <= 1e-12 * reference);
      CHECK(error <= s.xi_error[k] + 1.2e-16 * reference);
      worst = std::max(worst, error / reference);
    }
  }
  MESSAGE("exp: max relative difference to the Bessel closed form " << worst);
}

TEST_CASE("every named kernel and an expression: quadrature equals the series to 1e-12") {
  // The series reference (xi_at, default tolerance 1e-13 with a proven tail bound) is good to ~1e-13, so 1e-12
  // tests the quadrature. Exact zeros (parity) must come out below 1e-15 of the previous degree.
  for (std::string name : {"exp", "poly:3", "taylor:1,0.5,0,0.25,0.125", "arccos0", "arccos1", "relu-ntk",
                           "exp(u)/(2-u)"}) {
    const auto spec = parse_kernel(name);
    const theory::SymbolicKernel h(spec);
    double worst = 0;
    int compared = 0;
    for (long d : {7, 20, 100, 1000, 10000}) {
      const Spectrum s = spectrum_by_quadrature(spec, d, 8);
      for (int k = 0; k <= 8; ++k) {
        CAPTURE(name);
        CAPTURE(d);
        CAPTURE(k);
        const theory::XiValue x = theory::xi_at(h, d, k);
        if (x.status == theory::XiValue::Status::needs_quadrature) continue;
        ++compared;
        if (x.value == 0) {
          CHECK(std::abs(s.xi[k]) <= 1e-15 * std::abs(s.xi[k - 1]));
          continue;
        }
        const double error = std::abs(s.xi[k] - x.value);
        CHECK(error <= 1e-12 * std::abs(x.value));
        // The estimate is honest: it bounds the difference, up to the series' own bound and rounding.
        CHECK(error <= s.xi_error[k] + x.error_bound + 2.3e-16 * std::abs(x.value));
        worst = std::max(worst, error / std::abs(x.value));
      }
    }
    CHECK(compared >= 40);
    MESSAGE(name << ": max relative difference to the series over d in {7, 20, 100, 1000, 10000}, k <= 8: "
                 << worst);
  }
}

TEST_CASE("where the series needs quadrature: inside its bracket and equal to a 50-digit integral") {
  // arccos0, arccos1 and relu-ntk at d = 3 and 4: the tail bound of the series (a_j >= 0, so partial sums increase)
  // is not met within the term budget. The quadrature must lie in [partial sum, partial sum + bound] (up to 1e-15
  // relative rounding), and agree with the defining integral evaluated in 50 digits to 1e-12.
  const std::map<std::string, std::function<big(big)>> kernels = {
      {"arccos0", arccos0_50}, {"arccos1", arccos1_50}, {"relu-ntk", relu_ntk_50}};
  int bracketed = 0;
  for (const auto& [name, h50] : kernels) {
    const auto spec = parse_kernel(name);
    const theory::SymbolicKernel h(spec);
    for (long d : {3, 4}) {
      const Spectrum s = spectrum_by_quadrature(spec, d, 8);
      for (int k = 0; k <= 8; ++k) {
        CAPTURE(name);
        CAPTURE(d);
        CAPTURE(k);
        const theory::XiValue x = theory::xi_at(h, d, k);
        if (x.status == theory::XiValue::Status::needs_quadrature && x.bound_proven) {
          ++bracketed;
          CHECK(s.xi[k] >= x.value * (1 - 1e-15));
          CHECK(s.xi[k] <= (x.value + x.error_bound) * (1 + 1e-15));
        }
        const double reference = static_cast<double>(xi_50_digits(h50, d, k));
        if (reference == 0 || std::abs(reference) < 1e-40) {
          CHECK(std::abs(s.xi[k]) <= 1e-15 * std::abs(s.xi[k - 1]));
          continue;
        }
        CHECK(std::abs(s.xi[k] - reference) <= 1e-12 * std::abs(reference));
      }
    }
  }
  CHECK(bracketed >= 10);
}

TEST_CASE("arc-cosine kernels at d = 3 and high degree: scaled jets keep the derivative route finite") {
  // h^{(k)} ~ (1-u^2)^{1/2-k} overflows double near u = 1 for k >~ 40 unless the jets are scaled. Same 50-digit
  // reference and tolerance as above.
  for (int k : {20, 40}) {
    CAPTURE(k);
    const double reference = static_cast<double>(xi_50_digits(arccos1_50, 3, k));
    const auto x = xi_by_quadrature(parse_kernel("arccos1"), 3, k);
    CHECK(std::abs(x.value - reference) <= 1e-12 * std::abs(reference));
  }
}

TEST_CASE("trace identity: sum_k xi_{d,k} B(d,k) = h(1) to 1e-12") {
  // kappa_d(kmax) = h(1) - sum_{k<=kmax} xi B: the truncation at kmax = 30 leaves < 1e-20 for exp (B xi ~ a_k = 1/k!)
  // and nothing for poly:3; 1e-12 then tests the quadrature and the rounding of B.
  for (std::string name : {"exp", "poly:3"}) {
    for (long d : {5, 100}) {
      CAPTURE(name);
      CAPTURE(d);
      const Spectrum s = spectrum_by_quadrature(parse_kernel(name), d, 30);
      CHECK(std::abs(s.kappa(30)) <= 1e-12 * s.h1);
    }
  }
}

TEST_CASE("arccos1: xi_{d,3} = 0") {
  // a_3 = a_5 = ... = 0, so xi_{d,3} = 0 exactly; the folded derivative integrand cancels to rounding at most.
  for (long d : {3, 7, 100, 10000}) {
    CAPTURE(d);
    const Spectrum s = spectrum_by_quadrature(parse_kernel("arccos1"), d, 3);
    CHECK(std::abs(s.xi[3]) <= 1e-15 * s.xi[2]);
  }
}

TEST_CASE("spectrum_by_quadrature: the fields, the errors and the time") {
  const auto h = parse_kernel("relu-ntk");
  for (long d : {7, 100, 10000}) {
    const auto start = std::chrono::steady_clock::now();
    const Spectrum s = spectrum_by_quadrature(h, d, 12);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("relu-ntk spectrum, kmax = 12, d = " << d << ": " << seconds * 1e3 << " ms");
    // Measured ~4 ms in a release build; 0.5 s leaves room for a debug build on a loaded machine.
    CHECK(seconds < 0.5);
    CHECK(s.d == d);
    CHECK(s.kmax() == 12);
    CHECK(s.h1 == doctest::Approx(2.0).epsilon(1e-15));  // relu-ntk(1) = 1 * k0(1) + k1(1) = 1 + 1
    CHECK(s.B[2] == harmonic_dimension_double(d, 2));
    // The default tolerance 1e-13 is met, relative to xi, or to the previous degree where xi = 0 (odd k >= 3).
    for (int k = 0; k <= 12; ++k) CHECK(s.xi_error[k] <= 1e-13 * std::abs(s.xi[k] != 0 ? s.xi[k] : s.xi[k - 1]));
  }
  CHECK_THROWS_AS(spectrum_by_quadrature(h, 2, 4), Error);
  CHECK_THROWS_AS(xi_by_quadrature(h, 10, -1), Error);
}
