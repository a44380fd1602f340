#pragma once
// The kernel-expression grammar shared by both worlds: a user writes h as an expression in u; theory/ turns the tree
// into a GiNaC expression, numeric/ evaluates it. One grammar, so the two worlds can never read a kernel differently.
//
//   expr  := term (('+' | '-') term)*
//   term  := unary (('*' | '/') unary)*
//   unary := ('-' | '+') unary | power
//   power := primary (('^' | '**') unary)?          right-associative: 2^3^2 = 2^9, -u^2 = -(u^2)
//   primary := number | 'u' | 'pi' | 'e' | function '(' expr ')' | '(' expr ')'
#include <string>
#include <string_view>
#include <vector>

namespace tristage {

enum class Func { exp, log, sqrt, sin, cos, tan, sinh, cosh, tanh, asin, acos, atan };

struct Expr {
  enum class Op { number, var, pi, e, add, sub, mul, div, pow, neg, call };
  Op op = Op::number;
  std::string number;  // the literal as written, so theory/ can read it exactly (0.1 is 1/10, not a double)
  double value = 0;    // the same literal read once by strtod when parsed: evaluators use it (strtod at every
                       // evaluation made a 4 KB sum of ones take seconds to check)
  Func func = Func::exp;
  std::vector<Expr> args;

  double eval(double u) const;  // scalar evaluation; the vectorised evaluator lives in numeric/
};

// Throws Error(Exit::usage) naming the column and the problem, e.g. "expected ')' at column 7".
// Limits (so that no input can exhaust the stack or flood a message): at most max_expression_length characters and
// max_expression_depth nested levels of parentheses, calls, signs and powers.
Expr parse_expression(std::string_view text);
constexpr size_t max_expression_length = 10000;
constexpr int max_expression_depth = 100;

// A user's text as echoed in a one-line message: control characters escaped (\x0a), cut after `limit` characters.
std::string shown_text(std::string_view text, size_t limit = 60);

const char* func_name(Func f);
std::string known_functions();  // "exp, log, ..." for error messages and --help

// Exact value of a decimal literal such as "0.5", "3", "1e-3", "-2.5E2" as numerator / 10^scale, for exact parsing.
struct Decimal {
  std::string digits;  // signed integer digits, e.g. "-25"
  int exponent10 = 0;  // value = digits * 10^exponent10
};
// Throws Error(Exit::usage) on anything but a finite decimal, and on a nonzero value whose size is outside
// [1e-300, 1e300] (beyond a double's range, where no result could be shown).
Decimal parse_decimal(std::string_view text);

}  // namespace tristage
