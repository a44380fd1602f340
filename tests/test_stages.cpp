// The limiting three-stage curves against THEORY.md 6, and against exact finite-d oracle errors as d grows.
#include <doctest/doctest.h>

#include <cmath>

#include "theory/format.hpp"
#include "theory/harmonics.hpp"
#include "theory/stages.hpp"
#include "theory/xi.hpp"

using namespace tristage;
using namespace tristage::theory;

namespace {
StageCurves curves(const char* kernel, double alpha, std::vector<int> energies, double noise = 0.5,
                   TimeConvention convention = TimeConvention::half_squared) {
  SymbolicKernel h(parse_kernel(kernel));
  StageInput in;
  in.alpha = alpha;
  for (int e : energies) in.energies.push_back(e);
  in.noise = GiNaC::numeric(noise == 0.5 ? 1 : 0, 2);
  in.convention = convention;
  return stage_curves(h, in);
}
}  // namespace

TEST_CASE("exp, alpha = 1.5, energies 0,1,1,1: the table of THEORY.md 6") {
  auto c = curves("exp", 1.5, {0, 1, 1, 1});
  CHECK(c.ell == 1);
  CHECK(c.boundary_23 == 2);
  struct Row {
    double beta;
    int stage;
    double oracle, test, train;  // excess oracle/test, total train
  };
  for (Row r : {Row{0.5, 1, 3, 3, 3.5}, Row{1.2, 1, 2, 2, 2.5}, Row{1.7, 2, 2, 2, 0}, Row{2.5, 3, 1, 2, 0},
                Row{3.5, 3, 0, 2, 0}}) {
    CAPTURE(r.beta);
    auto p = stage_point(c, r.beta);
    CHECK(p.stage == r.stage);
    CHECK(p.oracle == r.oracle);
    CHECK(p.test == r.test);
    CHECK(p.train == r.train);
  }
  // Boundaries: t = d^2 (tau = 1) half-learns degree 2: e^{-2} F_2^2 + F_3^2; t = n (gamma = 1).
  CHECK(stage_point(c, 2).oracle == doctest::Approx(std::exp(-2.0) + 1).epsilon(1e-15));
  CHECK(stage_point(c, 1.5).train == doctest::Approx(std::exp(-2 * (std::exp(1.0) - 2)) * 2.5).epsilon(1e-15));
  CHECK(exact_text(c.kappa) == "e-2");
}

TEST_CASE("the plain-loss convention doubles every rate") {
  auto c = curves("exp", 1.5, {0, 1, 1, 1}, 0.5, TimeConvention::squared);
  CHECK(stage_point(c, 2).oracle == doctest::Approx(std::exp(-4.0) + 1).epsilon(1e-15));
}

TEST_CASE("F_{ell+1} = 0 moves the stage 2 -> 3 boundary to the next degree the target has") {
  auto c = curves("exp", 1.5, {0, 1, 0, 1});
  CHECK(c.boundary_23 == 3);
  CHECK(stage_point(c, 2.5).stage == 2);
  auto none = curves("exp", 1.5, {1, 1});
  CHECK(std::isinf(none.boundary_23));
}

TEST_CASE("a kernel with mu_1 = 0 learns degree 1 only at t ~ d^2") {
  // h = 1 + 3(e^u - 1 - u): a_1 = 0, so xi_{d,1} ~ (mu_3 / 2) d^{-2} = (3/2) d^{-2} (THEORY.md 2 and 7).
  auto c = curves("1 + 3*(exp(u) - 1 - u)", 1.5, {0, 1, 1, 1});
  REQUIRE(c.degrees[1].exponent);
  CHECK(*c.degrees[1].exponent == 2);
  CHECK(exact_text(c.degrees[1].rate) == "3/2");
  CHECK(!c.degrees[1].learned_empirically);
  CHECK(stage_point(c, 1.7).test == 3);  // n << d^2: the linear part is never learned
  CHECK(stage_point(c, 2.5).oracle == 1);
}

TEST_CASE("finite-d oracle errors converge to the limiting curve") {
  // An independent route: R(f_t^oracle) - sigma^2 = sum_k e^{-2 t xi_{d,k}} F_k^2 exactly at finite d.
  auto c = curves("exp", 1.5, {1, 1, 1, 1});
  SymbolicKernel h(parse_kernel("exp"));
  for (double beta : {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5}) {
    CAPTURE(beta);
    double previous = INFINITY;
    for (long d : {100, 1000, 10000}) {
      const double t = std::pow(double(d), beta);
      double oracle = 0;
      for (int k = 0; k <= 3; ++k) oracle += std::exp(-2 * t * xi_at(h, d, k).value);
      const double gap = std::abs(oracle - stage_point(c, beta).oracle);
      CHECK(gap <= std::max(previous, 1e-12));  // never moves away from the limit
      previous = gap;
    }
    CHECK(previous < 0.05);  // at d = 10^4 within 5%: the slowest term is e^{-2 d^{1/2}}... or 1 - e^{-2 d^{-1/2}}
  }
}
