#pragma once
// The engines by name, and how each is built for one replicate from its points. With memory_plan (each engine's
// estimated peak), this is the only place that knows which engines exist: adding one touches its own files, these
// two, and the docs.
#include <Eigen/Dense>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/spectrum.hpp"
#include "numeric/flow_engine.hpp"
#include "numeric/kernel_eval.hpp"
#include "numeric/simulation.hpp"
#include "numeric/target.hpp"

namespace tristage::numeric {

struct MemoryPlan;

// "dense", "krylov", "distributed", "auto".
const char* engine_name(EngineChoice e);
// Throws a usage error naming the engines.
EngineChoice parse_engine(const std::string& name);
// "dense, krylov, distributed or auto", for messages; each with what it is, for help texts.
std::string engine_names();
std::vector<std::string> engine_name_list();
std::string engine_help();
// Whether the engine runs on MPI ranks (then it starts MPI before planning).
bool distributed(EngineChoice e);

struct EngineInputs {
  const SimulationSpec& spec;
  const MemoryPlan& plan;
  const Spectrum& spectrum;
  const Eigen::MatrixXd& X;
  const KernelEvaluator& h;
  const GegenbauerTarget& target;
  int ell = 0;         // the residual diagnostic: ||K - sum_{k<=ell} xi_k B_k Q_k - kappa I||
  double kappa = 0;
};

struct BuiltEngine {
  std::unique_ptr<FlowEngine> engine;
  int test_degrees = 0;                  // degrees of M, when the engine returns the exact test error itself
  std::optional<double> residual_norm;   // the diagnostic, when the plan allows it (it needs K whole)
  double seconds_kernel = 0;             // building K
};

// A run with a checkpoint that can be resumed: not on MPI ranks (rank 0 alone holds the checkpoint, the others could
// not tell which replicates to skip). Throws a usage error otherwise.
void check_resumable(EngineChoice e);

// Gradient descent's step eta at or above its stability bound.
Error unstable_step(double eta, double bound, int factor);

BuiltEngine build_engine(const EngineInputs& in, const std::function<void(const std::string&)>& say);

}  // namespace tristage::numeric
