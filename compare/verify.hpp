#pragma once
// `tristage verify`: for each kernel of an experiment, simulate at every d, compare with the limiting curves and the
// finite-d predictions, and judge each claim (compare/claims.hpp).
#include <string>
#include <vector>

#include "compare/claims.hpp"
#include "compare/experiment.hpp"
#include "numeric/simulation_run.hpp"

namespace tristage {

struct DimensionResult {
  long d = 0, n = 0;
  numeric::RunOutput output;   // grid times first, then the claim times
  double seconds = 0;
};

struct KernelSweep {
  std::string kernel;
  theory::StageCurves limits;
  std::vector<double> beta;            // the grid
  std::vector<DimensionResult> dims;
  std::vector<ClaimResult> claims;
};

struct VerifyResult {
  Experiment experiment;
  std::vector<KernelSweep> kernels;
  double seconds = 0;
  bool all_verified() const;
};

VerifyResult run_verify(const Experiment& e, const numeric::Progress& progress = {});

// The verdict table printed by `verify`: one row per kernel and claim.
std::string verdict_table(const VerifyResult& r);

// One sentence per claim, for reports.
std::string claim_statement(const std::string& claim);

}  // namespace tristage
