#include "compare/extrapolation.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace tristage {

namespace {

// Aitken on x[i-2], x[i-1], x[i]: L = x_i - D2^2 / (D2 - D1), for steps D1 = x_{i-1} - x_{i-2}, D2 = x_i - x_{i-1} of
// one sign with |D2| < |D1| (a converging geometric tail); none otherwise.
std::optional<double> aitken(const std::vector<double>& x, size_t i) {
  const double d1 = x[i - 1] - x[i - 2], d2 = x[i] - x[i - 1];
  if (d1 == 0 || d2 == 0 || (d1 > 0) != (d2 > 0) || std::abs(d2) >= std::abs(d1)) return std::nullopt;
  return x[i] - d2 * d2 / (d2 - d1);
}

}  // namespace

Extrapolated extrapolate(const std::vector<double>& x) {
  const size_t m = x.size();
  const double last_step = m >= 2 ? std::abs(x[m - 1] - x[m - 2]) : 0.0;
  const double steps = m >= 3 ? std::max(last_step, std::abs(x[m - 2] - x[m - 3])) : last_step;
  if (m >= 4) {
    const auto now = aitken(x, m - 1), before = aitken(x, m - 2);
    if (now && before) return {*now, std::abs(*now - *before)};
  }
  // No geometric tail to extrapolate: the sequence has settled (steps at rounding level) or it is not converging
  // like a power; its last value, as uncertain as its last steps.
  return {x.back(), steps, false};
}

}  // namespace tristage
