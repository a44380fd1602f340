#include "compare/latex_number.hpp"
#include "compare/stage_writer.hpp"

#include <cmath>
#include <sstream>

#include "compare/text_table.hpp"
#include "theory/format.hpp"
#include "theory/stage_latex.hpp"

namespace tristage {
using namespace theory;
using nlohmann::json;

namespace {

std::string bound_text(double x) { return std::isinf(x) ? (x > 0 ? "inf" : "-inf") : format_number(x, 12); }
json bound_json(double x) { return std::isinf(x) ? json(nullptr) : json(x); }

// Plain text of a curve value: the energies as symbols, then the number.
std::string value_text(const StageCurves& c, const GiNaC::ex& e) {
  std::ostringstream o;
  o << energy_sum_text(c, e) << " = " << exact_text(numeric_value(c, e));
  return o.str();
}

std::string scale_text(const DegreeScale& s) {
  if (!s.exponent) return "never (xi_{d,k} = 0)";
  return "t ~ d^" + std::to_string(*s.exponent) + ", rate " + exact_text(s.rate);
}

TextTable grid_table(const StageReport& r) {
  TextTable t;
  t.header = {"beta", "stage", "oracle", "test", "train", "oracle_excess", "test_excess", "train_excess"};
  for (const auto& p : r.grid)
    t.rows.push_back({format_number(p.beta, 10), std::to_string(p.stage), format_number(p.oracle + r.noise, 12),
                      format_number(p.test + r.noise, 12), format_number(p.train, 12), format_number(p.oracle, 12),
                      format_number(p.test, 12), format_number(p.train - r.noise, 12)});
  return t;
}

}  // namespace

std::string stages_table(const StageReport& r, bool markdown) {
  const StageCurves& c = r.curves;
  std::ostringstream o;
  o << "kernel " << r.kernel << ", alpha = " << c.alpha << " (n = d^alpha, ell = " << c.ell << "), t = d^beta, "
    << (c.factor == 1 ? "loss (1/2)E(y-f)^2" : "loss E(y-f)^2") << "\n";
  if (c.alpha_is_integer) o << "warning: alpha is an integer; the theorem assumes it is not\n";
  o << "kappa(" << c.ell << ") = " << exact_text(c.kappa) << " = " << format_number(to_double(c.kappa), 12) << "\n";
  o << "stage 1: beta < " << c.alpha << "; stage 2: " << c.alpha << " < beta < " << bound_text(c.boundary_23);
  if (!std::isinf(c.boundary_23)) o << "; stage 3: beta > " << bound_text(c.boundary_23);
  o << "\n\n";
  TextTable deg;
  deg.header = {"k", "F_k^2", "learned when", "by the empirical model"};
  for (const auto& s : c.degrees)
    deg.rows.push_back({std::to_string(s.k), exact_text(numeric_value(c, energy_symbol(s.k))), scale_text(s),
                        s.learned_empirically ? "yes" : "no"});
  o << deg.text(markdown) << "\n";
  TextTable pieces;
  pieces.header = {"beta from", "to", "stage", "oracle - sigma^2", "test - sigma^2", "train"};
  for (const auto& p : c.pieces)
    pieces.rows.push_back({bound_text(p.lo), bound_text(p.hi), std::to_string(p.stage), value_text(c, p.oracle),
                           value_text(c, p.test), value_text(c, p.train)});
  o << "limits as d -> infinity (excess = minus sigma^2):\n" << pieces.text(markdown) << "\n";
  o << "at t = gamma n: train -> exp(-" << 2 * c.factor << " gamma kappa) * "
    << exact_text(numeric_value(c, c.test_at_gamma + noise_symbol())) << ", test - sigma^2 -> "
    << exact_text(numeric_value(c, c.test_at_gamma)) << "\n\n";
  o << "curves on the grid (total errors, then excess):\n" << grid_table(r).text(markdown);
  return o.str();
}

std::string stages_csv(const StageReport& r) { return grid_table(r).csv(); }

json stages_json(const StageReport& r) {
  const StageCurves& c = r.curves;
  json j;
  j["kernel"] = r.kernel;
  j["alpha"] = c.alpha;
  j["ell"] = c.ell;
  j["alpha_is_integer"] = c.alpha_is_integer;
  j["convention"] = c.factor == 1 ? "half-squared" : "squared";
  j["noise"] = r.noise;
  j["kappa"] = {{"ell", c.ell}, {"limit", to_double(c.kappa)}, {"limit_exact", exact_text(c.kappa)}};
  j["boundaries"] = {{"stage2_start", c.alpha}, {"stage3_start", bound_json(c.boundary_23)}};
  json degrees = json::array();
  for (const auto& s : c.degrees) {
    json d{{"k", s.k},
           {"energy", to_double(numeric_value(c, energy_symbol(s.k)))},
           {"learned_empirically", s.learned_empirically}};
    d["exponent"] = s.exponent ? json(*s.exponent) : json(nullptr);
    d["rate"] = s.exponent ? json(to_double(s.rate)) : json(nullptr);
    d["rate_exact"] = s.exponent ? json(exact_text(s.rate)) : json(nullptr);
    degrees.push_back(d);
  }
  j["degrees"] = degrees;
  json pieces = json::array();
  for (const auto& p : c.pieces)
    pieces.push_back({{"beta_from", bound_json(p.lo)},
                      {"beta_to", bound_json(p.hi)},
                      {"stage", p.stage},
                      {"oracle_excess", to_double(numeric_value(c, p.oracle))},
                      {"test_excess", to_double(numeric_value(c, p.test))},
                      {"train", to_double(numeric_value(c, p.train))},
                      {"oracle_formula", energy_sum_text(c, p.oracle)},
                      {"test_formula", energy_sum_text(c, p.test)},
                      {"train_formula", energy_sum_text(c, p.train)}});
  j["pieces"] = pieces;
  json grid = json::array();
  for (const auto& p : r.grid)
    grid.push_back({{"beta", p.beta},
                    {"stage", p.stage},
                    {"oracle", p.oracle + r.noise},
                    {"test", p.test + r.noise},
                    {"train", p.train},
                    {"oracle_excess", p.oracle},
                    {"test_excess", p.test}});
  j["grid"] = grid;
  j["latex"] = stage_latex(c);
  return j;
}

std::string stage_pieces_table(const StageCurves& c) {
  std::ostringstream o;
  o << "\\begin{tabular}{lllll}\n\\toprule\n";
  o << "$\\beta$ & stage & oracle $-\\,\\sigma^2$ & test $-\\,\\sigma^2$ & train \\\\\n\\midrule\n";
  auto range = [](const Piece& q) {
    if (std::isinf(q.lo)) return "$\\beta < " + bound_text(q.hi) + "$";
    if (std::isinf(q.hi)) return "$\\beta > " + bound_text(q.lo) + "$";
    return "$" + bound_text(q.lo) + " < \\beta < " + bound_text(q.hi) + "$";
  };
  for (const auto& q : c.pieces)
    o << range(q) << " & " << q.stage << " & $" << exact_latex(numeric_value(c, q.oracle)) << "$ & $"
      << exact_latex(numeric_value(c, q.test)) << "$ & $" << exact_latex(numeric_value(c, q.train)) << "$ \\\\\n";
  o << "\\bottomrule\n\\end{tabular}\n";
  return o.str();
}

std::string stage_pieces_markdown(const StageCurves& c) {
  TextTable t;
  t.header = {"beta", "stage", "oracle - sigma^2", "test - sigma^2", "train"};
  auto range = [](const Piece& q) {
    if (std::isinf(q.lo)) return "beta < " + bound_text(q.hi);
    if (std::isinf(q.hi)) return "beta > " + bound_text(q.lo);
    return bound_text(q.lo) + " < beta < " + bound_text(q.hi);
  };
  for (const auto& q : c.pieces)
    t.rows.push_back({range(q), std::to_string(q.stage), exact_text(numeric_value(c, q.oracle)),
                      exact_text(numeric_value(c, q.test)), exact_text(numeric_value(c, q.train))});
  return t.markdown();
}

std::string stages_latex(const StageReport& r, const Provenance& p) {
  return p.comment("%") + stage_latex(r.curves, latex_digits_at_most(6)) + "\n" + stage_pieces_table(r.curves);
}

}  // namespace tristage
