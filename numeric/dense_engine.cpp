#include "numeric/dense_engine.hpp"

#include <lapacke.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "numeric/spectral_filter.hpp"
#include "numeric/time_columns.hpp"

namespace tristage::numeric {

DenseSpectralEngine::DenseSpectralEngine(Eigen::MatrixXd K) : V_(std::move(K)) {
  const lapack_int n = static_cast<lapack_int>(V_.rows());
  lambda_.resize(n);
  const auto start = std::chrono::steady_clock::now();
  const lapack_int info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'U', n, V_.data(), n, lambda_.data());
  report_.seconds_factor = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (info != 0)
    throw numerical_error("LAPACK dsyevd failed (info = " + std::to_string(info) +
                          "): the kernel matrix has NaN or infinite entries, or the decomposition did not converge");
  report_.engine = "dense";
  report_.lambda_min = lambda_.minCoeff();
  report_.lambda_max = lambda_.maxCoeff();
  // A positive semi-definite K has eigenvalues >= 0; rounding leaves some at -eps * lambda_max. Clamp and report.
  for (lapack_int i = 0; i < n; ++i)
    if (lambda_[i] < 0) {
      ++report_.clamped;
      report_.clamped_most_negative = std::min(report_.clamped_most_negative, lambda_[i]);
      lambda_[i] = 0;
    }
}

FlowResult DenseSpectralEngine::run(const Eigen::VectorXd& y, const FlowRequest& request) const {
  const long n = V_.rows();
  const long T = static_cast<long>(request.times.size());
  const Eigen::VectorXd z = V_.transpose() * y;
  // Below this an eigenvalue is numerically zero: its direction is never fitted at t = infinity.
  const double zero = std::max(report_.lambda_max, 0.0) * n * std::numeric_limits<double>::epsilon();
  FlowResult out;
  out.train.resize(T);
  Eigen::MatrixXd C(n, T);  // phi_t(lambda) z, column per time
  for (long j = 0; j < T; ++j) {
    const double t = request.times[j];
    double train = 0;
    for (long i = 0; i < n; ++i) {
      const auto [decay, phi] = spectral_factors(lambda_[i], t, n, request, zero);
      train += decay * decay * z[i] * z[i];
      C(i, j) = phi * z[i];
    }
    out.train[j] = train / n;
  }
  out.a = columnwise_product(V_, C);
  return out;
}

}  // namespace tristage::numeric
