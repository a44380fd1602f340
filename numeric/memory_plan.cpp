#include "numeric/memory_plan.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "numeric/distributed_operator.hpp"

namespace tristage::numeric {

namespace {

std::string gb(double bytes) { return number_text(std::round(bytes / 1e7) / 100) + " GB"; }

// The least basis worth running: below it the Krylov engine would fail its own stopping rule on most kernels.
constexpr long least_basis = 100;

}  // namespace

double available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("MemAvailable:", 0) == 0) {
      std::istringstream fields(line.substr(13));
      double kb = 0;
      if (fields >> kb && kb > 0) return kb * 1024;
    }
  return double(sysconf(_SC_PHYS_PAGES)) * double(sysconf(_SC_PAGE_SIZE));
}

namespace {

// A Krylov basis (plan.krylov_capacity vectors of per_vector bytes beside `fixed`) capped to the budget, with a note;
// never below the least basis worth running (the caller then refuses the run, naming what to reduce).
void cap_basis(MemoryPlan& plan, double budget, double fixed, double per_vector, long n) {
  if (fixed + per_vector * plan.krylov_capacity <= budget) return;
  const long fits = static_cast<long>(std::floor((budget - fixed) / per_vector));
  if (fits < std::min<long>(least_basis, n)) return;
  plan.notes.push_back("the Krylov basis is capped at " + std::to_string(fits) + " vectors (asked " +
                       std::to_string(plan.krylov_capacity) + ") to fit in memory");
  plan.krylov_capacity = fits;
}

// The distributed engine, per rank: its rows of K (count x n), of the basis and of M Q (count x capacity each),
// the columns of Q gathered for M Q (n x 256) and one tile of M's rows, PETSc's copy of x (n), the points.
MemoryPlan plan_distributed(const SimulationSpec& s, double available, int processes, int node_processes) {
  MemoryPlan plan;
  plan.engine = EngineChoice::distributed;
  plan.processes = processes;
  plan.available = available / node_processes;
  const double budget = 0.9 * plan.available;
  const long n = s.points ? s.points->rows() : s.n;
  if (processes > n)
    throw Error(Exit::resources, std::to_string(processes) + " MPI ranks for n = " + std::to_string(n) +
                                     " points: each rank needs at least one row of K; run at most " +
                                     std::to_string(n) + " ranks (mpirun -np)");
  const double N = double(n), d = double(s.d), T = double(s.times.size());
  const double count = std::ceil(N / processes);
  const double base = N * d + N * T * 2 + (s.mc_points > 0 ? double(s.mc_points) * d + 2048 * N : 0.0) + 2 * N;
  const double series = s.exact_test ? N * DistributedOperator::gathered_columns +
                                           count * DistributedOperator::tile_width(long(count), n) * 2
                                     : 0.0;
  const double per_vector = 8 * count * (s.exact_test ? 2 : 1);
  const double fixed = 8 * (base + count * N + series + 100 * count);
  plan.krylov_capacity = std::min<long>(s.krylov_basis, n);
  cap_basis(plan, budget, fixed, per_vector, n);
  plan.bytes = fixed + per_vector * plan.krylov_capacity;
  if (plan.bytes > budget) {
    // Ranks needed: K's rows and the least basis shrink with P, the points and gathered columns do not.
    const double shared = 8 * (base + series);
    const double split = 8 * N * (N + 100 + least_basis * (s.exact_test ? 2 : 1));
    const double ranks = shared < budget ? std::ceil(split / (budget - shared)) : INFINITY;
    throw Error(Exit::resources,
                "the distributed engine needs about " + gb(plan.bytes) + " per rank on " + std::to_string(processes) +
                    " ranks (K's rows " + gb(8 * count * N) + "), " + gb(plan.available) +
                    " is available per rank (" + gb(available) + " on this machine shared by " +
                    std::to_string(node_processes) + " ranks); " +
                    (std::isfinite(ranks) ? "it fits on about " + number_text(ranks) + " ranks with that much memory each"
                                          : "the points alone do not fit: reduce " + setting("n") + " or " + setting("mc_points")));
  }
  return plan;
}

}  // namespace

MemoryPlan plan_memory(const SimulationSpec& s, long sgd_steps, double available, int processes, int node_processes) {
  if (s.engine == EngineChoice::distributed && sgd_steps == 0)
    return plan_distributed(s, available, processes, node_processes);
  MemoryPlan plan;
  plan.available = available;
  const double budget = 0.9 * available;
  const double n = double(s.points ? s.points->rows() : s.n), d = double(s.d), T = double(s.times.size());
  // Always: the points, Monte-Carlo test points and one block of their cross kernel, the curves' coefficients.
  double base = n * d + n * T * 2;
  const double monte_carlo = s.mc_points > 0 ? double(s.mc_points) * d + 2048 * n : 0.0;
  base += monte_carlo;
  if (sgd_steps > 0) {
    // Online SGD stores its samples and coefficients, no n x n matrix.
    plan.bytes = 8 * (base + 2.0 * double(sgd_steps) * (d + 2));
    if (plan.bytes > budget)
      throw Error(Exit::resources, "this SGD run needs about " + gb(plan.bytes) + ", " + gb(available) +
                                       " is available; lower " + setting("sgd_steps") + " or " + setting("mc_points"));
    return plan;
  }
  const double n2 = n * n;
  // Dense: K, then LAPACK's dsyevd with V in K's place and ~2n^2 of workspace (measured peak 3.2 n^2 at n = 8000);
  // the residual diagnostic holds a second n x n beside K before that, M a second one beside V after.
  const double dense = 8 * (base + 3.2 * n2);
  plan.engine = s.engine;
  if (plan.engine == EngineChoice::automatic)
    plan.engine = n <= automatic_dense_up_to && dense <= budget ? EngineChoice::dense : EngineChoice::krylov;
  if (plan.engine == EngineChoice::dense) {
    plan.bytes = dense;
    plan.residual = s.diagnostics;
    if (plan.bytes > budget)
      throw Error(Exit::resources, "the dense engine needs about " + gb(plan.bytes) + " (K and LAPACK's workspace " +
                                       gb(8 * 3.2 * n2) + ", points " + gb(8 * base) + "), " + gb(available) +
                                       " is available; " +
                                       (8 * (base + n2) < budget ? "use " + setting("engine") + " krylov (n^2 doubles)"
                                        : 8 * monte_carlo > budget / 2 ? "reduce " + setting("mc_points")
                                                                 : "reduce " + setting("n")));
    return plan;
  }
  // Krylov: K and M share one n x n array; the basis Q and, for the exact test error, M Q (n x capacity each);
  // the residual diagnostic needs one more n x n, and is the first thing dropped.
  const double per_vector = 8 * n * (s.exact_test ? 2 : 1);
  const double fixed = 8 * (base + n2 + 100 * n);
  plan.krylov_capacity = std::min<long>(s.krylov_basis, static_cast<long>(n));
  plan.residual = s.diagnostics;
  auto total = [&] { return fixed + per_vector * plan.krylov_capacity + (plan.residual ? 8 * n2 : 0.0); };
  if (plan.residual && total() > budget) {
    plan.residual = false;
    plan.notes.push_back("the diagnostic ||K - low part - kappa I|| was skipped: it needs one more n x n matrix (" +
                         gb(8 * n2) + ")");
  }
  cap_basis(plan, budget, fixed + (plan.residual ? 8 * n2 : 0.0), per_vector, static_cast<long>(n));
  plan.bytes = total();
  if (plan.bytes > budget) {
    // The largest n whose K, M and least basis fit beside the points (the points scale with n too).
    const double per_n = 8 * (base / n + (least_basis + 100) * (s.exact_test ? 2 : 1));
    const double largest = std::floor((-per_n + std::sqrt(per_n * per_n + 32 * budget)) / 16 / 1000) * 1000;
    throw Error(Exit::resources,
                "the Krylov engine needs about " + gb(plan.bytes) + " (K and M " + gb(8 * n2) + ", a basis of " +
                    std::to_string(plan.krylov_capacity) + " vectors " + gb(per_vector * plan.krylov_capacity) +
                    ", points " + gb(8 * base) + "), " + gb(available) + " is available; " +
                    (8 * monte_carlo > budget / 2 ? "reduce " + setting("mc_points") : "reduce " + setting("n") + ": about n = " +
                                                                        number_text(largest) + " fits"));
  }
  return plan;
}

}  // namespace tristage::numeric
