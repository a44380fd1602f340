#include "numeric/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "numeric/engine_factory.hpp"
#include "numeric/memory_plan.hpp"
#include "numeric/observables.hpp"
#include "numeric/sphere.hpp"

namespace tristage::numeric {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int level(long n, long d) { return static_cast<int>(std::floor(std::log(double(n)) / std::log(double(d)) + 1e-12)); }

// Mean eigenvalue of K/n per degree block (sorted from the top, B(d,k) each) and of the rest: THEORY.md 8.
void eigenvalue_blocks(const Eigen::VectorXd& lambda, const Spectrum& spectrum, Diagnostics& diag) {
  const long n = lambda.size();  // ascending
  long taken = 0;
  for (int k = 0; k <= diag.ell; ++k) {
    const long size = std::min<long>(static_cast<long>(spectrum.B[k]), n - taken);
    double sum = 0;
    for (long i = 0; i < size; ++i) sum += lambda[n - 1 - taken - i];
    diag.blocks.push_back({k, size, size ? sum / size / n : 0, spectrum.xi[k] + diag.kappa / n});
    taken += size;
  }
  if (taken < n) diag.bulk_mean = lambda.head(n - taken).mean() / n;
  diag.bulk_predicted = diag.kappa / n;
}

}  // namespace

ReplicateResult simulate_replicate(const SimulationSpec& spec, const MemoryPlan& plan, const Spectrum& spectrum,
                                   uint64_t seed, int replicate, const Progress& progress) {
  auto say = [&](const std::string& m) {
    if (progress) progress(m);
  };
  ReplicateResult out;
  const long d = spec.d;
  auto start = Clock::now();

  Eigen::MatrixXd X;
  if (spec.points) {
    X = *spec.points;
  } else {
    Rng rng(seed, replicate, Stream::points);
    X = sample_sphere(spec.n, d, rng);
  }
  const long n = X.rows();
  const GegenbauerTarget target = GegenbauerTarget::single_index(d, spec.energies, spec.direction);
  Eigen::VectorXd y = target.values(X);
  if (spec.noise_values) {
    y += *spec.noise_values;
  } else if (spec.noise > 0) {
    Rng rng(seed, replicate, Stream::noise);
    const double sigma = std::sqrt(spec.noise);
    for (long i = 0; i < n; ++i) y[i] += sigma * rng.normal();
  }

  const KernelEvaluator h(spec.kernel);
  Diagnostics& diag = out.diagnostics;
  diag.ell = std::min(level(n, d), spectrum.kmax());
  diag.kappa = spectrum.kappa(diag.ell);
  BuiltEngine built = build_engine({spec, plan, spectrum, X, h, target, diag.ell, diag.kappa}, say);
  const FlowEngine& engine = *built.engine;
  out.seconds_kernel = built.seconds_kernel;
  if (built.residual_norm) diag.residual_norm = *built.residual_norm;
  if (spec.diagnostics && engine.eigenvalues()) eigenvalue_blocks(*engine.eigenvalues(), spectrum, diag);
  out.engine = engine.report();
  start = Clock::now();

  FlowRequest request;
  request.dynamics = spec.dynamics;
  for (double t : spec.times) request.times.push_back(t * spec.time_factor);
  if (spec.dynamics == Dynamics::gd) {
    // GD on the loss of the convention: a step eta moves a by factor * eta (y - K a)/n, so t = k eta with steps of
    // factor * eta, stable iff factor * eta < 2n / lambda_max. The engine counts floor(t factor / (eta factor)).
    const double bound = 2.0 * n / out.engine.lambda_max / spec.time_factor;
    out.eta = spec.eta > 0 ? spec.eta : bound / 2;
    if (out.eta >= bound) throw unstable_step(out.eta, bound, spec.time_factor);
    request.eta = out.eta * spec.time_factor;
  }
  say("curves");
  const FlowResult flow = engine.run(y, request);
  out.seconds_engine = since(start) + out.engine.seconds_factor;
  start = Clock::now();
  out.train = flow.train;
  out.krylov_basis = flow.basis;
  out.krylov_change = flow.change;
  for (double t : request.times) out.oracle.push_back(oracle_excess(spectrum, target.energies(), t));
  if (!flow.test.empty()) {  // the engine measured it along its way
    out.test = flow.test;
    out.test_degrees = built.test_degrees;
  } else if (spec.exact_test) {
    const ExactTestError exact(X, target, spectrum);
    out.test = exact.excess(flow.a);
    out.test_degrees = exact.degrees();
  }
  if (spec.mc_points > 0) {
    say("Monte-Carlo test error on " + std::to_string(spec.mc_points) + " points");
    Rng rng(seed, replicate, Stream::test_points);
    const Eigen::MatrixXd T = sample_sphere(spec.mc_points, d, rng);
    auto mc = monte_carlo_error(X, flow.a, target, h, T);
    out.test_mc = std::move(mc.mean);
    out.test_mc_se = std::move(mc.standard_error);
  }
  out.seconds_observables = since(start);
  return out;
}

}  // namespace tristage::numeric
