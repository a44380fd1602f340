#pragma once
// The claims of THEORY.md 6, measured on a sweep over d. Each claim names times (in beta, or t = gamma n) and
// curves; at every d its distance is the largest gap, over those times and curves, between the seed-mean simulation
// and
//   - the d -> infinity limit (theory/stages), and
//   - the finite-d prediction (numeric/predictions),
// in units of the error at t = 0, ||f_*||^2 + sigma^2 (train_gamma_n: relative to its limit, at the gammas where
// that limit is at least 1% of its value at gamma = 0).
// Claims (excess errors for test and oracle, total for train):
//   stage1          beta in the stage-1 pieces: train, test and oracle at their common limit
//   deep_bootstrap  beta in stage 2: test and oracle at the limit F^2_{>ell}, train at 0
//   train_gamma_n   t = gamma n: train against e^{-2 gamma kappa(ell)} (F^2_{>ell} + sigma^2), relative
//   stage3          beta in stage 3: test frozen at F^2_{>ell}, the oracle at its own (falling) limit, train at 0
//   progressive     beta = k + 1/2: the oracle (and the empirical model while t << n) near P_{<=k} f_*
//   boundary        t = tau d^k: the degree-k term e^{-2 tau mu_k} F_k^2 of the oracle (and test, train if k < alpha)
// Verdict: verified when the distance to the limit falls with d (the slope of log distance against log d has an
// interval below 0, from a bootstrap over the seeds; or the distance is below 1e-8 everywhere) and, at the largest
// d, the distance to the finite-d prediction less two standard errors of the seed mean is within the tolerance.
#include <string>
#include <vector>

#include "compare/experiment.hpp"
#include "theory/stages.hpp"

namespace tristage {

// Where a claim looks: beta values (t = d^beta), or multiples of n (t = gamma n).
struct ClaimTime {
  double beta = 0;       // used when gamma == 0
  double gamma = 0;      // t = gamma n
  double tau = 0;        // boundary claims: t = tau d^k with beta = k
};

// One d of the sweep, as the claims need it: values at the claim times, mean and per seed.
struct ClaimData {
  long d = 0, n = 0;
  std::vector<ClaimTime> times;
  std::vector<double> train, test, oracle;                      // means (test, oracle excess; train total)
  std::vector<std::vector<double>> train_seed, test_seed;       // [seed][time]
  std::vector<double> predicted_train, predicted_test, predicted_oracle;  // deterministic equivalent (test excess)
  double scale = 1;  // ||f_*||^2 + sigma^2: distances are in this unit
};

struct ClaimPoint {
  long d = 0;
  double to_limit = 0, to_prediction = 0;
  double noise = 0;  // two standard errors of the seed mean where to_prediction was measured
};

struct ClaimResult {
  std::string name, statement;
  std::vector<ClaimPoint> points;   // one per d
  double slope = 0, slope_low = 0, slope_high = 0;
  double tolerance = 0;
  bool verified = false;
  std::string reason;
};

// The times a claim needs for these stage curves and this spec (empty if the claim does not apply, e.g. stage 3
// beyond the grid).
std::vector<ClaimTime> claim_times(const std::string& claim, const theory::StageCurves& c, const ClaimSpec& spec,
                                   double beta_min, double beta_max);

// Distances of one claim at every d, the fitted rate and the verdict. `data[i].times` must hold claim_times(...) in
// the same order.
ClaimResult evaluate_claim(const std::string& claim, const theory::StageCurves& c, const ClaimSpec& spec,
                           const std::vector<ClaimData>& data);

// Least-squares slope of log y against log x, with its standard error.
struct Slope {
  double slope = 0, standard_error = 0;
};
Slope log_log_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace tristage
