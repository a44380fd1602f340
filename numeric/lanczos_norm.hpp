#pragma once
// ||R||_op of a symmetric matrix from a short Lanczos run with full reorthogonalisation: the extreme Ritz values
// converge first, so 40-60 steps give the norm to a few digits, for n^2 work per step instead of a decomposition.
#include <Eigen/Dense>

namespace tristage::numeric {

double symmetric_operator_norm(const Eigen::MatrixXd& R, int steps = 60);

}  // namespace tristage::numeric
