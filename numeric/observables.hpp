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

// Degrees to keep in M_ij = sum_k xi_k^2 B_k Q_k(<x_i,x_j>/d): the first K whose dropped tail
// sum_{k>K} xi_k^2 B_k = E[h^2] - sum_{k<=K} xi_k^2 B_k (a bound on every |M_ij - M^K_ij|, since |Q_k| <= 1) is at
// most tol * E[h^2]. Needs s.mean_square; returns s.kmax() + 1 when the spectrum stops too early (then extend it).
int test_error_degrees(const Spectrum& s, double tol);
inline constexpr double test_error_tolerance = 1e-13;  // every entry of M within 1e-13 E[h^2]

// M's off-diagonal as a Gegenbauer series: c_k = xi_k^2 B_k for k up to the larger of test_error_degrees and the
// target's top degree. Throws when the spectrum stops too early.
std::vector<double> test_error_series(const Spectrum& s, int target_kmax, double tol = test_error_tolerance);

// ||f - f_*||^2 = ||f_*||^2 - 2 a^T b + a^T M a, b = H f_* at the points, M of THEORY.md 4 truncated as above
// off the diagonal, its diagonal exact (E[h^2]).
class ExactTestError {
 public:
  ExactTestError(const Eigen::MatrixXd& X, const GegenbauerTarget& target, const Spectrum& s,
                 double tol = test_error_tolerance);
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
