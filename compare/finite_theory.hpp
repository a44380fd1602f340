#pragma once
// What `tristage theory --d D` computes: the deterministic equivalent at (n, d) on the beta grid beside the
// d -> infinity limits (THEORY.md 10's with n = c d^ell within 0.05 of an integer alpha, where section 6's do not
// hold; section 6's otherwise), or the ridge estimator at given lambdas.
#include <optional>
#include <vector>

#include "compare/equivalent_writer.hpp"
#include "theory/stages.hpp"

namespace tristage {

struct FiniteTheorySpec {
  long d = 0, n = 0;
  std::string method = "flow";          // flow or gd
  double eta = 0;                       // gd: the step, user units (0: n / lambda_max, half the stability bound)
  std::vector<double> lambdas;          // ridge mode when not empty
  double beta_min = 0;
  std::optional<double> beta_max;       // default floor(alpha) + 2.5
  int points = 121;
  double tolerance = 1e-9;
};

EquivalentReport finite_theory(const std::string& kernel, const theory::SymbolicKernel& h, const theory::StageInput& in,
                               const FiniteTheorySpec& spec);

}  // namespace tristage
