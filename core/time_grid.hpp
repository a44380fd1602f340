#pragma once
// The time grid every command uses: beta equally spaced on [beta_min, beta_max], t = d^beta.
#include <vector>

namespace tristage {

inline std::vector<double> beta_grid(double beta_min, double beta_max, int points) {
  std::vector<double> beta;
  for (int i = 0; i < points; ++i)
    beta.push_back(points == 1 ? beta_min : beta_min + (beta_max - beta_min) * i / (points - 1));
  return beta;
}

}  // namespace tristage
