#include "theory/symbolic_kernel.hpp"

#include <numbers>

#include "core/error.hpp"

namespace tristage::theory {
using namespace GiNaC;

const symbol& u_symbol() {
  static const symbol u("u");
  return u;
}

numeric exact_decimal(const std::string& text) {
  Decimal d = parse_decimal(text);
  numeric v(d.digits.c_str());
  return v * numeric(10).power(d.exponent10);
}

namespace {

ex to_ginac(const Expr& e) {
  auto a = [&](size_t i) { return to_ginac(e.args[i]); };
  switch (e.op) {
    case Expr::Op::number: return exact_decimal(e.number);
    case Expr::Op::var: return u_symbol();
    case Expr::Op::pi: return Pi;
    case Expr::Op::e: return exp(ex(1));
    case Expr::Op::add: return a(0) + a(1);
    case Expr::Op::sub: return a(0) - a(1);
    case Expr::Op::mul: return a(0) * a(1);
    case Expr::Op::div: return a(0) / a(1);
    case Expr::Op::pow: return pow(a(0), a(1));
    case Expr::Op::neg: return -a(0);
    case Expr::Op::call:
      switch (e.func) {
        case Func::exp: return exp(a(0));
        case Func::log: return log(a(0));
        case Func::sqrt: return sqrt(a(0));
        case Func::sin: return sin(a(0));
        case Func::cos: return cos(a(0));
        case Func::tan: return tan(a(0));
        case Func::sinh: return sinh(a(0));
        case Func::cosh: return cosh(a(0));
        case Func::tanh: return tanh(a(0));
        case Func::asin: return asin(a(0));
        case Func::acos: return acos(a(0));
        case Func::atan: return atan(a(0));
      }
  }
  return 0;
}

// c_m = binomial(2m, m) / 4^m, the Taylor coefficients behind arcsin and sqrt(1 - u^2).
numeric central(int m) { return binomial(numeric(2 * m), numeric(m)) / numeric(4).power(m); }

ex arccos0_expr(const ex& u) { return 1 - acos(u) / Pi; }
ex arccos1_expr(const ex& u) { return (sqrt(1 - u * u) + (Pi - acos(u)) * u) / Pi; }

}  // namespace

SymbolicKernel::SymbolicKernel(const KernelSpec& spec) : spec_(spec) {
  const symbol& u = u_symbol();
  using K = KernelSpec::Kind;
  switch (spec.kind) {
    case K::exp: h_ = exp(u); nonneg_proven_ = true; break;
    case K::poly: h_ = pow(1 + u, spec.power); degree_ = spec.power; nonneg_proven_ = true; break;
    case K::taylor: {
      h_ = 0;
      int deg = 0;
      for (size_t j = 0; j < spec.taylor.size(); ++j) {
        numeric c = exact_decimal(spec.taylor[j]);
        h_ += c * pow(u, static_cast<int>(j));
        if (!c.is_zero()) deg = static_cast<int>(j);
      }
      degree_ = deg;
      break;
    }
    case K::arccos0: h_ = arccos0_expr(u); nonneg_proven_ = true; break;
    case K::arccos1: h_ = arccos1_expr(u); nonneg_proven_ = true; break;
    case K::relu_ntk: h_ = u * arccos0_expr(u) + arccos1_expr(u); nonneg_proven_ = true; break;
    case K::expression: {
      h_ = to_ginac(spec.expr);
      if (h_.is_polynomial(u)) {
        h_ = h_.expand();
        degree_ = h_.degree(u);
      } else {
        extend_series(16);  // throws when h is not analytic at 0
      }
      break;
    }
  }
  if (degree_) {
    h_ = h_.expand();
    for (int j = 0; j <= *degree_; ++j) exact_.push_back(h_.coeff(u, j));
  }
}

void SymbolicKernel::extend_series(int order) const {
  const symbol& u = u_symbol();
  auto not_analytic = [&](const std::string& why) {
    return usage_error("kernel '" + spec_.text + "' is not analytic at u = 0 (" + why +
                       "); the theory needs a Taylor series at 0, e.g. exp(u) or (1+u)^3");
  };
  ex s;
  try {
    s = series(h_, u == 0, order);
  } catch (const std::exception&) {  // GiNaC: a pole or branch point at 0
    throw not_analytic("it has no power series there");
  }
  if (!is_a<pseries>(s)) throw not_analytic("no power series");
  ex poly = series_to_poly(s);
  exact_.clear();
  for (int j = 0; j < order; ++j) {
    ex c = poly.coeff(u, j);
    if (c.has(u)) throw not_analytic("its expansion has a term like log(u) or a fractional power");
    exact_.push_back(c);
  }
  if (poly.ldegree(u) < 0) throw not_analytic("it has a pole at 0");
  series_order_ = order;
}

ex SymbolicKernel::closed_form(int j) const {
  using K = KernelSpec::Kind;
  const int m = j / 2;
  switch (spec_.kind) {
    case K::exp: return numeric(1) / factorial(numeric(j));
    case K::arccos0:
      if (j == 0) return numeric(1, 2);
      return j % 2 ? central(m) / numeric(j) / Pi : ex(0);
    case K::arccos1:
      if (j <= 1) return j == 0 ? 1 / Pi : ex(numeric(1, 2));
      return j % 2 ? ex(0) : central(m - 1) / numeric(2 * m * (2 * m - 1)) / Pi;
    case K::relu_ntk:
      if (j <= 1) return j == 0 ? 1 / Pi : ex(1);
      return j % 2 ? ex(0) : central(m - 1) * numeric(2 * m + 1) / numeric(2 * m * (2 * m - 1)) / Pi;
    default: return 0;  // polynomials: past their degree; expressions never get here
  }
}

ex SymbolicKernel::a(int j) const {
  if (j < 0) return 0;
  if (degree_) return j <= *degree_ ? exact_[j] : ex(0);
  if (spec_.kind == KernelSpec::Kind::expression) {
    if (j >= series_order_) extend_series(std::max(j + 1, 2 * series_order_));
    return exact_[j];
  }
  while (static_cast<int>(exact_.size()) <= j) exact_.push_back(closed_form(static_cast<int>(exact_.size())));
  return exact_[j];
}

ex SymbolicKernel::mu(int k) const { return factorial(numeric(k)) * a(k); }

ex SymbolicKernel::h_at(int sign) const { return h_.subs(u_symbol() == sign); }

const std::vector<long double>& SymbolicKernel::a_numeric(int J) const {
  using K = KernelSpec::Kind;
  const long double inv_pi = 1.0L / std::numbers::pi_v<long double>;
  if (spec_.kind == K::expression && !degree_) J = std::min(J, expression_order_budget);
  numeric_.reserve(J + 1);
  long double c = 1.0L;  // c_{m-1} for the arccos family, carried by recurrence
  int c_index = 0;
  auto central_ld = [&](int m) {  // c_m = c_{m-1} (2m - 1) / (2m)
    for (; c_index < m; ++c_index) c = c * (2 * c_index + 1) / (2 * c_index + 2);
    return c;
  };
  for (int j = static_cast<int>(numeric_.size()); j <= J; ++j) {
    const int m = j / 2;
    long double v = 0;
    switch (spec_.kind) {
      case K::exp: v = j == 0 ? 1.0L : numeric_[j - 1] / j; break;
      case K::arccos0: v = j == 0 ? 0.5L : (j % 2 ? central_ld(m) / j * inv_pi : 0.0L); break;
      case K::arccos1:
        v = j == 0 ? inv_pi : j == 1 ? 0.5L : (j % 2 ? 0.0L : central_ld(m - 1) / (2.0L * m * (2 * m - 1)) * inv_pi);
        break;
      case K::relu_ntk:
        v = j == 0   ? inv_pi
            : j == 1 ? 1.0L
                     : (j % 2 ? 0.0L : central_ld(m - 1) * (2 * m + 1) / (2.0L * m * (2 * m - 1)) * inv_pi);
        break;
      default: v = ex_to<numeric>(evalf(a(j))).to_double(); break;
    }
    numeric_.push_back(v);
  }
  return numeric_;
}

std::optional<long double> SymbolicKernel::parity_tail_bound(long j) const {
  if (spec_.kind != KernelSpec::Kind::exp) return std::nullopt;
  const long double next = a_numeric(static_cast<int>(j + 2))[j + 2];
  return next / (1 - 1 / ((j + 3.0L) * (j + 4)));
}

std::optional<int> SymbolicKernel::parity_degree(int k) const {
  using K = KernelSpec::Kind;
  const bool odd = k % 2;
  switch (spec_.kind) {
    case K::arccos0: return odd ? std::nullopt : std::optional<int>(0);
    case K::arccos1:
    case K::relu_ntk: return odd ? std::optional<int>(1) : std::nullopt;
    default: break;
  }
  if (!degree_) return std::nullopt;
  int last = -1;
  for (int j = odd; j <= *degree_; j += 2)
    if (!a(j).is_zero()) last = j;
  return last;
}

}  // namespace tristage::theory
