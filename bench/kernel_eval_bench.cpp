// A user-expression kernel against the same kernel by name: the time to build K = h(XX^T/d) (one GEMM, then h on
// n(n-1)/2 entries). Target (issue 3): the expression costs at most 2x the named kernel.
// Usage: kernel_eval_bench [n] [d]   (default 4000 100)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "numeric/kernel_matrix.hpp"
#include "numeric/sphere.hpp"

namespace {
double seconds(const Eigen::MatrixXd& X, const tristage::KernelSpec& k) {
  const tristage::numeric::KernelEvaluator h(k);
  double best = 1e300;
  for (int r = 0; r < 3; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const Eigen::MatrixXd K = tristage::numeric::kernel_matrix(X, h);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    if (K(0, 1) != K(1, 0)) std::abort();  // keep the work observable
  }
  return best;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace tristage;
  const long n = argc > 1 ? std::atol(argv[1]) : 4000, d = argc > 2 ? std::atol(argv[2]) : 100;
  numeric::Rng rng(1, 0, numeric::Stream::points);
  const Eigen::MatrixXd X = numeric::sample_sphere(n, d, rng);
  const std::pair<const char*, const char*> pairs[] = {
      {"exp", "exp(u)"},
      {"poly:3", "(1+u)^3"},
      {"arccos1", "(sqrt(1 - u^2) + (pi - acos(u))*u)/pi"},
      {"relu-ntk", "u*(1 - acos(u)/pi) + (sqrt(1 - u^2) + (pi - acos(u))*u)/pi"},
  };
  std::printf("n = %ld, d = %ld; best of 3 builds of K\n%-9s %10s %12s %7s\n", n, d, "kernel", "named (s)",
              "expression", "ratio");
  for (auto [named, expression] : pairs) {
    const double a = seconds(X, parse_kernel(named)), b = seconds(X, parse_kernel(expression));
    std::printf("%-9s %10.3f %12.3f %7.2f\n", named, a, b, b / a);
  }
}
