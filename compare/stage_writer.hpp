#pragma once
// The report of `tristage theory`: stage boundaries, the limiting curves on a beta grid, and their formulas,
// as a terminal table, CSV, JSON or LaTeX.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/provenance.hpp"
#include "theory/stages.hpp"

namespace tristage {

struct StageReport {
  std::string kernel;
  theory::StageCurves curves;
  std::vector<theory::StagePoint> grid;
  double noise = 0;  // sigma^2, for total errors
};

std::string stages_table(const StageReport& r, bool markdown = false);
std::string stages_csv(const StageReport& r);
nlohmann::json stages_json(const StageReport& r);
std::string stages_latex(const StageReport& r, const Provenance& p);  // formulas and a booktabs table of stages
// The same as a Markdown pipe table (exact values as text).
std::string stage_pieces_markdown(const theory::StageCurves& c);
std::string stage_pieces_table(const theory::StageCurves& c);        // the booktabs table alone: limits per piece

}  // namespace tristage
