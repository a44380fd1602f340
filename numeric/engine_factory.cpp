#include "numeric/engine_factory.hpp"

#include <chrono>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "numeric/dense_engine.hpp"
#include "numeric/distributed_operator.hpp"
#include "numeric/distributed_world.hpp"
#include "numeric/kernel_matrix.hpp"
#include "numeric/krylov_engine.hpp"
#include "numeric/lanczos_norm.hpp"
#include "numeric/memory_plan.hpp"
#include "numeric/observables.hpp"
#include "numeric/shared_array_operator.hpp"

namespace tristage::numeric {

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

constexpr std::pair<EngineChoice, const char*> names[] = {{EngineChoice::dense, "dense"},
                                                          {EngineChoice::krylov, "krylov"},
                                                          {EngineChoice::distributed, "distributed"},
                                                          {EngineChoice::automatic, "auto"}};

// ||K - sum_{k<=ell} xi_k B_k Q_k(XX^T/d) - kappa I||_op from K's upper triangle (either serial engine's array).
double residual_norm(const Eigen::MatrixXd& K, const Eigen::MatrixXd& X, const Spectrum& s, int ell, double kappa) {
  std::vector<double> c;
  for (int k = 0; k <= ell; ++k) c.push_back(s.xi[k] * s.B[k]);
  Eigen::MatrixXd R = gegenbauer_matrix(X, c);
  R.triangularView<Eigen::Upper>() = K - R;
  R.triangularView<Eigen::StrictlyLower>() = R.transpose();
  R.diagonal().array() -= kappa;
  return symmetric_operator_norm(R);
}


}  // namespace

std::vector<std::string> engine_name_list() {
  std::vector<std::string> list;
  for (const auto& [choice, name] : names) list.push_back(name);
  return list;
}

std::string engine_help() {
  return "dense (LAPACK eigendecomposition, the reference), krylov (Lanczos from y: n^2 memory, fast at large n), "
         "distributed (the Krylov engine with K's rows on MPI ranks: mpirun -np P tristage ...), auto (dense up to "
         "n = " + std::to_string(automatic_dense_up_to) + ", then krylov)";
}

const char* engine_name(EngineChoice e) {
  for (const auto& [choice, name] : names)
    if (choice == e) return name;
  return "?";
}

std::string engine_names() {
  std::string list;
  const size_t count = std::size(names);
  for (size_t i = 0; i < count; ++i) list += std::string(i == 0 ? "" : i + 1 == count ? " or " : ", ") + names[i].second;
  return list;
}

EngineChoice parse_engine(const std::string& text) {
  for (const auto& [choice, name] : names)
    if (text == name) return choice;
  throw usage_error("'" + text + "' is not an engine: use " + engine_names());
}

Error unstable_step(double eta, double bound, int factor) {
  return usage_error(setting("eta") + " " + number_text(eta) + " is unstable: gradient descent needs eta below " + number_text(bound) +
                     (factor == 1 ? " here (2n / lambda_max(K))" : " here (n / lambda_max(K) for the plain loss)") +
                     "; choose a smaller step");
}

void check_resumable(EngineChoice e) {
  if (distributed(e))
    throw usage_error(setting("resume") + " does not run with " + setting("engine") + " " + engine_name(e) +
                      ": resume the run with " + setting("engine") + " " + engine_name(EngineChoice::krylov) +
                      ", or start it again with " + setting("force"));
}

bool distributed(EngineChoice e) { return e == EngineChoice::distributed; }

BuiltEngine build_engine(const EngineInputs& in, const std::function<void(const std::string&)>& say) {
  const SimulationSpec& spec = in.spec;
  const long n = in.X.rows();
  BuiltEngine out;
  auto start = Clock::now();
  // M's series and the population terms, for the engines that return the exact test error themselves.
  std::vector<double> series;
  std::optional<PopulationError> population;
  auto population_rows = [&](long first, long count) {
    if (!spec.exact_test) return;
    series = test_error_series(in.spectrum, in.target.kmax());
    out.test_degrees = static_cast<int>(series.size()) - 1;
    population = PopulationError{in.target.smoothed(in.X, in.spectrum).segment(first, count), in.target.norm2()};
  };
  auto residual = [&](const Eigen::MatrixXd& K) {
    if (spec.diagnostics && in.plan.residual) {
      say("diagnostics");
      out.residual_norm = residual_norm(K, in.X, in.spectrum, in.ell, in.kappa);
    }
  };
  const KrylovOptions krylov{spec.krylov_tolerance, in.plan.krylov_capacity, engine_name(in.plan.engine)};

  switch (in.plan.engine) {
    case EngineChoice::dense: {
      Eigen::MatrixXd K = kernel_matrix(in.X, in.h);
      out.seconds_kernel = since(start);
      residual(K);
      if (spec.dynamics == Dynamics::gd && spec.eta > 0) {
        // Refuse an unstable step before the decomposition: Lanczos gives lambda_max(K) = ||K|| from below.
        const double bound = 2.0 * n / symmetric_operator_norm(K) / spec.time_factor;
        if (spec.eta >= bound) throw unstable_step(spec.eta, bound, spec.time_factor);
      }
      say("eigendecomposition of K (n = " + std::to_string(n) + ")");
      out.engine = std::make_unique<DenseSpectralEngine>(std::move(K));
      break;
    }
    case EngineChoice::krylov: {
      // K and M in one array: the Krylov engine computes the exact test error itself, from M's triangle.
      population_rows(0, n);
      Eigen::MatrixXd K = kernel_and_series_matrix(in.X, in.h, series);
      out.seconds_kernel = since(start);
      residual(K);
      say("Krylov engine (n = " + std::to_string(n) + ", basis up to " + std::to_string(krylov.capacity) + ")");
      auto op = std::make_unique<SharedArrayOperator>(
          std::move(K), population ? std::optional<double>(in.spectrum.mean_square) : std::nullopt);
      out.engine = std::make_unique<KrylovEngine>(std::move(op), krylov, std::move(population));
      break;
    }
    case EngineChoice::distributed: {
      const World& world = distributed_world();
      const long first = RankRows::first_row(n, world.rank, world.size), count = RankRows::block(n, world.rank, world.size);
      population_rows(first, count);
      auto op = std::make_unique<DistributedOperator>(in.X, in.h, series, in.spectrum.mean_square);
      out.seconds_kernel = since(start);
      say("distributed Krylov engine (n = " + std::to_string(n) + " on " + std::to_string(world.size) +
          " ranks, basis up to " + std::to_string(krylov.capacity) + ")");
      out.engine = std::make_unique<KrylovEngine>(std::move(op), krylov, std::move(population));
      break;
    }
    case EngineChoice::automatic:
      throw std::logic_error("build_engine: the memory plan chooses the engine first");
  }
  return out;
}

}  // namespace tristage::numeric
