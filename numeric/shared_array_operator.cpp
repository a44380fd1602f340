#include "numeric/shared_array_operator.hpp"

#include <cblas.h>

namespace tristage::numeric {

SharedArrayOperator::SharedArrayOperator(Eigen::MatrixXd A, std::optional<double> m_diagonal)
    : A_(std::move(A)), m_diagonal_(m_diagonal), rows_(whole_rows(A_.rows())) {}

void SharedArrayOperator::apply(const double* x, double* y) const {
  const int n = static_cast<int>(A_.rows());
  cblas_dsymv(CblasColMajor, CblasUpper, n, 1.0, A_.data(), n, x, 1, 0.0, y, 1);
}

Eigen::MatrixXd SharedArrayOperator::series_product(const Eigen::Ref<const Eigen::MatrixXd>& Q) const {
  const int n = static_cast<int>(A_.rows()), k = static_cast<int>(Q.cols());
  Eigen::MatrixXd MQ(n, k);
  cblas_dsymm(CblasColMajor, CblasLeft, CblasLower, n, k, 1.0, A_.data(), n, Q.data(), static_cast<int>(Q.outerStride()),
              0.0, MQ.data(), n);
  MQ += (*m_diagonal_ - A_(0, 0)) * Q;  // the array's diagonal holds K's h(1)
  return MQ;
}

}  // namespace tristage::numeric
