#pragma once
// The spectrum of the kernel operator at a finite d: eigenvalue xi_{d,k} with multiplicity B(d,k) for k = 0..kmax,
// and h(1) = sum_k xi_{d,k} B(d,k) for the effective ridge. Produced by theory/ (exact series) or numeric/
// (quadrature); consumed by the dynamics and the predictions.
#include <cmath>
#include <vector>

namespace tristage {

struct Spectrum {
  long d = 0;
  double h1 = 0;                // h(1)
  double mean_square = 0;       // E[h(u)^2] = sum_k xi_k^2 B_k over all k (0: not computed)
  std::vector<double> xi;       // xi_{d,k}, k = 0..kmax
  std::vector<double> B;        // B(d,k) in floating point (a few ulps)
  std::vector<double> xi_error; // error bound or estimate of each xi

  int kmax() const { return static_cast<int>(xi.size()) - 1; }
  // kappa_d(l) = h(1) - sum_{k<=l} xi_{d,k} B(d,k).
  double kappa(int ell) const {
    double s = h1;
    for (int k = 0; k <= ell && k <= kmax(); ++k) s -= xi[k] * B[k];
    return s;
  }
};

// log B(d,k), for sizes beyond a double (B(10^6, 60) ~ 10^278 is near the end of the range): the same product as
// below, summed as logarithms of its factors, so that B(d,k) = exp(log B) keeps ~k ulps (lgamma of d ~ 10^6 would lose
// 1e-9 to the size of its value).
inline double log_harmonic_dimension(long d, int k) {
  if (k == 0) return 0;
  double b = std::log((2.0 * k + d - 2) / k);
  for (int i = 1; i < k; ++i) b += std::log((d - 2.0 + i) / i);
  return b;
}

// B(d,k) = (2k + d - 2)/k * C(k + d - 3, k - 1), in floating point (relative error ~k ulps).
inline double harmonic_dimension_double(long d, int k) {
  if (k == 0) return 1;
  double b = (2.0 * k + d - 2) / k;
  for (int i = 1; i < k; ++i) b *= (d - 2.0 + i) / i;  // C(k+d-3, k-1) = prod_{i=1}^{k-1} (d-2+i)/i
  return b;
}

}  // namespace tristage
