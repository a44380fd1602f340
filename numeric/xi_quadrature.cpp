#include "numeric/xi_quadrature.hpp"

#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "core/error.hpp"
#include "numeric/gegenbauer.hpp"
#include "numeric/taylor_jet.hpp"

namespace tristage::numeric {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

// Support cut. Both integrands are bounded by 2^{k+1} M (1-u^2)^{(d-3)/2} for a kernel bounded by M on the unit disc,
// as every kernel of THEORY.md 2 is: direct, |h| <= M and |Q_k| <= 1; derivative, Cauchy's estimate
// |h^{(k)}(u)| (1-|u|)^k / k! <= M on the disc of radius 1-|u| about u, times (1+|u|)^k (1-u^2)^{(d-3)/2} (see
// derivative() below). So [0, 1] is cut at u_c where 2^order (1-u_c^2)^{(d-3)/2} = 1e-40: the weight falls
// monotonically, and the part dropped is below 2e-40 M of the unnormalised integral for every k <= order, far below
// the rounding of xi unless E_{d+2k}[h^{(k)}] / k! is 1e-24 times smaller than M.
constexpr double support_cut = 1e-40;

// log (1-u^2), accurate at both ends: log1p(-u^2) loses relative accuracy as u -> 1, the product form near 0.
double log_one_minus_u2(double u) {
  const double a = std::abs(u);
  return a < 0.5 ? std::log1p(-a * a) : std::log1p(-a) + std::log1p(a);
}
// The weight (1-u^2)^p relative to its peak at u = 0, and its integral over [-1, 1], B(1/2, p+1).
double weight(double p, double u) { return p == 0 ? 1.0 : std::exp(p * log_one_minus_u2(u)); }
double weight_integral(double p) { return boost::math::beta(0.5, p + 1); }

double support_end(long d, int order) {
  const double p = (d - 3) / 2.0;
  if (p == 0) return 1;
  const double log_cut = std::log(support_cut) - order * std::log(2.0);
  return std::min(1.0, std::sqrt(-std::expm1(log_cut / p)));  // (1 - u_c^2)^p = support_cut 2^{-order}
}

// Kernel values and Taylor jets at the quadrature nodes, kept by node: every degree k integrates over the same
// interval [0, u_c], so tanh-sinh visits the same nodes for each k and each value is computed once.
class NodeCache {
 public:
  NodeCache(const KernelSpec& h, int order) : h_(h), expr_(h.expression()), order_(order) {}

  // (h(u), h(-u))
  const std::pair<double, double>& values(double u) {
    auto [it, fresh] = values_.try_emplace(u);
    if (fresh) it->second = {h_(u), h_(-u)};
    return it->second;
  }
  // (c(u), c(-u)) for 0 <= u < 1, c_j = h^{(j)} s^j / j! for j = 0..order with s = 1 - u: the jets of h(+-u + s t),
  // scaled to the distance to the endpoint so that they stay finite where h^{(j)} grows like (1-u^2)^{1/2-j}.
  const std::pair<std::vector<double>, std::vector<double>>& jets(double u) {
    auto [it, fresh] = jets_.try_emplace(u);
    if (fresh) it->second = {taylor_jet(expr_, u, order_, 1 - u), taylor_jet(expr_, -u, order_, 1 - u)};
    return it->second;
  }

 private:
  KernelSpec h_;  // a copy: a solver may outlive the caller's spec
  Expr expr_;
  int order_;
  std::unordered_map<double, std::pair<double, double>> values_;
  std::unordered_map<double, std::pair<std::vector<double>, std::vector<double>>> jets_;
};

struct Integral {
  double value = 0, error = 0, L1 = 0;
};

// One tanh-sinh rule for all integrands. At most ten refinements (a few thousand nodes). Measured over nine kernels,
// d = 3..1e4 and k <= 12: the derivative route stops after 2 to 6 levels; only the direct route under heavy
// cancellation uses all ten. Boost guards the growth of its tables with a mutex, so threads may share it.
boost::math::quadrature::tanh_sinh<double>& tanh_sinh_rule() {
  static boost::math::quadrature::tanh_sinh<double> rule(10);
  return rule;
}

// int_0^b f by tanh-sinh until the difference of its last two levels is below tol * L1.
template <class F>
Integral integrate(F f, double b, double tol) {
  Integral r;
  try {
    r.value = tanh_sinh_rule().integrate(f, 0.0, b, tol, &r.error, &r.L1);
  } catch (const std::exception& e) {
    throw numerical_error(std::string("quadrature of xi_{d,k} failed: ") + e.what());
  }
  if (!std::isfinite(r.value)) throw numerical_error("quadrature of xi_{d,k}: the integrand is not finite");
  return r;
}

class XiSolver {
 public:
  XiSolver(const KernelSpec& h, long d, int order, double rel_tol)
      : nodes_(h, order), d_(d), p_((d - 3) / 2.0), end_(support_end(d, order)), rel_tol_(rel_tol) {}

  XiQuadrature solve(int k) {
    // The derivative route first: measured against 50-digit references it is as accurate as the direct one or
    // better at every (d, k) tried, d = 3 included (tests/test_quadrature.cpp). The direct route is the fallback
    // when the derivative route misses the tolerance (a kernel whose jets cancel); the smaller estimate wins.
    XiQuadrature best = derivative(k);
    if (meets(best)) return best;
    XiQuadrature other = direct(k);
    return other.error_estimate < best.error_estimate ? other : best;
  }

  XiQuadrature direct(int k) {
    // E_d[h Q_k] folded: int_0^1 (h(u) + (-1)^k h(-u)) Q_k(u) w(u) du / int_{-1}^1 w.
    std::vector<double> q(k + 1);
    const double sign = k % 2 ? -1 : 1;
    auto folded = [&](double u) {
      const auto& [hp, hm] = nodes_.values(u);
      gegenbauer_all(d_, k, u, q.data());
      return (hp + sign * hm) * q[k] * weight(p_, u);
    };
    auto magnitude = [&](double u) {
      const auto& [hp, hm] = nodes_.values(u);
      gegenbauer_all(d_, k, u, q.data());
      return (std::abs(hp) + std::abs(hm)) * std::abs(q[k]) * weight(p_, u);
    };
    // Rounding: h and the fold contribute a few ulps of |h|, the recurrence for Q_k about k ulps of the local
    // envelope of Q_k (it is stable on [-1, 1]). Measured against 50-digit references (arc-cosine kernels,
    // d = 3..20, k <= 70) the error is at most 4.3 times (the quadrature's estimate + 1 ulp of int |h Q_k| w):
    // 4(k + 4) ulps leaves a margin of 3.7 or more.
    return finish(folded, magnitude, 1 / weight_integral(p_), 4 * (k + 4.0), "direct");
  }

  XiQuadrature derivative(int k) {
    // E_{d+2k}[h^{(k)}] / prod_{i<k} (d+2i) = k! / prod_{i<k} (d+2i) * E_{d+2k}[c_k], folded: c_k(u) + c_k(-u).
    // With the scaled jets c_k (1-u)^k the weight (1-u^2)^{p+k} becomes (1+u)^k (1-u^2)^p: no inf * 0 at the
    // endpoints, where c_k alone overflows for k >~ 40 (arc-cosine kernels at d = 3).
    const double p = p_ + k;
    double factor = 1 / weight_integral(p);
    for (int i = 0; i < k; ++i) factor *= (i + 1.0) / (d_ + 2.0 * i);
    auto w = [&](double u) { return std::exp(p_ * log_one_minus_u2(u) + k * std::log1p(u)); };
    auto folded = [&](double u) {
      const auto& [cp, cm] = nodes_.jets(u);
      return (cp[k] + cm[k]) * w(u);
    };
    auto magnitude = [&](double u) {
      const auto& [cp, cm] = nodes_.jets(u);
      return (std::abs(cp[k]) + std::abs(cm[k])) * w(u);
    };
    // Rounding: the jets are computed in long double, so they reach the fold within about an ulp; the fold, the
    // weight (exp of p log(1-u^2): a few ulps in the bulk, up to ~90 at the support cut where the weight is 1e-40),
    // the products and the quadrature's sums give the rest. Measured against 50-digit references (arc-cosine
    // kernels, d = 3..20, k <= 70) the error is at most 5.2 times (the quadrature's estimate + 1 ulp of int |f|):
    // 32 ulps leaves a margin of 6.
    return finish(folded, magnitude, factor, 32, "derivative");
  }

 private:
  NodeCache nodes_;
  long d_;
  double p_, end_, rel_tol_;

  bool meets(const XiQuadrature& x) const { return x.error_estimate <= rel_tol_ * std::abs(x.value); }

  template <class F, class G>
  XiQuadrature finish(F folded, G magnitude, double factor, double ulps, const char* method) {
    Integral r = integrate(folded, end_, rel_tol_);
    // Three digits of int |f| suffice for the rounding estimate; the nodes are mostly cached already.
    const double rounding = ulps * eps * integrate(magnitude, end_, 1e-3).value;
    // Tanh-sinh stops on tol * L1; where the integrand cancels (L1 >> |I|) and the target is above the rounding
    // floor, ask again for rel_tol * |I| (cheap: the nodes of the first pass are cached).
    const double target = rel_tol_ * std::abs(r.value);
    if (r.error > target && rounding < target && r.L1 > std::abs(r.value))
      r = integrate(folded, end_, std::max(target / r.L1, 4 * eps));
    return {factor * r.value, factor * (r.error + rounding), method};
  }
};

void check_arguments(long d, int k) {
  if (d < 3) throw usage_error("d = " + std::to_string(d) + ": the sphere needs d >= 3");
  if (k < 0) throw usage_error("degree k = " + std::to_string(k) + " must be >= 0");
}

}  // namespace

XiQuadrature xi_by_quadrature(const KernelSpec& h, long d, int k, double rel_tol) {
  check_arguments(d, k);
  return XiSolver(h, d, k, rel_tol).solve(k);
}

Spectrum spectrum_by_quadrature(const KernelSpec& h, long d, int kmax, double rel_tol) {
  check_arguments(d, kmax);
  Spectrum s;
  s.d = d;
  s.h1 = h(1.0);
  XiSolver solver(h, d, kmax, rel_tol);
  for (int k = 0; k <= kmax; ++k) {
    const XiQuadrature x = solver.solve(k);
    s.xi.push_back(x.value);
    s.xi_error.push_back(x.error_estimate);
    s.B.push_back(harmonic_dimension_double(d, k));
  }
  return s;
}

double mean_square(const KernelSpec& h, long d) {
  check_arguments(d, 0);
  const double p = (d - 3) / 2.0;
  // h(u)^2 + h(-u)^2 >= 0: no cancellation, the plain folded integral of the direct route.
  auto f = [&](double u) { return (h(u) * h(u) + h(-u) * h(-u)) * weight(p, u); };
  return integrate(f, support_end(d, 0), 1e-15).value / weight_integral(p);
}

}  // namespace tristage::numeric
