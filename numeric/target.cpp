#include "numeric/target.hpp"

#include <algorithm>
#include <cmath>

#include "numeric/gegenbauer.hpp"

namespace tristage::numeric {

GegenbauerTarget::GegenbauerTarget(long d, std::vector<TargetTerm> terms) : d_(d), terms_(std::move(terms)) {
  for (auto& t : terms_) {
    t.v *= std::sqrt(static_cast<double>(d)) / t.v.norm();
    kmax_ = std::max(kmax_, static_cast<int>(t.F.size()) - 1);
  }
  for (auto& t : terms_) t.F.resize(kmax_ + 1, 0.0);
  for (int k = 0; k <= kmax_; ++k) sqrtB_.push_back(std::sqrt(harmonic_dimension_double(d, k)));
  energies_.assign(kmax_ + 1, 0.0);
  std::vector<double> q(kmax_ + 1);
  for (const auto& a : terms_)
    for (const auto& b : terms_) {
      gegenbauer_all(d, kmax_, std::clamp(a.v.dot(b.v) / d, -1.0, 1.0), q.data());
      for (int k = 0; k <= kmax_; ++k) energies_[k] += a.F[k] * b.F[k] * q[k];
    }
}

GegenbauerTarget GegenbauerTarget::single_index(long d, const std::vector<double>& energies, Eigen::VectorXd v) {
  if (v.size() == 0) v = Eigen::VectorXd::Unit(d, 0);
  std::vector<double> F;
  for (double e : energies) F.push_back(std::sqrt(e));
  return GegenbauerTarget(d, {TargetTerm{std::move(v), std::move(F)}});
}

double GegenbauerTarget::norm2() const {
  double s = 0;
  for (double e : energies_) s += e;
  return s;
}

Eigen::VectorXd GegenbauerTarget::evaluate(const Eigen::MatrixXd& X, const std::vector<double>& w) const {
  Eigen::VectorXd out = Eigen::VectorXd::Zero(X.rows());
  std::vector<double> c(kmax_ + 1);
  for (const auto& t : terms_) {
    for (int k = 0; k <= kmax_; ++k) c[k] = w[k] * t.F[k] * sqrtB_[k];
    const Eigen::VectorXd s = X * t.v / static_cast<double>(d_);
    for (long i = 0; i < X.rows(); ++i) out[i] += gegenbauer_sum(d_, kmax_, c.data(), std::clamp(s[i], -1.0, 1.0));
  }
  return out;
}

Eigen::VectorXd GegenbauerTarget::values(const Eigen::MatrixXd& X) const {
  return evaluate(X, std::vector<double>(kmax_ + 1, 1.0));
}

Eigen::VectorXd GegenbauerTarget::smoothed(const Eigen::MatrixXd& X, const Spectrum& s) const {
  std::vector<double> w(kmax_ + 1);
  for (int k = 0; k <= kmax_; ++k) w[k] = s.xi.at(k);
  return evaluate(X, w);
}

}  // namespace tristage::numeric
