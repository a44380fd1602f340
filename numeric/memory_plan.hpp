#pragma once
// Memory planning before any allocation: what a simulation needs at its peak, which engine runs, what it stores
// and how large a Krylov basis it may grow. A plan that cannot fit is refused with what is needed, what is
// available and what to change (Exit::resources).
#include <string>
#include <vector>

#include "numeric/simulation.hpp"

namespace tristage::numeric {

struct MemoryPlan {
  EngineChoice engine = EngineChoice::automatic;  // dense, krylov or distributed after planning
  double bytes = 0;                               // estimated peak (distributed: per rank)
  double available = 0;                           // (distributed: per rank, the machine's share)
  int processes = 1;                              // distributed: MPI ranks
  long krylov_capacity = 0;                       // basis vectors the Krylov engine may use
  bool residual = false;                          // the diagnostic ||K - low part - kappa I|| (one more n x n)
  std::vector<std::string> notes;                 // what the plan changed, for run.json and stderr
};

// Dense below this n when the engine is automatic: its decomposition is fast there and gives the eigenvalue blocks.
inline constexpr long automatic_dense_up_to = 1000;

// available: bytes the run may use on this machine (available_memory_bytes() unless a test says otherwise).
// sgd_steps > 0: an online SGD run with that step budget (no n x n matrix). processes, node_processes: the MPI
// ranks in all and on this machine (the distributed engine; its ranks share `available`).
MemoryPlan plan_memory(const SimulationSpec& spec, long sgd_steps, double available, int processes = 1,
                       int node_processes = 1);

// MemAvailable from /proc/meminfo (physical memory when it cannot be read).
double available_memory_bytes();

}  // namespace tristage::numeric
