#pragma once
// The deterministic equivalent of THEORY.md 9: training and exact test error of kernel gradient flow, gradient descent
// and ridge regression at finite (n, d), from the population spectrum {xi_{d,k}, B(d,k)}, the target's energies E_k and
// the noise sigma^2, with no n x n matrix (Bordelon, Canatar and Pehlevan 2020; Jacot et al. 2020; Simon et al. 2021;
// Misiakiewicz and Mei 2022, Hu and Lu 2022 for kernels on the sphere at every alpha, integers included).
//
// Resolvents. With kappa = kappa(z) (numeric/effective_ridge.hpp), L_k = xi_k / (xi_k + kappa) and
// Df(k1, k2) = sum_k B_k L_k(k1) L_k(k2):
//   G(z) = (1/n) y^T (K - z)^{-1} y  ~  sigma^2 / (n kappa) + (1/n) sum_k E_k / (xi_k + kappa),
//   C(z1, z2) = E[(f_* - f_{z1})(f_* - f_{z2})]
//             ~ [sum_k E_k (1 - L_k(k1))(1 - L_k(k2)) + sigma^2 Df / n] / (1 - Df / n),
// f_z the ridge estimator H(., X)(K - z)^{-1} y (ridge lambda at z = -n lambda).
// Dynamics. With the residual factor r(z) = e^{-t z/n} (flow) or (1 - eta z/n)^s, s = floor(t / eta) (descent), and a
// contour Gamma around the support of the spectrum that leaves 0 outside:
//   train(t) = m_0 - (1/2 pi i) oint_Gamma r(z)^2 G(z) dz,
//   f_* - f_t = (f_* - f_0) + (1/2 pi i) oint_Gamma (r(z) / z) (f_* - f_z) dz,
// so the excess test error is the quadratic form of C over the weights {1 at z = 0; r(z) dz / (2 pi i z) on Gamma}.
// f_0 is the ridgeless interpolant (kappa(0) = kappa_0). With rank P < n (a finite-rank kernel, or a spectrum resolved
// to finitely many degrees, numeric/equivalent_spectrum.hpp), K has an atom at its pure ridge r (0 for a finite-rank
// kernel), and m_0 = r(r)^2 (1 - P/n)(sigma^2 + the energy of degrees with xi_k = 0) is its residue; at r = 0,
// kappa_0 = 0 and no dynamics moves it.
//
// Contour. One closed curve around each cluster of the support (the spike of degree 0, the cluster of each low degree,
// the bulk), or around neighbouring clusters together where that costs fewer nodes: an ellipse with the group's ends
// as foci, in z or in log z (better for a cluster that reaches close to 0 relative to its width), placed half way (in
// the ellipse parameter) to the nearest obstacle: a neighbouring group, 0, the atom, or the imaginary axis (beyond
// it e^{-tz/n} grows). Every integrand is analytic between the cluster and the
// obstacle, so the trapezoid rule converges geometrically, uniformly in t (|r(z)| <= 1 there for the flow).
// Error estimate. The trapezoid sums on N and on 2N nodes per cluster (the coarse nodes are every other fine one);
// their difference bounds the coarse sum's error and so, with geometric convergence, the fine one's many times over.
// To it are added the rounding of the sums (16 eps times the sum of the absolute terms, each entry of C weighted by
// its cancellation in 1 - Df/n) and the tail model's perturbation (numeric/equivalent_spectrum.hpp). Nodes are
// doubled until the estimate is below the tolerance, or refused (Error(Exit::numerical)) at the node budget.
#include <Eigen/Dense>
#include <complex>
#include <functional>
#include <vector>

#include "core/kernel_spec.hpp"
#include "numeric/effective_ridge.hpp"
#include "numeric/equivalent_spectrum.hpp"

namespace tristage::numeric {

struct EquivalentOptions {
  double tolerance = 1e-9;  // largest accepted error estimate, relative to sum_k E_k + sigma^2
  int max_nodes = 2048;     // on the whole contour (fine nodes): C is (nodes + 1)^2 complex numbers
};

struct EquivalentCurves {
  std::vector<double> train;  // total (noise included), per time
  std::vector<double> test;   // excess, per time
  double error = 0;           // a-posteriori estimate of the largest absolute error of any value
  int nodes = 0;              // fine contour nodes used
};

struct RidgeEquivalent {
  double train = 0;  // total
  double test = 0;   // excess
  double kappa = 0;
};

class DeterministicEquivalent {
 public:
  DeterministicEquivalent(EquivalentSpectrum spectrum, double noise, EquivalentOptions options = {});

  // Times are effective (the loss convention's factor applied); t = infinity gives the ridgeless interpolant.
  EquivalentCurves flow(const std::vector<double>& times) const;
  // Gradient descent with step eta (effective), s = floor(t / eta) steps at time t.
  EquivalentCurves gd(const std::vector<double>& times, double eta) const;
  // Ridge regression min (1/n)||y - K a||^2 + lambda a^T K a, lambda >= 0 (lambda = 0: the ridgeless interpolant).
  RidgeEquivalent ridge(double lambda) const;
  // Any spectral method whose residual is r(K) y, r(z) = residual(t, z) at time index t < T: r analytic where Re z > 0
  // with |r| <= 1 there (flow, descent, ridge, ...). For the tests, and for methods not listed above.
  EquivalentCurves filter(size_t T, const std::function<std::complex<double>(size_t, std::complex<double>)>& residual) const;

  // The oracle's excess error, exact (THEORY.md 4: sum_k e^{-2 t xi_k} E_k), at effective times, for reports beside
  // the equivalent.
  std::vector<double> oracle(const std::vector<double>& times) const;

  double kappa0() const { return kappa0_; }
  // The tail model's relative perturbation of the equation on the contour (numeric/equivalent_spectrum.hpp): above
  // the tolerance, the spectrum needs more explicit degrees.
  double tail_error() const { return spectrum_.tail_bound(kappa_min_); }
  double scale() const { return scale_; }  // sum_k E_k + sigma^2: the training error at t = 0
  const std::vector<EffectiveRidge::Interval>& clusters() const { return ridge_map_.clusters(); }
  const EquivalentSpectrum& spectrum() const { return spectrum_; }

 private:
  struct Node {
    std::complex<double> z, dz, kappa;  // dz: dz/dtheta times the step in theta
  };
  struct Geometry {
    bool logarithmic;  // the ellipse lives in log z
    double center, radius, r;  // foci center +- radius, ellipse parameter r
    int nodes;
  };
  // residual(t index, z) -> r(z) at that time; zero_at[t]: r = 0 identically (t = infinity).
  template <class Residual>
  EquivalentCurves curves(size_t T, const Residual& residual, const std::vector<bool>& zero_at) const;
  static Geometry ellipse(const std::vector<EffectiveRidge::Interval>& groups, size_t j, double floor);
  std::vector<Node> contour(int level) const;
  void solve_upper_half(const Geometry& g, int n_nodes, std::vector<Node>& out) const;

  EquivalentSpectrum spectrum_;
  double noise_;
  EquivalentOptions options_;
  EffectiveRidge ridge_map_;
  double kappa0_ = 0, scale_ = 0, kappa_min_ = 0;
  double atom_ = 0, atom_mass_ = 0;  // with rank < n: K's eigenvalue n - rank times, and y's energy there
  std::vector<Geometry> geometry_;
};

// The equivalent of a kernel at (d, n): its spectrum by quadrature (numeric/xi_quadrature.hpp) with as many explicit
// degrees as the tail model needs, doubling from max(target's top degree, ell + 2) + 2 up to 400.
DeterministicEquivalent deterministic_equivalent(const KernelSpec& h, long d, long n, const std::vector<double>& energies,
                                                 double noise, EquivalentOptions options = {});

}  // namespace tristage::numeric
