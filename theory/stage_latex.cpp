#include "theory/stage_latex.hpp"

#include <cmath>
#include <sstream>

#include "theory/format.hpp"

namespace tristage::theory {
using namespace GiNaC;

namespace {

std::string num(double x) {
  if (std::isinf(x)) return x > 0 ? "\\infty" : "-\\infty";
  std::ostringstream o;
  o << x;
  return o.str();
}

std::string interval(const Piece& p) {
  if (std::isinf(p.lo)) return "\\beta < " + num(p.hi);
  if (std::isinf(p.hi)) return "\\beta > " + num(p.lo);
  return num(p.lo) + " < \\beta < " + num(p.hi);
}

// e^{-2 f tau c_k}: the factor of a degree on its own time scale, in `var` (tau or gamma).
std::string decay(int factor, const ex& rate, const char* var) {
  ex coefficient = (2 * factor * rate).expand();
  std::string c = exact_latex(coefficient);
  bool compound = c.find_first_of("+-", 1) != std::string::npos;
  if (c == "1") c.clear();
  else if (compound) c = "\\left(" + c + "\\right)";
  return "e^{-" + c + var + "}";
}

std::string cases(const StageCurves& c, const std::vector<std::pair<std::string, ex>>& rows, bool with_numbers) {
  std::string s = "\\begin{cases}\n";
  for (const auto& [when, value] : rows) s += "  " + energy_sum_latex(c, value, with_numbers) + " & " + when + " \\\\\n";
  return s + "\\end{cases}";
}

std::string piecewise(const StageCurves& c, const char* lhs, ex Piece::*field) {
  std::vector<std::pair<std::string, ex>> rows;
  for (const auto& p : c.pieces) rows.emplace_back(interval(p), p.*field);
  return "\\[\n" + std::string(lhs) + " =\n" + cases(c, rows, false) + "\n=\n" + cases(c, rows, true) + "\n\\]\n";
}

}  // namespace

namespace {

// The symbols F_k^2, then sigma^2, that appear in a sum, in that order.
std::string symbol_sum(const StageCurves& c, const ex& sum, bool as_latex) {
  ex e = sum.expand();
  std::string s;
  auto add = [&](const symbol& x) {
    if (e.coeff(x, 1).is_zero()) return;
    s += s.empty() ? "" : " + ";
    std::ostringstream o;
    if (as_latex) o << latex;
    o << x;
    s += o.str();
  };
  for (size_t k = 0; k < c.degrees.size(); ++k) add(energy_symbol(static_cast<int>(k)));
  add(noise_symbol());
  return s.empty() ? "0" : s;
}

}  // namespace

std::string energy_sum_latex(const StageCurves& c, const ex& sum, bool with_numbers) {
  return with_numbers ? exact_latex(numeric_value(c, sum)) : symbol_sum(c, sum, true);
}

std::string energy_sum_text(const StageCurves& c, const ex& sum) { return symbol_sum(c, sum, false); }

std::string stage_latex(const StageCurves& c, int digits) {
  std::ostringstream o;
  o << "% tristage: limiting three-stage curves, alpha = " << c.alpha << ", n = d^alpha, t = d^beta\n";
  o << "Stage 1: $\\beta < \\alpha = " << num(c.alpha) << "$; stage 2: $" << num(c.alpha) << " < \\beta < "
    << num(c.boundary_23) << "$";
  if (!std::isinf(c.boundary_23)) o << "; stage 3: $\\beta > " << num(c.boundary_23) << "$";
  o << ". Effective ridge $\\kappa(" << c.ell << ") = " << exact_latex(c.kappa) << " \\approx "
    << approx_text(to_double(c.kappa), digits) << "$.\n\n";
  o << piecewise(c, "\\lim_{d\\to\\infty} R(f^{\\mathrm{or}}_t) - \\sigma^{2}", &Piece::oracle);
  o << piecewise(c, "\\lim_{d\\to\\infty} R(f_t) - \\sigma^{2}", &Piece::test);
  o << piecewise(c, "\\lim_{d\\to\\infty} R_n(f_t)", &Piece::train);

  // Boundary formulas.
  for (const auto& t : c.tau_boundaries) {
    std::string half;  // the degrees half learned at this scale
    std::string rest;
    ex rest_sum = 0;
    for (const auto& s : c.degrees) {
      if (s.exponent && *s.exponent == t.exponent) {
        std::ostringstream sym;
        sym << latex << energy_symbol(s.k);
        half += (half.empty() ? "" : " + ") + decay(c.factor, s.rate, "\\tau") + sym.str();
      } else if (!s.exponent || *s.exponent > t.exponent) {
        rest_sum += energy_symbol(s.k);
      }
    }
    rest = energy_sum_latex(c, rest_sum, false);
    o << "\\[\nt = \\tau d^{" << t.exponent << "}:\\quad \\lim R(f^{\\mathrm{or}}_t) - \\sigma^{2} = " << half
      << (rest == "0" ? "" : " + " + rest) << "\\]\n";
  }
  ex unlearned = c.test_at_gamma;
  o << "\\[\nt = \\gamma n:\\quad \\lim R_n(f_t) = " << decay(c.factor, c.kappa, "\\gamma") << "\\left("
    << energy_sum_latex(c, unlearned + noise_symbol(), false) << "\\right) = "
    << decay(c.factor, c.kappa, "\\gamma") << "\\cdot " << exact_latex(numeric_value(c, unlearned + noise_symbol()))
    << ",\\qquad \\lim R(f_t) - \\sigma^{2} = " << energy_sum_latex(c, unlearned, false) << " = "
    << exact_latex(numeric_value(c, unlearned)) << "\\]\n";
  return o.str();
}

}  // namespace tristage::theory
