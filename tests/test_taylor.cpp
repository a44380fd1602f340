// Closed-form Taylor coefficients of the named kernels against GiNaC's series of their defining expressions.
#include <doctest/doctest.h>

#include <cmath>

#include "core/error.hpp"
#include "theory/format.hpp"
#include "theory/symbolic_kernel.hpp"

using namespace tristage;
using namespace tristage::theory;

TEST_CASE("closed forms equal the series of the expression, exactly, up to j = 40") {
  // The expression kernels below spell out the same h; their coefficients come from GiNaC's series.
  const std::pair<const char*, const char*> pairs[] = {
      {"exp", "exp(u)"},
      {"arccos0", "1 - acos(u)/pi"},
      {"arccos1", "(sqrt(1-u^2) + (pi - acos(u))*u)/pi"},
      {"relu-ntk", "u*(1 - acos(u)/pi) + (sqrt(1-u^2) + (pi - acos(u))*u)/pi"},
      {"poly:4", "(1+u)^4"},
  };
  for (auto [n, e] : pairs) {
    const std::string named = n, expression = e;
    CAPTURE(named);
    SymbolicKernel a(parse_kernel(named)), b(parse_kernel(expression));
    for (int j = 0; j <= 40; ++j) {
      CAPTURE(j);
      CHECK((a.a(j) - b.a(j)).expand().is_zero());
    }
    CHECK((a.h_at(1) - b.h_at(1)).expand().is_zero());
    CHECK((a.h_at(-1) - b.h_at(-1)).expand().is_zero());
  }
}

TEST_CASE("long-double coefficients follow the exact ones") {
  // Recurrences in long double: relative error a few ulps of long double per step; 1e-15 is generous.
  for (std::string name : {"exp", "arccos0", "arccos1", "relu-ntk", "exp(u)/(2-u)"}) {
    CAPTURE(name);
    SymbolicKernel h(parse_kernel(name));
    const auto& a = h.a_numeric(60);
    for (int j = 0; j <= 60; ++j) {
      CAPTURE(j);
      const double exact = to_double(h.a(j));
      CHECK(static_cast<double>(a[j]) == doctest::Approx(exact).epsilon(1e-15));
    }
  }
}

TEST_CASE("the structure of the arc-cosine kernels") {
  SymbolicKernel k1(parse_kernel("arccos1"));
  for (int j = 3; j < 40; j += 2) CHECK(k1.a(j).is_zero());  // THEORY.md: a_3 = a_5 = ... = 0
  CHECK(k1.parity_tail_vanishes(3));
  CHECK(!k1.parity_tail_vanishes(2));
  CHECK(exact_text(k1.mu(2)) == "1/pi");
  SymbolicKernel ntk(parse_kernel("relu-ntk"));
  CHECK(exact_text(ntk.h_at(1)) == "2");
  CHECK(exact_text(ntk.a(1)) == "1");
  CHECK(exact_text(ntk.a(2)) == "3/(2*pi)");
}

TEST_CASE("kernels not analytic at 0 are refused") {
  // Finite on [-1, 1] (so parse_kernel accepts them) but with no Taylor series at 0.
  for (std::string k : {"sqrt(u^2)", "(u^2)^(1/3) + 1", "exp(-1/u^2)"}) {
    CAPTURE(k);
    bool refused = false;
    try {
      SymbolicKernel h(parse_kernel(k));
      h.a(8);
    } catch (const Error& e) {
      refused = std::string(e.what()).find("not analytic") != std::string::npos;
    }
    CHECK(refused);
  }
}

TEST_CASE("polynomial expressions are recognised") {
  SymbolicKernel h(parse_kernel("1 + u/2 + u^3/6"));
  REQUIRE(h.polynomial_degree());
  CHECK(*h.polynomial_degree() == 3);
  CHECK(exact_text(h.a(3)) == "1/6");
  CHECK(h.a(4).is_zero());
}

TEST_CASE("exact powers of numbers are bounded before GiNaC computes them") {
  // (0.999^999)^999 has 6 million digits; one more ^999 never ends. Finite in doubles, so parse_kernel accepts them.
  for (std::string k : {"((0.999^999)^999)^999 + u", "(0.999^999*u + 0.5)^999"}) {
    CAPTURE(k);
    try {
      SymbolicKernel h(parse_kernel(k));
      FAIL("accepted");
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("would have about") != std::string::npos);
    }
  }
  CHECK_NOTHROW(SymbolicKernel(parse_kernel("0.999^999 + (1 + u/4)^999")));  // 3000 and 600 digits: fine
}
