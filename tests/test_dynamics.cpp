// The empirical world against independent routes: closed-form flow vs time stepping, spectral GD vs iterating,
// exact test error vs Monte Carlo, online SGD vs the oracle flow, and the training-error limit of THEORY.md 6.
#include <doctest/doctest.h>

#include <cmath>

#include "numeric/dense_engine.hpp"
#include "numeric/kernel_matrix.hpp"
#include "numeric/observables.hpp"
#include "numeric/online_sgd.hpp"
#include "numeric/simulation_run.hpp"
#include "numeric/sphere.hpp"
#include "numeric/target.hpp"
#include "numeric/xi_quadrature.hpp"

using namespace tristage;
using namespace tristage::numeric;

namespace {

struct Problem {
  Eigen::MatrixXd X, K;
  Eigen::VectorXd y;
};

Problem small_problem(long n, long d, const char* kernel, uint64_t seed) {
  Rng rng(seed, 0, Stream::points);
  Problem p;
  p.X = sample_sphere(n, d, rng);
  p.K = kernel_matrix(p.X, KernelEvaluator(parse_kernel(kernel)));
  const auto target = GegenbauerTarget::single_index(d, {0.5, 1, 1, 1});
  p.y = target.values(p.X);
  Rng noise(seed, 0, Stream::noise);
  for (long i = 0; i < n; ++i) p.y[i] += 0.3 * noise.normal();
  return p;
}

}  // namespace

TEST_CASE("closed-form gradient flow equals explicit RK4 time stepping") {
  // da/dt = (y - K a)/n from a(0) = 0 gives f_t(X) = K a(t) = (I - e^{-tK/n}) y. RK4 with step h = 0.02 n/lambda_max
  // has global error ~ (h lambda_max/n)^4 ~ 2e-7 relative on the stiffest mode, which is already converged by T;
  // the modes that matter at T have h lambda/n << 1: 1e-8 relative is a safe bound.
  const Problem p = small_problem(40, 6, "exp", 1);
  const long n = p.X.rows();
  const DenseSpectralEngine engine(p.K);
  const double T = 25.0 * n / engine.report().lambda_max * 20;
  FlowRequest req;
  req.times = {T};
  const FlowResult closed = engine.run(p.y, req);

  const double h = 0.02 * n / engine.report().lambda_max;
  const long steps = static_cast<long>(std::ceil(T / h));
  const double dt = T / steps;
  Eigen::VectorXd a = Eigen::VectorXd::Zero(n);
  auto rhs = [&](const Eigen::VectorXd& v) -> Eigen::VectorXd { return (p.y - p.K * v) / double(n); };
  for (long s = 0; s < steps; ++s) {
    const Eigen::VectorXd k1 = rhs(a), k2 = rhs(a + dt / 2 * k1), k3 = rhs(a + dt / 2 * k2), k4 = rhs(a + dt * k3);
    a += dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  CHECK((closed.a.col(0) - a).norm() <= 1e-8 * a.norm());
  const double train = (p.y - p.K * a).squaredNorm() / n;
  CHECK(closed.train[0] == doctest::Approx(train).epsilon(1e-8));
}

TEST_CASE("spectral gradient descent equals iterating the update") {
  // a_{k+1} = a_k + (eta/n)(y - K a_k): the same map as (1 - eta lambda/n)^k mode by mode; only rounding differs.
  const Problem p = small_problem(50, 5, "relu-ntk", 2);
  const long n = p.X.rows();
  const DenseSpectralEngine engine(p.K);
  const double eta = 0.9 * n / engine.report().lambda_max;
  Eigen::VectorXd a = Eigen::VectorXd::Zero(n);
  for (int k = 0; k < 300; ++k) a += eta / n * (p.y - p.K * a);
  FlowRequest req;
  req.dynamics = Dynamics::gd;
  req.eta = eta;
  req.times = {300 * eta};
  const FlowResult gd = engine.run(p.y, req);
  CHECK((gd.a.col(0) - a).norm() <= 1e-10 * a.norm());
}

TEST_CASE("t = infinity is the minimum-norm interpolant") {
  const Problem p = small_problem(30, 8, "exp", 3);
  const DenseSpectralEngine engine(p.K);
  FlowRequest req;
  req.times = {INFINITY};
  const FlowResult r = engine.run(p.y, req);
  CHECK((p.K * r.a.col(0) - p.y).norm() <= 1e-8 * p.y.norm());
  CHECK(r.train[0] < 1e-16 * p.y.squaredNorm());
}

TEST_CASE("exact population test error agrees with Monte Carlo on 10^5 points within 3 standard errors") {
  RunSpec spec;
  auto& s = spec.simulation;
  s.kernel = parse_kernel("exp");
  s.d = 20;
  s.n = 150;
  s.energies = {0.2, 1, 1, 0.5};
  s.noise = 0.5;
  for (double beta : {0.0, 1.0, 1.5, 2.0, 3.0}) s.times.push_back(std::pow(20.0, beta));
  s.mc_points = 100000;
  s.diagnostics = false;
  spec.seed = 7;
  const RunOutput o = run_simulation(spec);
  const auto& rep = o.replicates.at(0);
  for (size_t j = 0; j < s.times.size(); ++j) {
    CAPTURE(j);
    CHECK(std::abs(rep.test[j] - rep.test_mc[j]) <= 3 * rep.test_mc_se[j]);
  }
}

TEST_CASE("online SGD approaches the oracle flow as the step shrinks") {
  // E f_s follows (I - eta H)^s f_*, so the mean error is the discrete-time oracle plus an O(eta) variance term:
  // the gap to the continuous oracle must shrink roughly in proportion to eta.
  const long d = 10;
  const auto target = GegenbauerTarget::single_index(d, {0, 1, 1});
  const Spectrum s = simulation_spectrum(parse_kernel("exp"), d, 50, 2);
  const std::vector<double> times{2, 5, 10, 20};
  auto gap = [&](double eta) {
    double worst = 0;
    std::vector<double> mean(times.size(), 0.0);
    const int seeds = 16;
    for (int r = 0; r < seeds; ++r) {
      Rng rng(11, r, Stream::sgd);
      const auto res = online_sgd(parse_kernel("exp"), target, s, 0.25, times, eta, 100000, rng);
      for (size_t j = 0; j < times.size(); ++j) mean[j] += res.test[j] / seeds;
    }
    for (size_t j = 0; j < times.size(); ++j)
      worst = std::max(worst, std::abs(mean[j] - oracle_excess(s, target.energies(), times[j])));
    return worst;
  };
  // An 8x smaller step should shrink the O(eta) gap about 8x (measured: 0.50 -> 0.072, i.e. 3.6% of ||f_*||^2 = 2
  // at eta = 0.025); requiring 4x leaves room for the seed noise of the 16-run means.
  const double coarse = gap(0.2), fine = gap(0.025);
  MESSAGE("SGD gap to the oracle: eta 0.2 -> " << coarse << ", eta 0.025 -> " << fine);
  CHECK(fine < coarse / 4);
}

TEST_CASE("exp, d = 100, n = 1000, 8 seeds: training error at t = gamma n against e^{-2 gamma kappa_d} (F^2_{>1} + sigma^2)") {
  // The claim (THEORY.md 6, the issue): the expected training error is within 15% of the limit at gamma 0.5 and 1,
  // 25% at gamma 2. It is a claim about an expectation; the test sees an 8-seed mean whose standard error is ~8% of
  // the limit at gamma = 0.5 (single seeds scatter by ~25%). Measured over 64 seeds (seed 1): the limit is 12.4%,
  // 9.8%, 6.7% above the mean at gamma 0.5, 1, 2 (standard error 2.7%, 2.7%, 2.8%). So the check allows the 8-seed
  // mean three of its standard errors beyond the claimed band; the deterministic equivalent (THEORY.md 9) is held to
  // the 3% for training errors, with the same allowance.
  RunSpec spec;
  auto& s = spec.simulation;
  s.kernel = parse_kernel("exp");
  s.d = 100;
  s.n = 1000;
  s.energies = {0, 1, 1, 1};
  s.noise = 0.5;
  const std::vector<double> gammas{0.5, 1, 2};
  for (double g : gammas) s.times.push_back(g * s.n);
  s.diagnostics = false;
  s.exact_test = false;
  spec.seeds = 8;
  spec.seed = 2026;
  const RunOutput o = run_simulation(spec);
  const double kappa = o.spectrum.kappa(1);
  for (size_t j = 0; j < gammas.size(); ++j) {
    const double limit = std::exp(-2 * gammas[j] * kappa) * (2 + 0.5);
    const double mean = o.train.mean[j], se = o.train.standard_error[j];
    const double equivalent = o.predicted.train[j];
    MESSAGE("gamma " << gammas[j] << ": train " << mean << " +- " << se << ", limit " << limit << " ("
                     << std::abs(mean - limit) / limit << "), deterministic equivalent " << equivalent << " ("
                     << std::abs(mean - equivalent) / equivalent << ")");
    CHECK(std::abs(mean - limit) <= (gammas[j] < 2 ? 0.15 : 0.25) * limit + 3 * se);
    CHECK(std::abs(mean - equivalent) <= 0.03 * equivalent + 3 * se);
  }
}

TEST_CASE("the K-decomposition residual falls as d grows") {
  double previous = INFINITY;
  for (long d : {20, 40, 80}) {
    RunSpec spec;
    auto& s = spec.simulation;
    s.kernel = parse_kernel("exp");
    s.d = d;
    s.n = std::lround(std::pow(double(d), 1.5));
    s.energies = {0, 1};
    s.times = {1};
    s.exact_test = false;
    spec.seed = 5;
    const auto o = run_simulation(spec);
    const double residual = o.replicates[0].diagnostics.residual_norm;
    MESSAGE("d = " << d << ", n = " << s.n << ": ||K - low-degree part - kappa I||_op = " << residual);
    CHECK(residual < previous);
    previous = residual;
  }
}

TEST_CASE("the same seed gives the same numbers") {
  RunSpec spec;
  auto& s = spec.simulation;
  s.kernel = parse_kernel("arccos1");
  s.d = 15;
  s.n = 60;
  s.energies = {1, 1, 1};
  s.noise = 0.1;
  s.times = {1, 10, 100};
  spec.seeds = 2;
  spec.seed = 99;
  const auto a = run_simulation(spec), b = run_simulation(spec);
  CHECK(a.train.mean == b.train.mean);
  CHECK(a.test.mean == b.test.mean);
}

TEST_CASE("E[h^2] = sum_k xi_k^2 B_k, the diagonal of M") {
  // Two routes: quadrature of h^2 and the Parseval sum of the quadrature spectrum; each ~1e-15 relative.
  for (std::string name : {"exp", "arccos0", "relu-ntk"}) {
    for (long d : {5, 10, 100}) {
      CAPTURE(name);
      CAPTURE(d);
      const Spectrum s = spectrum_by_quadrature(parse_kernel(name), d, 150);
      double sum = 0;
      for (int k = 0; k <= s.kmax(); ++k) sum += s.xi[k] * s.xi[k] * s.B[k];
      // arccos0 at d = 5: xi_k^2 B_k ~ k^{-4}, the tail past k = 150 is ~1e-8 of the sum; elsewhere far smaller.
      CHECK(std::abs(mean_square(parse_kernel(name), d) - sum) <= (name == "arccos0" && d == 5 ? 1e-7 : 1e-12) * sum);
    }
  }
}

TEST_CASE("zero energies appended to the target change nothing") {
  // Regression: M was truncated at the first vanishing xi (xi_{d,3} = 0 for relu-ntk) instead of by its tail.
  auto run = [](std::vector<double> energies) {
    RunSpec spec;
    auto& s = spec.simulation;
    s.kernel = parse_kernel("relu-ntk");
    s.d = 10;
    s.n = 40;
    s.energies = std::move(energies);
    s.noise = 0.25;
    s.times = {1, 100, 10000};
    s.diagnostics = false;
    spec.seed = 3;
    return run_simulation(spec).test.mean;
  };
  const auto a = run({0, 1, 1, 1}), b = run({0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  for (size_t j = 0; j < a.size(); ++j) CHECK(a[j] == doctest::Approx(b[j]).epsilon(1e-11));
}
