#include "compare/coeff_writer.hpp"

#include <cmath>
#include <sstream>

#include "compare/latex_table.hpp"
#include "compare/text_table.hpp"
#include "theory/format.hpp"
#include "theory/harmonics.hpp"

namespace tristage {
using namespace theory;
using nlohmann::json;

namespace {

const GiNaC::symbol& d() { return d_symbol(); }

// Exact value at symbolic d: a polynomial or rational function of d.
std::string exact_in_d(const GiNaC::ex& e) { return rational_text(e, d()); }

// xi at symbolic d: the rational function of d, or the series when the kernel is not a polynomial.
std::string symbolic_xi_text(const CoefficientRow& row) {
  return row.xi_rational ? exact_in_d(*row.xi_rational) : "series only (give a numeric --d)";
}

json expansion_json(const InverseDSeries& s) {
  json coefficients = json::array();
  for (const auto& c : s) coefficients.push_back(exact_text(c));
  return {{"text", series_text(s)}, {"latex", series_latex(s)}, {"coefficients", coefficients}};
}

std::string d_text(const CoefficientReport& r) { return r.d ? std::to_string(*r.d) : "symbolic"; }

}  // namespace

std::string coeffs_table(const CoefficientReport& r, bool markdown) {
  TextTable t;
  t.header = {"k", "B(d,k)", "xi_{d,k}", "status", "B*xi", "d^k*xi", "mu_k", "d^k xi_{d,k} as d -> inf"};
  for (const auto& row : r.rows) {
    std::vector<std::string> cells{std::to_string(row.k)};
    if (r.d) {
      const auto& xi = *row.xi;
      bool ok = xi.status != XiValue::Status::needs_quadrature;
      double b = to_double(row.B);
      cells.push_back(format_number(b, 15));
      cells.push_back(ok ? format_number(xi.value, 15) : "needs quadrature");
      cells.push_back(status_name(xi.status));
      cells.push_back(ok ? format_number(b * xi.value, 12) : "-");
      cells.push_back(ok ? format_number(std::pow(double(*r.d), row.k) * xi.value, 12) : "-");
    } else {
      cells.push_back(exact_in_d(row.B));
      cells.push_back(symbolic_xi_text(row));
      cells.push_back(row.xi_rational ? "exact" : "-");
      cells.push_back(row.xi_rational ? exact_in_d(row.B * *row.xi_rational) : "-");
      cells.push_back(row.xi_rational ? exact_in_d(GiNaC::pow(d(), row.k) * *row.xi_rational) : "-");
    }
    cells.push_back(exact_text(row.mu));
    cells.push_back(series_text(row.dk_xi));
    t.rows.push_back(cells);
  }
  std::ostringstream o;
  const std::string h1 = exact_text(r.h1), h1_value = format_number(to_double(r.h1), 15);
  o << "kernel " << r.kernel << ", d = " << d_text(r) << ", h(1) = " << h1 << (h1 == h1_value ? "" : " = " + h1_value)
    << "\n\n"
    << t.text(markdown) << "\n";
  TextTable k;
  k.header = {"l", "kappa_d(l)", "kappa(l) = lim", "exact limit", "kappa_d(l) as d -> inf"};
  for (const auto& kr : r.kappa) {
    std::string finite = kr.finite_d       ? format_number(*kr.finite_d, 15)
                         : r.d             ? "needs quadrature"
                         : kr.finite_exact ? exact_in_d(*kr.finite_exact)
                                           : "series only";
    k.rows.push_back({std::to_string(kr.ell), finite, format_number(to_double(kr.limit), 15), exact_text(kr.limit),
                      series_text(kr.expansion)});
  }
  o << "effective ridge kappa_d(l) = h(1) - sum_{k<=l} B(d,k) xi_{d,k}\n\n" << k.text(markdown);
  return o.str();
}

std::string coeffs_csv(const CoefficientReport& r) {
  TextTable t;
  t.header = {"k", "B", "xi", "xi_error_bound", "xi_status", "B_xi", "dk_xi", "a", "mu", "kappa_d", "kappa_limit",
              "dk_xi_expansion", "B_xi_expansion", "kappa_expansion"};
  for (size_t i = 0; i < r.rows.size(); ++i) {
    const auto& row = r.rows[i];
    const auto& kr = r.kappa[i];
    std::vector<std::string> cells{std::to_string(row.k)};
    if (r.d) {
      const auto& xi = *row.xi;
      bool ok = xi.status != XiValue::Status::needs_quadrature;
      double b = to_double(row.B);
      cells.insert(cells.end(), {exact_text(row.B), ok ? format_number(xi.value, 17) : "",
                                 format_number(xi.error_bound, 3), status_name(xi.status),
                                 ok ? format_number(b * xi.value, 17) : "",
                                 ok ? format_number(std::pow(double(*r.d), row.k) * xi.value, 17) : ""});
    } else {
      const bool closed = row.xi_rational.has_value();
      cells.insert(cells.end(), {exact_in_d(row.B), symbolic_xi_text(row), closed ? "0" : "", closed ? "exact" : "",
                                 closed ? exact_in_d(row.B * *row.xi_rational) : "",
                                 closed ? exact_in_d(GiNaC::pow(d(), row.k) * *row.xi_rational) : ""});
    }
    cells.push_back(exact_text(row.a));
    cells.push_back(exact_text(row.mu));
    cells.push_back(kr.finite_d ? format_number(*kr.finite_d, 17) : kr.finite_exact ? exact_in_d(*kr.finite_exact) : "");
    cells.push_back(format_number(to_double(kr.limit), 17));
    cells.push_back(series_text(row.dk_xi));
    cells.push_back(series_text(row.b_xi));
    cells.push_back(series_text(kr.expansion));
    t.rows.push_back(cells);
  }
  return t.csv();
}

json coeffs_json(const CoefficientReport& r) {
  json j;
  j["kernel"] = r.kernel;
  j["d"] = r.d ? json(*r.d) : json("symbolic");
  j["h1"] = to_double(r.h1);
  j["h1_exact"] = exact_text(r.h1);
  j["kmax"] = r.kmax;
  j["order"] = r.order;
  json rows = json::array();
  for (const auto& row : r.rows) {
    json c;
    c["k"] = row.k;
    c["a"] = to_double(row.a);
    c["a_exact"] = exact_text(row.a);
    c["mu"] = to_double(row.mu);
    c["mu_exact"] = exact_text(row.mu);
    if (r.d) {
      const auto& xi = *row.xi;
      const bool ok = xi.status != XiValue::Status::needs_quadrature;
      const double b = to_double(row.B);
      c["B"] = b;
      c["B_exact"] = exact_text(row.B);
      c["xi"] = ok ? json(xi.value) : json(nullptr);
      c["xi_partial_sum"] = xi.value;
      c["xi_error_bound"] = xi.error_bound;
      c["xi_bound_proven"] = xi.bound_proven;
      c["xi_status"] = status_name(xi.status);
      c["xi_terms"] = xi.terms;
      if (!xi.note.empty()) c["xi_note"] = xi.note;
      if (xi.status == XiValue::Status::exact) c["xi_exact"] = exact_text(xi.exact);
      c["B_xi"] = ok ? json(b * xi.value) : json(nullptr);
      c["dk_xi"] = ok ? json(std::pow(double(*r.d), row.k) * xi.value) : json(nullptr);
      c["latex"] = "\\xi_{" + std::to_string(*r.d) + "," + std::to_string(row.k) + "} = " +
                   (xi.status == XiValue::Status::exact ? exact_latex(xi.exact)
                    : ok                                ? format_number(xi.value, 15)
                                                        : std::string("\\text{(needs quadrature)}"));
    } else {
      c["B"] = exact_in_d(row.B);
      const auto& xi = row.xi_rational;
      c["xi"] = xi ? json(exact_in_d(*xi)) : json(nullptr);
      c["xi_status"] = xi ? "exact" : "series only (give a numeric --d)";
      c["B_xi"] = xi ? json(exact_in_d(row.B * *xi)) : json(nullptr);
      c["dk_xi"] = xi ? json(exact_in_d(GiNaC::pow(d(), row.k) * *xi)) : json(nullptr);
      c["latex"] = "\\xi_{d," + std::to_string(row.k) + "} = " +
                   (xi         ? rational_latex(*xi, d())
                    : row.k == 0 ? series_latex(row.dk_xi)
                                 : "d^{-" + std::to_string(row.k) + "}\\left(" + series_latex(row.dk_xi) + "\\right)");
    }
    c["expansion"] = {{"dk_xi", expansion_json(row.dk_xi)}, {"B_xi", expansion_json(row.b_xi)}};
    rows.push_back(c);
  }
  j["coefficients"] = rows;
  json kappa = json::array();
  for (const auto& kr : r.kappa) {
    json c;
    c["ell"] = kr.ell;
    if (r.d) {
      c["finite_d"] = kr.finite_d ? json(*kr.finite_d) : json(nullptr);
      c["finite_d_error_bound"] = kr.finite_d_bound;
    } else {
      c["finite_d"] = kr.finite_exact ? json(exact_in_d(*kr.finite_exact)) : json(nullptr);
    }
    c["limit"] = to_double(kr.limit);
    c["limit_exact"] = exact_text(kr.limit);
    c["expansion"] = expansion_json(kr.expansion);
    kappa.push_back(c);
  }
  j["kappa"] = kappa;
  return j;
}

std::string coeffs_latex(const CoefficientReport& r, const Provenance& p) {
  std::ostringstream o;
  o << p.comment("%");
  // Room for the \frac of the series (arraystretch), and space between the two tables so that their rules do not
  // meet; the group keeps both settings inside the fragment.
  o << "{\\renewcommand{\\arraystretch}{1.35}%\n";
  // At a given d, B(d,k), xi_{d,k} and kappa_d(l) are numbers (aligned); exact in d, they are expressions in d.
  const char at_d = r.d ? 'n' : 'l';
  const std::string finite = r.d ? "at $d = " + std::to_string(*r.d) + "$" : std::string("exact in $d$");
  auto math = [](const std::string& x) { return "$" + x + "$"; };
  LatexTable xi_table({{"$k$", "", 'r'},
                       {"$B(d,k)$", finite, at_d},
                       {"$\\xi_{d,k}$", finite, at_d},
                       {"$\\mu_k = h^{(k)}(0)$", "as $d \\to \\infty$", 'l'},
                       {"$d^k\\xi_{d,k}$ in powers of $1/d$", "as $d \\to \\infty$", 'l'}});
  for (const auto& row : r.rows) {
    std::string B, xi;
    if (r.d) {
      const auto& x = *row.xi;
      B = exact_text(row.B);
      xi = x.status == XiValue::Status::exact             ? exact_latex(x.exact)
           : x.status == XiValue::Status::needs_quadrature ? "\\text{(quadrature)}"
                                                           : format_number(x.value);
    } else {
      B = math(rational_latex(row.B, d()));
      xi = row.xi_rational ? math(rational_latex(*row.xi_rational, d())) : "series";
    }
    xi_table.add_row({std::to_string(row.k), B, xi, math(exact_latex(row.mu)), math(series_latex(row.dk_xi))});
  }
  o << xi_table.str() << "\n\\bigskip\n";
  LatexTable kappa_table({{"$\\ell$", "", 'r'},
                          {"$\\kappa_d(\\ell)$", "", at_d},
                          {"$\\kappa(\\ell)$", "", 'l'},
                          {"$\\kappa_d(\\ell)$, $d\\to\\infty$", "", 'l'}});
  for (const auto& kr : r.kappa)
    kappa_table.add_row({std::to_string(kr.ell),
                         kr.finite_d       ? format_number(*kr.finite_d)
                         : kr.finite_exact ? math(rational_latex(*kr.finite_exact, d()))
                                           : "--",
                         math(exact_latex(kr.limit)), math(series_latex(kr.expansion))});
  o << kappa_table.str() << "}\n";
  return o.str();
}

}  // namespace tristage
