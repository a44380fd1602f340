#pragma once
// The Krylov engine: every curve is a function of K applied to y (THEORY.md 3), so a Lanczos basis Q_m of
// span{y, K y, ..., K^{m-1} y} gives them all at once,
//   a(t) ~ ||y|| Q_m phi_t(T_m) e_1,   R_n(t) ~ (||y||^2/n) e_1^T decay_t(T_m)^2 e_1,
// and the exact test error from the small matrices Q_m^T M Q_m and Q_m^T b, with M Q_m from the operator. K and M
// are a KernelOperator: one shared array on one process, or rows on MPI ranks (the distributed engine); the
// vectors are then split the same way, and every inner product is summed over the ranks.
//
// Stopping rule (a posteriori): at checks m_1 < m_2 < ... the curves are recomputed from the larger basis; the run
// stops when, at every reference time, a(t) moved by at most tol ||a(t)||, the training error by at most tol R_n(0),
// and the test error by at most tol max_t |test(t)|. The reference times are t = n 2^k up to the first power of two
// past the largest time asked for (and t = infinity if asked), not the times asked for themselves: so the basis
// size, and every number, does not depend on which other times a run asks for (verify adds its claims' times). An invariant Krylov space (possible for a finite-rank K) is exact.
// Below tol may be out of reach: the curves' rounding floor (about eps cond(K), amplified in the test error) can
// sit above it at large n. When the changes stop falling (three checks without halving) below 1e-7, the run stops
// there and reports the change reached (FlowResult::change > tol). If the basis reaches its planned capacity
// first, the engine fails and says so.
#include <memory>
#include <optional>

#include "numeric/flow_engine.hpp"
#include "numeric/kernel_operator.hpp"

namespace tristage::numeric {

// ||f - f_*||^2 = norm2 - 2 b^T a + a^T M a (THEORY.md 4); M is the operator's.
struct PopulationError {
  Eigen::VectorXd b;  // the local rows
  double norm2 = 0;
};

struct KrylovOptions {
  double tolerance = 1e-10;  // relative change of every curve at the accepting check
  long capacity = 2000;      // largest basis (memory is planned for it)
  std::string name = "krylov";  // in the report: which engine this Krylov process serves
};

class KrylovEngine final : public FlowEngine {
 public:
  // With `test`, the operator must have M's series: the engine then returns the exact test error.
  KrylovEngine(std::unique_ptr<KernelOperator> op, KrylovOptions options, std::optional<PopulationError> test = {});
  // y: the local rows. The result's a(t) has all n rows, on every process.
  FlowResult run(const Eigen::VectorXd& y, const FlowRequest& request) const override;
  const EngineReport& report() const override { return report_; }

 private:
  std::unique_ptr<KernelOperator> op_;
  KrylovOptions options_;
  std::optional<PopulationError> test_;
  EngineReport report_;
};

}  // namespace tristage::numeric
