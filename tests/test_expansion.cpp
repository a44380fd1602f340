// 1/d expansions against the exact functions they expand, and kappa against its definition.
#include <doctest/doctest.h>

#include <cmath>

#include "theory/coefficients.hpp"
#include "theory/format.hpp"
#include "theory/harmonics.hpp"

using namespace tristage;
using namespace tristage::theory;

TEST_CASE("expansions of a polynomial kernel equal GiNaC's series of the exact rational functions") {
  // An independent route: the exact xi(d) as a rational function, expanded by GiNaC at d = 1/eps, eps -> 0.
  SymbolicKernel h(parse_kernel("taylor:1,0.5,0.25,0.125,0.0625,0.03125,1"));
  const GiNaC::symbol eps("eps");
  const int J = 5;
  for (int k = 0; k <= 6; ++k) {
    CAPTURE(k);
    const GiNaC::ex xi = xi_exact(h, d_symbol(), k);
    const GiNaC::ex dk = (GiNaC::pow(d_symbol(), k) * xi).subs(d_symbol() == 1 / eps);
    const GiNaC::ex bx = (harmonic_dimension(d_symbol(), k) * xi).subs(d_symbol() == 1 / eps);
    const GiNaC::ex s1 = GiNaC::series_to_poly(GiNaC::series(dk, eps == 0, J + 1));
    const GiNaC::ex s2 = GiNaC::series_to_poly(GiNaC::series(bx, eps == 0, J + 1));
    const auto e1 = dk_xi_expansion(h, k, J), e2 = b_xi_expansion(h, k, J);
    for (int j = 0; j <= J; ++j) {
      CAPTURE(j);
      CHECK((s1.coeff(eps, j) - e1[j]).expand().is_zero());
      CHECK((s2.coeff(eps, j) - e2[j]).expand().is_zero());
    }
  }
}

TEST_CASE("expansions predict finite-d values to the next order") {
  // The remainder after the d^-3 term is dominated by the d^-4 term: |exact - through d^-3| <= 2 |c_4| d^-4, plus
  // the 1e-13 relative accuracy of xi itself.
  for (std::string name : {"exp", "relu-ntk", "arccos1"}) {
    SymbolicKernel h(parse_kernel(name));
    const long d = 1000;
    const auto report = coefficient_report(h, d, 5, 4);
    for (const auto& row : report.rows) {
      CAPTURE(name);
      CAPTURE(row.k);
      double predicted = 0;
      for (int j = 0; j <= 3; ++j) predicted += to_double(row.dk_xi[j]) / std::pow(double(d), j);
      const double actual = std::pow(double(d), row.k) * row.xi->value;
      const double next = std::abs(to_double(row.dk_xi[4])) / std::pow(double(d), 4);
      CHECK(std::abs(actual - predicted) <= 2 * next + 1e-12 * std::max(1.0, std::abs(actual)));
    }
    for (const auto& kr : report.kappa) {
      double predicted = 0;
      for (int j = 0; j <= 3; ++j) predicted += to_double(kr.expansion[j]) / std::pow(double(d), j);
      REQUIRE(kr.finite_d);
      const double next = std::abs(to_double(kr.expansion[4])) / std::pow(double(d), 4);
      CHECK(std::abs(*kr.finite_d - predicted) <= 2 * next + 1e-12);
    }
  }
}

TEST_CASE("kappa: THEORY.md's pair of kernels at l = 1, d = 100") {
  // THEORY.md 7: kappa_d(1) = 0.708 for exp and 2.125 for 1 + 3(e^u - 1 - u).
  SymbolicKernel a(parse_kernel("exp")), b(parse_kernel("1 + 3*(exp(u) - 1 - u)"));
  auto ra = coefficient_report(a, 100, 1, 2), rb = coefficient_report(b, 100, 1, 2);
  CHECK(*ra.kappa[1].finite_d == doctest::Approx(0.708).epsilon(1e-3));
  CHECK(*rb.kappa[1].finite_d == doctest::Approx(2.125).epsilon(1e-3));
  CHECK(exact_text(ra.kappa[1].limit) == "e-2");
  // kappa_d(l) = sum_{k>l} B xi: the same number summed the other way round.
  double tail = 0;
  for (int k = 2; k <= 60; ++k) tail += to_double(harmonic_dimension(GiNaC::numeric(100), k)) * xi_at(a, 100, k).value;
  CHECK(*ra.kappa[1].finite_d == doctest::Approx(tail).epsilon(1e-12));
}

TEST_CASE("symbolic d: exact rational functions for polynomial kernels") {
  SymbolicKernel h(parse_kernel("poly:3"));
  auto r = coefficient_report(h, std::nullopt, 4, 3);
  REQUIRE(r.rows[2].xi_rational);
  CHECK(rational_text(*r.rows[2].xi_rational, d_symbol()) == "6/(d^2 + 2*d)");
  REQUIRE(r.kappa[2].finite_exact);
  CHECK(rational_text(*r.kappa[2].finite_exact, d_symbol()) == "(d - 1)/(d + 2)");
  CHECK(exact_text(r.kappa[2].limit) == "1");
}
