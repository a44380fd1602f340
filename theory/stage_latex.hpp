#pragma once
// LaTeX of the limiting three-stage curves: stage boundaries, piecewise formulas (symbolic and with the user's
// numbers), and the boundary formulas at t = tau d^k and t = gamma n. A fragment for a document with amsmath.
#include <string>

#include "theory/stages.hpp"

namespace tristage::theory {

// The limiting curves (amsmath), numbers given approximately ("\approx") with `digits` significant digits.
std::string stage_latex(const StageCurves& c, int digits = 6);

// Canonical LaTeX of a sum of energies F_k^2 (and sigma^2): symbolic, or with the numbers substituted.
std::string energy_sum_latex(const StageCurves& c, const GiNaC::ex& sum, bool with_numbers);
// The same symbolic sum in plain text: "F1^2 + F2^2 + sigma^2".
std::string energy_sum_text(const StageCurves& c, const GiNaC::ex& sum);

}  // namespace tristage::theory
