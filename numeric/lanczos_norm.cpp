#include "numeric/lanczos_norm.hpp"

#include <cmath>

#include "numeric/lanczos.hpp"
#include "numeric/rng.hpp"

namespace tristage::numeric {

double symmetric_operator_norm(const Eigen::MatrixXd& R, int steps) {
  const long n = R.rows();
  Rng rng(0x5eed, 0, Stream::direction);  // a fixed start: the diagnostic is reproducible
  Eigen::VectorXd q(n);
  for (long i = 0; i < n; ++i) q[i] = rng.normal();
  Lanczos lanczos(
      [&](const double* x, double* y) {
        Eigen::Map<Eigen::VectorXd>(y, n).noalias() = R * Eigen::Map<const Eigen::VectorXd>(x, n);
      },
      q, steps);
  while (lanczos.step()) {
  }
  const Eigen::VectorXd theta = lanczos.ritz(lanczos.size()).values;
  return std::max(std::abs(theta[0]), std::abs(theta[theta.size() - 1]));
}

}  // namespace tristage::numeric
