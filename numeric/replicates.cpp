#include "numeric/replicates.hpp"

#include <cmath>
#include <limits>

namespace tristage::numeric {

MeanAndError mean_and_error(const std::vector<std::vector<double>>& replicates) {
  MeanAndError out;
  if (replicates.empty()) return out;
  const size_t T = replicates.front().size();
  for (size_t j = 0; j < T; ++j) {
    double sum = 0, sum2 = 0;
    long count = 0;
    for (const auto& r : replicates) {
      if (j >= r.size() || std::isnan(r[j])) continue;
      sum += r[j];
      ++count;
    }
    const double mean = count ? sum / count : std::numeric_limits<double>::quiet_NaN();
    for (const auto& r : replicates)
      if (j < r.size() && !std::isnan(r[j])) sum2 += (r[j] - mean) * (r[j] - mean);
    out.mean.push_back(mean);
    out.standard_error.push_back(count > 1    ? std::sqrt(sum2 / (count - 1) / count)
                                 : count == 1 ? 0.0
                                              : std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

}  // namespace tristage::numeric
