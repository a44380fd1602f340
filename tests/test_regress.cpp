// The golden-file comparison finds and names every kind of difference, and a tampered golden file fails.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "compare/regress.hpp"

using namespace tristage;
using nlohmann::json;

TEST_CASE("json_differences names the path of each difference") {
  json golden = {{"kernel", "exp"}, {"coefficients", {{{"k", 0}, {"xi", 1.0}}, {{"k", 1}, {"xi", 0.5}}}}};
  CHECK(json_differences(golden, golden).empty());
  json now = golden;
  now["coefficients"][1]["xi"] = 0.5 * (1 + 1e-13);  // within the 1e-12 relative tolerance
  CHECK(json_differences(golden, now).empty());
  now["coefficients"][1]["xi"] = 0.6;
  now["kernel"] = "poly:3";
  now["extra"] = 1;
  auto diff = json_differences(golden, now);
  REQUIRE(diff.size() == 3);
  CHECK(diff[0].find("coefficients[1].xi: golden 0.5 now 0.6") == 0);
  CHECK(diff[1].find("kernel:") == 0);
  CHECK(diff[2].find("extra: new") == 0);
}

TEST_CASE("regress against a folder: missing, equal, tampered") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "tristage-regress-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto missing = run_regress(dir, false);
  CHECK(missing.differing == missing.cases);
  run_regress(dir, true);
  auto same = run_regress(dir, false);
  CHECK(same.differing == 0);
  CHECK(same.cases == static_cast<int>(regress_cases().size()));
  // Tamper with one number of one golden file.
  const fs::path file = dir / "coeffs-exp-d100.json";
  json j = json::parse(std::ifstream(file));
  j["coefficients"][2]["xi"] = j["coefficients"][2]["xi"].get<double>() * 1.001;
  std::ofstream(file) << j.dump(2);
  auto tampered = run_regress(dir, false);
  CHECK(tampered.differing == 1);
  CHECK(tampered.report.find("DIFFERENT coeffs-exp-d100") != std::string::npos);
  CHECK(tampered.report.find("coefficients[2].xi: golden") != std::string::npos);
  fs::remove_all(dir);
}
