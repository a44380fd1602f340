#include "numeric/taylor_jet.hpp"

#include <cmath>
#include <numbers>

namespace tristage::numeric {
namespace {

// A truncated power series in t: s[j] is the coefficient of t^j, j = 0..n. In long double: the recurrences cancel
// (an arc-cosine kernel near u = 1 at order 70 loses ~2000 ulps in double, measured); 11 more bits make the
// returned doubles correct to a few ulps.
using Real = long double;
using Series = std::vector<Real>;

Series constant(Real v, int n) {
  Series s(n + 1, 0);
  s[0] = v;
  return s;
}

// The i >= 1 with a_i != 0. The recurrences sum over these only, so that a function of a constant or of u + s t
// (the usual argument) costs O(n) rather than O(n^2); a jet of order 200 of relu-ntk takes ~0.1 ms.
std::vector<size_t> terms(const Series& a) {
  std::vector<size_t> t;
  for (size_t i = 1; i < a.size(); ++i)
    if (a[i] != 0) t.push_back(i);
  return t;
}

Series mul(const Series& a, const Series& b) {
  if (terms(a).size() > terms(b).size()) return mul(b, a);
  Series p(a.size(), 0);
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != 0)
      for (size_t j = 0; i + j < a.size(); ++j) p[i + j] += a[i] * b[j];
  return p;
}

// q = a / b:  b q = a gives q_j = (a_j - sum_{i=1}^{j} b_i q_{j-i}) / b_0.
Series div(const Series& a, const Series& b) {
  const auto tb = terms(b);
  Series q(a.size());
  for (size_t j = 0; j < a.size(); ++j) {
    Real s = a[j];
    for (size_t i : tb) {
      if (i > j) break;
      s -= b[i] * q[j - i];
    }
    q[j] = s / b[0];
  }
  return q;
}

// f with f_0 = f0 and f' = a' r:  j f_j = sum_{i=1}^{j} i a_i r_{j-i}.
Series integrate(Real f0, const Series& a, const Series& r) {
  const auto ta = terms(a);
  Series f(a.size());
  f[0] = f0;
  for (size_t j = 1; j < a.size(); ++j) {
    Real s = 0;
    for (size_t i : ta) {
      if (i > j) break;
      s += i * a[i] * r[j - i];
    }
    f[j] = s / j;
  }
  return f;
}

// exp: f' = a' f.
Series exp_series(const Series& a) {
  const auto ta = terms(a);
  Series f(a.size());
  f[0] = std::exp(a[0]);
  for (size_t j = 1; j < a.size(); ++j) {
    Real s = 0;
    for (size_t i : ta) {
      if (i > j) break;
      s += i * a[i] * f[j - i];
    }
    f[j] = s / j;
  }
  return f;
}

// log(a)' = a' / a.
Series log_series(const Series& a) { return integrate(std::log(a[0]), a, div(constant(1, int(a.size()) - 1), a)); }

// a^c for a constant c (sqrt is c = 1/2). A whole number c by repeated squaring (exact where a_0 = 0, as for u^2
// at u = 0); otherwise a p' = c a' p gives j a_0 p_j = sum_{i=1}^{j} ((c + 1) i - j) a_i p_{j-i}, which needs
// a_0 != 0 (at a_0 = 0 the derivatives of a^c are infinite: the result is inf or nan).
Series pow_series(const Series& a, Real c) {
  const int n = static_cast<int>(a.size()) - 1;
  if (c == std::floor(c) && std::abs(c) <= 1 << 20) {
    Series result = constant(1, n), base = a;
    for (long m = static_cast<long>(std::abs(c)); m > 0; m >>= 1) {
      if (m & 1) result = mul(result, base);
      if (m > 1) base = mul(base, base);
    }
    return c < 0 ? div(constant(1, n), result) : result;
  }
  const auto ta = terms(a);
  Series p(a.size());
  p[0] = std::pow(a[0], c);
  for (size_t j = 1; j < a.size(); ++j) {
    Real s = 0;
    for (size_t i : ta) {
      if (i > j) break;
      s += ((c + 1) * i - Real(j)) * a[i] * p[j - i];
    }
    p[j] = s / (j * a[0]);
  }
  return p;
}

// The pairs (sin, cos) for sign = -1 and (sinh, cosh) for sign = +1:  s' = a' c,  c' = sign a' s.
std::pair<Series, Series> trig_pair(const Series& a, int sign) {
  const auto ta = terms(a);
  Series s(a.size()), c(a.size());
  s[0] = sign < 0 ? std::sin(a[0]) : std::sinh(a[0]);
  c[0] = sign < 0 ? std::cos(a[0]) : std::cosh(a[0]);
  for (size_t j = 1; j < a.size(); ++j) {
    Real ss = 0, cc = 0;
    for (size_t i : ta) {
      if (i > j) break;
      ss += i * a[i] * c[j - i];
      cc += i * a[i] * s[j - i];
    }
    s[j] = ss / j;
    c[j] = sign * cc / j;
  }
  return {s, c};
}

// tan (sign = +1) and tanh (sign = -1):  t' = a' v with v = 1 + sign t^2, where v_m needs only t_0..t_m.
Series tan_series(const Series& a, int sign) {
  const auto ta = terms(a);
  Series t(a.size()), v(a.size());
  t[0] = sign > 0 ? std::tan(a[0]) : std::tanh(a[0]);
  for (size_t j = 0; j < a.size(); ++j) {
    if (j > 0) {
      Real s = 0;
      for (size_t i : ta) {
        if (i > j) break;
        s += i * a[i] * v[j - i];
      }
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

Series plus(Series a, const Series& b, Real sign) {
  for (size_t j = 0; j < a.size(); ++j) a[j] += sign * b[j];
  return a;
}

Series jet(const Expr& e, Real u, Real scale, int n) {
  auto arg = [&](size_t i) { return jet(e.args[i], u, scale, n); };
  switch (e.op) {
    case Expr::Op::number: return constant(e.value, n);
    case Expr::Op::var: {
      Series s = constant(u, n);
      if (n >= 1) s[1] = scale;  // u + scale t
      return s;
    }
    case Expr::Op::pi: return constant(std::numbers::pi_v<Real>, n);
    case Expr::Op::e: return constant(std::numbers::e_v<Real>, n);
    case Expr::Op::add: return plus(arg(0), arg(1), 1);
    case Expr::Op::sub: return plus(arg(0), arg(1), -1);
    case Expr::Op::neg: return plus(constant(0, n), arg(0), -1);
    case Expr::Op::mul: return mul(arg(0), arg(1));
    case Expr::Op::div: return div(arg(0), arg(1));
    case Expr::Op::pow:
      if (!depends_on_u(e.args[1])) return pow_series(arg(0), e.args[1].eval(0));
      return exp_series(mul(arg(1), log_series(arg(0))));  // a^b = exp(b log a)
    case Expr::Op::call: break;
  }
  const Series a = arg(0);
  const Series one = constant(1, n);
  switch (e.func) {
    case Func::exp: return exp_series(a);
    case Func::log: return log_series(a);
    case Func::sqrt: return pow_series(a, 0.5);
    case Func::sin: return trig_pair(a, -1).first;
    case Func::cos: return trig_pair(a, -1).second;
    case Func::sinh: return trig_pair(a, 1).first;
    case Func::cosh: return trig_pair(a, 1).second;
    case Func::tan: return tan_series(a, 1);
    case Func::tanh: return tan_series(a, -1);
    case Func::asin:  // asin(a)' = a' (1 - a^2)^{-1/2}
      return integrate(std::asin(a[0]), a, pow_series(plus(one, mul(a, a), -1), -0.5));
    case Func::acos:  // acos(a)' = -a' (1 - a^2)^{-1/2}
      return integrate(std::acos(a[0]), a, plus(constant(0, n), pow_series(plus(one, mul(a, a), -1), -0.5), -1));
    case Func::atan:  // atan(a)' = a' / (1 + a^2)
      return integrate(std::atan(a[0]), a, div(one, plus(one, mul(a, a), 1)));
  }
  return constant(NAN, n);
}

}  // namespace

std::vector<double> taylor_jet(const Expr& e, double u, int order, double scale) {
  const Series c = jet(e, u, scale, order < 0 ? 0 : order);
  return {c.begin(), c.end()};
}

}  // namespace tristage::numeric
