#pragma once
// Targets with known harmonic energies (THEORY.md 5): sums of single-index Gegenbauer terms
//   f_*(x) = sum_a sum_k F_{a,k} sqrt(B(d,k)) Q_k(<v_a, x>),   ||v_a|| = sqrt(d),
// so that ||P_k f_*||^2 = sum_{a,b} F_{a,k} F_{b,k} Q_k(<v_a, v_b>) exactly and (P_k f_*)(x) is explicit.
#include <Eigen/Dense>
#include <vector>

#include "core/spectrum.hpp"

namespace tristage::numeric {

struct TargetTerm {
  Eigen::VectorXd v;          // direction, rescaled to norm sqrt(d)
  std::vector<double> F;      // F_k, k = 0..K
};

class GegenbauerTarget {
 public:
  GegenbauerTarget(long d, std::vector<TargetTerm> terms);
  // The single-index target of the CLI: amplitudes F_k = +sqrt(E_k) along v (default sqrt(d) e_1).
  static GegenbauerTarget single_index(long d, const std::vector<double>& energies, Eigen::VectorXd v = {});

  long d() const { return d_; }
  int kmax() const { return kmax_; }
  const std::vector<double>& energies() const { return energies_; }  // ||P_k f_*||^2
  double norm2() const;                                                // ||f_*||^2

  // f_*(x_i) for the rows of X.
  Eigen::VectorXd values(const Eigen::MatrixXd& X) const;
  // (H f_*)(x_i) = sum_k xi_{d,k} (P_k f_*)(x_i): the vector b of the exact test error (THEORY.md 4).
  Eigen::VectorXd smoothed(const Eigen::MatrixXd& X, const Spectrum& s) const;

 private:
  long d_;
  int kmax_ = 0;
  std::vector<TargetTerm> terms_;
  std::vector<double> sqrtB_;
  std::vector<double> energies_;

  // sum_a sum_k w_k F_{a,k} sqrt(B_k) Q_k(<v_a, x_i>/d) for weights w.
  Eigen::VectorXd evaluate(const Eigen::MatrixXd& X, const std::vector<double>& w) const;
};

}  // namespace tristage::numeric
