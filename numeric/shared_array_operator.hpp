#pragma once
// K and M in the memory of one n x n array on one process (kernel_and_series_matrix): K in the upper triangle and
// on the diagonal, M's off-diagonal in the strictly lower triangle. K x through BLAS dsymv on the upper triangle,
// M Q through dsymm on the lower one, M's diagonal E[h^2] added apart.
#include <optional>

#include "numeric/kernel_operator.hpp"

namespace tristage::numeric {

class SharedArrayOperator final : public KernelOperator {
 public:
  // m_diagonal: E[h^2], M's diagonal, when the lower triangle holds M's series; nullopt when it holds nothing.
  SharedArrayOperator(Eigen::MatrixXd A, std::optional<double> m_diagonal);
  const RowPartition& rows() const override { return rows_; }
  void apply(const double* x, double* y) const override;
  Eigen::MatrixXd series_product(const Eigen::Ref<const Eigen::MatrixXd>& Q) const override;
  bool has_series() const override { return m_diagonal_.has_value(); }

 private:
  Eigen::MatrixXd A_;
  std::optional<double> m_diagonal_;
  RowPartition rows_;
};

}  // namespace tristage::numeric
