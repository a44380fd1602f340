// The kernel-expression grammar: values, precedence, exact decimals, and errors that name the column.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <vector>

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

void number_nodes(const Expr& e, std::vector<const Expr*>& out) {
  if (e.op == Expr::Op::number) out.push_back(&e);
  for (const auto& a : e.args) number_nodes(a, out);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
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

TEST_CASE("number literals are read once when parsed: strtod's double, the text kept for exact reading") {
  // Decimals that round in binary, halfway cases of 2^53 + 1, long mantissas, the range's ends.
  const std::vector<std::string> literals = {
      "0.1", "3", ".5", "5.", "1E5", "1e-300", "9.99e299", "0.30000000000000004", "9007199254740993",
      "123456789012345678901234567890", "0.000000000000000000000000000001", "2.675", "1.0000000000000002220446",
      "1." + std::string(380, '3') + "e-5"};
  std::string sum;
  for (const auto& text : literals) {
    const Expr e = parse_expression(text);
    REQUIRE(e.op == Expr::Op::number);
    CHECK(e.number == text);
    CHECK(same_bits(e.value, std::strtod(text.c_str(), nullptr)));
    CHECK(same_bits(e.eval(0.25), e.value));
    sum += (sum.empty() ? "" : "+u*") + text;
  }
  // Inside a larger expression every number node keeps both, in the order written.
  const Expr tree = parse_expression(sum);
  std::vector<const Expr*> nodes;
  number_nodes(tree, nodes);
  REQUIRE(nodes.size() == literals.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    CHECK(nodes[i]->number == literals[i]);
    CHECK(same_bits(nodes[i]->value, std::strtod(literals[i].c_str(), nullptr)));
  }
  // taylor: coefficients likewise.
  const KernelSpec k = parse_kernel("taylor:0.1,2.675,-0.30000000000000004");
  REQUIRE(k.taylor_value.size() == 3);
  for (size_t j = 0; j < 3; ++j) {
    CHECK(same_bits(k.taylor_value[j], std::strtod(k.taylor[j].c_str(), nullptr)));
  }
  CHECK(k.taylor[2] == "-0.30000000000000004");
  CHECK(same_bits(k(0.5), (-0.30000000000000004 * 0.5 + 2.675) * 0.5 + 0.1));
}

TEST_CASE("a long sum is one left-deep tree with every operand in place") {
  // 1+1+...+1 at the length limit: the parser moves each operand into its node (it once copied the whole left side
  // at every '+'); the value is the count, exactly.
  std::string text = "1";
  while (text.size() + 2 <= max_expression_length) text += "+1";
  const KernelSpec k = parse_kernel(text);
  CHECK(k(0.3) == double((text.size() + 1) / 2));
  const Expr* e = &k.expr;
  size_t depth = 0;
  while (e->op == Expr::Op::add) e = &e->args[0], ++depth;
  CHECK(depth == (text.size() - 1) / 2);
}
