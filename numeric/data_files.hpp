#pragma once
// Inputs from files, so that a run can be reproduced exactly by another implementation: points (CSV, one point per
// row), noise and direction (one number per line or comma-separated). Every problem is an Error(Exit::usage) that
// names the file, the line and what to fix.
#include <Eigen/Dense>
#include <string>

namespace tristage::numeric {

// n rows of d numbers; each row must have norm sqrt(d) within 1e-8 relative.
Eigen::MatrixXd read_points(const std::string& path, long d);

// Exactly `count` finite numbers (any mix of commas and newlines); count < 0: as many as there are.
Eigen::VectorXd read_numbers(const std::string& path, long count, const std::string& what);

// Writes a matrix as CSV with 17 significant digits (round-trips exactly).
std::string to_csv(const Eigen::MatrixXd& A);

}  // namespace tristage::numeric
