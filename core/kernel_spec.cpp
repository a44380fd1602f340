#include "core/kernel_spec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

#include "core/error.hpp"

namespace tristage {
namespace {

double arccos0(double u) { return 1.0 - std::acos(u) / std::numbers::pi; }
double arccos1(double u) {
  return (std::sqrt(std::max(0.0, 1.0 - u * u)) + (std::numbers::pi - std::acos(u)) * u) / std::numbers::pi;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p - start));
    if (p == std::string::npos) return out;
    start = p + 1;
  }
}

std::string format_g(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

constexpr double max_kernel_value = 1e100;

void check_finite(const KernelSpec& k) {
  constexpr int n = 4000;  // grid step 5e-4: finds poles and log singularities that land on or near the grid
  std::vector<double> grid(n + 1), value(n + 1);
  auto check = [&](double u, double h) {
    if (!std::isfinite(h))
      throw usage_error("kernel '" + shown_text(k.text) + "' is not finite on [-1, 1]: h(" + format_g(u) + ") " +
                        (std::isnan(h) ? std::string("is undefined") : "= " + format_g(h)) +
                        "; a kernel must be finite on the whole interval");
    // Kernel matrices, quadrature weights and errors multiply values of h: keep their squares finite.
    if (std::abs(h) > max_kernel_value)
      throw usage_error("kernel '" + shown_text(k.text) + "' is too large on [-1, 1]: h(" + format_g(u) + ") = " +
                        format_g(h) + "; keep |h| below 1e100 (a constant factor only rescales time)");
  };
  for (int i = 0; i <= n; ++i) {
    grid[i] = -1.0 + 2.0 * i / n;
    const double h = k(grid[i]);
    check(grid[i], h);
    value[i] = std::abs(h);
  }
  // A pole between grid points passes the grid (1/(u - 1/3)^2 is 1e5 there, not inf), and one on a grid point may
  // give a large finite value. Around every local maximum of |h| on the grid, maximise |h| by golden section: at a
  // smooth peak the maximum settles (it moves by O(width^2) once the bracket is narrow), at a pole or a logarithm it
  // keeps growing as the bracket shrinks from 1e-9 to 1e-15. At the ends of [-1, 1] growth is allowed: a pole just
  // outside, as in 1/(1.01 - u), is a valid kernel.
  auto pole = [&](double u, double h, double before) {
    return usage_error("kernel '" + shown_text(k.text) + "' has a singularity near u = " + format_g(u) + " (|h| = " +
                       format_g(std::abs(h)) + " there, " + format_g(before) + " a grid step away); a kernel must be " +
                       "finite on the whole interval [-1, 1]");
  };
  for (int i = 0; i <= n; ++i) {
    const bool up = i > 0 && value[i] > value[i - 1], down = i < n && value[i] > value[i + 1];  // not a plateau
    const bool peak = (i == 0 || value[i] >= value[i - 1]) && (i == n || value[i] >= value[i + 1]) && (up || down);
    if (!peak) continue;
    const double neighbour = std::max(i > 0 ? value[i - 1] : 0.0, i < n ? value[i + 1] : 0.0);
    double a = grid[std::max(i - 1, 0)], b = grid[std::min(i + 1, n)];
    const double r = (std::sqrt(5.0) - 1) / 2;
    auto at = [&](double u) {
      const double h = k(u);
      check(u, h);
      if (std::abs(h) > 1000 * std::max(value[i], 1e-300)) throw pole(u, h, neighbour);
      return std::abs(h);
    };
    double x1 = b - r * (b - a), x2 = a + r * (b - a), f1 = at(x1), f2 = at(x2);
    double top_at_1e9 = -1;
    while (b - a > 1e-15) {
      if (f1 > f2) {
        b = x2, x2 = x1, f2 = f1, x1 = b - r * (b - a), f1 = at(x1);
      } else {
        a = x1, x1 = x2, f1 = f2, x2 = a + r * (b - a), f2 = at(x2);
      }
      if (top_at_1e9 < 0 && b - a <= 1e-9) top_at_1e9 = std::max(f1, f2);
    }
    const double x = f1 > f2 ? x1 : x2, top = std::max(f1, f2);
    if (std::abs(x) < 1 - 1e-12 && top > top_at_1e9 * (1 + 1e-6) + 1e-300) throw pole(x, top, neighbour);
  }
}

}  // namespace

std::string kernel_forms() {
  return "exp | poly:P (h = (1+u)^P, P a whole number from 0 to 200) | taylor:a0,a1,... | arccos0 | arccos1 | relu-ntk | "
         "an expression in u such as 'exp(u) + 0.5*u^2'";
}

double KernelSpec::operator()(double u) const {
  switch (kind) {
    case Kind::exp: return std::exp(u);
    case Kind::poly: return std::pow(1.0 + u, power);
    case Kind::taylor: {
      double h = 0;  // Horner from the top coefficient
      for (auto it = taylor_value.rbegin(); it != taylor_value.rend(); ++it) h = h * u + *it;
      return h;
    }
    case Kind::arccos0: return arccos0(u);
    case Kind::arccos1: return arccos1(u);
    case Kind::relu_ntk: return u * arccos0(u) + arccos1(u);
    case Kind::expression: return expr.eval(u);
  }
  return std::nan("");
}

Expr KernelSpec::expression() const {
  switch (kind) {
    case Kind::exp: return parse_expression("exp(u)");
    case Kind::poly: return parse_expression("(1+u)^" + std::to_string(power));
    case Kind::taylor: {
      std::string s = "0";
      for (size_t j = 0; j < taylor.size(); ++j) s += "+(" + taylor[j] + ")*u^" + std::to_string(j);
      return parse_expression(s);
    }
    case Kind::arccos0: return parse_expression("1 - acos(u)/pi");
    case Kind::arccos1: return parse_expression("(sqrt(1 - u^2) + (pi - acos(u))*u)/pi");
    case Kind::relu_ntk:
      return parse_expression("u*(1 - acos(u)/pi) + (sqrt(1 - u^2) + (pi - acos(u))*u)/pi");
    case Kind::expression: return expr;
  }
  return expr;
}

KernelSpec parse_kernel(const std::string& text) {
  KernelSpec k;
  k.text = text;
  if (text.empty()) throw usage_error("--kernel is empty; use one of: " + kernel_forms());
  if (text == "exp") k.kind = KernelSpec::Kind::exp;
  else if (text == "arccos0") k.kind = KernelSpec::Kind::arccos0;
  else if (text == "arccos1") k.kind = KernelSpec::Kind::arccos1;
  else if (text == "relu-ntk") k.kind = KernelSpec::Kind::relu_ntk;
  else if (text.starts_with("poly:")) {
    k.kind = KernelSpec::Kind::poly;
    std::string p = text.substr(5);
    Decimal d;
    try {
      d = parse_decimal(p);
    } catch (const Error&) {
      throw usage_error("kernel '" + shown_text(text) + "': the power P in poly:P must be a whole number >= 0, e.g. poly:3");
    }
    if (d.exponent10 < 0 || d.digits.starts_with("-") || d.digits.size() + d.exponent10 > 3 ||
        std::stol(d.digits) * std::pow(10, d.exponent10) > 200)
      throw usage_error("kernel '" + shown_text(text) + "': the power P in poly:P must be a whole number from 0 to 200");
    k.power = static_cast<int>(std::stol(d.digits) * std::pow(10, d.exponent10));
  } else if (text.starts_with("taylor:")) {
    k.kind = KernelSpec::Kind::taylor;
    k.taylor = split(text.substr(7), ',');
    if (k.taylor.size() > 1000)
      throw usage_error("kernel '" + shown_text(text, 40) + "' has " + std::to_string(k.taylor.size()) +
                        " coefficients; taylor: takes at most 1000");
    for (size_t j = 0; j < k.taylor.size(); ++j) {
      try {
        parse_decimal(k.taylor[j]);
      } catch (const Error& err) {
        const bool range = std::string(err.what()).find("out of range") != std::string::npos;
        throw usage_error("kernel taylor: coefficient a" + std::to_string(j) + " = '" + shown_text(k.taylor[j], 40) +
                          (range ? "' is out of range; coefficients are 0 or between 1e-300 and 1e300 in size"
                                 : "' is not a decimal number; write taylor:a0,a1,... e.g. taylor:1,1,0.5"));
      }
      k.taylor_value.push_back(std::strtod(k.taylor[j].c_str(), nullptr));
    }
  } else if (text.find(':') != std::string::npos) {
    throw usage_error("unknown kernel '" + shown_text(text) + "'; use one of: " + kernel_forms());
  } else {
    k.kind = KernelSpec::Kind::expression;
    k.expr = parse_expression(text);
  }
  check_finite(k);
  return k;
}

}  // namespace tristage
