#pragma once
// The files of `tristage simulate`: curves.csv (one row per time, total and excess errors, standard errors,
// Monte Carlo, predictions) and run.json (configuration, seeds, version, spectrum, timings, diagnostics).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/provenance.hpp"
#include "numeric/simulation_run.hpp"

namespace tristage {

// simulate's defaults, for the command and the library alike: the same call gives the same numbers.
namespace simulate_defaults {
inline constexpr int seeds = 1, grid = 121;
inline constexpr unsigned long seed = 0;
inline constexpr long mc_points = 100000;
}  // namespace simulate_defaults

struct SimulateReport {
  const numeric::RunSpec& spec;
  const numeric::RunOutput& output;
  std::vector<double> beta;  // t = d^beta
  double alpha = 0;
  std::string convention;    // "half-squared" or "squared"
  double seconds = 0;
  std::vector<std::string> warnings;
  std::string points_file, noise_file, direction_file;  // as given; empty when sampled
};

// The curves by column (curves.csv's names and order), NaN where a value does not exist (no Monte Carlo, one seed).
struct CurveColumns {
  std::vector<std::string> names;
  std::vector<std::vector<double>> values;  // values[c][j]: column c at time j
};
CurveColumns curve_columns(const SimulateReport& r);

std::string curves_csv(const SimulateReport& r);  // empty cells where curve_columns has NaN
nlohmann::json run_json(const SimulateReport& r, const Provenance& p);

}  // namespace tristage
