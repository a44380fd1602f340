#pragma once
// The claims of THEORY.md 6-7, judged in two steps (docs/verify.md says why, with measurements).
//
// Each claim names times (beta, t = gamma n, or t = tau d^k) and curves; at each (time, curve) it has a limit L
// (theory/stages: excess for test and oracle, total for train; train_gamma_n relative to its limit).
//   1. Agreement: at every simulated d, the seed-mean simulation of train and test agrees with the deterministic
//      equivalent (numeric/deterministic_equivalent.hpp) at the same (n, d): |mean - DE| <= q SE + the equivalent's
//      error estimate, SE the standard error of the seed mean and q Student's t quantile with seeds - 1 degrees of
//      freedom at the normal law's 3-sigma coverage (99.73%). The oracle is exact: it has no step 1.
//   2. Convergence: the equivalent (and the exact oracle) on a geometric grid of d far beyond the simulations, up to
//      d = 10^6 or n = 10^10, extrapolated to d = infinity (compare/extrapolation.hpp) at every (time, curve), equals
//      the claimed limit within 3 times the extrapolation's error estimate (a floor of 1e-9 of ||f_*||^2 + sigma^2 for
//      rounding). The distance to the limit at the largest d and its rate (log-log slope over the last decade) are
//      reported.
// A claim is verified when both hold for every curve. Its power is the smallest relative shift of its limits,
// L -> L + s R (R = |L|; for the bootstrap gap, whose limit is 0, R is the test limit), that step 2 would reject,
// for s > 0 and s < 0; `shift` in the experiment judges the claim against limits moved by s.
// A claim without times in the window, or at an integer alpha (THEORY.md 6 excludes it), is not applicable, with
// its reason.
//
// Claims:
//   stage1          beta in the stage-1 pieces: train, test and oracle at their common limit
//   deep_bootstrap  beta in stage 2: test and oracle at the limit F^2_{>ell}, train at 0
//   bootstrap_gap   beta in stage 2: the gap test - oracle at 0
//   train_gamma_n   t = gamma n: train against e^{-2 gamma kappa(ell)} (F^2_{>ell} + sigma^2), relative
//   stage3          beta in stage 3: test frozen at F^2_{>ell}, the oracle at its own (falling) limit, train at 0
//   progressive     beta = k + 1/2: the oracle (and the empirical model while t << n) near P_{<=k} f_*
//   boundary        t = tau d^k: the degree-k term e^{-2 tau mu_k} F_k^2 of the oracle (and test, train if k < alpha)
//   integer_alpha   alpha = ell an integer, n = c d^ell, t = gamma n: train, test and oracle at THEORY.md 10's limits
//                   (the only claim that applies at an integer alpha; it does not apply elsewhere)
#include <cmath>
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
  // integer_alpha: the limits of THEORY.md 10 at this gamma (train total, test and oracle excess), computed by the
  // caller (theory/integer_alpha.hpp); the other claims read theirs from the stage curves.
  bool fixed = false;
  double limit_train = 0, limit_test = 0, limit_oracle = 0;
};

// The equivalent and the oracle at the claim times at one d: simulated (step 1) or far (step 2).
struct EquivalentAt {
  long d = 0, n = 0;
  std::vector<double> train, test, oracle;  // train total, test and oracle excess; per claim time
  double error = 0;                         // the equivalent's error estimate (absolute)
};

// One simulated d, as the claims need it: values at the claim times, mean and per seed, and the equivalent there.
struct ClaimData {
  long d = 0, n = 0;
  std::vector<ClaimTime> times;
  std::vector<double> train, test, oracle;                      // means (test, oracle excess; train total)
  std::vector<std::vector<double>> train_seed, test_seed;       // [seed][time]
  EquivalentAt equivalent;                                      // empty vectors when the equivalent was refused
  std::string equivalent_refused;                               // why, then
  double scale = 1;  // ||f_*||^2 + sigma^2: distances are in this unit
};

struct ClaimPoint {       // one simulated d
  long d = 0;
  double to_limit = 0;    // the simulation's distance to the limit (for the convergence figure)
  double worst_z = 0;     // step 1: largest |mean - DE| / SE over the claim's (time, curve)
  bool agrees = true;     // step 1 at this d
};

struct FarPoint {         // one d of step 2's grid
  long d = 0;
  double to_limit = 0;    // the equivalent's distance to the (shifted) limit, in the claim's unit
};

struct CurveVerdict {
  std::string curve;            // train, test, oracle, gap
  bool simulated = true;        // judged in step 1 (not the oracle)
  bool agrees = true;           // step 1
  double worst_z = 0;           // step 1: largest |mean - DE| / SE
  long worst_d = 0;
  bool converges = true;        // step 2
  double extrapolation_off = 0; // step 2: the largest |L* - L| / allowance (<= 1 passes)
  double distance_far = 0;      // step 2: at the largest d, in the claim's unit
  double power_up = INFINITY, power_down = INFINITY;  // smallest rejected shift s > 0 and -s < 0
};

struct ClaimResult {
  std::string name, statement;
  bool applicable = true;
  std::string not_applicable;   // the reason, when not applicable
  double shift = 0;             // from the experiment
  std::vector<ClaimPoint> points;    // one per simulated d
  std::vector<FarPoint> far;         // step 2's grid
  std::vector<CurveVerdict> curves;
  double q = 0;                 // step 1's quantile
  double rate = 0;              // log-log slope of the equivalent's distance over the last decade of step 2's grid
  double power_up = INFINITY, power_down = INFINITY;
  bool agrees = false, converges = false, verified = false;
  std::string reason;
};

// The times a claim needs for these stage curves and this spec (empty if none falls in the window).
std::vector<ClaimTime> claim_times(const std::string& claim, const theory::StageCurves& c, const ClaimSpec& spec,
                                   double beta_min, double beta_max);

// Why a claim does not apply to these limits (an integer alpha for the claims of THEORY.md 6, any other alpha for
// integer_alpha), or "" when it does; a claim with no times is not applicable either (evaluate_claim says so).
std::string claim_not_applicable(const std::string& claim, const theory::StageCurves& c);

// Step 2's grid: 7 values of d, 2 per decade, up to d = 10^6 or n = d^alpha = 10^10, whichever comes first.
std::vector<long> far_grid(double alpha);

// Both steps and the verdict. `data[i].times` must hold claim_times(...) in the same order, as must every `far`'s.
// `refused`: why the claim's limits could not be computed (not applicable, with that reason), or "".
ClaimResult evaluate_claim(const std::string& claim, const theory::StageCurves& c, const ClaimSpec& spec,
                           const std::vector<ClaimData>& data, const std::vector<EquivalentAt>& far, int seeds,
                           const std::string& refused = "");

// Student's t quantile with `dof` degrees of freedom at the normal law's 3-sigma two-sided coverage (99.73%).
double three_sigma_quantile(int dof);

// Least-squares slope of log y against log x.
double log_log_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace tristage
