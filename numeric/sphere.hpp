#pragma once
// Points uniform on the sphere of radius sqrt(d) in R^d (THEORY.md 1): x = sqrt(d) g / ||g||, g Gaussian.
#include <Eigen/Dense>

#include "numeric/rng.hpp"

namespace tristage::numeric {

// n x d, one point per row.
Eigen::MatrixXd sample_sphere(long n, long d, Rng& rng);

}  // namespace tristage::numeric
