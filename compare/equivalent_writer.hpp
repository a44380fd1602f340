#pragma once
// The finite mode of `tristage theory` (--d with --alpha or --n): the deterministic equivalent at (n, d) on the beta
// grid beside the d -> infinity limits, or the ridge estimator at given lambdas; as a terminal table, CSV, JSON or
// LaTeX. Errors are total (sigma^2 included) in every column, as in simulate's curves.csv.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "compare/provenance.hpp"
#include "numeric/deterministic_equivalent.hpp"
#include "theory/stages.hpp"

namespace tristage {

struct EquivalentReport {
  std::string kernel;
  long d = 0, n = 0;
  int factor = 1;                // the loss convention's time factor
  std::string method = "flow";   // flow or gd
  double eta = 0;                // gd: the step (user units)
  double noise = 0;
  double tolerance = 0;          // of the equivalent, relative to sum E + sigma^2
  std::string limits_from;       // which limits the limit columns show (THEORY.md 6, or 10 with its c)
  std::vector<double> beta, t;   // the grid; empty in the ridge mode
  std::vector<theory::StagePoint> limits;  // d -> infinity at each beta: oracle and test excess, train total
  std::vector<double> oracle;              // exact at this d, excess
  numeric::EquivalentCurves curves;        // train total, test excess
  numeric::RidgeEquivalent ridgeless;      // t = infinity
  double kappa0 = 0;
  std::vector<std::pair<double, double>> clusters;  // the support of K's spectrum
  std::vector<double> lambdas;                      // ridge mode
  std::vector<numeric::RidgeEquivalent> ridge;
};

std::string equivalent_table(const EquivalentReport& r, bool markdown = false);
std::string equivalent_csv(const EquivalentReport& r);
nlohmann::json equivalent_json(const EquivalentReport& r);
std::string equivalent_latex(const EquivalentReport& r, const Provenance& p);

}  // namespace tristage
