#include "theory/format.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <optional>
#include <sstream>
#include <vector>

namespace tristage::theory {
using namespace GiNaC;

namespace {

struct Term {
  numeric coefficient;
  int pi_power = 0;
  int e_power = 0;
};

bool is_e(const ex& x) { return is_exactly_a<function>(x) && x.is_equal(exp(ex(1))); }

// Splits a constant into rational * pi^a * e^b terms; empty if it has anything else (then GiNaC prints it).
std::optional<std::vector<Term>> decompose(const ex& value) {
  ex v = value.expand();
  std::vector<ex> terms;
  if (is_exactly_a<add>(v))
    for (const auto& t : v) terms.push_back(t);
  else
    terms.push_back(v);
  std::vector<Term> out;
  for (const ex& t : terms) {
    Term term{1};
    std::vector<ex> factors;
    if (is_exactly_a<mul>(t))
      for (const auto& f : t) factors.push_back(f);
    else
      factors.push_back(t);
    for (const ex& f : factors) {
      if (is_exactly_a<numeric>(f) && ex_to<numeric>(f).is_rational()) term.coefficient *= ex_to<numeric>(f);
      else if (f.is_equal(Pi)) term.pi_power += 1;
      else if (is_e(f)) term.e_power += 1;
      else if (is_exactly_a<power>(f) && is_exactly_a<numeric>(f.op(1)) && ex_to<numeric>(f.op(1)).is_integer() &&
               (f.op(0).is_equal(Pi) || is_e(f.op(0)))) {
        int n = ex_to<numeric>(f.op(1)).to_int();
        (f.op(0).is_equal(Pi) ? term.pi_power : term.e_power) += n;
      } else if (is_exactly_a<function>(f) && f.nops() == 1 && f.is_equal(exp(f.op(0))) &&
                 is_exactly_a<numeric>(f.op(0)) && ex_to<numeric>(f.op(0)).is_integer()) {
        term.e_power += ex_to<numeric>(f.op(0)).to_int();  // exp(-1)
      } else {
        return std::nullopt;
      }
    }
    if (!term.coefficient.is_zero()) out.push_back(term);
  }
  std::sort(out.begin(), out.end(), [](const Term& x, const Term& y) {
    auto key = [](const Term& t) { return std::tuple(-t.e_power, std::abs(t.pi_power), -t.pi_power); };
    return key(x) < key(y);
  });
  return out;
}

std::string power_of(const char* base, int n, bool latex) {
  if (n == 1) return base;
  return std::string(base) + (latex ? "^{" + std::to_string(n) + "}" : "^" + std::to_string(n));
}

std::string term_string(const Term& t, bool latex) {
  const numeric p = abs(t.coefficient.numer()), q = t.coefficient.denom();
  std::vector<std::string> num, den;
  const char* pi = latex ? "\\pi" : "pi";
  if (t.pi_power > 0) num.push_back(power_of(pi, t.pi_power, latex));
  if (t.e_power > 0) num.push_back(power_of("e", t.e_power, latex));
  if (t.pi_power < 0) den.push_back(power_of(pi, -t.pi_power, latex));
  if (t.e_power < 0) den.push_back(power_of("e", -t.e_power, latex));
  auto str = [](const numeric& n) {
    std::ostringstream o;
    o << n;
    return o.str();
  };
  if (p != 1 || num.empty()) num.insert(num.begin(), str(p));
  if (q != 1) den.insert(den.begin(), str(q));
  auto join = [&](const std::vector<std::string>& parts) {
    std::string s;
    for (size_t i = 0; i < parts.size(); ++i) s += (i && !latex ? "*" : (i && latex ? " " : "")) + parts[i];
    return s;
  };
  if (latex) {
    if (den.empty()) return join(num);
    return "\\frac{" + join(num) + "}{" + join(den) + "}";
  }
  if (den.empty()) return join(num);
  return join(num) + "/" + (den.size() > 1 ? "(" + join(den) + ")" : den[0]);
}

std::string sum_string(const ex& value, bool latex) {
  auto terms = decompose(value);
  if (!terms) {
    // GiNaC's own printing, with Euler's number written e (not exp(1)) and single spaces between factors.
    static const symbol e("e", "e");
    std::ostringstream o;
    if (latex) o << GiNaC::latex;
    o << value.subs(exp(ex(1)) == e);
    std::string s = o.str();
    for (size_t at; (at = s.find("  ")) != std::string::npos;) s.erase(at, 1);
    return s;
  }
  if (terms->empty()) return "0";
  std::string s;
  for (size_t i = 0; i < terms->size(); ++i) {
    const Term& t = (*terms)[i];
    bool negative = t.coefficient < 0;
    if (i == 0) s += negative ? "-" : "";
    else s += negative ? (latex ? " - " : "-") : (latex ? " + " : "+");
    s += term_string(t, latex);
  }
  return s;
}

bool is_compound(const ex& c) {
  auto t = decompose(c);
  return !t || t->size() > 1;
}

// c * x where x is a power of d (or 1/d^j), with c exact; "" when c = 0.
std::string scaled(const ex& c, const std::string& x, bool latex, bool first) {
  if (c.is_zero()) return "";
  std::string cs = sum_string(c, latex);
  bool negative = !is_compound(c) && cs[0] == '-';
  if (negative) cs = cs.substr(1);
  if (is_compound(c) && !x.empty()) cs = (latex ? "\\left(" : "(") + cs + (latex ? "\\right)" : ")");
  std::string body;
  if (x.empty()) body = cs;
  else if (cs == "1") body = x;
  else body = cs + (latex ? " " : "*") + x;
  std::string sign = negative ? (first ? "-" : (latex ? " - " : " - ")) : (first ? "" : " + ");
  return sign + body;
}

std::string polynomial_string(const ex& p, const symbol& d, bool latex) {
  ex e = p.expand();
  std::string s;
  for (int n = e.degree(d); n >= e.ldegree(d); --n) {
    std::string x = n == 0 ? "" : n == 1 ? "d" : (latex ? "d^{" + std::to_string(n) + "}" : "d^" + std::to_string(n));
    s += scaled(e.coeff(d, n), x, latex, s.empty());
  }
  return s.empty() ? "0" : s;
}

}  // namespace

std::string exact_text(const ex& value) { return sum_string(value, false); }
std::string exact_latex(const ex& value) { return sum_string(value, true); }

std::string rational_text(const ex& f, const symbol& d) {
  ex nd = normal(f).numer_denom();
  std::string num = polynomial_string(nd.op(0), d, false), den = polynomial_string(nd.op(1), d, false);
  auto wrap = [](const std::string& p) { return p.find_first_of(" *") == std::string::npos ? p : "(" + p + ")"; };
  if (den == "1") return num;
  return wrap(num) + "/" + wrap(den);
}

std::string rational_latex(const ex& f, const symbol& d) {
  ex nd = normal(f).numer_denom();
  std::string num = polynomial_string(nd.op(0), d, true), den = polynomial_string(nd.op(1), d, true);
  if (den == "1") return num;
  return "\\frac{" + num + "}{" + den + "}";
}

std::string series_text(const InverseDSeries& s) {
  std::string out;
  for (size_t j = 0; j < s.size(); ++j) {
    std::string x = j == 0 ? "" : j == 1 ? "d^-1" : "d^-" + std::to_string(j);
    out += scaled(s[j], x, false, out.empty());
  }
  if (out.empty()) out = "0";
  return out + " + O(d^-" + std::to_string(s.size()) + ")";
}

std::string series_latex(const InverseDSeries& s) {
  std::string out;
  for (size_t j = 0; j < s.size(); ++j) {
    std::string x = j == 0 ? "" : j == 1 ? "d^{-1}" : "d^{-" + std::to_string(j) + "}";
    out += scaled(s[j], x, true, out.empty());
  }
  if (out.empty()) out = "0";
  return out + " + O\\left(d^{-" + std::to_string(s.size()) + "}\\right)";
}

double to_double(const ex& value) {
  ex v = evalf(value);
  if (!is_a<numeric>(v)) return std::nan("");
  return ex_to<numeric>(v).to_double();
}

std::string approx_text(double x, int digits) {
  std::ostringstream o;
  o << std::setprecision(digits) << x;
  return o.str();
}

}  // namespace tristage::theory
