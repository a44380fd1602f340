#include "theory/symbolic_kernel.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/cpu_time.hpp"
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

// Exact powers are computed eagerly: 2^(2^32) or u^(10^9) would fill the memory. Exponents stay within this size.
constexpr int max_exponent = 1000;
// ... and so are the powers of the numbers in a power's base: (0.999^999)^999 has 6 million digits, and one more ^999
// never ends (found while bounding the experiment loader). Results stay within this many bits (300000 digits).
constexpr long max_power_bits = 1L << 20;

// The largest size in bits (numerator and denominator) of a rational number in e.
long numeric_bits(const ex& e) {
  if (is_a<numeric>(e)) {
    const numeric& n = ex_to<numeric>(e);
    return n.is_rational() ? n.numer().int_length() + n.denom().int_length() : 0;
  }
  long bits = 0;
  for (size_t i = 0; i < e.nops(); ++i) bits = std::max(bits, numeric_bits(e.op(i)));
  return bits;
}

ex checked_pow(const ex& base, const ex& exponent, const std::string& text) {
  auto too_large = [&] {
    return usage_error("kernel '" + shown_text(text) + "' has an exponent larger than " + std::to_string(max_exponent) +
                       " in size; exact powers that large do not fit in memory: rewrite the kernel");
  };
  if (is_a<numeric>(exponent) && abs(ex_to<numeric>(exponent)) > max_exponent) throw too_large();
  // GiNaC splits a sum's constant off, 5^(c + u) = 5^c 5^u, and a series at 0 evaluates (2+u)^(c + u) at 2^c:
  // 5^(-1088447088 - u) computed 5^1088447088 exactly (minutes, gigabytes; found by fuzz_experiment).
  if (is_a<add>(exponent))
    for (size_t i = 0; i < exponent.nops(); ++i)
      if (is_a<numeric>(exponent.op(i)) && abs(ex_to<numeric>(exponent.op(i))) > max_exponent) throw too_large();
  if (is_a<numeric>(exponent) && ex_to<numeric>(exponent).is_integer()) {
    const long bits = numeric_bits(base) * std::abs(ex_to<numeric>(exponent).to_long());
    if (bits > max_power_bits)
      throw usage_error("kernel '" + shown_text(text) + "' raises a number to a power whose exact value would have " +
                        "about " + std::to_string(bits * 3 / 10) + " digits (the limit is " +
                        std::to_string(max_power_bits * 3 / 10) + "); rewrite it with smaller or fewer powers");
  }
  ex r = pow(base, exponent);  // (u^a)^b is simplified to u^(ab): check the result too
  if (is_a<power>(r) && is_a<numeric>(r.op(1)) && abs(ex_to<numeric>(r.op(1))) > max_exponent) throw too_large();
  return r;
}

ex to_ginac(const Expr& e, const std::string& text) {
  auto a = [&](size_t i) { return to_ginac(e.args[i], text); };
  switch (e.op) {
    case Expr::Op::number: return exact_decimal(e.number);
    case Expr::Op::var: return u_symbol();
    case Expr::Op::pi: return Pi;
    case Expr::Op::e: return exp(ex(1));
    case Expr::Op::add: return a(0) + a(1);
    case Expr::Op::sub: return a(0) - a(1);
    case Expr::Op::mul: return a(0) * a(1);
    case Expr::Op::div: return a(0) / a(1);
    case Expr::Op::pow: return checked_pow(a(0), a(1), text);
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
      try {
        h_ = to_ginac(spec.expr, spec.text);
      } catch (const Error&) {
        throw;
      } catch (const std::exception& e) {  // exact arithmetic where doubles pass: 0^0, tan(pi/2)
        throw usage_error("kernel '" + shown_text(spec.text) + "' is undefined in exact arithmetic (" +
                          shown_text(e.what(), 80) + "); rewrite that part of it");
      }
      if (h_.is_polynomial(u)) {
        if (h_.degree(u) > max_polynomial_degree)  // before expanding: (1+u)^1000 has 1001 terms of 300 digits
          throw usage_error("kernel '" + shown_text(spec.text) + "' is a polynomial of degree " +
                            std::to_string(h_.degree(u)) + "; the limit is " + std::to_string(max_polynomial_degree) +
                            " (as taylor: with 1000 coefficients)");
        h_ = h_.expand();
        degree_ = h_.degree(u);
      } else {
        exact_within(analyticity_order - 1, analyticity_seconds);  // throws when h is not analytic at 0
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
    return usage_error("kernel '" + shown_text(spec_.text) + "' is not analytic at u = 0 (" + why +
                       "); the theory needs a Taylor series at 0, e.g. exp(u) or (1+u)^3");
  };
  ex s;
  const double start = thread_cpu_seconds();
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
  previous_series_order_ = series_order_;
  previous_series_seconds_ = last_series_seconds_;
  series_order_ = order;
  last_series_seconds_ = thread_cpu_seconds() - start;
  series_seconds_ += last_series_seconds_;
}

int SymbolicKernel::exact_within(int J, double seconds, const std::function<void(int)>& after_step) const {
  if (spec_.kind != KernelSpec::Kind::expression || degree_) return J;
  while (series_order_ <= J) {
    const int next = next_series_order(J + 1, seconds - series_seconds_);
    if (next <= series_order_) break;
    extend_series(next);
    if (after_step) after_step(std::min(J, series_order_ - 1));
  }
  return std::min(J, series_order_ - 1);
}

// The highest order up to `order` whose series is predicted to take at most `seconds_left`. GiNaC's cost per order
// grows geometrically for nested functions (x4 per order for sin(sin(...(u))) ten deep, x25 forty deep: it
// differentiates the composition) and like a power of the order otherwise (exp(exp(exp(u))): x1.1 per order at 40).
// So the last step's growth per order, extrapolated geometrically, fits the first kind and over-predicts the second.
// Times under 1 ms count as 1 ms (noise), the growth as at least 1.25 per order, and a step at most doubles the order;
// the first two steps, with nothing to predict from, go one order at a time.
int SymbolicKernel::next_series_order(int order, double seconds_left) const {
  if (seconds_left <= 0) return series_order_;
  if (previous_series_order_ == 0) return std::min(order, series_order_ + 1);
  const double last = std::max(last_series_seconds_, 1e-3), before = std::max(previous_series_seconds_, 1e-3);
  const double growth = std::max(1.25, std::pow(last / before, 1.0 / (series_order_ - previous_series_order_)));
  int next = std::min(order, 2 * series_order_);
  while (next > series_order_ && last * std::pow(growth, next - series_order_) > seconds_left) --next;
  return next;
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

void SymbolicKernel::reserve(int J) const {
  if (spec_.kind == KernelSpec::Kind::expression && !degree_ && J >= series_order_) extend_series(J + 1);
}

std::vector<int> SymbolicKernel::negative_coefficients(int J) const {
  std::vector<int> out;
  if (nonneg_proven_) return out;
  if (degree_) J = std::min(J, *degree_);
  reserve(J);
  for (int j = 0; j <= J; ++j) {
    const ex v = evalf(a(j));
    if (is_a<numeric>(v) && ex_to<numeric>(v).is_real() && ex_to<numeric>(v).is_negative()) out.push_back(j);
  }
  return out;
}

ex SymbolicKernel::mu(int k) const { return factorial(numeric(k)) * a(k); }

ex SymbolicKernel::h_at(int sign) const {
  try {
    return h_.subs(u_symbol() == sign);
  } catch (const std::exception& e) {  // a pole at +-1 that the double check stepped over: tan(u + pi/2 - 1)
    throw usage_error("kernel '" + shown_text(spec_.text) + "' is undefined at u = " + std::to_string(sign) +
                      " in exact arithmetic (" + shown_text(e.what(), 80) + "); a kernel must be finite on [-1, 1]");
  }
}

const std::vector<long double>& SymbolicKernel::a_numeric(int J) const {
  using K = KernelSpec::Kind;
  const long double inv_pi = 1.0L / std::numbers::pi_v<long double>;
  if (spec_.kind == K::expression && !degree_) {
    J = std::min(J, expression_order_budget);
    if (J >= series_order_) {  // one extension to exactly J + 1, if its predicted cost fits the budget
      const double predicted = last_series_seconds_ * std::pow(double(J + 1) / std::max(series_order_, 1), 3.5);
      if (series_seconds_ + predicted <= expression_series_seconds) extend_series(J + 1);
    }
    J = std::min(J, series_order_ - 1);
  }
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
