#include "compare/equivalent_writer.hpp"

#include <cmath>
#include <sstream>

#include "compare/latex_table.hpp"
#include "compare/text_table.hpp"

namespace tristage {
using nlohmann::json;

namespace {

std::string num(double x) { return format_number(x, 12); }

TextTable grid_table(const EquivalentReport& r) {
  TextTable t;
  if (!r.lambdas.empty()) {
    t.header = {"lambda", "kappa", "predicted_train", "predicted_test", "interpolation_gap"};
    for (size_t i = 0; i < r.lambdas.size(); ++i) {
      const auto& q = r.ridge[i];
      t.rows.push_back({num(r.lambdas[i]), num(q.kappa), num(q.train), num(q.test + r.noise),
                        num(q.test + r.noise - q.train)});
    }
    return t;
  }
  t.header = {"t",         "beta",           "limit_train",    "limit_test",       "limit_oracle",
              "predicted_train", "predicted_test", "predicted_oracle", "bootstrap_gap", "interpolation_gap"};
  for (size_t j = 0; j < r.beta.size(); ++j) {
    const double train = r.curves.train[j], test = r.curves.test[j] + r.noise, oracle = r.oracle[j] + r.noise;
    const auto& l = r.limits[j];
    t.rows.push_back({num(r.t[j]), num(r.beta[j]), num(l.train), num(l.test + r.noise), num(l.oracle + r.noise),
                      num(train), num(test), num(oracle), num(test - oracle), num(test - train)});
  }
  return t;
}

std::string clusters_text(const EquivalentReport& r) {
  std::ostringstream o;
  for (size_t i = 0; i < r.clusters.size(); ++i)
    o << (i ? ", " : "") << "[" << format_number(r.clusters[i].first, 6) << ", "
      << format_number(r.clusters[i].second, 6) << "]";
  return o.str();
}

}  // namespace

std::string equivalent_table(const EquivalentReport& r, bool markdown) {
  std::ostringstream o;
  const double alpha = std::log(double(r.n)) / std::log(double(r.d));
  o << "kernel " << r.kernel << ", d = " << r.d << ", n = " << r.n << " (alpha = " << format_number(alpha, 6)
    << "), " << (r.factor == 1 ? "loss (1/2)E(y-f)^2" : "loss E(y-f)^2") << ", deterministic equivalent (THEORY.md 9)";
  if (r.lambdas.empty()) o << " of " << (r.method == "gd" ? "gradient descent, eta = " + num(r.eta) : "gradient flow");
  o << "\n";
  o << "kappa(0) = " << num(r.kappa0) << "; the spectrum of K: " << clusters_text(r) << "\n";
  o << "t = infinity (the ridgeless interpolant): train " << num(r.ridgeless.train) << ", test "
    << num(r.ridgeless.test + r.noise) << "\n";
  if (r.lambdas.empty())
    o << "error estimate " << format_number(r.curves.error, 3) << " (" << r.curves.nodes
      << " contour nodes; tolerance " << format_number(r.tolerance, 3) << " of sum E + sigma^2); limits: "
      << r.limits_from << "\n";
  o << "\n" << grid_table(r).text(markdown);
  return o.str();
}

std::string equivalent_csv(const EquivalentReport& r) {
  return grid_table(r).csv();
}

json equivalent_json(const EquivalentReport& r) {
  json j;
  j["kernel"] = r.kernel;
  j["d"] = r.d;
  j["n"] = r.n;
  j["alpha"] = std::log(double(r.n)) / std::log(double(r.d));
  j["convention"] = r.factor == 1 ? "half-squared" : "squared";
  j["noise"] = r.noise;
  j["kappa0"] = r.kappa0;
  json clusters = json::array();
  for (const auto& [lo, hi] : r.clusters) clusters.push_back({lo, hi});
  j["spectrum_support"] = clusters;
  j["ridgeless"] = {{"train", r.ridgeless.train}, {"test", r.ridgeless.test + r.noise}, {"test_excess", r.ridgeless.test}};
  if (!r.lambdas.empty()) {
    json rows = json::array();
    for (size_t i = 0; i < r.lambdas.size(); ++i)
      rows.push_back({{"lambda", r.lambdas[i]}, {"kappa", r.ridge[i].kappa}, {"train", r.ridge[i].train},
                      {"test", r.ridge[i].test + r.noise}, {"test_excess", r.ridge[i].test}});
    j["ridge"] = rows;
    return j;
  }
  j["method"] = r.method;
  if (r.method == "gd") j["eta"] = r.eta;
  j["error_estimate"] = r.curves.error;
  j["contour_nodes"] = r.curves.nodes;
  j["tolerance"] = r.tolerance;
  j["limits_from"] = r.limits_from;
  json grid = json::array();
  for (size_t i = 0; i < r.beta.size(); ++i) {
    const double train = r.curves.train[i], test = r.curves.test[i] + r.noise, oracle = r.oracle[i] + r.noise;
    grid.push_back({{"t", r.t[i]},
                    {"beta", r.beta[i]},
                    {"limit_train", r.limits[i].train},
                    {"limit_test", r.limits[i].test + r.noise},
                    {"limit_oracle", r.limits[i].oracle + r.noise},
                    {"predicted_train", train},
                    {"predicted_test", test},
                    {"predicted_oracle", oracle},
                    {"bootstrap_gap", test - oracle},
                    {"interpolation_gap", test - train}});
  }
  j["grid"] = grid;
  return j;
}

std::string equivalent_latex(const EquivalentReport& r, const Provenance& p) {
  const TextTable t = grid_table(r);
  std::ostringstream o;
  o << p.comment("%") << "% deterministic equivalent (THEORY.md 9), kernel " << r.kernel << ", d = " << r.d
    << ", n = " << r.n << "\n";
  LatexTable table(number_columns(t.header, {{"limit", "limit, $d \\to \\infty$"},
                                             {"predicted", "equivalent at $d = " + std::to_string(r.d) + "$, $n = " +
                                                               std::to_string(r.n) + "$"}}));
  table.add_rows(t.rows);
  o << table.str();
  return o.str();
}

}  // namespace tristage
