#include "numeric/observables.hpp"

#include <cmath>

#include "core/error.hpp"
#include "numeric/kernel_matrix.hpp"
#include "numeric/time_columns.hpp"

namespace tristage::numeric {

int test_error_degrees(const Spectrum& s, double tol) {
  double kept = 0;
  for (int K = 0; K <= s.kmax(); ++K) {
    kept += s.xi[K] * s.xi[K] * s.B[K];
    if (s.mean_square - kept <= tol * s.mean_square) return K;
  }
  return s.kmax() + 1;
}

std::vector<double> test_error_series(const Spectrum& s, int target_kmax, double tol) {
  const int degrees = std::max(test_error_degrees(s, tol), target_kmax);
  if (degrees > s.kmax())
    throw numerical_error("the spectrum has " + std::to_string(s.kmax() + 1) + " degrees; the exact test error needs " +
                          std::to_string(degrees + 1) + " (numeric/simulation_run.cpp extends it)");
  std::vector<double> c(degrees + 1);
  for (int k = 0; k <= degrees; ++k) c[k] = s.xi[k] * s.xi[k] * s.B[k];
  return c;
}

ExactTestError::ExactTestError(const Eigen::MatrixXd& X, const GegenbauerTarget& target, const Spectrum& s,
                               double tol)
    : norm2_(target.norm2()) {
  const std::vector<double> c = test_error_series(s, target.kmax(), tol);
  degrees_ = static_cast<int>(c.size()) - 1;
  M_ = gegenbauer_matrix(X, c);
  M_.diagonal().setConstant(s.mean_square);
  b_ = target.smoothed(X, s);
}

std::vector<double> ExactTestError::excess(const Eigen::MatrixXd& A) const {
  const Eigen::MatrixXd MA = columnwise_product(M_, A);
  std::vector<double> out(A.cols());
  for (long j = 0; j < A.cols(); ++j)
    out[j] = norm2_ - 2 * b_.dot(A.col(j)) + A.col(j).dot(MA.col(j));
  return out;
}

MonteCarloError monte_carlo_error(const Eigen::MatrixXd& X, const Eigen::MatrixXd& A, const GegenbauerTarget& target,
                                  const KernelEvaluator& h, const Eigen::MatrixXd& test_points) {
  const long m = test_points.rows(), T = A.cols();
  constexpr long block = 2048;
  Eigen::VectorXd sum = Eigen::VectorXd::Zero(T), sum2 = Eigen::VectorXd::Zero(T);
  for (long start = 0; start < m; start += block) {
    const long rows = std::min(block, m - start);
    const Eigen::MatrixXd Y = test_points.middleRows(start, rows);
    const Eigen::MatrixXd F = columnwise_product(cross_kernel(Y, X, h), A);  // rows x T predictions
    const Eigen::VectorXd f = target.values(Y);
    for (long j = 0; j < T; ++j) {
      const Eigen::ArrayXd e2 = (F.col(j) - f).array().square();
      sum[j] += e2.sum();
      sum2[j] += e2.square().sum();
    }
  }
  MonteCarloError out;
  for (long j = 0; j < T; ++j) {
    const double mean = sum[j] / m, var = std::max(sum2[j] / m - mean * mean, 0.0);
    out.mean.push_back(mean);
    out.standard_error.push_back(std::sqrt(var / std::max<long>(m - 1, 1)));
  }
  return out;
}

double oracle_excess(const Spectrum& s, const std::vector<double>& energies, double t) {
  double r = 0;
  for (size_t k = 0; k < energies.size(); ++k) {
    if (energies[k] == 0) continue;
    const double rate = k <= static_cast<size_t>(s.kmax()) ? s.xi[k] : 0.0;
    r += (std::isinf(t) ? (rate > 0 ? 0.0 : 1.0) : std::exp(-2 * t * rate)) * energies[k];
  }
  return r;
}

}  // namespace tristage::numeric
