#include "numeric/data_files.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <sstream>
#include <vector>

#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/number_text.hpp"

namespace tristage::numeric {

namespace {

// Numbers larger than this are refused: their squares (norms, noise variances) must stay finite.
constexpr double max_magnitude = 1e100;
// A line longer than this is not a points file (a d = 10^6 point is about 25 MB): refused rather than read forever.
constexpr size_t max_line = size_t(1) << 26;

std::vector<double> parse_line(const std::string& line, const std::string& path, long lineno) {
  std::vector<double> out;
  if (line.find('\0') != std::string::npos)
    throw usage_error("'" + shown_text(path, 200) + "' line " + std::to_string(lineno) +
                      " has a NUL byte: it is not a text file; give comma-separated numbers");
  const char* p = line.c_str();
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\r') ++p;
    if (!*p) break;
    char* end = nullptr;
    const double v = std::strtod(p, &end);
    if (end == p || !std::isfinite(v))
      throw usage_error("'" + shown_text(path, 200) + "' line " + std::to_string(lineno) + ": '" + shown_text(p, 20) +
                        "' is not a finite number");
    if (std::abs(v) > max_magnitude)
      throw usage_error("'" + shown_text(path, 200) + "' line " + std::to_string(lineno) + ": '" +
                        shown_text(std::string_view(p, end - p), 30) + "' is larger than 1e100 in size; rescale it");
    out.push_back(v);
    p = end;
    while (*p == ' ' || *p == '\t' || *p == '\r') ++p;
    if (*p == ',') ++p;
    else if (*p)
      throw usage_error("'" + shown_text(path, 200) + "' line " + std::to_string(lineno) + ": expected ',' between "
                        "numbers, found '" + shown_text(p, 10) + "'");
  }
  return out;
}

std::ifstream open(const std::string& path) {
  // A directory or a device (/dev/zero) would be read forever or fail obscurely; a pipe (<(...)) is fine.
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      status.type() != std::filesystem::file_type::fifo)
    throw usage_error("'" + shown_text(path, 200) + "' is not a regular file (a directory or a device); give a text "
                      "file of comma-separated numbers");
  std::ifstream in(path);
  if (!in) throw usage_error("cannot read '" + shown_text(path, 200) + "': check the path and its permissions");
  return in;
}

// std::getline with a length limit.
bool next_line(std::istream& in, std::string& line, const std::string& path, long lineno) {
  line.clear();
  std::streambuf* buf = in.rdbuf();
  for (;;) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return !line.empty();
    }
    if (c == '\n') return true;
    line.push_back(static_cast<char>(c));
    if (line.size() > max_line)
      throw usage_error("'" + shown_text(path, 200) + "' line " + std::to_string(lineno) + " is longer than " +
                        std::to_string(max_line >> 20) + " MB: not a file of comma-separated numbers");
  }
}

}  // namespace

Eigen::MatrixXd read_points(const std::string& path, long d) {
  auto in = open(path);
  return read_points(in, d, path);
}

Eigen::MatrixXd read_points(std::istream& in, long d, const std::string& path) {
  std::vector<std::vector<double>> rows;
  std::string line;
  for (long lineno = 1; next_line(in, line, path, lineno); ++lineno) {
    if (line.find_first_not_of(" \t\r") == std::string::npos || line[0] == '#') continue;
    auto row = parse_line(line, path, lineno);
    if (static_cast<long>(row.size()) != d)
      throw usage_error("'" + shown_text(path, 200) + "' line " + std::to_string(lineno) + " has " + std::to_string(row.size()) +
                        " numbers; every point needs d = " + std::to_string(d));
    double norm2 = 0;
    for (double x : row) norm2 += x * x;
    if (std::abs(std::sqrt(norm2) / std::sqrt(double(d)) - 1) > 1e-8)
      throw usage_error("'" + shown_text(path, 200) + "' line " + std::to_string(lineno) + ": the point has norm " +
                        number_text(std::sqrt(norm2)) + ", not sqrt(d) = " + number_text(std::sqrt(double(d))) +
                        " (within 1e-8 relative); points must lie on the sphere of radius sqrt(d)");
    rows.push_back(std::move(row));
  }
  if (rows.empty())
    throw usage_error("'" + shown_text(path, 200) + "' has no points; give one point per line, d comma-separated numbers");
  Eigen::MatrixXd X(rows.size(), d);
  for (size_t i = 0; i < rows.size(); ++i)
    for (long j = 0; j < d; ++j) X(i, j) = rows[i][j];
  return X;
}

Eigen::VectorXd read_numbers(const std::string& path, long count, const std::string& what) {
  auto in = open(path);
  return read_numbers(in, count, what, path);
}

Eigen::VectorXd read_numbers(std::istream& in, long count, const std::string& what, const std::string& path) {
  std::vector<double> values;
  std::string line;
  for (long lineno = 1; next_line(in, line, path, lineno); ++lineno) {
    if (!line.empty() && line[0] == '#') continue;
    for (double v : parse_line(line, path, lineno)) values.push_back(v);
  }
  if (count >= 0 && static_cast<long>(values.size()) != count)
    throw usage_error("'" + shown_text(path, 200) + "' has " + std::to_string(values.size()) + " numbers; " + what + " needs " +
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
