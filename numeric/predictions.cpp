#include "numeric/predictions.hpp"

#include <cmath>
#include <limits>
#include <numbers>

namespace tristage::numeric {

double marchenko_pastur_mean(double q, double (*f)(double, const void*), const void* context) {
  // s = mid + half cos(theta): the square-root edges become sin^2(theta), smooth and periodic, where the
  // trapezoid rule converges geometrically; 4000 nodes are far beyond what double precision needs.
  const double lo = std::pow(1 - std::sqrt(q), 2), hi = std::pow(1 + std::sqrt(q), 2);
  const double mid = (lo + hi) / 2, half = (hi - lo) / 2;
  constexpr int nodes = 4000;
  double sum = 0, mass = 0;
  for (int i = 1; i < nodes; ++i) {
    const double theta = std::numbers::pi * i / nodes, s = mid + half * std::cos(theta);
    const double w = half * half * std::pow(std::sin(theta), 2) / (2 * std::numbers::pi * q * s);
    sum += w * f(s, context);
    mass += w;
  }
  const double h = std::numbers::pi / nodes;
  sum *= h;
  mass *= h;
  if (q > 1) sum += (1 - mass) * f(0, context);
  return sum;
}

Prediction finite_d_prediction(const Spectrum& s, const std::vector<double>& energies, double noise, long n,
                               double t) {
  const int ell = static_cast<int>(std::floor(std::log(double(n)) / std::log(double(s.d)) + 1e-12));
  const double kappa = s.kappa(ell);
  auto e = [&](int k) { return k < static_cast<int>(energies.size()) ? energies[k] : 0.0; };
  auto decay = [&](double rate) { return std::isinf(t) ? (rate > 0 ? 0.0 : 1.0) : std::exp(-2 * t * rate); };
  Prediction p;
  double high = 0, low_train = 0;  // E_{>ell}, and the low-degree part of the training error
  for (size_t k = 0; k < energies.size(); ++k) {
    const double xi = static_cast<int>(k) <= s.kmax() ? s.xi[k] : 0.0;
    p.oracle += decay(xi) * e(k);
    // THEORY.md 6 counts every degree k <= ell as learned by the empirical model: true when mu_k > 0, where
    // xi_{d,k} ~ mu_k d^-k >> kappa/n. A degree with xi_{d,k} below the ridge kappa/n (mu_k = 0, e.g. the linear
    // part of 1 + 3(e^u - 1 - u)) stays in the bulk with the degrees above ell.
    if (static_cast<int>(k) <= ell && xi > kappa / n) {
      p.test += decay(xi) * e(k);
      low_train += decay(xi + kappa / n) * e(k);
    } else {
      p.test += e(k);
      high += e(k);
    }
  }
  p.train = low_train + decay(kappa / n) * (high + noise);

  // Refinement: the degree ell+1 block is Wishart-like, the bulk of K is c + a s with s ~ MP(q).
  p.train_refined = std::numeric_limits<double>::quiet_NaN();
  if (ell + 1 <= s.kmax() && !std::isinf(t)) {
    const double B1 = s.B[ell + 1], a = s.xi[ell + 1] * B1, c = kappa - a, q = n / B1, gamma = t / n;
    double D = 0;  // the learned low-degree blocks
    for (int k = 0; k <= ell; ++k)
      if (s.xi[k] > kappa / n) D += s.B[k];
    struct Ctx {
      double a, c, gamma;
    } ctx{a, c, gamma};
    auto plain = [](double x, const void* v) {
      auto* k = static_cast<const Ctx*>(v);
      return std::exp(-2 * k->gamma * (k->c + k->a * x));
    };
    auto biased = [](double x, const void* v) {
      auto* k = static_cast<const Ctx*>(v);
      return x * std::exp(-2 * k->gamma * (k->c + k->a * x));
    };
    auto identity = [](double x, const void*) { return x; };
    const double bulk = marchenko_pastur_mean(q, plain, &ctx);
    const double aligned = marchenko_pastur_mean(q, biased, &ctx) / marchenko_pastur_mean(q, identity, nullptr);
    p.train_refined = low_train + (high - e(ell + 1) + noise) * (1 - D / n) * bulk + e(ell + 1) * (1 - D / n) * aligned;
  }
  return p;
}

}  // namespace tristage::numeric
