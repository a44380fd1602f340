#include "numeric/data_files.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "core/number_text.hpp"

namespace tristage::numeric {

namespace {

std::vector<double> parse_line(const std::string& line, const std::string& path, long lineno) {
  std::vector<double> out;
  const char* p = line.c_str();
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\r') ++p;
    if (!*p) break;
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (end == p || !std::isfinite(v))
      throw usage_error("'" + path + "' line " + std::to_string(lineno) + ": '" + std::string(p).substr(0, 20) +
                        "' is not a finite number");
    out.push_back(v);
    p = end;
    while (*p == ' ' || *p == '\t' || *p == '\r') ++p;
    if (*p == ',') ++p;
    else if (*p) throw usage_error("'" + path + "' line " + std::to_string(lineno) + ": expected ',' between numbers");
  }
  return out;
}

std::ifstream open(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw usage_error("cannot read '" + path + "': check the path");
  return in;
}

}  // namespace

Eigen::MatrixXd read_points(const std::string& path, long d) {
  auto in = open(path);
  std::vector<std::vector<double>> rows;
  std::string line;
  for (long lineno = 1; std::getline(in, line); ++lineno) {
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    auto row = parse_line(line, path, lineno);
    if (static_cast<long>(row.size()) != d)
      throw usage_error("'" + path + "' line " + std::to_string(lineno) + " has " + std::to_string(row.size()) +
                        " numbers; every point needs d = " + std::to_string(d));
    double norm2 = 0;
    for (double x : row) norm2 += x * x;
    if (std::abs(std::sqrt(norm2) / std::sqrt(double(d)) - 1) > 1e-8)
      throw usage_error("'" + path + "' line " + std::to_string(lineno) + ": the point has norm " +
                        number_text(std::sqrt(norm2)) + ", not sqrt(d) = " + number_text(std::sqrt(double(d))) +
                        " (within 1e-8 relative); points must lie on the sphere of radius sqrt(d)");
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw usage_error("'" + path + "' has no points");
  Eigen::MatrixXd X(rows.size(), d);
  for (size_t i = 0; i < rows.size(); ++i)
    for (long j = 0; j < d; ++j) X(i, j) = rows[i][j];
  return X;
}

Eigen::VectorXd read_numbers(const std::string& path, long count, const std::string& what) {
  auto in = open(path);
  std::vector<double> values;
  std::string line;
  for (long lineno = 1; std::getline(in, line); ++lineno) {
    if (!line.empty() && line[0] == '#') continue;
    for (double v : parse_line(line, path, lineno)) values.push_back(v);
  }
  if (count >= 0 && static_cast<long>(values.size()) != count)
    throw usage_error("'" + path + "' has " + std::to_string(values.size()) + " numbers; " + what + " needs " +
                      std::to_string(count));
  return Eigen::Map<Eigen::VectorXd>(values.data(), static_cast<long>(values.size()));
}

std::string to_csv(const Eigen::MatrixXd& A) {
  std::string out;
  char buf[32];
  for (long i = 0; i < A.rows(); ++i) {
    for (long j = 0; j < A.cols(); ++j) {
      std::snprintf(buf, sizeof buf, "%.17g", A(i, j));
      out += (j ? "," : "") + std::string(buf);
    }
    out += "\n";
  }
  return out;
}

}  // namespace tristage::numeric
