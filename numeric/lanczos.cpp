#include "numeric/lanczos.hpp"

#include <lapacke.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace tristage::numeric {

Lanczos::Lanczos(Operator apply, const Eigen::VectorXd& start, long capacity, const RowPartition* rows)
    : apply_(std::move(apply)),
      rows_(rows),
      Q_(start.size(), std::min<long>(capacity, rows ? rows->size() : start.size())),
      w_(start.size()) {
  const double norm = std::sqrt(dot(start, start));
  if (!(norm > 0) || !std::isfinite(norm)) throw numerical_error("Lanczos needs a nonzero, finite start vector");
  Q_.col(0) = start / norm;
}

bool Lanczos::step() {
  const long j = size();
  if (invariant_ || j >= Q_.cols()) return false;
  apply_(Q_.col(j).data(), w_.data());
  const double a = dot(Q_.col(j), w_);
  alpha_.push_back(a);
  // Two passes of classical Gram-Schmidt against the whole basis, as matrix-vector products (the three-term
  // recurrence is the first pass's leading part; doing all of it keeps the basis orthonormal to rounding).
  const auto basis = Q_.leftCols(j + 1);
  Eigen::VectorXd h(j + 1);
  for (int pass = 0; pass < 2; ++pass) {
    h.noalias() = basis.transpose() * w_;
    if (rows_) rows_->sum(h.data(), j + 1);
    w_.noalias() -= basis * h;
  }
  const double b = std::sqrt(dot(w_, w_));
  norm_ = std::max({norm_, std::abs(a), b});
  // An invariant subspace: A Q_m = Q_m T_m to rounding; what is left of w is noise of size eps ||A||.
  if (!(b > 1e3 * std::numeric_limits<double>::epsilon() * norm_)) {
    invariant_ = true;
    return true;
  }
  if (j + 1 < Q_.cols()) Q_.col(j + 1) = w_ / b;
  beta_.push_back(b);
  return true;
}

double Lanczos::dot(const Eigen::Ref<const Eigen::VectorXd>& u, const Eigen::Ref<const Eigen::VectorXd>& v) const {
  double s = u.dot(v);
  if (rows_) rows_->sum(&s, 1);
  return s;
}

Lanczos::Ritz Lanczos::ritz(long m) const {
  Ritz r;
  r.values = Eigen::Map<const Eigen::VectorXd>(alpha_.data(), m);
  Eigen::VectorXd off = m > 1 ? Eigen::Map<const Eigen::VectorXd>(beta_.data(), m - 1) : Eigen::VectorXd(1);
  r.vectors.resize(m, m);
  const lapack_int info = LAPACKE_dstev(LAPACK_COL_MAJOR, 'V', static_cast<lapack_int>(m), r.values.data(),
                                        off.data(), r.vectors.data(), static_cast<lapack_int>(m));
  if (info != 0) throw numerical_error("LAPACK dstev failed on the Lanczos matrix (info = " + std::to_string(info) + ")");
  return r;
}

}  // namespace tristage::numeric
