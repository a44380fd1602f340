#pragma once
// Kernel matrices H(x_i, x_j) = h(<x_i, x_j>/d): one rank-d update for the inner products, then h on the upper
// triangle, column tiles in parallel. Also the Gegenbauer-series matrices of the same shape (M of THEORY.md 4, the
// low-degree part of K), and both at once in one array for the Krylov engine.
#include <Eigen/Dense>
#include <vector>

#include "numeric/kernel_eval.hpp"

namespace tristage::numeric {

// Symmetric n x n: K_ij = h(<x_i, x_j>/d), the diagonal exactly h(1).
Eigen::MatrixXd kernel_matrix(const Eigen::MatrixXd& X, const KernelEvaluator& h);

// m x n: H(y_i, x_j).
Eigen::MatrixXd cross_kernel(const Eigen::MatrixXd& Y, const Eigen::MatrixXd& X, const KernelEvaluator& h);

// Rows [first, first + count) of K: count x n, K_ii exactly h(1) (the distributed engine's block of K).
Eigen::MatrixXd kernel_rows(const Eigen::MatrixXd& X, long first, long count, const KernelEvaluator& h);

// m x n: sum_k c_k Q_k(<y_i, x_j>/d), a tile of the series matrix (no diagonal correction).
Eigen::MatrixXd cross_series(const Eigen::MatrixXd& Y, const Eigen::MatrixXd& X, const std::vector<double>& c);

// Symmetric n x n: sum_{k<=K} c_k Q_k(<x_i, x_j>/d), diagonal sum_k c_k (Q_k(d) = 1).
Eigen::MatrixXd gegenbauer_matrix(const Eigen::MatrixXd& X, const std::vector<double>& c);

// K and the series matrix in the memory of one: K (as kernel_matrix) in the upper triangle and on the diagonal,
// sum_k c_k Q_k(<x_i, x_j>/d) in the strictly lower triangle. With c empty the lower triangle is left as it is.
// Both share the one Gram matrix, and a symmetric BLAS routine reads either triangle.
Eigen::MatrixXd kernel_and_series_matrix(const Eigen::MatrixXd& X, const KernelEvaluator& h,
                                         const std::vector<double>& c);

}  // namespace tristage::numeric
