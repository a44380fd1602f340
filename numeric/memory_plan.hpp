#pragma once
// Memory planning before any allocation: what a simulation needs at its peak, which engine runs, what it stores
// and how large a Krylov basis it may grow. A plan that cannot fit is refused with what is needed, what is
// available and what to change (Exit::resources).
#include <string>
#include <vector>

#include "numeric/simulation.hpp"

namespace tristage::numeric {

struct MemoryPlan {
  EngineChoice engine = EngineChoice::automatic;  // dense or krylov after planning
  double bytes = 0;                               // estimated peak
  double available = 0;
  long krylov_capacity = 0;                       // basis vectors the Krylov engine may use
  bool residual = false;                          // the diagnostic ||K - low part - kappa I|| (one more n x n)
  std::vector<std::string> notes;                 // what the plan changed, for run.json and stderr
};

// Dense below this n when the engine is automatic: its decomposition is fast there and gives the eigenvalue blocks.
inline constexpr long automatic_dense_up_to = 1000;

// available: bytes the run may use (available_memory_bytes() unless a test says otherwise). sgd_steps > 0: an
// online SGD run with that step budget (no n x n matrix).
MemoryPlan plan_memory(const SimulationSpec& spec, long sgd_steps, double available);

// MemAvailable from /proc/meminfo (physical memory when it cannot be read).
double available_memory_bytes();

const char* engine_name(EngineChoice e);

}  // namespace tristage::numeric
