#pragma once
// Regression of the symbolic results: a fixed set of derivations compared with golden files, so that a change
// in any formula shows up as a readable difference.
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tristage {

struct RegressCase {
  std::string name;  // golden file: <name>.json
  std::function<nlohmann::json()> derive;
};

std::vector<RegressCase> regress_cases();

// Differences between a golden document and a new one: strings and structure exactly, numbers to rel_tol.
// Each line names the JSON path, e.g. "coefficients[3].xi: golden 0.1 now 0.2".
std::vector<std::string> json_differences(const nlohmann::json& golden, const nlohmann::json& now,
                                          double rel_tol = 1e-12);

struct RegressOutcome {
  int cases = 0;
  int differing = 0;  // cases with a difference or without a golden file
  std::string report; // readable diff
};

// Compares every case with golden_dir/<name>.json; with update, rewrites them instead (atomically).
RegressOutcome run_regress(const std::filesystem::path& golden_dir, bool update);

}  // namespace tristage
