// tristage simulate: finite-n dynamics in both worlds, with exact population errors, written to an output folder.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compare/experiment.hpp"
#include "compare/curves_figure.hpp"
#include "compare/simulate_writer.hpp"
#include "compare/stage_input.hpp"
#include "core/decimal_list.hpp"
#include "core/error.hpp"
#include "core/number_text.hpp"
#include "core/output_folder.hpp"
#include "core/time_grid.hpp"
#include "numeric/data_files.hpp"
#include "numeric/distributed_world.hpp"
#include "numeric/engine_factory.hpp"

namespace tristage::cli {

namespace {

struct SimulateOptions {
  std::string kernel, energies, noise = "0", method = "flow", test = "exact", convention = "half", engine = "auto", out;
  long d = 0, n = 0;
  std::optional<double> alpha, beta_max;
  double beta_min = 0, eta = 0;
  int seeds = simulate_defaults::seeds, grid = simulate_defaults::grid;
  uint64_t seed = simulate_defaults::seed;
  long mc_points = simulate_defaults::mc_points, sgd_steps = 20000, krylov_basis = 2000;
  double krylov_tol = 1e-10;
  std::string points, noise_file, direction;
  bool force = false, no_diagnostics = false, progress = false, allow_indefinite = false, plot = false;
  std::string pdf = "gnuplot";
};

std::vector<double> to_doubles(const std::vector<std::string>& text) {
  std::vector<double> v;
  for (const auto& s : text) v.push_back(std::strtod(s.c_str(), nullptr));
  return v;
}

}  // namespace

void add_simulate(CLI::App& app, const Provenance& provenance) {
  auto opt = std::make_shared<SimulateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "finite-n gradient flow (or GD, or online SGD) with exact train, test and oracle errors at times "
                  "t = d^beta, averaged over seeds; writes DIR/curves.csv and DIR/run.json");
  cmd->add_option("--kernel", opt->kernel, "the kernel h: " + kernel_forms())->required();
  cmd->add_option("--d", opt->d, "dimension, >= 3")->required()->check(CLI::Range(3L, 1000000L));
  auto* n = cmd->add_option("--n", opt->n, "number of samples")->check(CLI::Range(1L, 100000000L));
  auto* alpha = cmd->add_option("--alpha", opt->alpha, "n = round(d^alpha)")->check(finite_range(0.0, 10.0));
  n->excludes(alpha);
  cmd->add_option("--energies", opt->energies, "E_0,E_1,...: target energy F_k^2 per degree")->required();
  cmd->add_option("--noise", opt->noise, "noise variance sigma^2")->capture_default_str();
  cmd->add_option("--seeds", opt->seeds, "number of replicates (seeds)")->capture_default_str()->check(
      CLI::Range(1, 10000));
  cmd->add_option("--seed", opt->seed, "run seed; every random stream derives from it")
      ->capture_default_str()
      ->check(whole_range(0, std::numeric_limits<long>::max()));
  cmd->add_option("--points", opt->points, "CSV of n points (rows of norm sqrt(d)) instead of sampling")
      ->check(CLI::ExistingFile);
  cmd->add_option("--noise-file", opt->noise_file, "n noise values instead of sampling")->check(CLI::ExistingFile);
  cmd->add_option("--direction", opt->direction, "d numbers: the target direction v (default e_1)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--beta-min", opt->beta_min, "first time exponent, t = d^beta")->capture_default_str()->check(
      finite_range(-10.0, 40.0));
  cmd->add_option("--beta-max", opt->beta_max, "last time exponent (default floor(alpha) + 2.5)")
      ->check(finite_range(-10.0, 40.0));
  cmd->add_option("--grid", opt->grid, "number of times")->capture_default_str()->check(CLI::Range(1, 100000));
  cmd->add_option("--method", opt->method, "flow (exact gradient flow), gd (discrete steps), sgd (online, fresh "
                                           "samples: the oracle world)")
      ->capture_default_str()
      ->transform(CLI::IsMember({"flow", "gd", "sgd"}, CLI::ignore_case));
  cmd->add_option("--eta", opt->eta, "step: gd default n/lambda_max (half the stability bound), sgd default 0.1")
      ->check(finite_range(0.0, 1e12));
  cmd->add_option("--sgd-steps", opt->sgd_steps, "sgd: step budget (work grows as steps^2)")
      ->capture_default_str()
      ->check(CLI::Range(1L, 1000000L));
  cmd->add_option("--test", opt->test, "exact (population error, no test set), mc (Monte Carlo), both")
      ->capture_default_str()
      ->transform(CLI::IsMember({"exact", "mc", "both"}, CLI::ignore_case));
  cmd->add_option("--mc-points", opt->mc_points, "Monte-Carlo test points")->capture_default_str()->check(
      CLI::Range(1L, 100000000L));
  cmd->add_option("--convention", opt->convention, "half: flow on (1/2)E(y-f)^2; plain: on E(y-f)^2 (t -> 2t)")
      ->capture_default_str()
      ->transform(CLI::IsMember({"half", "plain"}, CLI::ignore_case));
  cmd->add_option("--engine", opt->engine, numeric::engine_help())
      ->capture_default_str()
      ->transform(CLI::IsMember(numeric::engine_name_list(), CLI::ignore_case));
  add_krylov_options(cmd, opt->krylov_basis, opt->krylov_tol);
  cmd->add_flag("--allow-indefinite", opt->allow_indefinite,
                "run a kernel with a negative xi_{d,k} (refused otherwise): K's negative eigenvalues are set to 0");
  cmd->add_flag("--no-diagnostics", opt->no_diagnostics, "skip the K-decomposition residual and spectrum blocks");
  cmd->add_option("--out", opt->out, "output folder (created whole at the end; never overwritten without --force)")
      ->required();
  cmd->add_flag("--force", opt->force, "replace --out if it exists");
  cmd->add_flag("--progress", opt->progress, "report progress on stderr (the default when stderr is a terminal)");
  CLI::Option* plot = cmd->add_flag("--plot", opt->plot,
                                    "also draw the curves with the deterministic equivalent and the limits: curves.png "
                                    "and .pdf (with gnuplot's script and data) and curves-pgfplots.tex (flow and gd)");
  add_pdf_option(cmd, opt->pdf)->needs(plot);

  cmd->callback([opt, &provenance] {
    const auto start = std::chrono::steady_clock::now();
    use_pdf_option(opt->pdf);
    numeric::RunSpec spec;
    auto& s = spec.simulation;
    s.kernel = parse_kernel(opt->kernel);
    (void)theory::SymbolicKernel(s.kernel);  // refuses a kernel not analytic at 0 with its own message (exit 2)
    s.d = opt->d;
    s.energies = to_doubles(parse_nonnegative_list(opt->energies, "--energies"));
    const auto noise = parse_nonnegative_list(opt->noise, "--noise");
    if (noise.size() != 1) throw usage_error("--noise takes one variance, e.g. --noise 0.5");
    s.noise = to_doubles(noise)[0];
    if (!std::isfinite(s.noise)) throw usage_error("--noise must be finite");
    if (!opt->points.empty()) s.points = numeric::read_points(opt->points, s.d);
    if (s.points) {
      if (opt->alpha) throw usage_error("--alpha and --points: the points file fixes n; drop --alpha");
      if (opt->n && opt->n != s.points->rows())
        throw usage_error("--n " + std::to_string(opt->n) + " but '" + opt->points + "' has " +
                          std::to_string(s.points->rows()) + " points; drop --n or fix the file");
      s.n = s.points->rows();
    } else if (opt->n) {
      s.n = opt->n;
    } else if (opt->alpha) {
      s.n = std::lround(std::pow(double(s.d), *opt->alpha));
    } else {
      throw usage_error("give the sample size: --n N or --alpha A (n = d^A)");
    }
    if (s.n < 1) throw usage_error("n = " + std::to_string(s.n) + ": need at least one sample");
    const double alpha = std::log(double(s.n)) / std::log(double(s.d));
    if (!opt->noise_file.empty()) s.noise_values = numeric::read_numbers(opt->noise_file, s.n, "--noise-file");
    if (!opt->direction.empty()) {
      s.direction = numeric::read_numbers(opt->direction, s.d, "--direction");
      if (s.direction.norm() == 0) throw usage_error("--direction: the vector is zero; give a nonzero direction");
    }
    spec.method = opt->method == "gd" ? numeric::Method::gd : opt->method == "sgd" ? numeric::Method::sgd
                                                                                   : numeric::Method::flow;
    if (spec.method == numeric::Method::sgd && opt->plot)
      throw usage_error("--plot draws the curves of flow and gd; an SGD run has its test error alone (curves.csv)");
    if (spec.method == numeric::Method::sgd && opt->test != "exact")
      throw usage_error("--method sgd tracks its exact test error step by step; --test mc and both apply to flow and gd");
    if (spec.method == numeric::Method::sgd && (s.points || s.noise_values))
      throw usage_error("--method sgd draws a fresh sample at every step: --points and --noise-file do not apply");
    // Nothing random is left when the points come from a file and the noise from a file (or is zero).
    spec.seeds = s.points && (s.noise_values || s.noise == 0) ? 1 : opt->seeds;
    spec.seed = opt->seed;
    spec.sgd_max_steps = opt->sgd_steps;
    s.eta = opt->eta;
    s.time_factor = opt->convention == "plain" ? 2 : 1;
    s.exact_test = opt->test != "mc";
    s.mc_points = opt->test == "exact" ? 0 : opt->mc_points;
    s.diagnostics = !opt->no_diagnostics;
    s.engine = numeric::parse_engine(opt->engine);
    s.krylov_basis = opt->krylov_basis;
    s.krylov_tolerance = opt->krylov_tol;
    s.allow_indefinite = opt->allow_indefinite;

    SimulateReport report{spec, {}, {}, alpha, opt->convention == "plain" ? "squared" : "half-squared", 0, {}};
    const double beta_max = opt->beta_max.value_or(std::floor(alpha) + 2.5);
    if (beta_max < opt->beta_min) throw usage_error("--beta-max is below --beta-min; the grid runs upwards");
    report.beta = beta_grid(opt->beta_min, beta_max, opt->grid);
    for (double beta : report.beta) s.times.push_back(std::pow(double(s.d), beta));
    if (const auto w = integer_alpha_warning(alpha); !w.empty()) report.warnings.push_back(w);
    // Under MPI, rank 0 alone checks and writes the folder; the ranks agree on the check's outcome.
    if (numeric::distributed(s.engine)) numeric::distributed_world();
    std::optional<OutputFolder> folder;
    numeric::on_output_process([&] { folder.emplace(opt->out, opt->force); });  // checked before the work

    numeric::Progress progress;
    if (numeric::output_process() && (opt->progress || isatty(STDERR_FILENO)))
      progress = [](const std::string& m) { std::cerr << "tristage simulate: " << m << std::endl; };
    const auto output = numeric::run_simulation(spec, progress);
    for (const auto& note : output.plan.notes) report.warnings.push_back(note);
    for (const auto& w : output.warnings) report.warnings.push_back(worded(w));
    for (const auto& rep : output.replicates)
      if (rep.krylov_change > s.krylov_tolerance) {
        report.warnings.push_back("the Krylov curves stopped improving at a relative change of " +
                                  number_text(rep.krylov_change) + ", above --krylov-tol " +
                                  number_text(s.krylov_tolerance) + ": the rounding floor at this n (numeric.md 5b)");
        break;
      }
    if (!folder) return;  // another MPI rank: rank 0 writes
    for (const auto& w : report.warnings) std::cerr << "tristage: warning: " << w << "\n";
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    SimulateReport final{spec,           output,          report.beta,   alpha, report.convention,
                         report.seconds, report.warnings, opt->points, opt->noise_file, opt->direction};
    folder->write("curves.csv", curves_csv(final));
    folder->write("run.json", run_json(final, provenance).dump(2) + "\n");
    if (opt->plot) {
      // The limits where THEORY.md 6 gives them (alpha not an integer), from the exact energies and noise.
      std::optional<theory::StageCurves> limits;
      if (integer_alpha_warning(alpha).empty()) {
        theory::StageInput in = stage_input(opt->energies, opt->noise, opt->convention);
        in.alpha = alpha;
        limits = theory::stage_curves(theory::SymbolicKernel(s.kernel), in);
      }
      write_figure(curves_figure(opt->kernel, s.d, s.n, report.beta, output, s.noise, limits ? &*limits : nullptr),
                   folder->file("curves"));
    }
    folder->commit();
    if (progress)
      progress("wrote " + folder->target().string() + "/curves.csv and run.json (" + std::to_string(report.seconds) +
               " s)");
  });
}

}  // namespace tristage::cli
