#pragma once
// Mean and standard error over replicates (seeds), time by time. NaN entries (a time a replicate did not reach)
// are left out of that time's statistics.
#include <vector>

namespace tristage::numeric {

struct MeanAndError {
  std::vector<double> mean, standard_error;
};

MeanAndError mean_and_error(const std::vector<std::vector<double>>& replicates);

}  // namespace tristage::numeric
