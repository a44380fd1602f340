#include "numeric/effective_ridge.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/error.hpp"
#include "core/number_text.hpp"

namespace tristage::numeric {

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double infinity = std::numeric_limits<double>::infinity();

// The sign change of a monotone f on (a, b), f < 0 near a when rising (else f > 0 there). The midpoints are
// geometric while the bracket spans orders of magnitude on one side of 0, so that a root at 1e-60 next to a bracket end
// at 1e-3 is found to full relative precision.
template <class F>
double bisect(const F& f, double a, double b, bool rising) {
  for (int i = 0; i < 2000 && b - a > 2 * eps * std::max(std::abs(a), std::abs(b)); ++i) {
    double mid = (a + b) / 2;
    if (a > 0 && b > 4 * a) mid = std::sqrt(a) * std::sqrt(b);
    if (b < 0 && a < 4 * b) mid = -std::sqrt(-a) * std::sqrt(-b);
    if (mid <= a || mid >= b) break;
    if ((f(mid) < 0) == rising) a = mid;
    else b = mid;
  }
  return (a + b) / 2;
}

double above(double p) { return p + 4 * eps * std::abs(p); }
double below(double p) { return p - 4 * eps * std::abs(p); }

}  // namespace

EffectiveRidge::EffectiveRidge(const EquivalentSpectrum& s) : n_(double(s.n)), ridge_(s.ridge) {
  std::map<double, double, std::greater<>> poles;  // equal eigenvalues of two degrees share a pole
  for (size_t j = 0; j < s.size(); ++j)
    if (s.xi[j] > 0 && s.w[j] > 0) poles[s.xi[j]] += s.w[j];
  if (poles.empty()) throw numerical_error("the kernel has no positive eigenvalue: nothing to learn with");
  double total = 0;  // sum of w xi: S(u) <= total / dist(u, poles)^2
  for (const auto& [p, w] : poles) {
    pole_.push_back(p);
    weight_.push_back(w);
    total += w * p;
  }
  // S(u) <= total / dist(u, poles)^2: below n at distance 2 sqrt(total / n), which brackets the outer edges.
  const double reach = 2 * std::sqrt(total / n_);
  const auto s_minus_n = [&](double u) { return S(u) - n_; };
  const size_t m = pole_.size();
  const double u_top = bisect(s_minus_n, above(pole_[0]), pole_[0] + reach, false);
  const double u_bottom = bisect(s_minus_n, pole_[m - 1] - reach, below(pole_[m - 1]), true);
  gaps_.push_back({-infinity, z_real(u_bottom), -infinity, u_bottom});
  for (size_t j = 0; j + 1 < m; ++j) {
    const double lo = above(pole_[j + 1]), hi = below(pole_[j]);
    if (!(lo < hi)) continue;
    const double valley = bisect([&](double u) { return dS(u); }, lo, hi, true);  // S is smallest here
    if (!(S(valley) < n_)) continue;
    const double u1 = bisect(s_minus_n, lo, valley, false), u2 = bisect(s_minus_n, valley, hi, true);
    gaps_.push_back({z_real(u1), z_real(u2), u1, u2});
  }
  gaps_.push_back({z_real(u_top), infinity, u_top, infinity});
  std::sort(gaps_.begin(), gaps_.end(), [](const Gap& a, const Gap& b) { return a.z_lo < b.z_lo; });
  for (size_t i = 0; i + 1 < gaps_.size(); ++i) {
    const Interval c{gaps_[i].z_hi, gaps_[i + 1].z_lo};
    if (!(c.lo < c.hi) || !(gaps_[i].z_lo < gaps_[i].z_hi))
      throw numerical_error("the support of the deterministic equivalent could not be resolved in double precision "
                            "(a cluster of eigenvalues of width " + number_text(c.hi - c.lo) + " at " +
                            number_text(c.lo) + ")");
    clusters_.push_back(c);
  }
}

double EffectiveRidge::S(double u) const {
  double s = 0;
  for (size_t j = 0; j < pole_.size(); ++j) s += weight_[j] * pole_[j] / ((pole_[j] - u) * (pole_[j] - u));
  return s;
}

double EffectiveRidge::dS(double u) const {
  double s = 0;
  for (size_t j = 0; j < pole_.size(); ++j) {
    const double r = 1 / (pole_[j] - u);
    s += 2 * weight_[j] * pole_[j] * r * r * r;
  }
  return s;
}

double EffectiveRidge::z_real(double u) const { return z(std::complex<double>(-u)).real(); }

std::complex<double> EffectiveRidge::z(std::complex<double> kappa) const {
  std::complex<double> df = 0;
  for (size_t j = 0; j < pole_.size(); ++j) df += weight_[j] / (pole_[j] + kappa);
  return ridge_ + kappa * (df - n_);
}

std::complex<double> EffectiveRidge::dz(std::complex<double> kappa) const {
  std::complex<double> s = -n_;
  for (size_t j = 0; j < pole_.size(); ++j) {
    const std::complex<double> r = 1.0 / (pole_[j] + kappa);
    s += weight_[j] * pole_[j] * r * r;
  }
  return s;
}

double EffectiveRidge::kappa(double z) const {
  for (const Gap& g : gaps_) {
    if (!(z > g.z_lo && z < g.z_hi)) continue;
    // z(u) <= h1 + n u below every pole and >= above them (h1 = r + sum w): (z - h1)/n closes the outer brackets.
    double h1 = ridge_;
    for (double w : weight_) h1 += w;
    const double lo = std::isinf(g.u_lo) ? std::min(below(g.u_hi), (z - h1) / n_) : g.u_lo;
    const double hi = std::isinf(g.u_hi) ? std::max(above(g.u_lo), (z - h1) / n_) : g.u_hi;
    double u = bisect([&](double v) { return z_real(v) - z; }, lo, hi, true);
    for (int i = 0; i < 3; ++i) {  // polish: the bisection stops at the bracket's rounding, Newton at the root's
      const double step = (z_real(u) - z) / (n_ - S(u));  // dz/du = n - S(u) > 0 in a gap
      if (!std::isfinite(step) || std::abs(step) > hi - lo) break;
      u -= step;
    }
    return -u;
  }
  throw numerical_error("kappa(z) asked for z = " + number_text(z) + " inside the spectrum");
}

std::optional<std::complex<double>> EffectiveRidge::kappa(std::complex<double> z, std::complex<double> guess) const {
  std::complex<double> k = guess;
  bool settled = false;
  for (int i = 0; i < 60 && !settled; ++i) {
    const std::complex<double> step = (this->z(k) - z) / dz(k);
    if (!std::isfinite(step.real()) || !std::isfinite(step.imag())) return std::nullopt;
    k -= step;
    settled = std::abs(step) <= 8 * eps * std::abs(k);
  }
  // A root, to the rounding of the terms that make z(kappa); on the branch: Im kappa opposite to Im z.
  double size = ridge_ + n_ * std::abs(k) + std::abs(z);
  for (size_t j = 0; j < pole_.size(); ++j) size += weight_[j] * std::abs(k) / std::abs(pole_[j] + k);
  if (!settled && std::abs(this->z(k) - z) > 64 * eps * size) return std::nullopt;
  if (z.imag() * k.imag() > 0) return std::nullopt;
  return k;
}

}  // namespace tristage::numeric
