#include "numeric/simulation_run.hpp"

#include <chrono>
#include <cmath>
#include <string>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "numeric/deterministic_equivalent.hpp"
#include "numeric/distributed_world.hpp"
#include "numeric/engine_factory.hpp"
#include "numeric/observables.hpp"
#include "numeric/xi_quadrature.hpp"

namespace tristage::numeric {

namespace {

// The equivalent at the run's times (effective: times the convention's factor); none where it does not apply (the
// reason is kept).
Predictions predict(const SimulationSpec& sim, Method method, const Spectrum& spectrum, long n, double runs_eta) {
  Predictions p;
  std::vector<double> times;
  for (double t : sim.times) times.push_back(t * sim.time_factor);
  try {
    // The simulation's own degrees first; where its tail model is too coarse for the equivalent (a slowly decaying
    // spectrum at small d), the equivalent takes as many degrees as it needs.
    DeterministicEquivalent de(equivalent_spectrum(spectrum, n, sim.energies), sim.noise);
    if (de.tail_error() > EquivalentOptions{}.tolerance / 10)
      de = deterministic_equivalent(sim.kernel, sim.d, n, sim.energies, sim.noise);
    EquivalentCurves c;
    if (method == Method::gd) {
      // The engines' default step is half the stability bound, n / lambda_max(K), each replicate's own: their mean
      // when they ran, else the equivalent's top edge for lambda_max.
      p.eta = sim.eta > 0 ? sim.eta : runs_eta > 0 ? runs_eta : double(n) / de.clusters().back().hi / sim.time_factor;
      c = de.gd(times, p.eta * sim.time_factor);
    } else {
      c = de.flow(times);
    }
    p.train = std::move(c.train);
    p.test = std::move(c.test);
    p.error = c.error;
    p.nodes = c.nodes;
  } catch (const Error& e) {
    p.skipped = e.what();
  }
  return p;
}

}  // namespace

Spectrum simulation_spectrum(const KernelSpec& kernel, long d, long n, int target_kmax, bool exact_test_error) {
  const int ell = static_cast<int>(std::floor(std::log(double(n)) / std::log(double(d)) + 1e-12));
  int kmax = std::max(target_kmax, ell + 1) + 4;
  const double square = mean_square(kernel, d);
  for (;;) {
    Spectrum s = spectrum_by_quadrature(kernel, d, kmax);
    s.mean_square = square;
    if (!exact_test_error || test_error_degrees(s, test_error_tolerance) <= kmax) return s;
    if (kmax >= 400)
      throw numerical_error("the Gegenbauer series of M needs more than 400 degrees at d = " + std::to_string(d) +
                            " for this kernel; the exact test error is out of reach: use " + setting("monte_carlo_test"));
    kmax *= 2;
  }
}

RunOutput run_simulation(const RunSpec& spec, const Progress& progress, double available,
                         const ReplicateHooks& hooks) {
  const SimulationSpec& sim = spec.simulation;
  RunOutput out;
  // The distributed engine starts MPI here, before anything is planned or allocated.
  const World& world = distributed(sim.engine) && spec.method != Method::sgd ? distributed_world() : current_world();
  out.plan = plan_memory(sim, spec.method == Method::sgd ? spec.sgd_max_steps : 0,
                         available > 0 ? available : available_memory_bytes(), world.size, world.node_size);
  out.t = sim.times;
  const long n = sim.points ? sim.points->rows() : sim.n;
  const bool exact = sim.exact_test || spec.method == Method::sgd;  // online SGD tracks its error exactly, with M
  out.spectrum = simulation_spectrum(sim.kernel, sim.d, n, static_cast<int>(sim.energies.size()) - 1, exact);
  for (int k = 0; k <= out.spectrum.kmax(); ++k)  // before any work: gradient flow on an indefinite K diverges
    if (out.spectrum.xi[k] < -std::abs(out.spectrum.xi_error.at(k))) {
      const std::string what = "kernel '" + sim.kernel.text + "' is indefinite: xi_{d," + std::to_string(k) + "} = " +
                               number_text(out.spectrum.xi[k]) + " < 0 at d = " + std::to_string(sim.d);
      if (!sim.allow_indefinite)
        throw usage_error(what + "; gradient flow would diverge along degree " + std::to_string(k) +
                          ": use a positive-definite kernel, or " + setting("allow_indefinite") + " to run with K's negative "
                          "eigenvalues set to 0");
      out.warnings.push_back(what + "; run anyway (" + setting("allow_indefinite") + "): K's negative eigenvalues are set to 0");
    }
  // A target degree whose xi_{d,k} is lost in its own quadrature error (a kernel whose coefficients span more than
  // double precision, e.g. taylor:1e-90,1,0,0,1e90) would never be learned, silently. The error matters only if it
  // moves e^{-t xi_k} within the run: error * t_max above 1e-3 (so that exact zeros, like arccos1's odd degrees, pass).
  double t_max = 0;
  for (double t : sim.times)
    if (std::isfinite(t)) t_max = std::max(t_max, t * sim.time_factor);
  for (size_t k = 0; k < sim.energies.size() && static_cast<int>(k) <= out.spectrum.kmax(); ++k) {
    const double xi = out.spectrum.xi[k], error = std::abs(out.spectrum.xi_error.at(k));
    if (sim.energies[k] > 0 && error > 1e-3 * std::abs(xi) && error * t_max > 1e-3)
      throw numerical_error("xi_{d," + std::to_string(k) + "} = " + number_text(xi) + " +- " + number_text(error) +
                            " at d = " + std::to_string(sim.d) + ": the kernel's coefficients span more than double "
                            "precision resolves, so degree " + std::to_string(k) + " of the target cannot be followed; "
                            "rescale the kernel's coefficients");
  }
  for (double t : sim.times) out.oracle.push_back(oracle_excess(out.spectrum, sim.energies, t * sim.time_factor));
  if (spec.method == Method::sgd)
    out.predicted.test = out.oracle;  // online SGD follows the oracle flow (THEORY.md 3); it has no training error
  if (spec.method == Method::sgd) {
    // Online SGD stops at its step budget: the times beyond it get no value. Said before the work, not found after.
    const double eta = sim.eta > 0 ? sim.eta : 0.1, reach = double(spec.sgd_max_steps) * eta;
    double last = 0;
    long beyond = 0;
    for (double t : sim.times)
      if (std::floor(t / eta + 1e-9) > double(spec.sgd_max_steps)) {
        ++beyond;
        last = std::max(last, t);
      }
    if (beyond > 0)
      out.warnings.push_back(
          "online SGD's step budget of " + std::to_string(spec.sgd_max_steps) + " steps of eta = " + number_text(eta) +
          " reaches t = " + number_text(reach) + ", short of the last time t = " + number_text(last) + ": " +
          std::to_string(beyond) + " of " + std::to_string(sim.times.size()) + " times have no value; " +
          (std::isinf(last) ? std::string("t = infinity is out of its reach")
                            : "about " + number_text(std::ceil(last / eta)) + " steps would reach them") +
          " (the work grows as steps^2)");
  }
  std::vector<std::vector<double>> train, test, mc;
  for (int r = 0; r < spec.seeds; ++r) {
    const std::string tag = "seed " + std::to_string(r + 1) + "/" + std::to_string(spec.seeds) + ": ";
    auto say = [&](const std::string& m) {
      if (progress) progress(tag + m);
    };
    if (spec.method == Method::sgd) {
      say("online SGD");
      Rng rng(spec.seed, r, Stream::sgd);
      std::vector<double> times;
      for (double t : sim.times) times.push_back(t * sim.time_factor);
      const auto target = GegenbauerTarget::single_index(sim.d, sim.energies, sim.direction);
      // Under the plain loss a step eta moves f by 2 eta (y - f) H: steps of factor * eta at times factor * t.
      const double eta = (sim.eta > 0 ? sim.eta : 0.1) * sim.time_factor;
      out.sgd.push_back(online_sgd(sim.kernel, target, out.spectrum, sim.noise, times, eta, spec.sgd_max_steps, rng));
      out.sgd.back().eta = eta / sim.time_factor;
      test.push_back(out.sgd.back().test);
      continue;
    }
    SimulationSpec s = sim;
    s.dynamics = spec.method == Method::gd ? Dynamics::gd : Dynamics::flow;
    if (auto kept = hooks.reuse ? hooks.reuse(r) : std::nullopt) {
      say("reused from the checkpoint");
      out.replicates.push_back(std::move(*kept));
    } else {
      const auto start = std::chrono::steady_clock::now();
      out.replicates.push_back(simulate_replicate(s, out.plan, out.spectrum, spec.seed, r, say));
      if (hooks.finished)
        hooks.finished(r, out.replicates.back(),
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    const auto& rep = out.replicates.back();
    train.push_back(rep.train);
    if (!rep.test.empty()) test.push_back(rep.test);
    if (!rep.test_mc.empty()) mc.push_back(rep.test_mc);
  }
  out.train = mean_and_error(train);
  out.test = mean_and_error(test);
  out.test_mc = mean_and_error(mc);
  if (spec.method != Method::sgd) {
    double eta = 0;
    for (const auto& rep : out.replicates) eta += rep.eta / double(out.replicates.size());
    out.predicted = predict(sim, spec.method, out.spectrum, n, eta);
    if (!out.predicted.skipped.empty())
      out.warnings.push_back("no deterministic-equivalent predictions: " + out.predicted.skipped);
  }
  return out;
}

}  // namespace tristage::numeric
