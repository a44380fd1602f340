#pragma once
// The signs of a kernel's Taylor coefficients a_0..a_J within a time budget: a negative a_j makes h indefinite in
// high dimension (xi_{d,j} ~ mu_j / d^j < 0), which the experiment loader refuses and coeffs, theory and table warn
// about. Exact signs need GiNaC's series, whose cost grows by up to x25 per degree for nested functions and cannot
// be interrupted: so it runs in a child process stopped when the budget is spent (core/time_limited.hpp), the degrees
// it reached are checked exactly, and the rest in floating point (numeric/taylor_jet.hpp's taylor_signs: Taylor
// jets in long double, a sign only beyond the estimated rounding, so an exactly-zero a_j is never called negative).
#include <string>
#include <vector>

#include "theory/symbolic_kernel.hpp"

namespace tristage {

// CPU seconds of exact series work per kernel, its construction included. The kernels of the project's experiments
// and docs check exactly to degree 53 in under 0.3 s; 2 s leaves room for heavier valid kernels (exp(exp(exp(u)))
// reaches degree 40), keeps an experiment with two kernels well inside the fuzzers' 10 s per input, and stays
// interactive. docs/reliability.md has the measurements.
constexpr double sign_check_seconds = 2;

struct CoefficientSigns {
  int degree = 0;                // J: a_0..a_J were checked
  int exact_degree = -1;         // a_0..a_exact_degree exactly, the rest in floating point; -1: the exact series did
                                 // not even reach a_0 (nor, then, check that h is analytic at 0)
  std::vector<int> negative;     // a_j < 0: exactly (j <= exact_degree) or beyond rounding (j > exact_degree)
  std::vector<int> unsettled;    // j > exact_degree with a_j zero within rounding (or not finite): sign unknown
  bool proven = false;           // a_j >= 0 for every j is a theorem (named kernels): nothing was computed
  double budget = 0;             // the CPU seconds allowed for exact series
  double seconds = 0;            // CPU time of the check (the child's included)

  bool all_exact() const { return exact_degree >= degree; }
  // How the degrees were checked, for a warning when not all exactly: "a_0..a_17 exactly (GiNaC's series, until
  // ...) and a_18..a_53 in floating point (...)".
  std::string how_checked() const;
};

// Signs up to degree J of the kernel `spec`, which is made symbolic (theory/symbolic_kernel.hpp) within the budget
// too: that alone can take hours. Throws what SymbolicKernel throws (usage: not analytic at 0, exact arithmetic
// undefined), and std::runtime_error for anything else GiNaC throws.
CoefficientSigns coefficient_signs(const KernelSpec& spec, int J, double seconds = sign_check_seconds);
// The same for a kernel already made symbolic: what its series has already reached is used as it is.
CoefficientSigns coefficient_signs(const theory::SymbolicKernel& h, int J, double seconds = sign_check_seconds);

}  // namespace tristage
