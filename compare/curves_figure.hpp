#pragma once
// The figure of one run against beta (t = d^beta): the simulated train, test and oracle errors (test with its
// standard errors), the deterministic equivalent at the run's (n, d) when it was computed, and the d -> infinity
// limits of THEORY.md 6 when given, with the stages shaded. verify draws it at every d; simulate --plot draws it once.
#include <string>
#include <vector>

#include "compare/plot.hpp"
#include "numeric/simulation_run.hpp"
#include "theory/stages.hpp"

namespace tristage {

// beta: the run's grid (o.t = d^beta); noise: sigma^2, added to the excess errors to show totals; limits: null
// where the limits do not apply (an integer alpha).
Figure curves_figure(const std::string& kernel, long d, long n, const std::vector<double>& beta,
                     const numeric::RunOutput& o, double noise, const theory::StageCurves* limits);

}  // namespace tristage
