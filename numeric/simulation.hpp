#pragma once
// One replicate of the empirical world: sample (or read) points and noise, build K, run the dynamics with an
// engine, and measure train, exact test, Monte-Carlo test and oracle errors at every time; plus the diagnostics of
// THEORY.md 8. Every random stream comes from (seed, replicate).
#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/kernel_spec.hpp"
#include "core/spectrum.hpp"
#include "numeric/flow_engine.hpp"

namespace tristage::numeric {

enum class EngineChoice { dense, krylov, distributed, automatic };  // names: engine_factory

struct SimulationSpec {
  KernelSpec kernel;
  long d = 0, n = 0;
  std::vector<double> energies;  // ||P_k f_*||^2; amplitudes F_k = +sqrt(E_k)
  double noise = 0;              // sigma^2
  std::vector<double> times;     // t as the user counts it
  int time_factor = 1;           // 1: gradient flow on (1/2)E(y-f)^2; 2: on E(y-f)^2 (t -> 2t)
  Dynamics dynamics = Dynamics::flow;
  double eta = 0;                // gd step; 0: n / lambda_max, half the stability bound
  bool exact_test = true;
  long mc_points = 0;            // Monte-Carlo test points; 0: none
  bool diagnostics = true;
  std::optional<Eigen::MatrixXd> points;        // instead of sampling (then one replicate)
  std::optional<Eigen::VectorXd> noise_values;  // instead of sampling
  Eigen::VectorXd direction;                    // target direction; empty: e_1
  EngineChoice engine = EngineChoice::automatic;
  long krylov_basis = 2000;                     // largest Krylov basis (the memory plan may cap it)
  double krylov_tolerance = 1e-10;              // relative change of every curve at the accepting check
  bool allow_indefinite = false;                // run a kernel with some xi_{d,k} < 0 (negative eigenvalues -> 0)
};

struct DegreeBlock {
  int k = 0;
  long size = 0;                 // B(d,k)
  double mean_eigenvalue = 0;    // mean of the B(d,k) eigenvalues of K/n in this block (sorted from the top)
  double predicted = 0;          // xi_{d,k} + kappa_d / n
};

struct Diagnostics {
  int ell = 0;
  double kappa = 0;              // kappa_d(ell)
  double residual_norm = 0;      // ||K - sum_{k<=ell} xi_k B_k Q_k - kappa I||_op
  std::vector<DegreeBlock> blocks;
  double bulk_mean = 0, bulk_predicted = 0;  // the remaining n - D eigenvalues of K/n, and kappa_d/n
};

struct MemoryPlan;

struct ReplicateResult {
  std::vector<double> train;                    // total
  std::vector<double> test, oracle;             // excess
  std::vector<double> test_mc, test_mc_se;      // excess; empty without Monte Carlo
  EngineReport engine;
  Diagnostics diagnostics;
  double eta = 0;                                // gd: the step used
  long krylov_basis = 0;                         // krylov: basis size used
  double krylov_change = 0;                      // krylov: largest relative change at the accepting check
  int test_degrees = 0;                          // degrees kept in M
  double seconds_kernel = 0, seconds_engine = 0, seconds_observables = 0;
};

using Progress = std::function<void(const std::string&)>;

// plan: from plan_memory (numeric/memory_plan.hpp), which engine runs and what it may store.
ReplicateResult simulate_replicate(const SimulationSpec& spec, const MemoryPlan& plan, const Spectrum& spectrum,
                                   uint64_t seed, int replicate, const Progress& progress = {});

}  // namespace tristage::numeric
