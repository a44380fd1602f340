#pragma once
// Inputs from files, so that a run can be reproduced exactly by another implementation: points (CSV, one point per
// row), noise and direction (one number per line or comma-separated). Every problem is an Error(Exit::usage) that
// names the file, the line and what to fix.
#include <Eigen/Dense>
#include <istream>
#include <string>

namespace tristage::numeric {

// n rows of d numbers; each row must have norm sqrt(d) within 1e-8 relative.
Eigen::MatrixXd read_points(const std::string& path, long d);

// Exactly `count` finite numbers (any mix of commas and newlines); count < 0: as many as there are.
Eigen::VectorXd read_numbers(const std::string& path, long count, const std::string& what);

// The same from a stream (text in memory, a pipe); `name` stands for the file in messages. The file-based readers
// above open the file and call these.
Eigen::MatrixXd read_points(std::istream& in, long d, const std::string& name);
Eigen::VectorXd read_numbers(std::istream& in, long count, const std::string& what, const std::string& name);

// Writes a matrix as CSV with 17 significant digits (round-trips exactly).
std::string to_csv(const Eigen::MatrixXd& A);

}  // namespace tristage::numeric
