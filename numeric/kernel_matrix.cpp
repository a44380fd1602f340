#include "numeric/kernel_matrix.hpp"

#include <algorithm>

#include "numeric/gegenbauer.hpp"

namespace tristage::numeric {

namespace {
Eigen::MatrixXd gram(const Eigen::MatrixXd& X) {
  const long n = X.rows();
  Eigen::MatrixXd G(n, n);
  G.triangularView<Eigen::Upper>() = X * X.transpose() / static_cast<double>(X.cols());  // symmetric rank-k
  return G;
}
void mirror_upper(Eigen::MatrixXd& A) { A.triangularView<Eigen::StrictlyLower>() = A.transpose(); }
}  // namespace

Eigen::MatrixXd kernel_matrix(const Eigen::MatrixXd& X, const KernelEvaluator& h) {
  Eigen::MatrixXd K = gram(X);
  const long n = K.rows();
  const double h1 = h(1.0);
  for (long j = 0; j < n; ++j) {
    h.apply(K.col(j).data(), static_cast<std::size_t>(j));  // rows 0..j-1 of column j
    K(j, j) = h1;
  }
  mirror_upper(K);
  return K;
}

Eigen::MatrixXd cross_kernel(const Eigen::MatrixXd& Y, const Eigen::MatrixXd& X, const KernelEvaluator& h) {
  Eigen::MatrixXd H = Y * X.transpose() / static_cast<double>(X.cols());
  h.apply(H.data(), static_cast<std::size_t>(H.size()));
  return H;
}

Eigen::MatrixXd gegenbauer_matrix(const Eigen::MatrixXd& X, const std::vector<double>& c) {
  Eigen::MatrixXd A = gram(X);
  const long n = A.rows(), d = X.cols();
  const int K = static_cast<int>(c.size()) - 1;
  double diagonal = 0;
  for (double x : c) diagonal += x;
  for (long j = 0; j < n; ++j) {
    for (long i = 0; i < j; ++i) A(i, j) = gegenbauer_sum(d, K, c.data(), std::clamp(A(i, j), -1.0, 1.0));
    A(j, j) = diagonal;
  }
  mirror_upper(A);
  return A;
}

}  // namespace tristage::numeric
