#pragma once
// K on MPI ranks, for the distributed engine: each rank builds and holds its block of rows of K as a PETSc parallel
// dense matrix (MATMPIDENSE, rows [first, first + count), all n columns) from the points, which every rank has
// (X is small: n x d). K x is PETSc's MatMult: x is gathered to every rank, each rank multiplies its rows.
// M (the exact test error's series matrix) is never stored: M Q is computed in column tiles of M's rows, rebuilt
// from the points each time (a Gram tile by GEMM, the series by its recurrence). The Krylov engine needs M Q only
// for the basis vectors added at its last few checks, so this costs a few passes over the points, not n^2 memory.
#include <memory>
#include <vector>

#include "numeric/kernel_eval.hpp"
#include "numeric/kernel_operator.hpp"

struct _p_Mat;
struct _p_Vec;

namespace tristage::numeric {

// Contiguous blocks of rows over the ranks of PETSC_COMM_WORLD, sizes differing by at most one.
class RankRows final : public RowPartition {
 public:
  RankRows(long n, int rank, int size);
  void sum(double* values, long length) const override;
  Eigen::MatrixXd gather(const Eigen::MatrixXd& local) const override;
  int processes() const override { return static_cast<int>(counts_.size()); }
  static long block(long n, int rank, int size);  // rows of `rank`
  static long first_row(long n, int rank, int size);

 private:
  std::vector<long> counts_, firsts_;
};

class DistributedOperator final : public KernelOperator {
 public:
  // series: M's off-diagonal Gegenbauer coefficients (test_error_series), empty for no exact test error;
  // m_diagonal: E[h^2].
  DistributedOperator(const Eigen::MatrixXd& X, const KernelEvaluator& h, std::vector<double> series, double m_diagonal);
  ~DistributedOperator() override;
  DistributedOperator(const DistributedOperator&) = delete;
  DistributedOperator& operator=(const DistributedOperator&) = delete;

  const RowPartition& rows() const override { return rows_; }
  void apply(const double* x, double* y) const override;
  Eigen::MatrixXd series_product(const Eigen::Ref<const Eigen::MatrixXd>& Q) const override;
  bool has_series() const override { return !series_.empty(); }

  // Columns of Q gathered at once for M Q, and the width of M's tiles: the memory plan counts both.
  static constexpr long gathered_columns = 256;
  static long tile_width(long count, long n);

 private:
  RankRows rows_;
  Eigen::MatrixXd X_;
  Eigen::MatrixXd K_;  // count x n, column-major: the local array of the PETSc matrix
  std::vector<double> series_;
  double m_diagonal_;
  _p_Mat* mat_ = nullptr;
  _p_Vec *x_ = nullptr, *y_ = nullptr;
};

}  // namespace tristage::numeric
