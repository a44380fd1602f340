#include "api/tristage.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "compare/coeff_quadrature.hpp"
#include "compare/coeff_writer.hpp"
#include "compare/equivalent_writer.hpp"
#include "compare/experiment.hpp"
#include "compare/finite_theory.hpp"
#include "compare/simulate_writer.hpp"
#include "compare/stage_input.hpp"
#include "compare/stage_writer.hpp"
#include "compare/verify.hpp"
#include "compare/verify_report.hpp"
#include "core/decimal_list.hpp"
#include "core/error.hpp"
#include "core/number_text.hpp"
#include "core/output_folder.hpp"
#include "core/time_grid.hpp"
#include "numeric/engine_factory.hpp"
#include "numeric/simulation_run.hpp"
#include "theory/format.hpp"
#include "theory/symbolic_kernel.hpp"
#include "version.hpp"

namespace tristage {

namespace {

using nlohmann::json;

// The provenance a library call records in place of a command line.
json provenance(const std::string& call) { return Provenance{"library: " + call}.json(); }

}  // namespace

std::string library_version() { return std::string("tristage ") + version; }

json coefficients(const std::string& kernel, std::optional<long> d, const CoefficientOptions& o) {
  if (d && *d < 3) throw usage_error("d = " + std::to_string(*d) + ": the sphere needs d >= 3");
  theory::SymbolicKernel h(parse_kernel(kernel));
  theory::XiOptions xo;
  xo.rel_tol = o.tol;
  auto report = theory::coefficient_report(h, d, o.kmax, o.order, xo);
  if (!o.series_only) fill_by_quadrature(report, h.spec(), std::max(o.tol, 1e-13));
  json j = coeffs_json(report);
  j["tristage"] = provenance("coefficients");
  return j;
}

json stage_limits(const std::string& kernel, double alpha, const std::string& energies, const LimitOptions& o) {
  theory::SymbolicKernel h(parse_kernel(kernel));
  theory::StageInput in = stage_input(energies, o.noise, o.convention, "energies", "noise");
  in.alpha = alpha;
  StageReport r{kernel, theory::stage_curves(h, in), {}, theory::to_double(in.noise)};
  r.grid = theory::stage_grid(r.curves, o.beta_min, o.beta_max.value_or(std::floor(alpha) + 2.5), o.grid);
  json j = stages_json(r);
  j["tristage"] = provenance("stage_limits");
  return j;
}

json deterministic_equivalent(const std::string& kernel, long d, long n, const std::string& energies,
                              const EquivalentOptions& o) {
  theory::SymbolicKernel h(parse_kernel(kernel));
  const theory::StageInput in = stage_input(energies, o.noise, o.convention, "energies", "noise");
  FiniteTheorySpec spec;
  spec.d = d;
  spec.n = n;
  spec.beta_min = o.beta_min;
  spec.beta_max = o.beta_max;
  spec.points = o.grid;
  spec.tolerance = o.tolerance;
  json j = equivalent_json(finite_theory(kernel, h, in, spec));
  j["tristage"] = provenance("deterministic_equivalent");
  return j;
}

json simulate(const std::string& kernel, long d, long n, const std::string& energies, const SimulationOptions& o) {
  numeric::RunSpec spec;
  auto& s = spec.simulation;
  s.kernel = parse_kernel(kernel);
  (void)theory::SymbolicKernel(s.kernel);  // refuses a kernel not analytic at 0
  s.d = d;
  s.n = n;
  if (d < 3 || n < 1) throw usage_error("simulate needs d >= 3 and n >= 1");
  for (const auto& e : parse_nonnegative_list(energies, "energies")) s.energies.push_back(std::stod(e));
  const auto noise = parse_nonnegative_list(o.noise, "noise");
  if (noise.size() != 1) throw usage_error("noise takes one variance, e.g. noise=0.5");  // not the first of several
  s.noise = std::stod(noise[0]);
  if (o.method != "flow" && o.method != "gd") throw usage_error("method is \"flow\" or \"gd\"");
  if (o.test != "exact" && o.test != "mc" && o.test != "both") throw usage_error("test is \"exact\", \"mc\" or \"both\"");
  spec.method = o.method == "gd" ? numeric::Method::gd : numeric::Method::flow;
  s.dynamics = o.method == "gd" ? numeric::Dynamics::gd : numeric::Dynamics::flow;
  s.exact_test = o.test != "mc";
  s.mc_points = o.test == "exact" ? 0 : simulate_defaults::mc_points;
  s.engine = numeric::parse_engine(o.engine);
  if (numeric::distributed(s.engine))
    throw usage_error("the distributed engine runs under mpirun: use the tristage command");
  spec.seeds = o.seeds;
  spec.seed = o.seed;
  const double alpha = std::log(double(n)) / std::log(double(d));
  const std::vector<double> beta = beta_grid(o.beta_min, o.beta_max.value_or(std::floor(alpha) + 2.5), o.grid);
  for (double b : beta) s.times.push_back(std::pow(double(d), b));
  const numeric::RunOutput output = numeric::run_simulation(spec);
  std::vector<std::string> warnings = output.warnings;
  for (const auto& note : output.plan.notes) warnings.push_back(note);
  const SimulateReport report{spec, output, beta, alpha, "half-squared", 0, warnings, "", "", ""};
  json j = run_json(report, Provenance{"library: simulate"});
  // curves.csv's columns, as arrays (null where curves.csv has an empty cell).
  const CurveColumns columns = curve_columns(report);
  json curves = json::object();
  for (size_t c = 0; c < columns.names.size(); ++c) {
    json values = json::array();
    for (double x : columns.values[c]) values.push_back(std::isnan(x) ? json(nullptr) : json(x));
    curves[columns.names[c]] = values;
  }
  j["curves"] = curves;
  return j;
}

json verify(const std::string& experiment_file, const std::string& out_dir, bool force) {
  const Experiment e = experiment_file.empty() ? default_experiment() : load_experiment(experiment_file);
  OutputFolder folder(out_dir, force);
  const VerifyResult r = run_verify(e);
  write_verify_report(r, folder, Provenance{"library: verify " + experiment_file});
  folder.commit();
  std::ifstream in(folder.target() / "summary.json");
  return json::parse(in);
}

}  // namespace tristage
