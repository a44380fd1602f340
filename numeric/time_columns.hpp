#pragma once
// Products whose columns are times (a(t) = V C, M A, Q C, the Monte-Carlo predictions): the numbers of one time must
// not depend on which other times were asked for, or `simulate` and `verify` (which appends its claims' times to the
// grid) would give the same run in different last digits. BLAS chooses its kernels and its split among threads by
// the shapes, so column j of A B is computed differently for different numbers of columns (measured on AMD EPYC:
// test errors 4e-13 apart, amplified by the cancellation in ||f_*||^2 - 2 a^T b + a^T M a). Here B is multiplied in
// blocks of exactly `time_block` columns, the last one padded with zeros: every product has the same shape, so each
// column comes out the same, bit for bit, whatever the others are.
#include <Eigen/Dense>

namespace tristage::numeric {

inline constexpr long time_block = 16;

// A * B, B's columns in fixed-width blocks. A may be a block expression (e.g. leftCols of a basis).
template <class Left>
Eigen::MatrixXd columnwise_product(const Left& A, const Eigen::MatrixXd& B) {
  Eigen::MatrixXd out(A.rows(), B.cols());
  Eigen::MatrixXd block = Eigen::MatrixXd::Zero(B.rows(), time_block), product(A.rows(), time_block);
  for (long j = 0; j < B.cols(); j += time_block) {
    const long w = std::min(time_block, B.cols() - j);
    block.leftCols(w) = B.middleCols(j, w);
    block.rightCols(time_block - w).setZero();
    product.noalias() = A * block;
    out.middleCols(j, w) = product.leftCols(w);
  }
  return out;
}

}  // namespace tristage::numeric
