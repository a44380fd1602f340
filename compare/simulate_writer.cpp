#include "compare/simulate_writer.hpp"

#include <cmath>

#include "compare/text_table.hpp"
#include "numeric/engine_factory.hpp"
#include "version.hpp"

namespace tristage {
using nlohmann::json;

namespace {

const char* method_name(numeric::Method m) {
  switch (m) {
    case numeric::Method::flow: return "flow";
    case numeric::Method::gd: return "gd";
    case numeric::Method::sgd: return "sgd";
  }
  return "?";
}

std::string num(double x) { return std::isnan(x) ? "" : format_number(x, 17); }
double at(const std::vector<double>& v, size_t j) { return j < v.size() ? v[j] : std::nan(""); }

}  // namespace

CurveColumns curve_columns(const SimulateReport& r) {
  const auto& o = r.output;
  const double noise = r.spec.simulation.noise;
  const bool single = r.spec.seeds == 1 && !o.replicates.empty() && !o.replicates[0].test_mc_se.empty();
  CurveColumns c;
  c.names = {"t", "beta", "train", "test", "oracle", "train_se", "test_se", "train_excess", "test_excess",
             "oracle_excess", "test_mc", "test_mc_se", "predicted_train", "predicted_test", "predicted_oracle"};
  c.values.resize(c.names.size());
  for (size_t j = 0; j < o.t.size(); ++j) {
    const double train = at(o.train.mean, j), test = at(o.test.mean, j), mc = at(o.test_mc.mean, j);
    const double mc_se = single ? o.replicates[0].test_mc_se[j] : at(o.test_mc.standard_error, j);
    const auto& p = o.predicted;
    const double row[] = {o.t[j], r.beta[j], train, test + noise, o.oracle[j] + noise,
                          at(o.train.standard_error, j), at(o.test.standard_error, j), train - noise,
                          test, o.oracle[j], mc + noise, mc_se, at(p.train, j),
                          at(p.test, j) + noise, o.oracle[j] + noise};
    for (size_t k = 0; k < c.names.size(); ++k) c.values[k].push_back(row[k]);
  }
  return c;
}

std::string curves_csv(const SimulateReport& r) {
  const CurveColumns c = curve_columns(r);
  TextTable t;
  t.header = c.names;
  for (size_t j = 0; j < (c.values.empty() ? 0 : c.values[0].size()); ++j) {
    std::vector<std::string> row;
    for (const auto& column : c.values) row.push_back(num(column[j]));
    t.rows.push_back(row);
  }
  return t.csv();
}

json run_json(const SimulateReport& r, const Provenance& p) {
  const auto& s = r.spec.simulation;
  const auto& o = r.output;
  json j;
  j["tristage"] = p.json();
  j["configuration"] = {{"kernel", s.kernel.text},
                        {"d", s.d},
                        {"n", s.points ? s.points->rows() : s.n},
                        {"alpha", r.alpha},
                        {"energies", s.energies},
                        {"noise", s.noise},
                        {"method", method_name(r.spec.method)},
                        {"convention", r.convention},
                        {"time_factor", s.time_factor},
                        {"eta", s.eta},
                        {"test", {{"exact", s.exact_test}, {"monte_carlo_points", s.mc_points}}},
                        {"points_file", r.points_file.empty() ? json(nullptr) : json(r.points_file)},
                        {"noise_file", r.noise_file.empty() ? json(nullptr) : json(r.noise_file)},
                        {"direction_file", r.direction_file.empty() ? json(nullptr) : json(r.direction_file)},
                        {"beta", r.beta}};
  j["engine"] = {{"engine", numeric::engine_name(o.plan.engine)},
                 {"asked", numeric::engine_name(s.engine)},
                 {"processes", o.plan.processes},
                 {"krylov_basis_capacity", o.plan.krylov_capacity},
                 {"krylov_tolerance", s.krylov_tolerance},
                 {"planned_peak_bytes", o.plan.bytes},
                 {"available_bytes", o.plan.available},
                 {"plan_notes", o.plan.notes}};
  const auto& predicted = o.predicted;
  j["prediction"] = {{"method", r.spec.method == numeric::Method::sgd ? "the oracle flow (online SGD follows it)"
                                                                       : "deterministic equivalent (THEORY.md 9)"},
                     {"error_estimate", predicted.error},
                     {"contour_nodes", predicted.nodes},
                     {"eta", predicted.eta},
                     {"skipped", predicted.skipped.empty() ? json(nullptr) : json(predicted.skipped)}};
  j["seed"] = r.spec.seed;
  j["seeds"] = r.spec.seeds;
  j["replicate_streams"] = "xoshiro256** seeded by SplitMix64 from (seed, replicate index 0..seeds-1, stream)";
  json spectrum = json::array();
  for (int k = 0; k <= o.spectrum.kmax(); ++k)
    spectrum.push_back({{"k", k}, {"xi", o.spectrum.xi[k]}, {"B", o.spectrum.B[k]},
                        {"xi_error", k < static_cast<int>(o.spectrum.xi_error.size()) ? o.spectrum.xi_error[k] : 0},
                        {"kappa", o.spectrum.kappa(k)}});
  j["spectrum"] = {{"h1", o.spectrum.h1}, {"mean_square", o.spectrum.mean_square}, {"degrees", spectrum}};
  json reps = json::array();
  for (size_t i = 0; i < o.replicates.size(); ++i) {
    const auto& rep = o.replicates[i];
    json blocks = json::array();
    for (const auto& b : rep.diagnostics.blocks)
      blocks.push_back({{"k", b.k}, {"size", b.size}, {"mean_eigenvalue_over_n", b.mean_eigenvalue},
                        {"predicted_xi_plus_kappa_over_n", b.predicted}});
    const bool krylov = rep.krylov_basis > 0;
    reps.push_back({{"replicate", i},
                    {"engine", rep.engine.engine},
                    {"processes", rep.engine.processes},
                    {"lambda_min", rep.engine.lambda_min ? json(*rep.engine.lambda_min) : json(nullptr)},
                    {"lambda_max", rep.engine.lambda_max},
                    {"clamped_negative_eigenvalues", rep.engine.clamped},
                    {"most_negative_eigenvalue", rep.engine.clamped_most_negative},
                    {"krylov_basis", krylov ? json(rep.krylov_basis) : json(nullptr)},
                    {"krylov_relative_change", krylov ? json(rep.krylov_change) : json(nullptr)},
                    {"eta", rep.eta},
                    {"test_error_degrees", rep.test_degrees},
                    {"seconds", {{"kernel", rep.seconds_kernel}, {"engine", rep.seconds_engine},
                                 {"observables", rep.seconds_observables}}},
                    {"diagnostics", s.diagnostics ? json{{"ell", rep.diagnostics.ell},
                                                          {"kappa_d", rep.diagnostics.kappa},
                                                          {"residual_operator_norm", rep.diagnostics.residual_norm},
                                                          {"blocks", blocks},
                                                          {"bulk_mean_eigenvalue_over_n", rep.diagnostics.bulk_mean},
                                                          {"bulk_predicted_kappa_over_n",
                                                           rep.diagnostics.bulk_predicted}}
                                                   : json(nullptr)}});
  }
  for (size_t i = 0; i < o.sgd.size(); ++i)
    reps.push_back({{"replicate", i}, {"engine", numeric::online_sgd_name}, {"steps", o.sgd[i].steps}, {"eta", o.sgd[i].eta}});
  j["replicates"] = reps;
  j["seconds"] = r.seconds;
  j["warnings"] = r.warnings;
  return j;
}

}  // namespace tristage
