// libFuzzer target: the TOML experiment loader (compare/experiment). Any input may be refused with a
// tristage::Error; anything else (a crash, UB, a leak, another exception, a hang) is a finding, and so is an
// accepted experiment that breaks a rule parse_experiment promises to check.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "compare/experiment.hpp"
#include "core/error.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void check(const tristage::Experiment& e) {
  require(!e.name.empty() && e.name.size() <= 64);
  require(e.kernels.size() == 1 || e.kernels.size() == 2);
  require(e.alpha > 0 && e.alpha <= 4);
  require(e.dims.size() >= 2 && e.dims.size() <= 12 && e.dims.front() >= 3 && e.dims.back() <= 100000);
  require(std::is_sorted(e.dims.begin(), e.dims.end()) &&
          std::adjacent_find(e.dims.begin(), e.dims.end()) == e.dims.end());
  require(e.seeds >= 1 && e.seeds <= 1000);
  require(!e.energies.empty() && e.energies.size() <= 50);
  require(std::any_of(e.energies.begin(), e.energies.end(), [](double x) { return x > 0; }));
  require(std::all_of(e.energies.begin(), e.energies.end(), [](double x) { return x >= 0 && x <= 1e6; }));
  require(e.noise >= 0 && e.noise <= 1e6);
  require(e.beta_max > e.beta_min && e.beta_min >= -10 && e.beta_max <= 40);
  require(e.points >= 2 && e.points <= 10001);
  require(e.method == "flow" || e.method == "gd");
  require(e.convention == "half" || e.convention == "plain");
  require(e.claims.size() == tristage::claim_names().size());
  for (const auto& [name, c] : e.claims) {
    require(c.shift > -1 && c.shift <= 1);
    for (double x : c.points) require(x > 0 && x <= 1e6);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    check(tristage::parse_experiment(std::string(reinterpret_cast<const char*>(data), size), "fuzz.toml"));
  } catch (const tristage::Error&) {
  }
  return 0;
}
