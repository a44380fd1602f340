#pragma once
// The Lanczos process with full reorthogonalisation: an orthonormal basis Q_m of the Krylov space
// span{q, A q, ..., A^{m-1} q} of a symmetric A, and the tridiagonal T_m = Q_m^T A Q_m (alpha on its diagonal,
// beta beside it). Full reorthogonalisation (twice, classical Gram-Schmidt through BLAS) keeps Q_m orthonormal to
// rounding, so that T_m's eigenvalues are never spurious copies and f(A) q ~ Q_m f(T_m) e_1 holds to the accuracy
// the a-posteriori check measures. The vectors may be split by rows among processes (RowPartition): every inner
// product is then summed over them, and each process holds its rows of the basis.
#include <Eigen/Dense>
#include <functional>
#include <vector>

#include "numeric/row_partition.hpp"

namespace tristage::numeric {

class Lanczos {
 public:
  using Operator = std::function<void(const double* x, double* y)>;  // y = A x on the local rows

  // The basis is allocated once for `capacity` vectors: no reallocation while it grows. start: the local rows of
  // a split (which must outlive the process), or all rows when rows is null.
  Lanczos(Operator apply, const Eigen::VectorXd& start, long capacity, const RowPartition* rows = nullptr);

  // Adds one basis vector (one product with A). Returns false when it cannot: the Krylov space is invariant
  // (then T_m is exact: f(A) q = Q_m f(T_m) e_1 to rounding) or the capacity is reached.
  bool step();

  long size() const { return static_cast<long>(alpha_.size()); }
  long capacity() const { return Q_.cols(); }
  bool invariant() const { return invariant_; }
  const Eigen::MatrixXd& basis() const { return Q_; }  // the local rows; the first size() columns are the basis
  const std::vector<double>& alpha() const { return alpha_; }
  const std::vector<double>& beta() const { return beta_; }  // beta_[j] couples vectors j and j + 1

  // Eigenvalues (ascending) and eigenvectors of the leading m x m block of T (LAPACK dstev).
  struct Ritz {
    Eigen::VectorXd values;
    Eigen::MatrixXd vectors;  // m x m, column i for values[i]
  };
  Ritz ritz(long m) const;

 private:
  double dot(const Eigen::Ref<const Eigen::VectorXd>& u, const Eigen::Ref<const Eigen::VectorXd>& v) const;

  Operator apply_;
  const RowPartition* rows_;
  Eigen::MatrixXd Q_;
  Eigen::VectorXd w_;
  std::vector<double> alpha_, beta_;
  double norm_ = 0;  // running estimate of ||A||: the scale for "beta is zero"
  bool invariant_ = false;
};

}  // namespace tristage::numeric
