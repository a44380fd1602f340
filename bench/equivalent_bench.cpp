// The deterministic equivalent's cost (issue 11): a whole curve of 121 times (t = d^beta, beta in [0, floor(alpha)
// + 2.5]) of gradient flow, from the kernel's name to train and test errors, spectrum by quadrature included.
// Targets: under 50 ms at d = 400 (n = 8000), under 1 s at d = 10^6 (n = 10^9). The reference is what the
// equivalent replaces: one seed of the dense engine at the same (n, d) (bench/equivalent_vs_simulation.sh runs it
// beside this and prints the ratio); at d = 10^6 there is nothing to compare with, K would take 4 exabytes.
// Usage: equivalent_bench [repeats]   (default 5; the median is reported, and the split spectrum / curves)
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/time_grid.hpp"
#include "numeric/deterministic_equivalent.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
double since(clock_type::time_point start) {
  return std::chrono::duration<double>(clock_type::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tristage;
  const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  struct Case {
    const char* kernel;
    long d;
    double alpha;
  };
  const std::vector<double> energies{0, 1, 1, 1};
  const double noise = 0.5;
  std::printf("%-9s %8s %6s %12s | %10s %10s %10s | %6s %9s\n", "kernel", "d", "alpha", "n", "total ms", "spectrum",
              "curves", "nodes", "error");
  for (const Case c : {Case{"exp", 100, 1.5}, Case{"exp", 400, 1.5}, Case{"relu-ntk", 400, 1.5}, Case{"exp", 30, 2},
                       Case{"exp", 10000, 1.5}, Case{"exp", 1000000, 1.5}, Case{"relu-ntk", 1000000, 1.5},
                       Case{"arccos1", 1000000, 1.5}, Case{"exp", 31623, 2}}) {
    const long n = std::lround(std::pow(double(c.d), c.alpha));
    std::vector<double> times;
    for (double b : beta_grid(0, std::floor(c.alpha) + 2.5, 121)) times.push_back(std::pow(double(c.d), b));
    std::vector<double> total, spectrum, curves;
    numeric::EquivalentCurves out;
    for (int r = 0; r < repeats; ++r) {
      const auto start = clock_type::now();
      const auto de = numeric::deterministic_equivalent(parse_kernel(c.kernel), c.d, n, energies, noise);
      const double built = since(start);
      const auto middle = clock_type::now();
      out = de.flow(times);
      curves.push_back(since(middle));
      spectrum.push_back(built);
      total.push_back(since(start));
      if (!std::isfinite(out.test.back())) std::abort();  // keep the work observable
    }
    std::printf("%-9s %8ld %6.2g %12ld | %10.2f %10.2f %10.2f | %6d %9.1e\n", c.kernel, c.d, c.alpha, n,
                1e3 * median(total), 1e3 * median(spectrum), 1e3 * median(curves), out.nodes, out.error);
  }
}
