#include "numeric/sphere.hpp"

#include <cmath>

namespace tristage::numeric {

Eigen::MatrixXd sample_sphere(long n, long d, Rng& rng) {
  Eigen::MatrixXd X(n, d);
  for (long i = 0; i < n; ++i) {  // row by row, so the first rows do not depend on n
    for (long j = 0; j < d; ++j) X(i, j) = rng.normal();
    X.row(i) *= std::sqrt(static_cast<double>(d)) / X.row(i).norm();
  }
  return X;
}

}  // namespace tristage::numeric
