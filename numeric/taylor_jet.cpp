#include "numeric/taylor_jet.hpp"

#include <cmath>
#include <cstdlib>
#include <numbers>

namespace tristage::numeric {
namespace {

// A truncated power series in t: s[j] is the coefficient of t^j, j = 0..n. In long double: the recurrences
// cancel (an arc-cosine kernel near u = 1 at order 70 loses ~2000 ulps in double, measured); 11 more bits make the
// returned doubles correct to a few ulps at the cost of about 2x in time.
using Real = long double;
using Series = std::vector<Real>;

Series constant(Real v, int n) {
  Series s(n + 1, 0.0);
  s[0] = v;
  return s;
}

// Zero coefficients are skipped: a constant or u + s t times a series costs O(n), not O(n^2).
Series mul(const Series& a, const Series& b) {
  Series p(a.size(), 0);
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != 0)
      for (size_t j = 0; i + j < a.size(); ++j) p[i + j] += a[i] * b[j];
  return p;
}

// q = a / b:  b q = a gives q_j = (a_j - sum_{i=1}^{j} b_i q_{j-i}) / b_0.
Series div(const Series& a, const Series& b) {
  Series q(a.size());
  for (size_t j = 0; j < a.size(); ++j) {
    Real s = a[j];
    for (size_t i = 1; i <= j; ++i)
      if (b[i] != 0) s -= b[i] * q[j - i];
    q[j] = s / b[0];
  }
  return q;
}

// f with f(0) = f0 and f' = a' r:  j f_j = sum_{i=1}^{j} i a_i r_{j-i}.
Series integrate(Real f0, const Series& a, const Series& r) {
  Series f(a.size());
  f[0] = f0;
  for (size_t j = 1; j < a.size(); ++j) {
    Real s = 0;
    for (size_t i = 1; i <= j; ++i)
      if (a[i] != 0) s += i * a[i] * r[j - i];
    f[j] = s / j;
  }
  return f;
}

// exp: f' = a' f.
Series exp_series(const Series& a) {
  Series f(a.size());
  f[0] = std::exp(a[0]);
  for (size_t j = 1; j < a.size(); ++j) {
    Real s = 0;
    for (size_t i = 1; i <= j; ++i) s += i * a[i] * f[j - i];
    f[j] = s / j;
  }
  return f;
}

// log: a l' = a' gives j a_0 l_j = j a_j - sum_{i=1}^{j-1} i l_i a_{j-i}.
Series log_series(const Series& a) {
  Series l(a.size());
  l[0] = std::log(a[0]);
  for (size_t j = 1; j < a.size(); ++j) {
    Real s = j * a[j];
    for (size_t i = 1; i < j; ++i) s -= i * l[i] * a[j - i];
    l[j] = s / (j * a[0]);
  }
  return l;
}

// sqrt: s^2 = a gives 2 s_0 s_j = a_j - sum_{i=1}^{j-1} s_i s_{j-i}.
Series sqrt_series(const Series& a) {
  Series s(a.size());
  s[0] = std::sqrt(a[0]);
  for (size_t j = 1; j < a.size(); ++j) {
    Real r = a[j];
    for (size_t i = 1; i < j; ++i) r -= s[i] * s[j - i];
    s[j] = r / (2 * s[0]);
  }
  return s;
}

// a^c for a constant c. A whole number c by repeated squaring (exact where a_0 = 0, as for u^2 at u = 0);
// otherwise a p' = c a' p gives j a_0 p_j = sum_{i=1}^{j} ((c + 1) i - j) a_i p_{j-i}, which needs a_0 != 0.
Series pow_series(const Series& a, Real c) {
  if (c == std::floor(c) && std::abs(c) <= 1 << 20) {
    Series result = constant(1, static_cast<int>(a.size()) - 1), base = a;
    for (long m = static_cast<long>(std::abs(c)); m > 0; m >>= 1) {
      if (m & 1) result = mul(result, base);
      if (m > 1) base = mul(base, base);
    }
    return c < 0 ? div(constant(1, static_cast<int>(a.size()) - 1), result) : result;
  }
  Series p(a.size());
  p[0] = std::pow(a[0], c);
  for (size_t j = 1; j < a.size(); ++j) {
    Real s = 0;
    for (size_t i = 1; i <= j; ++i) s += ((c + 1) * i - Real(j)) * a[i] * p[j - i];
    p[j] = s / (j * a[0]);
  }
  return p;
}

// The pairs (sin, cos) for sign = -1 and (sinh, cosh) for sign = +1:  s' = a' c,  c' = sign a' s.
std::pair<Series, Series> trig_pair(const Series& a, int sign) {
  Series s(a.size()), c(a.size());
  s[0] = sign < 0 ? std::sin(a[0]) : std::sinh(a[0]);
  c[0] = sign < 0 ? std::cos(a[0]) : std::cosh(a[0]);
  for (size_t j = 1; j < a.size(); ++j) {
    Real ss = 0, cc = 0;
    for (size_t i = 1; i <= j; ++i) {
      ss += i * a[i] * c[j - i];
      cc += i * a[i] * s[j - i];
    }
    s[j] = ss / j;
    c[j] = sign * cc / j;
  }
  return {s, c};
}

// tan (sign = +1) and tanh (sign = -1):  t' = a' (1 + sign t^2), with (1 + sign t^2)_m needing only t_0..t_m.
Series tan_series(const Series& a, int sign) {
  Series t(a.size()), v(a.size());
  t[0] = sign > 0 ? std::tan(a[0]) : std::tanh(a[0]);
  for (size_t j = 0; j < a.size(); ++j) {
    if (j > 0) {
      Real s = 0;
      for (size_t i = 1; i <= j; ++i) s += i * a[i] * v[j - i];
      t[j] = s / j;
    }
    Real sq = 0;
    for (size_t i = 0; i <= j; ++i) sq += t[i] * t[j - i];
    v[j] = (j == 0 ? 1 : 0) + sign * sq;
  }
  return t;
}

bool depends_on_u(const Expr& e) {
  if (e.op == Expr::Op::var) return true;
  for (const auto& a : e.args)
    if (depends_on_u(a)) return true;
  return false;
}

Series jet(const Expr& e, Real u, Real scale, int n) {
  auto arg = [&](size_t i) { return jet(e.args[i], u, scale, n); };
  auto combine = [](Series a, const Series& b, double sign) {
    for (size_t j = 0; j < a.size(); ++j) a[j] += sign * b[j];
    return a;
  };
  switch (e.op) {
    case Expr::Op::number: return constant(std::strtod(e.number.c_str(), nullptr), n);
    case Expr::Op::var: {
      Series s = constant(u, n);
      if (n >= 1) s[1] = scale;  // u + scale t
      return s;
    }
    case Expr::Op::pi: return constant(std::numbers::pi_v<Real>, n);
    case Expr::Op::e: return constant(std::numbers::e_v<Real>, n);
    case Expr::Op::add: return combine(arg(0), arg(1), 1);
    case Expr::Op::sub: return combine(arg(0), arg(1), -1);
    case Expr::Op::neg: return combine(constant(0, n), arg(0), -1);
    case Expr::Op::mul: return mul(arg(0), arg(1));
    case Expr::Op::div: return div(arg(0), arg(1));
    case Expr::Op::pow:
      if (!depends_on_u(e.args[1])) return pow_series(arg(0), e.args[1].eval(u));
      return exp_series(mul(arg(1), log_series(arg(0))));  // a^b = exp(b log a)
    case Expr::Op::call: break;
  }
  const Series a = arg(0);
  const Series one = constant(1, n);
  switch (e.func) {
    case Func::exp: return exp_series(a);
    case Func::log: return log_series(a);
    case Func::sqrt: return sqrt_series(a);
    case Func::sin: return trig_pair(a, -1).first;
    case Func::cos: return trig_pair(a, -1).second;
    case Func::sinh: return trig_pair(a, 1).first;
    case Func::cosh: return trig_pair(a, 1).second;
    case Func::tan: return tan_series(a, 1);
    case Func::tanh: return tan_series(a, -1);
    case Func::asin:  // asin(a)' = a' (1 - a^2)^{-1/2}
      return integrate(std::asin(a[0]), a, pow_series(combine(one, mul(a, a), -1), -0.5));
    case Func::acos:  // acos(a)' = -a' (1 - a^2)^{-1/2}
      return integrate(std::acos(a[0]), a, combine(constant(0, n), pow_series(combine(one, mul(a, a), -1), -0.5), -1));
    case Func::atan:  // atan(a)' = a' / (1 + a^2)
      return integrate(std::atan(a[0]), a, div(one, combine(one, mul(a, a), 1)));
  }
  return constant(NAN, n);
}

}  // namespace

std::vector<double> taylor_jet(const Expr& e, double u, int order, double scale) {
  const Series c = jet(e, u, scale, order < 0 ? 0 : order);
  return {c.begin(), c.end()};
}

}  // namespace tristage::numeric
