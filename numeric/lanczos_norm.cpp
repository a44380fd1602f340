#include "numeric/lanczos_norm.hpp"

#include <lapacke.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "numeric/rng.hpp"

namespace tristage::numeric {

double symmetric_operator_norm(const Eigen::MatrixXd& R, int steps) {
  const long n = R.rows();
  steps = static_cast<int>(std::min<long>(steps, n));
  Eigen::MatrixXd Q(n, steps);
  Rng rng(0x5eed, 0, Stream::direction);  // a fixed start: the diagnostic is reproducible
  Eigen::VectorXd q(n);
  for (long i = 0; i < n; ++i) q[i] = rng.normal();
  q.normalize();
  std::vector<double> alpha, beta;
  for (int j = 0; j < steps; ++j) {
    Q.col(j) = q;
    Eigen::VectorXd w = R * q;
    alpha.push_back(q.dot(w));
    for (int pass = 0; pass < 2; ++pass)  // full reorthogonalisation, twice is enough
      w -= Q.leftCols(j + 1) * (Q.leftCols(j + 1).transpose() * w);
    const double b = w.norm();
    if (j + 1 == steps || b <= 1e-14 * std::abs(alpha.back())) break;
    beta.push_back(b);
    q = w / b;
  }
  std::vector<double> d = alpha, e = beta;
  e.resize(std::max<size_t>(d.size(), 1) - 1);
  LAPACKE_dstev(LAPACK_COL_MAJOR, 'N', static_cast<lapack_int>(d.size()), d.data(), e.data(), nullptr, 1);
  return std::max(std::abs(d.front()), std::abs(d.back()));
}

}  // namespace tristage::numeric
