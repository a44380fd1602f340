#pragma once
// A simulation over several seeds: the spectrum once, then one replicate per seed (or online SGD runs), averaged
// time by time, with the deterministic equivalent's predictions alongside.
#include <functional>
#include <optional>
#include <vector>

#include "numeric/memory_plan.hpp"
#include "numeric/online_sgd.hpp"
#include "numeric/replicates.hpp"
#include "numeric/simulation.hpp"

namespace tristage::numeric {

enum class Method { flow, gd, sgd };

struct RunSpec {
  SimulationSpec simulation;
  Method method = Method::flow;
  int seeds = 1;
  uint64_t seed = 0;
  long sgd_max_steps = 20000;
};

// The deterministic equivalent at the run's times (numeric/deterministic_equivalent.hpp): what the seed means should
// be, up to its error estimate and the equivalent's own accuracy at this (n, d). Online SGD follows the oracle flow:
// its predicted test error is the oracle, and it has no training error.
struct Predictions {
  std::vector<double> train, test;  // train total, test excess, per time; empty when there is none
  double error = 0;                 // a-posteriori error estimate of the quadrature (absolute)
  int nodes = 0;                    // contour nodes
  double eta = 0;                   // gd: the step it assumed (the user's, or n / lambda_max of the equivalent)
  std::string skipped;              // why there is none (an indefinite kernel run anyway, ...)
};

struct RunOutput {
  MemoryPlan plan;
  Spectrum spectrum;
  std::vector<double> t;                      // user times
  MeanAndError train, test, test_mc;          // train total; test excess (empty when not computed)
  std::vector<double> oracle;                 // excess, closed form
  Predictions predicted;                      // the deterministic equivalent
  std::vector<ReplicateResult> replicates;    // flow and gd
  std::vector<SgdResult> sgd;                 // sgd
  std::vector<std::string> warnings;          // e.g. an indefinite kernel run anyway
};

// The spectrum a simulation needs: every degree of the target, ell + 1, and enough further
// degrees for the truncation of M (test_error_degrees).
// Without the exact test error (Monte Carlo only) the extension for M is skipped.
Spectrum simulation_spectrum(const KernelSpec& kernel, long d, long n, int target_kmax, bool exact_test_error = true);

// Per-replicate hooks (flow and gd), for a caller that keeps replicates as they finish (verify's checkpoint):
// reuse(r) may return replicate r finished earlier, which is then taken instead of computed; finished(r, result,
// seconds) is told of each replicate computed.
struct ReplicateHooks {
  std::function<std::optional<ReplicateResult>(int r)> reuse;
  std::function<void(int r, const ReplicateResult& result, double seconds)> finished;
};

// Plans memory first (refusing what cannot fit, before any allocation), then runs. available: bytes the run may
// use; 0 reads the machine's.
RunOutput run_simulation(const RunSpec& spec, const Progress& progress = {}, double available = 0,
                         const ReplicateHooks& hooks = {});

}  // namespace tristage::numeric
