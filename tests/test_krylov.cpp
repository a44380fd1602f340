// The Krylov engine against the dense reference on identical inputs, its stopping rule and its memory plan.
// Agreement is measured relative to each curve's largest value: the training error falls to ~1e-20 at
// interpolation, where a pointwise relative difference measures rounding, not the engine.
#include <doctest/doctest.h>
#include <omp.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "numeric/dense_engine.hpp"
#include "numeric/kernel_matrix.hpp"
#include "numeric/krylov_engine.hpp"
#include "numeric/shared_array_operator.hpp"
#include "numeric/memory_plan.hpp"
#include "numeric/observables.hpp"
#include "numeric/simulation_run.hpp"
#include "numeric/sphere.hpp"
#include "numeric/xi_quadrature.hpp"

using namespace tristage;
using namespace tristage::numeric;

namespace {

double curve_distance(const std::vector<double>& a, const std::vector<double>& b) {
  double scale = 0, worst = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    scale = std::max(scale, std::abs(a[i]));
    worst = std::max(worst, std::abs(a[i] - b[i]));
  }
  return worst / scale;
}

struct Case {
  const char* kernel;
  long d, n;
  std::vector<double> energies;
  double noise;
  Dynamics dynamics;
};

// Both engines on the same X, y and times (t = d^beta for beta in [0, 6], and t = infinity). tol: agreement of
// every curve; change: the largest change the stopping rule may accept.
void compare_engines(const Case& c, double tol = 1e-9, double change = 1e-10) {
  CAPTURE(c.kernel);
  CAPTURE(c.d);
  CAPTURE(c.n);
  Rng rng(7, 0, Stream::points);
  const Eigen::MatrixXd X = sample_sphere(c.n, c.d, rng);
  const auto target = GegenbauerTarget::single_index(c.d, c.energies);
  Eigen::VectorXd y = target.values(X);
  Rng noise(7, 0, Stream::noise);
  for (long i = 0; i < c.n; ++i) y[i] += std::sqrt(c.noise) * noise.normal();
  const KernelSpec spec = parse_kernel(c.kernel);
  const KernelEvaluator h(spec);
  const Spectrum s = simulation_spectrum(spec, c.d, c.n, static_cast<int>(c.energies.size()) - 1);

  const DenseSpectralEngine dense(kernel_matrix(X, h));
  FlowRequest request;
  request.dynamics = c.dynamics;
  for (int i = 0; i <= 24; ++i) request.times.push_back(std::pow(double(c.d), i * 0.25));
  request.times.push_back(INFINITY);
  if (c.dynamics == Dynamics::gd) {
    request.eta = double(c.n) / dense.report().lambda_max;  // half the stability bound
    request.times.pop_back();  // gd takes finite steps
  }
  const FlowResult reference = dense.run(y, request);
  const std::vector<double> reference_test = ExactTestError(X, target, s).excess(reference.a);

  const KrylovEngine krylov(std::make_unique<SharedArrayOperator>(
                                kernel_and_series_matrix(X, h, test_error_series(s, target.kmax())), s.mean_square),
                            KrylovOptions{}, PopulationError{target.smoothed(X, s), target.norm2()});
  const FlowResult result = krylov.run(y, request);
  CAPTURE(result.basis);
  CHECK(result.basis > 0);
  CHECK(result.change <= change);
  CHECK(curve_distance(reference.train, result.train) <= tol);
  CHECK(curve_distance(reference_test, result.test) <= tol);
  for (long j = 0; j < reference.a.cols(); ++j)
    CHECK((reference.a.col(j) - result.a.col(j)).norm() <= tol * reference.a.col(j).norm());
}

}  // namespace

TEST_CASE("Krylov and dense engines agree to 1e-9 in every curve") {
  // Kernels with kappa > 0 and of finite rank, n below, at and above d^2, targets from one degree to energy in
  // seven degrees plus strong noise (y in every eigendirection: the largest bases), flow and GD.
  const std::vector<Case> cases = {
      {"exp", 20, 400, {0.5, 1, 1, 1}, 0.3, Dynamics::flow},
      {"exp", 40, 600, {1, 1, 1}, 0.5, Dynamics::flow},
      {"relu-ntk", 25, 700, {1, 1, 1, 1}, 0.1, Dynamics::flow},
      {"arccos1", 30, 500, {0, 1, 0, 1}, 0, Dynamics::flow},
      {"exp", 20, 800, {0, 0, 0, 0, 0, 1, 1}, 2.0, Dynamics::flow},
      {"poly:2", 20, 500, {1, 1, 1}, 0.3, Dynamics::flow},  // rank 231 < n: a null space
      {"1 + 3*(exp(u) - 1 - u)", 30, 600, {1, 1, 1}, 0.2, Dynamics::flow},
      {"exp", 30, 600, {1, 1, 1}, 0.5, Dynamics::gd},
  };
  for (const Case& c : cases) compare_engines(c);
}

TEST_CASE("on an ill-conditioned K the test error agrees to its rounding floor") {
  // arccos1 at d = 15, n = 500: cond(K) = 2.2e4 (measured), so a(t) is accurate to ~ eps cond = 5e-12 in either
  // engine, and the test error moves by 2 (M a - b)^T delta a: the two engines differ by 1.4e-9 (measured) and the
  // Krylov test error stalls at a change of 6e-10 once a has converged (accepted, and reported). The tolerance
  // 1e-8 is that floor with a factor 7 of room; the stall limit 1e-7 is what the engine accepts at most.
  compare_engines({"arccos1", 15, 500, {0, 1, 0, 1}, 0, Dynamics::flow}, 1e-8, 1e-7);
}

TEST_CASE("K and M share one array exactly") {
  // The same Gram matrix and the same arithmetic as kernel_matrix and gegenbauer_matrix: equal to the last bit.
  Rng rng(3, 0, Stream::points);
  const Eigen::MatrixXd X = sample_sphere(300, 12, rng);
  const KernelEvaluator h(parse_kernel("exp"));
  const std::vector<double> c = {0.9, 0.4, 0.2, 0.05};
  const Eigen::MatrixXd A = kernel_and_series_matrix(X, h, c), K = kernel_matrix(X, h), M = gegenbauer_matrix(X, c);
  Eigen::MatrixXd upper = A.triangularView<Eigen::Upper>(), lower = A.triangularView<Eigen::StrictlyLower>();
  CHECK((upper - Eigen::MatrixXd(K.triangularView<Eigen::Upper>())).cwiseAbs().maxCoeff() == 0.0);
  CHECK((lower - Eigen::MatrixXd(M.triangularView<Eigen::StrictlyLower>())).cwiseAbs().maxCoeff() == 0.0);
  CHECK((K - K.transpose()).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("kernel matrices do not depend on the number of threads") {
  // Every entry is computed by one thread in the same order, whatever the number of threads: bitwise equal.
  Rng rng(4, 0, Stream::points);
  const Eigen::MatrixXd X = sample_sphere(700, 10, rng);
  const KernelEvaluator h(parse_kernel("exp(u)/(2 - u)"));
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const Eigen::MatrixXd one = kernel_and_series_matrix(X, h, {1, 0.5, 0.25});
  omp_set_num_threads(std::max(threads, 2));
  const Eigen::MatrixXd two = kernel_and_series_matrix(X, h, {1, 0.5, 0.25});
  omp_set_num_threads(threads);
  CHECK((one - two).cwiseAbs().maxCoeff() == 0.0);
}

TEST_CASE("a finite-rank kernel gives an invariant Krylov space, exact") {
  // poly:1 has rank d + 1: the Krylov space of y has dimension d + 2 (the range and y's null part). In floating
  // point the residual after d + 2 steps is 7e-7 (3.6e-9 ||K||, measured), not zero: the process recognises the
  // invariance one step later, with a null Ritz value, and the curves are exact all the same.
  const long d = 8, n = 200;
  Rng rng(5, 0, Stream::points);
  const Eigen::MatrixXd X = sample_sphere(n, d, rng);
  const KernelEvaluator h(parse_kernel("poly:1"));
  Eigen::VectorXd y(n);
  Rng noise(5, 0, Stream::noise);
  for (long i = 0; i < n; ++i) y[i] = noise.normal();
  const KrylovEngine krylov(std::make_unique<SharedArrayOperator>(kernel_and_series_matrix(X, h, {}), std::nullopt),
                            KrylovOptions{});
  const DenseSpectralEngine dense(kernel_matrix(X, h));
  FlowRequest request;
  request.times = {1.0, 100.0, 1e6, INFINITY};
  const FlowResult a = krylov.run(y, request), b = dense.run(y, request);
  CHECK(a.basis <= d + 3);
  CHECK(a.change == 0.0);  // accepted as invariant, not by the change test
  CHECK(curve_distance(b.train, a.train) <= 1e-12);
  for (long j = 0; j < 4; ++j) CHECK((a.a.col(j) - b.a.col(j)).norm() <= 1e-10 * b.a.col(j).norm());
}

TEST_CASE("the stopping rule fails loudly when the basis cannot converge") {
  Rng rng(6, 0, Stream::points);
  const Eigen::MatrixXd X = sample_sphere(300, 10, rng);
  const KrylovEngine krylov(std::make_unique<SharedArrayOperator>(
                                kernel_and_series_matrix(X, KernelEvaluator(parse_kernel("exp")), {}), std::nullopt),
                            KrylovOptions{1e-10, 6});
  FlowRequest request;
  request.times = {1e3, INFINITY};
  Eigen::VectorXd y = Eigen::VectorXd::LinSpaced(300, -1, 1);
  try {
    (void)krylov.run(y, request);
    FAIL("a 6-vector basis cannot reach 1e-10");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::numerical);
    CHECK(std::string(e.what()).find("capacity of 6 vectors") != std::string::npos);
  }
}

TEST_CASE("the memory plan chooses, caps and refuses before any allocation") {
  SimulationSpec s;
  s.kernel = parse_kernel("exp");
  s.d = 100;
  s.energies = {1, 1};
  s.times = std::vector<double>(50, 1.0);
  const double GB = 1e9;

  s.n = 800;  // automatic: dense below the threshold, Krylov above
  CHECK(plan_memory(s, 0, 16 * GB).engine == EngineChoice::dense);
  s.n = 20000;
  MemoryPlan plan = plan_memory(s, 0, 16 * GB);
  CHECK(plan.engine == EngineChoice::krylov);
  CHECK(plan.residual);  // 2 n^2 doubles = 6.4 GB fit
  CHECK(plan.krylov_capacity == 2000);

  plan = plan_memory(s, 0, 4.3 * GB);  // n^2 = 3.2 GB fits, a second n x n does not: the diagnostic goes first
  CHECK(plan.engine == EngineChoice::krylov);
  CHECK_FALSE(plan.residual);
  CHECK(plan.bytes <= 0.9 * 4.3 * GB);

  plan = plan_memory(s, 0, 3.8 * GB);  // then the basis is capped
  CHECK(plan.krylov_capacity < 2000);
  CHECK(plan.krylov_capacity >= 100);
  CHECK(plan.notes.size() == 2);

  try {
    (void)plan_memory(s, 0, 2 * GB);
    FAIL("n = 20000 cannot fit in 2 GB");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::resources);
    const std::string m = e.what();
    CHECK(m.find("needs about") != std::string::npos);
    CHECK(m.find("available") != std::string::npos);
    // numeric/ names the setting by what it is; each command words it as its option (engine_test: simulate's --n).
    CHECK(m.find("reduce " + setting("n")) != std::string::npos);
  }
  s.engine = EngineChoice::dense;
  try {
    (void)plan_memory(s, 0, 8 * GB);  // 3.2 n^2 doubles = 10 GB
    FAIL("the dense engine cannot fit");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::resources);
    CHECK(std::string(e.what()).find(setting("engine") + " krylov") != std::string::npos);
  }
}

TEST_CASE("the distributed engine's plan, per rank: the basis capped to what fits, then a refusal naming the ranks") {
  SimulationSpec s;
  s.kernel = parse_kernel("exp");
  s.d = 100;
  s.n = 40000;
  s.energies = {1, 1};
  s.times = std::vector<double>(50, 1.0);
  s.engine = EngineChoice::distributed;
  const double GB = 1e9;
  // 2 ranks on one machine. With room for all, each holds its 20000 rows of K (6.4 GB) and the full basis.
  const MemoryPlan full = plan_memory(s, 0, 1000 * GB, 2, 2);
  CHECK(full.engine == EngineChoice::distributed);
  CHECK(full.krylov_capacity == 2000);
  CHECK(full.bytes > 8.0 * 20000 * 40000);
  CHECK(full.notes.empty());
  // A budget with room for 1000 vectors of its rows (basis and M Q: 2 x 20000 doubles each) beside the rest.
  const double per_vector = 8.0 * 20000 * 2, fixed = full.bytes - per_vector * 2000;
  const double budget = fixed + per_vector * 1000.5;
  const MemoryPlan capped = plan_memory(s, 0, 2 * budget / 0.9, 2, 2);  // 90% of each rank's half is its budget
  CHECK(capped.krylov_capacity == 1000);
  REQUIRE(capped.notes.size() == 1);
  CHECK(capped.notes[0].find("capped at 1000 vectors (asked 2000)") != std::string::npos);
  CHECK(capped.bytes <= budget);
  // Below the least basis (100 vectors): refused, with the number of ranks that would fit.
  try {
    (void)plan_memory(s, 0, 2 * (fixed + per_vector * 50) / 0.9, 2, 2);
    FAIL("a 50-vector basis is below the least worth running");
  } catch (const Error& e) {
    CHECK(e.code() == Exit::resources);
    CHECK(std::string(e.what()).find("it fits on about") != std::string::npos);
  }
}
