#include "compare/provenance.hpp"

#include "version.hpp"

namespace tristage {

nlohmann::json Provenance::json() const { return {{"version", version}, {"command", command}}; }

std::string Provenance::comment(const char* prefix) const {
  return std::string(prefix) + " tristage " + version + ": " + command + "\n";
}

}  // namespace tristage
