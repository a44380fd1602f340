#pragma once
// What is measured along the dynamics (THEORY.md 4), all as excess errors ||f - f_*||^2 (add sigma^2 for total):
// the exact population test error of f = sum_i a_i H(., x_i) without a test set, its Monte-Carlo cross-check, and
// the oracle error in closed form.
#include <Eigen/Dense>
#include <vector>

#include "core/spectrum.hpp"
#include "numeric/kernel_eval.hpp"
#include "numeric/target.hpp"

namespace tristage::numeric {

// Degrees to keep in M_ij = sum_k xi_k^2 B_k Q_k(<x_i,x_j>/d): the first K with xi_{K+1} kappa_d(K) <= tol * M_ii,
// a bound on the dropped tail (|Q_k| <= 1 and xi decreasing past the target's degrees). Needs the spectrum to K+1.
int test_error_degrees(const Spectrum& s, double tol);

// ||f - f_*||^2 = ||f_*||^2 - 2 a^T b + a^T M a, b = H f_* at the points, M of THEORY.md 4 truncated as above.
class ExactTestError {
 public:
  ExactTestError(const Eigen::MatrixXd& X, const GegenbauerTarget& target, const Spectrum& s, double tol = 1e-14);
  std::vector<double> excess(const Eigen::MatrixXd& A) const;  // one value per column a
  int degrees() const { return degrees_; }

 private:
  Eigen::MatrixXd M_;
  Eigen::VectorXd b_;
  double norm2_;
  int degrees_;
};

// Monte-Carlo cross-check on m fresh test points (in blocks, never m x n at once).
struct MonteCarloError {
  std::vector<double> mean, standard_error;  // of (f(x) - f_*(x))^2, per column of A
};
MonteCarloError monte_carlo_error(const Eigen::MatrixXd& X, const Eigen::MatrixXd& A, const GegenbauerTarget& target,
                                  const KernelEvaluator& h, const Eigen::MatrixXd& test_points);

// R(f_t^oracle) - sigma^2 = sum_k e^{-2 t xi_k} ||P_k f_*||^2 at the effective time t.
double oracle_excess(const Spectrum& s, const std::vector<double>& energies, double t);

}  // namespace tristage::numeric
