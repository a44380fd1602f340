// The kernel-expression grammar: values, precedence, exact decimals, and errors that name the column.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

#include "core/error.hpp"
#include "core/kernel_spec.hpp"

using namespace tristage;

namespace {
std::string error_of(const std::string& text) {
  try {
    parse_kernel(text);
  } catch (const Error& e) {
    CHECK(e.code() == Exit::usage);
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("expressions evaluate with the usual precedence") {
  // Exact in binary floating point or within one rounding: tolerance 1e-15.
  CHECK(parse_expression("1+2*3").eval(0) == doctest::Approx(7).epsilon(1e-15));
  CHECK(parse_expression("-u^2").eval(3) == doctest::Approx(-9).epsilon(1e-15));
  CHECK(parse_expression("2^3^2").eval(0) == doctest::Approx(512).epsilon(1e-15));
  CHECK(parse_expression("u**2/4").eval(2) == doctest::Approx(1).epsilon(1e-15));
  CHECK(parse_expression("exp(u) + 0.5*u^2").eval(0.3) == doctest::Approx(std::exp(0.3) + 0.045).epsilon(1e-15));
  CHECK(parse_expression("arccos(u)").eval(0) == doctest::Approx(std::numbers::pi / 2).epsilon(1e-15));
  CHECK(parse_expression("1e-3*u + pi - e").eval(1) ==
        doctest::Approx(1e-3 + std::numbers::pi - std::numbers::e).epsilon(1e-15));
}

TEST_CASE("decimals are read exactly") {
  auto d = parse_decimal("0.125");
  CHECK(d.digits == "125");
  CHECK(d.exponent10 == -3);
  d = parse_decimal("-2.5E2");
  CHECK(d.digits == "-25");
  CHECK(d.exponent10 == 1);
  CHECK_THROWS_AS(parse_decimal("1e"), Error);
  CHECK_THROWS_AS(parse_decimal("nan"), Error);
  CHECK_THROWS_AS(parse_decimal("inf"), Error);
  CHECK_THROWS_AS(parse_decimal(""), Error);
  CHECK_THROWS_AS(parse_decimal("1.2.3"), Error);
}

TEST_CASE("malformed kernels are refused with the column and the problem") {
  CHECK(error_of("(1+u").find("'(' is never closed at column 1") != std::string::npos);
  CHECK(error_of("1+*u").find("unexpected '*' at column 3") != std::string::npos);
  CHECK(error_of("foo(u)").find("unknown name 'foo' at column 1") != std::string::npos);
  CHECK(error_of("exp(u))").find("unexpected ')' at column 7") != std::string::npos);
  CHECK(error_of("2u").find("write '*'") != std::string::npos);
  CHECK(error_of("x+1").find("unknown name 'x'") != std::string::npos);
  CHECK(error_of("").find("empty") != std::string::npos);
  CHECK(error_of("exp(u, 2)").find("one argument") != std::string::npos);
  CHECK(error_of("poly:-1").find("whole number") != std::string::npos);
  CHECK(error_of("poly:1.5").find("whole number") != std::string::npos);
  CHECK(error_of("taylor:1,x").find("a1") != std::string::npos);
  CHECK(error_of("gauss:1").find("unknown kernel") != std::string::npos);
}

TEST_CASE("kernels must be finite on [-1, 1]") {
  CHECK(error_of("1/(u-0.5)").find("not finite") != std::string::npos);
  CHECK(error_of("log(u+1)").find("not finite") != std::string::npos);  // h(-1) = -inf
  CHECK(error_of("1/u").find("not finite") != std::string::npos);
  CHECK_NOTHROW(parse_kernel("exp(u)/(2-u)"));
}

TEST_CASE("named kernels evaluate to their definitions") {
  const double u = 0.3, pi = std::numbers::pi;
  const double k0 = 1 - std::acos(u) / pi, k1 = (std::sqrt(1 - u * u) + (pi - std::acos(u)) * u) / pi;
  CHECK(parse_kernel("arccos0")(u) == doctest::Approx(k0).epsilon(1e-15));
  CHECK(parse_kernel("arccos1")(u) == doctest::Approx(k1).epsilon(1e-15));
  CHECK(parse_kernel("relu-ntk")(u) == doctest::Approx(u * k0 + k1).epsilon(1e-15));
  CHECK(parse_kernel("poly:3")(u) == doctest::Approx(std::pow(1.3, 3)).epsilon(1e-15));
  CHECK(parse_kernel("taylor:1,2,3")(u) == doctest::Approx(1 + 0.6 + 0.27).epsilon(1e-15));
  CHECK(parse_kernel("arccos1")(1.0) == doctest::Approx(1).epsilon(1e-15));
}
