#pragma once
// What every output records so that its numbers can be reproduced: the version and the exact command.
#include <nlohmann/json.hpp>
#include <string>

namespace tristage {

struct Provenance {
  std::string command;  // the command line as given, arguments quoted where needed
  nlohmann::json json() const;
  std::string comment(const char* prefix) const;  // "% tristage 0.1.0 (abc123): tristage coeffs ..." etc.
};

}  // namespace tristage
