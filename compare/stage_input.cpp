#include "compare/stage_input.hpp"

#include "core/decimal_list.hpp"
#include "core/error.hpp"
#include "theory/symbolic_kernel.hpp"

namespace tristage {

theory::StageInput stage_input(const std::string& energies, const std::string& noise, const std::string& convention,
                               const std::string& energies_name, const std::string& noise_name) {
  theory::StageInput in;
  for (const auto& e : parse_nonnegative_list(energies, energies_name)) in.energies.push_back(theory::exact_decimal(e));
  const auto variance = parse_nonnegative_list(noise, noise_name);
  if (variance.size() != 1)
    throw usage_error(noise_name + " takes one variance, e.g. " + noise_name +
                      (noise_name.starts_with("--") ? " 0.5" : "=0.5"));
  in.noise = theory::exact_decimal(variance[0]);
  if (convention != "half" && convention != "plain")
    throw usage_error("the convention is \"half\" or \"plain\", not \"" + convention + "\"");
  in.convention = convention == "plain" ? theory::TimeConvention::squared : theory::TimeConvention::half_squared;
  return in;
}

}  // namespace tristage
