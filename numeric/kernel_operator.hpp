#pragma once
// The kernel matrix as the Krylov engine sees it: K applied to a vector, and the series matrix M of THEORY.md 4
// (for the exact test error) applied to a block of vectors, each on this process's rows of a RowPartition. Where
// K and M are stored (one shared array, rows on MPI ranks, ...) is the operator's business; the Krylov process, its
// stopping rule and the observables are the same for all.
#include <Eigen/Dense>

#include "numeric/row_partition.hpp"

namespace tristage::numeric {

class KernelOperator {
 public:
  virtual ~KernelOperator() = default;
  virtual const RowPartition& rows() const = 0;
  // y = K x on the local rows (x, y: rows().count() entries each).
  virtual void apply(const double* x, double* y) const = 0;
  // The local rows of M Q for the local rows of Q (count x k), M's diagonal E[h^2] included.
  virtual Eigen::MatrixXd series_product(const Eigen::Ref<const Eigen::MatrixXd>& Q) const = 0;
  // Whether series_product can be called (M's series was given).
  virtual bool has_series() const = 0;
};

}  // namespace tristage::numeric
