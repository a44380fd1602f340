#include "numeric/distributed_operator.hpp"

#include <petscmat.h>

#include <algorithm>

#include "core/error.hpp"
#include "numeric/distributed_world.hpp"
#include "numeric/kernel_matrix.hpp"

namespace tristage::numeric {

namespace {

void check(PetscErrorCode code, const char* what) {
  if (code != 0) throw numerical_error(std::string("PETSc failed in ") + what + " (error " + std::to_string(code) + ")");
}

}  // namespace

long RankRows::block(long n, int rank, int size) { return n / size + (rank < n % size ? 1 : 0); }

long RankRows::first_row(long n, int rank, int size) {
  long first = 0;
  for (int r = 0; r < rank; ++r) first += block(n, r, size);
  return first;
}

RankRows::RankRows(long n, int rank, int size)
    : RowPartition(n, first_row(n, rank, size), block(n, rank, size)) {
  for (int r = 0; r < size; ++r) {
    firsts_.push_back(first_row(n, r, size));
    counts_.push_back(block(n, r, size));
  }
}

void RankRows::sum(double* values, long length) const {
  MPI_Allreduce(MPI_IN_PLACE, values, static_cast<int>(length), MPI_DOUBLE, MPI_SUM, PETSC_COMM_WORLD);
}

Eigen::MatrixXd RankRows::gather(const Eigen::MatrixXd& local) const {
  // Row-major blocks are contiguous per rank: one Allgatherv, then back to column-major.
  const long cols = local.cols();
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const RowMajor mine = local;
  RowMajor all(size(), cols);
  std::vector<int> counts, displacements;
  for (size_t r = 0; r < counts_.size(); ++r) {
    counts.push_back(static_cast<int>(counts_[r] * cols));
    displacements.push_back(static_cast<int>(firsts_[r] * cols));
  }
  MPI_Allgatherv(mine.data(), static_cast<int>(mine.size()), MPI_DOUBLE, all.data(), counts.data(),
                 displacements.data(), MPI_DOUBLE, PETSC_COMM_WORLD);
  return all;
}

long DistributedOperator::tile_width(long count, long n) {
  // Tiles of at most 2^23 doubles (64 MB), at least 64 columns wide.
  return std::clamp<long>((1L << 23) / std::max<long>(count, 1), 64, n);
}

DistributedOperator::DistributedOperator(const Eigen::MatrixXd& X, const KernelEvaluator& h, std::vector<double> series,
                                         double m_diagonal)
    : rows_(X.rows(), distributed_world().rank, distributed_world().size),
      X_(X),
      K_(kernel_rows(X, rows_.first(), rows_.count(), h)),
      series_(std::move(series)),
      m_diagonal_(m_diagonal) {
  const PetscInt n = static_cast<PetscInt>(rows_.size()), count = static_cast<PetscInt>(rows_.count());
  check(MatCreateDense(PETSC_COMM_WORLD, count, count, n, n, K_.data(), &mat_), "MatCreateDense");
  check(MatAssemblyBegin(mat_, MAT_FINAL_ASSEMBLY), "MatAssemblyBegin");
  check(MatAssemblyEnd(mat_, MAT_FINAL_ASSEMBLY), "MatAssemblyEnd");
  check(VecCreateMPIWithArray(PETSC_COMM_WORLD, 1, count, n, nullptr, &x_), "VecCreateMPIWithArray");
  check(VecCreateMPIWithArray(PETSC_COMM_WORLD, 1, count, n, nullptr, &y_), "VecCreateMPIWithArray");
}

DistributedOperator::~DistributedOperator() {
  VecDestroy(&x_);
  VecDestroy(&y_);
  MatDestroy(&mat_);
}

void DistributedOperator::apply(const double* x, double* y) const {
  check(VecPlaceArray(x_, x), "VecPlaceArray");
  check(VecPlaceArray(y_, y), "VecPlaceArray");
  check(MatMult(mat_, x_, y_), "MatMult");
  check(VecResetArray(x_), "VecResetArray");
  check(VecResetArray(y_), "VecResetArray");
}

Eigen::MatrixXd DistributedOperator::series_product(const Eigen::Ref<const Eigen::MatrixXd>& Q) const {
  const long n = rows_.size(), first = rows_.first(), count = rows_.count();
  const long width = tile_width(count, n);
  const Eigen::MatrixXd mine = X_.middleRows(first, count);
  Eigen::MatrixXd MQ = Eigen::MatrixXd::Zero(count, Q.cols());
  for (long c0 = 0; c0 < Q.cols(); c0 += gathered_columns) {
    const long c = std::min(gathered_columns, Q.cols() - c0);
    const Eigen::MatrixXd all = rows_.gather(Q.middleCols(c0, c));
    for (long j0 = 0; j0 < n; j0 += width) {
      const long w = std::min(width, n - j0);
      Eigen::MatrixXd S = cross_series(mine, X_.middleRows(j0, w), series_);
      for (long i = std::max(first, j0); i < std::min(first + count, j0 + w); ++i) S(i - first, i - j0) = m_diagonal_;
      MQ.middleCols(c0, c).noalias() += S * all.middleRows(j0, w);
    }
  }
  return MQ;
}

}  // namespace tristage::numeric
