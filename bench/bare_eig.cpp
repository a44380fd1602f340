// The yardstick of the dense engine: the time of one LAPACK dsyevd (LAPACKE, OpenBLAS) on the kernel matrix of
// the given points, nothing else. Usage: bare_eig KERNEL POINTS.csv  -> {"n": ..., "seconds_dsyevd": ...}
#include <lapacke.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "numeric/data_files.hpp"
#include "numeric/kernel_matrix.hpp"

int main(int argc, char** argv) {
  using namespace tristage;
  if (argc != 3) {
    std::fprintf(stderr, "usage: bare_eig KERNEL POINTS.csv\n");
    return 2;
  }
  Eigen::MatrixXd X;
  {
    // d from the first line of the file
    FILE* f = std::fopen(argv[2], "r");
    if (!f) return 2;
    long d = 1;
    for (int c; (c = std::fgetc(f)) != EOF && c != '\n';) d += c == ',';
    std::fclose(f);
    X = numeric::read_points(argv[2], d);
  }
  Eigen::MatrixXd K = numeric::kernel_matrix(X, numeric::KernelEvaluator(parse_kernel(argv[1])));
  const lapack_int n = static_cast<lapack_int>(K.rows());
  Eigen::VectorXd w(n);
  const auto start = std::chrono::steady_clock::now();
  const lapack_int info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, 'V', 'U', n, K.data(), n, w.data());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("{\"n\": %d, \"seconds_dsyevd\": %.6f, \"info\": %d}\n", n, s, info);
  return info == 0 ? 0 : 1;
}
