#pragma once
// The dense spectral engine: one LAPACK symmetric eigendecomposition K = V diag(lambda) V^T (dsyevd through
// LAPACKE and OpenBLAS, in place), then every time point from it:
//   r(t) = V e^{-t lambda/n} V^T y,   a(t) = V phi_t(lambda) V^T y,   phi_t(lambda) = -expm1(-t lambda/n) / lambda,
// with phi_t(0) = t/n and, at t = infinity, phi = 1/lambda for lambda > 0 (the minimum-norm interpolant).
// Discrete gradient descent uses (1 - eta lambda/n)^k in place of e^{-t lambda/n}.
#include "numeric/flow_engine.hpp"

namespace tristage::numeric {

class DenseSpectralEngine final : public FlowEngine {
 public:
  // Takes K by value and decomposes it in place: pass std::move(K) to avoid a copy.
  explicit DenseSpectralEngine(Eigen::MatrixXd K);
  FlowResult run(const Eigen::VectorXd& y, const FlowRequest& request) const override;
  const EngineReport& report() const override { return report_; }
  const Eigen::VectorXd* eigenvalues() const override { return &lambda_; }

 private:
  Eigen::MatrixXd V_;
  Eigen::VectorXd lambda_;
  EngineReport report_;
};

}  // namespace tristage::numeric
