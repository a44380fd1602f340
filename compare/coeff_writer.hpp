#pragma once
// The report of `tristage coeffs` as a terminal table, CSV, JSON or a booktabs LaTeX table.
#include <nlohmann/json.hpp>
#include <string>

#include "compare/provenance.hpp"
#include "theory/coefficients.hpp"

namespace tristage {

std::string coeffs_table(const theory::CoefficientReport& r, bool markdown = false);  // aligned text, or Markdown
std::string coeffs_csv(const theory::CoefficientReport& r);  // header row first; provenance: cli/output.hpp
nlohmann::json coeffs_json(const theory::CoefficientReport& r);
std::string coeffs_latex(const theory::CoefficientReport& r, const Provenance& p);

}  // namespace tristage
