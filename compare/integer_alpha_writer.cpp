#include "compare/integer_alpha_writer.hpp"

#include <cmath>
#include <sstream>

#include "compare/latex_number.hpp"
#include "compare/latex_table.hpp"
#include "compare/text_table.hpp"
#include "core/time_grid.hpp"
#include "theory/format.hpp"

namespace tristage {
using nlohmann::json;
using theory::exact_text;
using theory::to_double;

namespace {

std::string num(double x) { return std::isinf(x) ? "inf" : format_number(x, 12); }

double noise_of(const IntegerAlphaReport& r) { return to_double(r.limit->noise()); }

TextTable grid_table(const IntegerAlphaReport& r) {
  const double s2 = noise_of(r);
  TextTable t;
  t.header = {"gamma", "train", "test", "oracle", "test_excess", "oracle_excess"};
  for (const auto& p : r.grid)
    t.rows.push_back({num(p.gamma), num(p.train), num(p.test + s2), num(p.oracle + s2), num(p.test), num(p.oracle)});
  return t;
}

}  // namespace

IntegerAlphaReport integer_alpha_report(const std::string& kernel, const theory::IntegerAlphaLimit& limit,
                                        double gamma_min, double gamma_max, int points) {
  IntegerAlphaReport r{kernel, &limit, {}};
  for (double x : beta_grid(std::log10(gamma_min), std::log10(gamma_max), points))
    r.grid.push_back(limit.at(std::pow(10.0, x)));
  r.grid.push_back(limit.at(INFINITY));
  return r;
}

std::string integer_alpha_table(const IntegerAlphaReport& r, bool markdown) {
  const auto& m = *r.limit;
  const GiNaC::ex at_c = theory::c_symbol() == GiNaC::ex(m.c_value());
  std::ostringstream o;
  o << "kernel " << r.kernel << ", alpha = " << m.ell() << ", n = c d^" << m.ell() << " with c = " << num(m.c_value())
    << ", t = gamma n, " << (m.factor() == 1 ? "loss (1/2)E(y-f)^2" : "loss E(y-f)^2")
    << "; limits as d -> infinity (THEORY.md 10)\n";
  o << "psi = n / B(d," << m.ell() << ") -> " << m.ell() << "! c = " << num(to_double(m.psi().subs(at_c)))
    << "; a = mu_" << m.ell() << " / " << m.ell() << "! = " << exact_text(m.a()) << "; tau = kappa(" << m.ell()
    << ") = " << exact_text(m.tau()) << " = " << num(to_double(m.tau())) << "\n";
  o << "t = infinity: test - sigma^2 = [F^2_{>ell} + F_ell^2 q0^2/(a psi + q0)^2 + sigma^2 D0] / (1 - D0) = "
    << num(to_double(m.test_infinity().subs(at_c))) << ", with q0 = " << num(to_double(m.q0().subs(at_c)))
    << " (q^2 + (a(psi-1) - tau) q - psi a tau = 0) and D0 = psi a^2/(a psi + q0)^2\n\n";
  o << grid_table(r).text(markdown);
  return o.str();
}

std::string integer_alpha_csv(const IntegerAlphaReport& r) {
  return grid_table(r).csv();
}

json integer_alpha_json(const IntegerAlphaReport& r) {
  const auto& m = *r.limit;
  const GiNaC::ex at_c = theory::c_symbol() == GiNaC::ex(m.c_value());
  const double s2 = noise_of(r);
  json j;
  j["kernel"] = r.kernel;
  j["alpha"] = m.ell();
  j["c"] = m.c_value();
  j["convention"] = m.factor() == 1 ? "half-squared" : "squared";
  j["noise"] = s2;
  j["psi"] = to_double(m.psi().subs(at_c));
  j["a"] = {{"value", to_double(m.a())}, {"exact", exact_text(m.a())}};
  j["tau"] = {{"value", to_double(m.tau())}, {"exact", exact_text(m.tau())}};
  j["q0"] = to_double(m.q0().subs(at_c));
  j["test_infinity_excess"] = to_double(m.test_infinity().subs(at_c));
  json grid = json::array();
  for (const auto& p : r.grid)
    grid.push_back({{"gamma", std::isinf(p.gamma) ? json("inf") : json(p.gamma)},
                    {"train", p.train},
                    {"test", p.test + s2},
                    {"oracle", p.oracle + s2},
                    {"test_excess", p.test},
                    {"oracle_excess", p.oracle}});
  j["grid"] = grid;
  j["latex"] = m.latex();
  return j;
}

std::string integer_alpha_latex(const IntegerAlphaReport& r, const Provenance& p) {
  const TextTable t = grid_table(r);
  std::ostringstream o;
  o << p.comment("%") << r.limit->latex(latex_digits_at_most(6)) << "\n";
  LatexTable table({{"$\\gamma$"}, {"train"}, {"test"}, {"oracle"}, {"test $-\\,\\sigma^2$"}, {"oracle $-\\,\\sigma^2$"}});
  table.add_rows(t.rows);
  o << table.str();
  return o.str();
}

}  // namespace tristage
