#include "numeric/kernel_matrix.hpp"

#include <cblas.h>

#include <algorithm>
#include <cstddef>
#include <type_traits>

namespace tristage::numeric {

namespace {

// Upper triangle of X X^T / d by a symmetric rank-d update (BLAS dsyrk): half the flops of a GEMM.
// Called directly: Eigen's rankUpdate measured 1.4x slower at n = 8000, d = 400.
Eigen::MatrixXd gram(const Eigen::MatrixXd& X) {
  const int n = static_cast<int>(X.rows()), d = static_cast<int>(X.cols());
  Eigen::MatrixXd G(n, n);
  cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, n, d, 1.0 / d, X.data(), n, 0.0, G.data(), n);
  return G;
}

// sum_k c_k Q_k(u) by the recurrence Q_{k+1} = p_k u Q_k - q_k Q_{k-1}, its divisions done once; the degree loop
// outside and the entries inside, so that the inner loop vectorises.
class GegenbauerSeries {
 public:
  GegenbauerSeries(long d, const std::vector<double>& c) : c_(c), p_(c.size()), q_(c.size()) {
    for (size_t k = 1; k + 1 < c.size(); ++k) {
      p_[k] = (2.0 * k + d - 2) / (k + d - 2.0);
      q_[k] = k / (k + d - 2.0);
    }
  }
  double at_one() const {  // Q_k(1) = 1
    double s = 0;
    for (double x : c_) s += x;
    return s;
  }
  // out[i] = series(u[i]) for i < m; scratch holds 4m doubles; out may alias u.
  void operator()(const double* u, long m, double* out, double* scratch) const {
    const int K = static_cast<int>(c_.size()) - 1;
    double *U = scratch, *P = U + m, *C = P + m, *N = C + m;
    for (long i = 0; i < m; ++i) {
      U[i] = std::clamp(u[i], -1.0, 1.0);  // rounding of <x,x'>/d can leave [-1, 1]
      P[i] = 1;
      C[i] = U[i];
      out[i] = c_[0] + (K >= 1 ? c_[1] * U[i] : 0.0);
    }
    for (int k = 1; k < K; ++k) {
      const double pk = p_[k], qk = q_[k], ck = c_[k + 1];
      for (long i = 0; i < m; ++i) {
        N[i] = pk * U[i] * C[i] - qk * P[i];
        out[i] += ck * N[i];
      }
      std::swap(P, C);  // (P, C, N) <- (C, N, P)
      std::swap(C, N);
    }
  }

 private:
  std::vector<double> c_, p_, q_;
};

constexpr long tile = 64;

// Column tiles of the upper triangle in parallel. For column j (rows i < j), lower(u, j, buffer) first reads the
// Gram column u into the tile buffer (lower = nullptr: the buffer gets the transformed column, a mirror), then
// upper(u, j) transforms it in place; the buffer is then written, transposed, into row j of the strictly lower
// triangle. Every entry is computed by one thread the same way whatever the
// number of threads, so the result does not depend on it.
template <class Upper, class Lower>
void transform_gram(Eigen::MatrixXd& A, const Upper& upper, [[maybe_unused]] const Lower& lower) {
  const long n = A.rows(), tiles = (n + tile - 1) / tile;
#pragma omp parallel
  {
    std::vector<double> buffer;
#pragma omp for schedule(dynamic, 1)
    for (long t = tiles - 1; t >= 0; --t) {  // the longest columns first
      const long j0 = t * tile, j1 = std::min(n, j0 + tile), rows = j1;
      buffer.resize(static_cast<size_t>(rows * tile + 4 * n));
      double* scratch = buffer.data() + rows * tile;
      for (long j = j0; j < j1; ++j) {
        double* u = A.col(j).data();
        double* row = buffer.data() + (j - j0) * rows;
        if constexpr (std::is_same_v<Lower, std::nullptr_t>) {
          upper(u, j, scratch);
          std::copy_n(u, j, row);
        } else {
          lower(u, j, row, scratch);
          upper(u, j, scratch);
        }
      }
      for (long i = 0; i < j1 - 1; ++i)  // A(j, i) for j in the tile, j > i: contiguous in column i
        for (long j = std::max(j0, i + 1); j < j1; ++j) A(j, i) = buffer[(j - j0) * rows + i];
    }
  }
}

}  // namespace

Eigen::MatrixXd kernel_matrix(const Eigen::MatrixXd& X, const KernelEvaluator& h) {
  Eigen::MatrixXd K = gram(X);
  const double h1 = h(1.0);
  transform_gram(
      K,
      [&](double* u, long j, double*) {
        h.apply(u, static_cast<std::size_t>(j));
        u[j] = h1;
      },
      nullptr);
  return K;
}

Eigen::MatrixXd cross_kernel(const Eigen::MatrixXd& Y, const Eigen::MatrixXd& X, const KernelEvaluator& h) {
  Eigen::MatrixXd H = Y * X.transpose() / static_cast<double>(X.cols());
  h.apply(H.data(), static_cast<std::size_t>(H.size()));
  return H;
}

Eigen::MatrixXd kernel_rows(const Eigen::MatrixXd& X, long first, long count, const KernelEvaluator& h) {
  // One count x n array: the product written into it, scaled in place (`A * B / d` would hold a second one).
  const long n = X.rows();
  Eigen::MatrixXd H(count, n);
  H.noalias() = X.middleRows(first, count) * X.transpose();
  H /= static_cast<double>(X.cols());
  const double h1 = h(1.0);
#pragma omp parallel for schedule(static)
  for (long j = 0; j < n; ++j) {
    h.apply(H.col(j).data(), static_cast<std::size_t>(count));
    if (j >= first && j < first + count) H(j - first, j) = h1;
  }
  return H;
}

Eigen::MatrixXd cross_series(const Eigen::MatrixXd& Y, const Eigen::MatrixXd& X, const std::vector<double>& c) {
  Eigen::MatrixXd S(Y.rows(), X.rows());
  S.noalias() = Y * X.transpose();
  S /= static_cast<double>(X.cols());
  const GegenbauerSeries series(X.cols(), c);
  const long m = S.rows(), n = S.cols();
#pragma omp parallel
  {
    std::vector<double> scratch(static_cast<size_t>(4 * m));
#pragma omp for schedule(static)
    for (long j = 0; j < n; ++j) series(S.col(j).data(), m, S.col(j).data(), scratch.data());
  }
  return S;
}

Eigen::MatrixXd gegenbauer_matrix(const Eigen::MatrixXd& X, const std::vector<double>& c) {
  Eigen::MatrixXd A = gram(X);
  const GegenbauerSeries series(X.cols(), c);
  const double diagonal = series.at_one();
  transform_gram(
      A,
      [&](double* u, long j, double* scratch) {
        series(u, j, u, scratch);
        u[j] = diagonal;
      },
      nullptr);
  return A;
}

Eigen::MatrixXd kernel_and_series_matrix(const Eigen::MatrixXd& X, const KernelEvaluator& h,
                                         const std::vector<double>& c) {
  Eigen::MatrixXd A = gram(X);
  const double h1 = h(1.0);
  const GegenbauerSeries series(X.cols(), c);
  transform_gram(
      A,
      [&](double* u, long j, double*) {
        h.apply(u, static_cast<std::size_t>(j));
        u[j] = h1;
      },
      [&](const double* u, long j, double* out, double* scratch) {
        if (c.empty())
          std::fill_n(out, j, 0.0);
        else
          series(u, j, out, scratch);
      });
  return A;
}

}  // namespace tristage::numeric
