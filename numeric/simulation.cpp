#include "numeric/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "numeric/dense_engine.hpp"
#include "numeric/kernel_matrix.hpp"
#include "numeric/krylov_engine.hpp"
#include "numeric/lanczos_norm.hpp"
#include "numeric/memory_plan.hpp"
#include "numeric/observables.hpp"
#include "numeric/sphere.hpp"

namespace tristage::numeric {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

Error unstable_step(double eta, double bound, int factor) {
  return usage_error("--eta " + number_text(eta) + " is unstable: gradient descent needs eta below " + number_text(bound) +
                     (factor == 1 ? " here (2n / lambda_max(K))" : " here (n / lambda_max(K) for the plain loss)") +
                     "; choose a smaller step");
}

int level(long n, long d) { return static_cast<int>(std::floor(std::log(double(n)) / std::log(double(d)) + 1e-12)); }

// ||K - sum_{k<=ell} xi_k B_k Q_k(XX^T/d) - kappa I||_op from K's upper triangle (either engine's array).
double residual_norm(const Eigen::MatrixXd& K, const Eigen::MatrixXd& X, const Spectrum& s, int ell, double kappa) {
  std::vector<double> c;
  for (int k = 0; k <= ell; ++k) c.push_back(s.xi[k] * s.B[k]);
  Eigen::MatrixXd R = gegenbauer_matrix(X, c);
  R.triangularView<Eigen::Upper>() = K - R;
  R.triangularView<Eigen::StrictlyLower>() = R.transpose();
  R.diagonal().array() -= kappa;
  return symmetric_operator_norm(R);
}

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
  const bool krylov = plan.engine == EngineChoice::krylov;
  std::optional<PopulationError> population;
  Eigen::MatrixXd K;
  if (krylov) {
    // K and M in one array: the Krylov engine computes the exact test error itself, from M's triangle.
    std::vector<double> c;
    if (spec.exact_test) {
      c = test_error_series(spectrum, target.kmax());
      population = PopulationError{target.smoothed(X, spectrum), target.norm2(), spectrum.mean_square};
      out.test_degrees = static_cast<int>(c.size()) - 1;
    }
    K = kernel_and_series_matrix(X, h, c);
  } else {
    K = kernel_matrix(X, h);
  }
  out.seconds_kernel = since(start);

  Diagnostics& diag = out.diagnostics;
  diag.ell = std::min(level(n, d), spectrum.kmax());
  diag.kappa = spectrum.kappa(diag.ell);
  if (spec.diagnostics && plan.residual) {
    say("diagnostics");
    diag.residual_norm = residual_norm(K, X, spectrum, diag.ell, diag.kappa);
  }

  start = Clock::now();
  std::unique_ptr<FlowEngine> engine;
  if (krylov) {
    say("Krylov engine (n = " + std::to_string(n) + ", basis up to " + std::to_string(plan.krylov_capacity) + ")");
    engine = std::make_unique<KrylovEngine>(std::move(K), KrylovOptions{spec.krylov_tolerance, plan.krylov_capacity},
                                            std::move(population));
  } else {
    if (spec.dynamics == Dynamics::gd && spec.eta > 0) {
      // Refuse an unstable step before the decomposition: Lanczos gives lambda_max(K) = ||K|| from below.
      const double bound = 2.0 * n / symmetric_operator_norm(K) / spec.time_factor;
      if (spec.eta >= bound) throw unstable_step(spec.eta, bound, spec.time_factor);
    }
    say("eigendecomposition of K (n = " + std::to_string(n) + ")");
    auto dense = std::make_unique<DenseSpectralEngine>(std::move(K));
    if (spec.diagnostics) eigenvalue_blocks(dense->eigenvalues(), spectrum, diag);
    engine = std::move(dense);
  }
  out.engine = engine->report();

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
  const FlowResult flow = engine->run(y, request);
  out.seconds_engine = since(start);
  start = Clock::now();
  out.train = flow.train;
  out.krylov_basis = flow.basis;
  out.krylov_change = flow.change;
  if (krylov) out.test = flow.test;
  for (double t : request.times) out.oracle.push_back(oracle_excess(spectrum, target.energies(), t));
  if (spec.exact_test && !krylov) {
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
