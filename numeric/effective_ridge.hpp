#pragma once
// The effective ridge kappa(z) of the deterministic equivalent (THEORY.md 9): the root of
//     sum_k w_k / (xi_k + kappa) = n + z / kappa          (w_k = B(d,k) xi_k)
// on the branch that is real and positive for z < 0. Solved for z, the equation is explicit:
//     z(kappa) = r + kappa (sum_k w_k / (xi_k + kappa) - n),    dz/dkappa = -(n - Df_2(kappa)),
// r the pure ridge (the weight of degrees with xi_k = 0; numeric/equivalent_spectrum.hpp) and the sum over xi_k > 0.
// (Written so, z keeps its relative precision for the smallest clusters of eigenvalues, where the equivalent form
// h(1) - n kappa - sum_k w_k xi_k / (xi_k + kappa) would lose it to the cancellation against h(1).)
// So kappa(z) is a Newton iteration on z(kappa) - z, and the support of the spectral measure the equivalent stands
// for (the spectrum of K) follows from the real line (Silverstein and Choi 1995): with u = -kappa, the real z outside
// the support are exactly the z(u) at real u where dz/du > 0, that is
//     S(u) = sum_k w_k xi_k / (xi_k - u)^2 < n.
// S is convex between consecutive poles xi_k, so each interval between poles holds at most one gap of the spectrum,
// found by bisection; together with the two outer gaps they give the clusters of eigenvalues (one per degree whose
// B(d,k) is well below n, and the bulk). On the branch, 1/(n kappa(z)) is the Stieltjes transform of a probability
// measure: Im kappa has the sign opposite to Im z, which every complex solution is checked against.
#include <complex>
#include <optional>
#include <vector>

#include "numeric/equivalent_spectrum.hpp"

namespace tristage::numeric {

class EffectiveRidge {
 public:
  explicit EffectiveRidge(const EquivalentSpectrum& s);

  std::complex<double> z(std::complex<double> kappa) const;
  std::complex<double> dz(std::complex<double> kappa) const;  // dz/dkappa

  struct Interval {
    double lo, hi;
  };
  // The support, in increasing order: each interval a cluster of eigenvalues of K. A finite-rank kernel with
  // rank < n has, besides, an atom at 0 of mass 1 - rank/n (not listed).
  const std::vector<Interval>& clusters() const { return clusters_; }

  // kappa(z) for real z outside the support (bisection on the branch's monotone piece, then Newton).
  double kappa(double z) const;
  // kappa(z) for complex z by Newton from `guess` (kappa at a nearby z): nothing if Newton does not settle on a root
  // of the branch (the caller steps closer).
  std::optional<std::complex<double>> kappa(std::complex<double> z, std::complex<double> guess) const;

 private:
  struct Gap {
    double z_lo, z_hi;  // the gap (z_lo, z_hi) of the spectrum, infinite at the two ends
    double u_lo, u_hi;  // where u = -kappa runs while z crosses it
  };
  double z_real(double u) const;  // z at kappa = -u
  double S(double u) const;
  double dS(double u) const;

  double n_ = 0, ridge_ = 0;
  std::vector<double> pole_, weight_;  // distinct xi_k > 0, descending, and the sum of w_k at each
  std::vector<Gap> gaps_;
  std::vector<Interval> clusters_;
};

}  // namespace tristage::numeric
