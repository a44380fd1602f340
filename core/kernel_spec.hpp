#pragma once
// What the user named with --kernel: one of the named kernels of THEORY.md 2, or an expression in u.
// A value type both worlds read; theory/ makes it symbolic, numeric/ makes it fast.
#include <string>
#include <vector>

#include "core/expression.hpp"

namespace tristage {

struct KernelSpec {
  enum class Kind { exp, poly, taylor, arccos0, arccos1, relu_ntk, expression };
  Kind kind = Kind::exp;
  std::string text;                  // as the user wrote it, for outputs and error messages
  int power = 0;                     // poly:P, h = (1+u)^P
  std::vector<std::string> taylor;   // taylor:a0,a1,...: decimal literals, read exactly
  std::vector<double> taylor_value;  // the same, read once by strtod, for evaluation
  Expr expr;                         // expression kernels

  std::string name() const { return text; }
  double operator()(double u) const;  // h(u), scalar; for checks and quadrature, not for kernel matrices

  // h as an expression tree in u whatever its kind (named kernels spelled out), for evaluators that work on trees:
  // Taylor jets for derivatives, the vectorised evaluator of kernel matrices.
  Expr expression() const;
};

// Parses --kernel. Throws Error(Exit::usage) with the reason and the accepted forms.
// Checks that h is finite on [-1, 1] and below 1e100 in size there (on a fine grid and at both ends); analyticity at
// 0 is checked by theory/.
KernelSpec parse_kernel(const std::string& text);

std::string kernel_forms();  // the accepted forms, for --help and error messages

}  // namespace tristage
