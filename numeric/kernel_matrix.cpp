#include "numeric/kernel_matrix.hpp"

#include <algorithm>

#include "numeric/gegenbauer.hpp"

namespace tristage::numeric {

namespace {
// Upper triangle of X X^T / d by a symmetric rank-k update (BLAS dsyrk): half the flops of a GEMM.
Eigen::MatrixXd gram(const Eigen::MatrixXd& X) {
  const long n = X.rows();
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(n, n);
  G.selfadjointView<Eigen::Upper>().rankUpdate(X, 1.0 / static_cast<double>(X.cols()));
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
  // The recurrence Q_{k+1} = p_k u Q_k - q_k Q_{k-1} with its divisions done once; the degree loop outside, the
  // entries of a column inside, so that the inner loop vectorises.
  std::vector<double> p(K + 1), q(K + 1);
  for (int k = 1; k < K; ++k) {
    p[k] = (2.0 * k + d - 2) / (k + d - 2.0);
    q[k] = k / (k + d - 2.0);
  }
  std::vector<double> buffer(4 * n);
  for (long j = 1; j < n; ++j) {
    double* u = A.col(j).data();
    double *P = buffer.data(), *C = P + n, *N = C + n, *S = N + n;
    for (long i = 0; i < j; ++i) {
      u[i] = std::clamp(u[i], -1.0, 1.0);
      P[i] = 1;
      C[i] = u[i];
      S[i] = c[0] + (K >= 1 ? c[1] * u[i] : 0.0);
    }
    for (int k = 1; k < K; ++k) {
      const double pk = p[k], qk = q[k], ck = c[k + 1];
      for (long i = 0; i < j; ++i) {
        N[i] = pk * u[i] * C[i] - qk * P[i];
        S[i] += ck * N[i];
      }
      std::swap(P, C);  // (P, C, N) <- (C, N, P)
      std::swap(C, N);
    }
    std::copy_n(S, j, u);
  }
  A.diagonal().setConstant(diagonal);
  mirror_upper(A);
  return A;
}

}  // namespace tristage::numeric
