#include "numeric/memory_plan.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/number_text.hpp"

namespace tristage::numeric {

namespace {

std::string gb(double bytes) { return number_text(std::round(bytes / 1e7) / 100) + " GB"; }

// The least basis worth running: below it the Krylov engine would fail its own stopping rule on most kernels.
constexpr long least_basis = 100;

}  // namespace

const char* engine_name(EngineChoice e) {
  return e == EngineChoice::dense ? "dense" : e == EngineChoice::krylov ? "krylov" : "auto";
}

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

MemoryPlan plan_memory(const SimulationSpec& s, long sgd_steps, double available) {
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
                                       " is available; lower --sgd-steps or --mc-points");
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
                                       (8 * (base + n2) < budget ? std::string("use --engine krylov (n^2 doubles)")
                                        : 8 * monte_carlo > budget / 2 ? std::string("reduce --mc-points")
                                                                 : std::string("reduce --n (or --alpha)")));
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
  if (total() > budget) {
    const long fits = static_cast<long>(std::floor((budget - fixed) / per_vector));
    if (fits >= std::min<long>(least_basis, static_cast<long>(n))) {
      plan.notes.push_back("the Krylov basis is capped at " + std::to_string(fits) + " vectors (asked " +
                           std::to_string(plan.krylov_capacity) + ") to fit in memory");
      plan.krylov_capacity = fits;
    }
  }
  plan.bytes = total();
  if (plan.bytes > budget) {
    // The largest n whose K, M and least basis fit beside the points (the points scale with n too).
    const double per_n = 8 * (base / n + (least_basis + 100) * (s.exact_test ? 2 : 1));
    const double largest = std::floor((-per_n + std::sqrt(per_n * per_n + 32 * budget)) / 16 / 1000) * 1000;
    throw Error(Exit::resources,
                "the Krylov engine needs about " + gb(plan.bytes) + " (K and M " + gb(8 * n2) + ", a basis of " +
                    std::to_string(plan.krylov_capacity) + " vectors " + gb(per_vector * plan.krylov_capacity) +
                    ", points " + gb(8 * base) + "), " + gb(available) + " is available; " +
                    (8 * monte_carlo > budget / 2 ? "reduce --mc-points" : "reduce --n (or --alpha): about n = " +
                                                                        number_text(largest) + " fits"));
  }
  return plan;
}

}  // namespace tristage::numeric
