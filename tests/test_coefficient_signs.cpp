// The sign check of Taylor coefficients (compare/coefficient_signs.hpp): within its time budget whatever the kernel,
// negative coefficients still caught, exactly zero ones never called negative in floating point.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>

#include "compare/coefficient_signs.hpp"
#include "core/error.hpp"
#include "core/kernel_spec.hpp"
#include "core/time_limited.hpp"
#include "numeric/taylor_jet.hpp"

using namespace tristage;

namespace {

struct Timed {
  CoefficientSigns signs;
  double wall = 0;
};

Timed check(const std::string& kernel, int J, double seconds) {
  const auto start = std::chrono::steady_clock::now();
  Timed t{coefficient_signs(parse_kernel(kernel), J, seconds), 0};
  t.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return t;
}

// The stated margin: the child is stopped within one 10 ms poll of its CPU limit; the parent's own work (the jets,
// the fork) is milliseconds. 0.25 s covers both on a loaded machine.
constexpr double margin = 0.25;

}  // namespace

TEST_CASE("taylor_signs: a coefficient that is zero exactly is never negative, whatever its rounding") {
  // exp(u/7) - u^3/2058: a_3 = 1/2058 - 1/2058 = 0, which the long double jet gives as a few ulps of noise.
  const Expr e = parse_expression("exp(u/7) - u^3/2058");
  REQUIRE(numeric::taylor_jet(e, 0, 3)[3] != 0);  // the noise is there: the test is not vacuous
  CHECK(numeric::taylor_signs(e, 0, 12)[3] == 0);
  // arccos1 written as an expression: a_3 = a_5 = ... = 0 (THEORY.md 2), the even ones > 0.
  const auto arccos1 = numeric::taylor_signs(parse_expression("(sqrt(1 - u^2) + (pi - acos(u))*u)/pi"), 0, 53);
  for (int j = 0; j <= 53; ++j) {
    CAPTURE(j);
    CHECK(arccos1[j] == (j >= 3 && j % 2 ? 0 : 1));
  }
  // sin^2 + cos^2 - 1 = 0 for every degree but the u^6 added.
  const auto one = numeric::taylor_signs(parse_expression("sin(u)^2 + cos(u)^2 - 1 + u^6"), 0, 12);
  for (int j = 0; j <= 12; ++j) CHECK(one[j] == (j == 6 ? 1 : 0));
  // A true negative coefficient, of any size beyond rounding, is seen.
  CHECK(numeric::taylor_signs(parse_expression("exp(u) - u^3"), 0, 8)[3] == -1);
  CHECK(numeric::taylor_signs(parse_expression("exp(u) - 1e-34*u^30"), 0, 40)[30] == 1);  // 1/30! = 3.8e-33
  CHECK(numeric::taylor_signs(parse_expression("exp(u) - 1e-32*u^30"), 0, 40)[30] == -1);
}

TEST_CASE("run_time_limited: what the child reported before the limit is kept; a crash is not a timeout") {
  const TimeLimitedRun quick = run_time_limited([](const Report& report) { report("one"), report("two"); }, 1);
  CHECK(quick.finished);
  CHECK(quick.lines == std::vector<std::string>{"one", "two"});
  const auto start = std::chrono::steady_clock::now();
  const TimeLimitedRun endless = run_time_limited(
      [](const Report& report) {
        report("started");
        for (volatile unsigned long i = 0;; i = i + 1) {
        }
      },
      0.2);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(!endless.finished);
  CHECK(endless.lines == std::vector<std::string>{"started"});
  CHECK(endless.cpu_seconds < 0.2 + margin);
  CHECK(wall < 3 * 0.2 + margin);  // the wall-time backstop, on a loaded machine
  CHECK_THROWS_AS(run_time_limited([](const Report&) { throw 1; }, 1), TimeLimitedFailure);
}

TEST_CASE("a slow valid kernel finishes within the budget: exact as far as it goes, floating point beyond") {
  // cosh(sinh(tan(u/2))): every a_j >= 0, the odd ones 0; GiNaC's series takes 5.6 s at order 32, minutes at 54.
  const double budget = 1;
  const Timed t = check("cosh(sinh(tan(u/2)))", 53, budget);
  CHECK(t.signs.seconds < budget + margin);
  CHECK(t.wall < 3 * budget + margin);
  CHECK(t.signs.negative.empty());
  CHECK(t.signs.exact_degree >= 8);  // about 20 on an idle machine
  CHECK(!t.signs.all_exact());
  for (int j : t.signs.unsettled) CHECK(j % 2 == 1);  // only the zero ones are unsettled
  CHECK(t.signs.how_checked().find("in floating point") != std::string::npos);
}

TEST_CASE("a kernel whose series cannot even start is stopped at the budget") {
  // tan(tan(...(u/9))) twenty deep: GiNaC's series at order 1 alone takes hours (x2 per level at depth 10).
  std::string k = "u/9";
  for (int i = 0; i < 20; ++i) k = "tan(" + k + ")";
  const double budget = 0.5;
  const Timed t = check(k + " + 1", 53, budget);
  CHECK(t.signs.seconds < budget + margin);
  CHECK(t.signs.exact_degree == -1);
  CHECK(t.signs.negative.empty());
  CHECK(t.signs.how_checked().find("did not reach a_0") != std::string::npos);
}

TEST_CASE("negative coefficients are caught, exactly or in floating point") {
  // The fuzz finding: GiNaC took minutes to degree 53 and the kernel has a_4 < 0, found at once.
  const Timed slow = check("tan(sin(atan(cosh(u/3))))", 53, 2);
  REQUIRE(!slow.signs.negative.empty());
  CHECK(slow.signs.negative[0] == 4);
  CHECK(slow.signs.exact_degree >= 4);  // settled exactly
  CHECK(slow.signs.seconds < 2 + margin);
  // Beyond the exact degrees: a_51 = -1e-12 on an even kernel whose series reaches degree 20 or so in 1 s.
  const Timed far = check("cosh(sinh(tan(u/2))) - 1e-12*u^51", 53, 1);
  REQUIRE(far.signs.exact_degree < 51);
  CHECK(far.signs.negative == std::vector<int>{51});
  // An indefinite kernel costs little: exact series only up to the first negative coefficient floating point saw,
  // its other negative ones (a_5, a_6, a_10, ...) in floating point.
  const Timed quick = check("exp(sin(u))", 53, 2);
  CHECK(quick.signs.exact_degree >= 4);
  CHECK(quick.signs.negative.front() == 4);
  CHECK(quick.signs.negative.size() > 20);
  CHECK(quick.signs.seconds < 0.5);
}

TEST_CASE("zero coefficients are not flagged: arccos1, named and written out") {
  CHECK(check("arccos1", 53, 2).signs.proven);
  const Timed written = check("(sqrt(1 - u^2) + (pi - acos(u))*u)/pi", 53, 2);
  CHECK(written.signs.negative.empty());
  CHECK(written.signs.all_exact());
  // With no time for exact series, floating point alone.
  const Timed rough = check("(sqrt(1 - u^2) + (pi - acos(u))*u)/pi", 53, 0);
  CHECK(rough.signs.negative.empty());
  CHECK(check("exp(u/7) - u^3/2058", 53, 0).signs.negative.empty());
}

TEST_CASE("a kernel not analytic at 0 is still refused, by the series in the child") {
  for (std::string k : {"sqrt(u^2)", "(u^2)^(1/3) + 1", "exp(-1/u^2)"}) {
    CAPTURE(k);
    bool refused = false;
    try {
      coefficient_signs(parse_kernel(k), 10);
    } catch (const Error& e) {
      refused = e.code() == Exit::usage && std::string(e.what()).find("not analytic") != std::string::npos;
    }
    CHECK(refused);
  }
}
