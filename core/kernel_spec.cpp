#include "core/kernel_spec.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>

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

void check_finite(const KernelSpec& k) {
  constexpr int n = 4000;  // grid step 5e-4: finds poles and log singularities that land on or near the grid
  for (int i = 0; i <= n; ++i) {
    double u = -1.0 + 2.0 * i / n;
    double h = k(u);
    if (!std::isfinite(h))
      throw usage_error("kernel '" + k.text + "' is not finite on [-1, 1]: h(" + format_g(u) + ") " +
                        (std::isnan(h) ? std::string("is undefined") : "= " + format_g(h)) +
                        "; a kernel must be finite on the whole interval");
  }
}

}  // namespace

std::string kernel_forms() {
  return "exp | poly:P (h = (1+u)^P, P a whole number >= 0) | taylor:a0,a1,... | arccos0 | arccos1 | relu-ntk | "
         "an expression in u such as 'exp(u) + 0.5*u^2'";
}

double KernelSpec::operator()(double u) const {
  switch (kind) {
    case Kind::exp: return std::exp(u);
    case Kind::poly: return std::pow(1.0 + u, power);
    case Kind::taylor: {
      double h = 0;  // Horner from the top coefficient
      for (auto it = taylor.rbegin(); it != taylor.rend(); ++it) h = h * u + std::strtod(it->c_str(), nullptr);
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
      throw usage_error("kernel '" + text + "': the power P in poly:P must be a whole number >= 0, e.g. poly:3");
    }
    if (d.exponent10 < 0 || d.digits.starts_with("-") || d.digits.size() + d.exponent10 > 3 ||
        std::stol(d.digits) * std::pow(10, d.exponent10) > 200)
      throw usage_error("kernel '" + text + "': the power P in poly:P must be a whole number from 0 to 200");
    k.power = static_cast<int>(std::stol(d.digits) * std::pow(10, d.exponent10));
  } else if (text.starts_with("taylor:")) {
    k.kind = KernelSpec::Kind::taylor;
    k.taylor = split(text.substr(7), ',');
    if (k.taylor.size() > 1000) throw usage_error("kernel '" + text.substr(0, 40) + "...': at most 1000 coefficients");
    for (size_t j = 0; j < k.taylor.size(); ++j) {
      try {
        parse_decimal(k.taylor[j]);
      } catch (const Error&) {
        throw usage_error("kernel taylor: coefficient a" + std::to_string(j) + " = '" + k.taylor[j] +
                          "' is not a decimal number; write taylor:a0,a1,... e.g. taylor:1,1,0.5");
      }
    }
  } else if (text.find(':') != std::string::npos) {
    throw usage_error("unknown kernel '" + text + "'; use one of: " + kernel_forms());
  } else {
    k.kind = KernelSpec::Kind::expression;
    k.expr = parse_expression(text);
  }
  check_finite(k);
  return k;
}

}  // namespace tristage
