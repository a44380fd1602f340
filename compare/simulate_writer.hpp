#pragma once
// The files of `tristage simulate`: curves.csv (one row per time, total and excess errors, standard errors,
// Monte Carlo, predictions) and run.json (configuration, seeds, version, spectrum, timings, diagnostics).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/provenance.hpp"
#include "numeric/simulation_run.hpp"

namespace tristage {

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

std::string curves_csv(const SimulateReport& r);
nlohmann::json run_json(const SimulateReport& r, const Provenance& p);

}  // namespace tristage
