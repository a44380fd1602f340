#pragma once
// The population spectrum as the deterministic equivalent (THEORY.md 9) integrates against it.
//
// Each degree k is kept as (xi_k, w_k = B(d,k) xi_k) rather than (xi_k, B(d,k)): every formula of section 9 needs only
// these two (B xi^2 / (xi + kappa) = w xi / (xi + kappa)), and neither over- nor underflows where B(d,k) ~ d^k / k!
// and xi_{d,k} ~ d^-k do (d = 10^6). The degrees above the explicit ones form one pseudo-degree with the tail's first two
// moments, tau_1 = h(1) - sum_{k<=K} w_k and tau_2 = E[h^2] - sum_{k<=K} w_k xi_k: xi_t = tau_2 / tau_1,
// w_t = tau_1. The tail enters only through sums of w x / (x + kappa) and w x / ((x + kappa_1)(x + kappa_2)), whose
// leading terms tau_2 / kappa and tau_2 / (kappa_1 kappa_2) it reproduces exactly; what it misses is at most
// 4 x tau_2 / kappa^2 and 8 x tau_2 / kappa^3 for |kappa| >= 2x, x the largest eigenvalue in the tail (at most
// sqrt(tau_2 / B(d,K+1)), since B(d,k) grows with k). tail_bound() states it relative to the equation's scale n.
#include <vector>

#include "core/spectrum.hpp"

namespace tristage::numeric {

struct EquivalentSpectrum {
  long n = 0;                      // samples
  double h1 = 0;                   // sum of w over every degree, tail included (h(1) to rounding)
  std::vector<double> xi, w;       // explicit degrees k = 0..K, then the tail pseudo-degree if there is one
  std::vector<double> energy;      // E_k = F_k^2 per entry (0 beyond the target, and on the tail)
  int explicit_degrees = 0;        // K + 1
  bool tail = false;               // the last entry is the tail pseudo-degree
  double tail_largest_xi = 0;      // bound on every eigenvalue inside the tail (0 without a tail)
  double tail_tau2 = 0;            // sum_tail w xi (its rounding level when the tail is a pure ridge)
  double rank = 0;                 // sum of B_k over xi_k > 0, the tail pseudo-degree's tau_1^2 / tau_2 included
  double ridge = 0;                // a tail with tau_2 at the level of rounding: a pure ridge, eigenvalue 0 with w = tau_1

  // Relative perturbation of the equation by the tail model, for |kappa| >= kappa_min: 8 x tau_2 / (n kappa_min^3)
  // (infinite when kappa_min < 2x, where the expansion does not hold).
  double tail_bound(double kappa_min) const;
  size_t size() const { return xi.size(); }
};

// With rank < n, K has n - rank eigenvalues equal to the ridge (0 for a finite-rank kernel): an atom of its spectrum.
// A degree whose share of K, about xi_k max(n, B_k), is below eps (n xi_max + h(1)) is dropped: K's eigenvalues
// below eps lambda_max are zero to every engine (numeric/spectral_filter.hpp), and here too.
//
// From the spectrum of a simulation (quadrature xi with error estimates, B, h(1), E[h^2]) and the target's energies.
// An xi_k within its error estimate of 0 counts as 0 (arc-cosine kernels' odd degrees); below that, the kernel is
// indefinite and the equivalent does not apply: throws Error(Exit::usage) naming the degree. Tail moments at the
// level of rounding (relative to h(1), E[h^2]) count as no tail. Needs s.mean_square.
EquivalentSpectrum equivalent_spectrum(const Spectrum& s, long n, const std::vector<double>& energies);

}  // namespace tristage::numeric
