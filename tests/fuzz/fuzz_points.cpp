// libFuzzer target: the readers of points and number files (numeric/data_files). The first byte picks the reader
// and its size argument, the rest is the file. Any input may be refused with a tristage::Error; anything else (a
// crash, UB, a leak, another exception, a hang) is a finding, and so is accepted data that breaks the documented rules.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "numeric/data_files.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  std::istringstream in(std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
  const long n = selector & 0x7f;  // d for points, count for numbers (127: any count)
  try {
    if (selector & 0x80) {
      const long count = n == 0x7f ? -1 : n;
      const Eigen::VectorXd v = tristage::numeric::read_numbers(in, count, "fuzz", "fuzz.txt");
      require(count < 0 || v.size() == count);
      require(v.allFinite());
    } else {
      const Eigen::MatrixXd X = tristage::numeric::read_points(in, n, "fuzz.csv");
      require(X.rows() >= 1 && X.cols() == n && X.allFinite());
      for (long i = 0; i < X.rows(); ++i)
        require(std::abs(X.row(i).norm() / std::sqrt(double(n)) - 1) <= 1e-8 * (1 + 1e-6));
    }
  } catch (const tristage::Error&) {
  }
  return 0;
}
