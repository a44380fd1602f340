#include "numeric/taylor_jet.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numbers>

namespace tristage::numeric {
namespace {

// A truncated power series in t: s[j] is the coefficient of t^j, j = 0..n. In long double: the recurrences cancel
// (an arc-cosine kernel near u = 1 at order 70 loses ~2000 ulps in double, measured); 11 more bits make the
// returned doubles correct to a few ulps. The same recurrences in double estimate that rounding (taylor_signs).
template <class Real>
using Series = std::vector<Real>;

template <class Real>
Series<Real> constant(Real v, int n) {
  Series<Real> s(n + 1, 0);
  s[0] = v;
  return s;
}

// The i >= 1 with a_i != 0. The recurrences sum over these only, so that a function of a constant or of u + s t
// (the usual argument) costs O(n) rather than O(n^2); a jet of order 200 of relu-ntk takes ~0.1 ms.
template <class Real>
std::vector<size_t> terms(const Series<Real>& a) {
  std::vector<size_t> t;
  for (size_t i = 1; i < a.size(); ++i)
    if (a[i] != 0) t.push_back(i);
  return t;
}

template <class Real>
Series<Real> mul(const Series<Real>& a, const Series<Real>& b) {
  if (terms(a).size() > terms(b).size()) return mul(b, a);
  Series<Real> p(a.size(), 0);
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != 0)
      for (size_t j = 0; i + j < a.size(); ++j) p[i + j] += a[i] * b[j];
  return p;
}

// q = a / b:  b q = a gives q_j = (a_j - sum_{i=1}^{j} b_i q_{j-i}) / b_0.
template <class Real>
Series<Real> div(const Series<Real>& a, const Series<Real>& b) {
  const auto tb = terms(b);
  Series<Real> q(a.size());
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
template <class Real>
Series<Real> integrate(Real f0, const Series<Real>& a, const Series<Real>& r) {
  const auto ta = terms(a);
  Series<Real> f(a.size());
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
template <class Real>
Series<Real> exp_series(const Series<Real>& a) {
  const auto ta = terms(a);
  Series<Real> f(a.size());
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
template <class Real>
Series<Real> log_series(const Series<Real>& a) {
  return integrate(std::log(a[0]), a, div(constant<Real>(1, int(a.size()) - 1), a));
}

// a^c for a constant c (sqrt is c = 1/2). A whole number c by repeated squaring (exact where a_0 = 0, as for u^2
// at u = 0); otherwise a p' = c a' p gives j a_0 p_j = sum_{i=1}^{j} ((c + 1) i - j) a_i p_{j-i}, which needs
// a_0 != 0 (at a_0 = 0 the derivatives of a^c are infinite: the result is inf or nan).
template <class Real>
Series<Real> pow_series(const Series<Real>& a, Real c) {
  const int n = static_cast<int>(a.size()) - 1;
  if (c == std::floor(c) && std::abs(c) <= 1 << 20) {
    Series<Real> result = constant<Real>(1, n), base = a;
    for (long m = static_cast<long>(std::abs(c)); m > 0; m >>= 1) {
      if (m & 1) result = mul(result, base);
      if (m > 1) base = mul(base, base);
    }
    return c < 0 ? div(constant<Real>(1, n), result) : result;
  }
  const auto ta = terms(a);
  Series<Real> p(a.size());
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
template <class Real>
std::pair<Series<Real>, Series<Real>> trig_pair(const Series<Real>& a, int sign) {
  const auto ta = terms(a);
  Series<Real> s(a.size()), c(a.size());
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
template <class Real>
Series<Real> tan_series(const Series<Real>& a, int sign) {
  const auto ta = terms(a);
  Series<Real> t(a.size()), v(a.size());
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

template <class Real>
Series<Real> plus(Series<Real> a, const Series<Real>& b, Real sign) {
  for (size_t j = 0; j < a.size(); ++j) a[j] += sign * b[j];
  return a;
}

// With `literal` false the tree's numbers are its doubles (Expr::value), as the kernel is evaluated in numeric/;
// true reads them, and constant exponents, in Real, so that a jet in long double also sees their rounding in double.
template <class Real>
Series<Real> jet(const Expr& e, Real u, Real scale, int n, bool literal) {
  auto arg = [&](size_t i) { return jet(e.args[i], u, scale, n, literal); };
  switch (e.op) {
    case Expr::Op::number:
      return constant<Real>(literal ? Real(std::strtold(e.number.c_str(), nullptr)) : Real(e.value), n);
    case Expr::Op::var: {
      Series<Real> s = constant(u, n);
      if (n >= 1) s[1] = scale;  // u + scale t
      return s;
    }
    case Expr::Op::pi: return constant(std::numbers::pi_v<Real>, n);
    case Expr::Op::e: return constant(std::numbers::e_v<Real>, n);
    case Expr::Op::add: return plus(arg(0), arg(1), Real(1));
    case Expr::Op::sub: return plus(arg(0), arg(1), Real(-1));
    case Expr::Op::neg: return plus(constant<Real>(0, n), arg(0), Real(-1));
    case Expr::Op::mul: return mul(arg(0), arg(1));
    case Expr::Op::div: return div(arg(0), arg(1));
    case Expr::Op::pow:
      if (!depends_on_u(e.args[1])) return pow_series(arg(0), literal ? arg(1)[0] : Real(e.args[1].eval(0)));
      return exp_series(mul(arg(1), log_series(arg(0))));  // a^b = exp(b log a)
    case Expr::Op::call: break;
  }
  const Series<Real> a = arg(0);
  const Series<Real> one = constant<Real>(1, n);
  switch (e.func) {
    case Func::exp: return exp_series(a);
    case Func::log: return log_series(a);
    case Func::sqrt: return pow_series(a, Real(0.5));
    case Func::sin: return trig_pair(a, -1).first;
    case Func::cos: return trig_pair(a, -1).second;
    case Func::sinh: return trig_pair(a, 1).first;
    case Func::cosh: return trig_pair(a, 1).second;
    case Func::tan: return tan_series(a, 1);
    case Func::tanh: return tan_series(a, -1);
    case Func::asin:  // asin(a)' = a' (1 - a^2)^{-1/2}
      return integrate(std::asin(a[0]), a, pow_series(plus(one, mul(a, a), Real(-1)), Real(-0.5)));
    case Func::acos:  // acos(a)' = -a' (1 - a^2)^{-1/2}
      return integrate(std::acos(a[0]), a,
                       plus(constant<Real>(0, n), pow_series(plus(one, mul(a, a), Real(-1)), Real(-0.5)), Real(-1)));
    case Func::atan:  // atan(a)' = a' / (1 + a^2)
      return integrate(std::atan(a[0]), a, div(one, plus(one, mul(a, a), Real(1))));
  }
  return constant<Real>(NAN, n);
}

}  // namespace

std::vector<double> taylor_jet(const Expr& e, double u, int order, double scale) {
  const auto c = jet<long double>(e, u, scale, std::max(order, 0), false);
  return {c.begin(), c.end()};
}

std::vector<int> taylor_signs(const Expr& e, double u, int order) {
  const int n = std::max(order, 0);
  const auto precise = jet<long double>(e, u, 1, n, true);
  const auto rough = jet<double>(e, u, 1, n, true);
  std::vector<int> sign(n + 1, 0);
  for (int j = 0; j <= n; ++j) {
    // The double's error, about 2^11 times the long double's own: only a c_j beyond it has a sign (nan: none).
    const long double rounding = std::abs(precise[j] - rough[j]);
    sign[j] = precise[j] > rounding ? 1 : precise[j] < -rounding ? -1 : 0;
  }
  return sign;
}

}  // namespace tristage::numeric
