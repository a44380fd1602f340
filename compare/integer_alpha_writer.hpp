#pragma once
// `tristage theory --alpha ELL --c C`: the d -> infinity limits at an integer alpha with n = c d^ell (THEORY.md 10),
// on a grid of gamma = t/n and at t = infinity, with their formulas; as a terminal table, CSV, JSON or LaTeX. Train,
// test and oracle are total errors (sigma^2 included), with the excess test and oracle beside them.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/provenance.hpp"
#include "theory/integer_alpha.hpp"

namespace tristage {

struct IntegerAlphaReport {
  std::string kernel;
  const theory::IntegerAlphaLimit* limit = nullptr;
  std::vector<theory::IntegerAlphaPoint> grid;  // the last row is gamma = infinity
};

// The limit on `points` values of gamma = t/n, equally spaced in log10 from gamma_min to gamma_max, then gamma =
// infinity.
IntegerAlphaReport integer_alpha_report(const std::string& kernel, const theory::IntegerAlphaLimit& limit,
                                        double gamma_min, double gamma_max, int points);

std::string integer_alpha_table(const IntegerAlphaReport& r, bool markdown = false);
std::string integer_alpha_csv(const IntegerAlphaReport& r);
nlohmann::json integer_alpha_json(const IntegerAlphaReport& r);
std::string integer_alpha_latex(const IntegerAlphaReport& r, const Provenance& p);

}  // namespace tristage
