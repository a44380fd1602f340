#include "numeric/equivalent_spectrum.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/number_text.hpp"

namespace tristage::numeric {

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();

// w = B(d,k) xi without forming B when it would overflow.
double weight(long d, int k, double xi) {
  if (xi == 0) return 0;
  const double B = harmonic_dimension_double(d, k);
  return std::isfinite(B) ? B * xi : std::exp(log_harmonic_dimension(d, k) + std::log(xi));
}

}  // namespace

double EquivalentSpectrum::tail_bound(double kappa_min) const {
  if (!tail) return 0;
  if (kappa_min < 2 * tail_largest_xi) return std::numeric_limits<double>::infinity();
  return 8 * tail_largest_xi * tail_tau2 / (double(n) * kappa_min * kappa_min * kappa_min);
}

EquivalentSpectrum equivalent_spectrum(const Spectrum& s, long n, const std::vector<double>& energies) {
  if (n < 1) throw usage_error("n = " + std::to_string(n) + ": the deterministic equivalent needs n >= 1");
  if (!(s.mean_square > 0))
    throw numerical_error("the deterministic equivalent needs E[h^2] of the spectrum (Spectrum::mean_square)");
  const int K = s.kmax();
  if (static_cast<int>(energies.size()) - 1 > K)
    throw numerical_error("the spectrum has " + std::to_string(K + 1) + " degrees, the target " +
                          std::to_string(energies.size()));
  // K's eigenvalues below eps lambda_max are zero to every engine (numeric/spectral_filter.hpp): a degree whose share
  // of K, about xi_k max(n, B_k), is below that resolution is no part of the spectrum here either.
  double xi_max = 0;
  for (int k = 0; k <= K; ++k) xi_max = std::max(xi_max, s.xi[k]);
  const double resolution = eps * (double(n) * xi_max + std::abs(s.h1));
  EquivalentSpectrum e;
  e.n = n;
  e.explicit_degrees = K + 1;
  double sum_w = 0, sum_w_xi = 0, rank = 0;
  for (int k = 0; k <= K; ++k) {
    double xi = s.xi[k];
    const double error = k < static_cast<int>(s.xi_error.size()) ? std::abs(s.xi_error[k]) : 0.0;
    if (xi < -error)
      throw usage_error("kernel is indefinite: xi_{d," + std::to_string(k) + "} = " + number_text(xi) + " < 0 at d = " +
                        std::to_string(s.d) + "; the deterministic equivalent needs a positive semi-definite kernel");
    if (xi <= error) xi = 0;  // zero within its error (arccos1: every odd degree from 3 on)
    double w = weight(s.d, k, xi);
    sum_w += w;  // the tail's moments are what the explicit degrees leave, resolved or not
    sum_w_xi += w * xi;
    if (xi > 0 && std::max(double(n) * xi, w) < resolution) xi = w = 0;
    e.xi.push_back(xi);
    e.w.push_back(w);
    e.energy.push_back(k < static_cast<int>(energies.size()) ? energies[k] : 0.0);
    if (xi > 0) rank += w / xi;
  }
  // The tail's moments by difference. tau_2 at the level of its rounding cannot be told from 0: the tail is then a
  // pure ridge, its error bounded with tau_2 at that level.
  const double tau1 = s.h1 - sum_w, tau2 = s.mean_square - sum_w_xi, tau2_floor = 64 * eps * s.mean_square;
  double kept = 0;
  for (double w : e.w) kept += w;
  if (tau1 > std::max(resolution, 64 * eps * (std::abs(s.h1) + sum_w))) {
    e.tail = true;
    const bool resolved = tau2 > tau2_floor;
    e.tail_tau2 = resolved ? tau2 : tau2_floor;
    const double xi_t = resolved ? tau2 / tau1 : 0.0;
    e.xi.push_back(xi_t);
    e.w.push_back(tau1);
    e.energy.push_back(0);
    e.tail_largest_xi = std::max(xi_t, std::sqrt(e.tail_tau2 / std::exp(log_harmonic_dimension(s.d, K + 1))));
    kept += tau1;
    if (xi_t > 0) rank += tau1 / xi_t;
    else e.ridge = tau1;
  }
  e.h1 = kept;
  e.rank = rank;
  return e;
}

}  // namespace tristage::numeric
