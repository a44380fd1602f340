#include "numeric/online_sgd.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "numeric/gegenbauer.hpp"
#include "numeric/kernel_eval.hpp"
#include "numeric/observables.hpp"
#include "numeric/sphere.hpp"

namespace tristage::numeric {

SgdResult online_sgd(const KernelSpec& kernel, const GegenbauerTarget& target, const Spectrum& spectrum, double noise,
                     const std::vector<double>& times, double eta, long max_steps, Rng& rng) {
  const long d = target.d();
  double t_max = 0;
  for (double t : times)
    if (std::isfinite(t)) t_max = std::max(t_max, t);
  const long steps = std::min<long>(max_steps, static_cast<long>(std::ceil(t_max / eta)));

  const KernelEvaluator h(kernel);
  const int K = std::min(std::max(test_error_degrees(spectrum, test_error_tolerance), target.kmax()), spectrum.kmax());
  std::vector<double> m(K + 1);  // M's Gegenbauer coefficients xi_k^2 B_k; its diagonal is E[h^2]
  for (int k = 0; k <= K; ++k) m[k] = spectrum.xi[k] * spectrum.xi[k] * spectrum.B[k];
  const double m_diagonal = spectrum.mean_square;

  Rng point_rng(rng.next(), 0, Stream::points), noise_rng(rng.next(), 0, Stream::noise);
  const Eigen::MatrixXd P = sample_sphere(steps, d, point_rng);
  const Eigen::VectorXd f_star = target.values(P), b = target.smoothed(P, spectrum);
  Eigen::VectorXd c = Eigen::VectorXd::Zero(steps);
  const double sigma = std::sqrt(noise);
  double error = target.norm2();  // f_0 = 0

  SgdResult out;
  out.eta = eta;
  out.steps = steps;
  std::vector<std::pair<long, size_t>> checkpoints;  // (step, time index)
  for (size_t j = 0; j < times.size(); ++j) {
    const double s = std::floor(times[j] / eta + 1e-9);
    if (std::isfinite(times[j]) && s <= steps) checkpoints.emplace_back(static_cast<long>(s), j);
  }
  std::sort(checkpoints.begin(), checkpoints.end());
  out.test.assign(times.size(), std::numeric_limits<double>::quiet_NaN());
  size_t next = 0;
  Eigen::VectorXd u(steps);
  for (long s = 0; s <= steps; ++s) {
    while (next < checkpoints.size() && checkpoints[next].first == s) out.test[checkpoints[next++].second] = error;
    if (s == steps) break;
    // Inner products of x_s with the earlier points, then f_s(x_s) and the M-row.
    u.head(s).noalias() = P.topRows(s) * P.row(s).transpose() / static_cast<double>(d);
    double f = 0, mc = 0;
    for (long r = 0; r < s; ++r) {
      const double ur = std::clamp(u[r], -1.0, 1.0);
      mc += c[r] * gegenbauer_sum(d, K, m.data(), ur);
      u[r] = ur;
    }
    h.apply(u.data(), static_cast<std::size_t>(s));
    f = c.head(s).dot(u.head(s));
    const double y = f_star[s] + sigma * noise_rng.normal();
    c[s] = eta * (y - f);
    error += -2 * c[s] * b[s] + 2 * c[s] * mc + c[s] * c[s] * m_diagonal;
  }
  return out;
}

}  // namespace tristage::numeric
