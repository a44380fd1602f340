#pragma once
// Engines compute the empirical-world dynamics from the kernel matrix: for each time t, the training error
// R_n(f_t) = (1/n) ||r(t)||^2 and the coefficients a(t) of f_t = sum_i a_i H(., x_i) (THEORY.md 3). An engine
// knows how to factor or apply K (dense_engine, krylov_engine); what is measured from a(t) is the observables' business.
// engine_factory builds them; nothing else names one.
#include <Eigen/Dense>
#include <optional>
#include <string>
#include <vector>

namespace tristage::numeric {

enum class Dynamics { flow, gd };

struct FlowRequest {
  std::vector<double> times;  // effective times: already multiplied by the loss convention's factor
  Dynamics dynamics = Dynamics::flow;
  double eta = 0;             // gd: step; t = k eta, k = floor(t / eta)
};

struct EngineReport {
  std::string engine;
  std::optional<double> lambda_min;       // of K, from engines that decompose it
  double lambda_max = 0;                  // of K
  int processes = 1;                      // MPI ranks that held K
  long clamped = 0;                       // eigenvalues below 0 set to 0
  double clamped_most_negative = 0;
  double seconds_factor = 0;              // time in the decomposition (Krylov: in the estimate of lambda_max)
};

struct FlowResult {
  std::vector<double> train;  // (1/n)||r(t)||^2 per time (total: includes the noise in y)
  Eigen::MatrixXd a;          // n x T, column j is a(t_j)
  std::vector<double> test;   // excess test error per time, from engines that hold M themselves; else empty
  long basis = 0;             // Krylov: the basis size used
  double change = 0;          // Krylov: the largest relative change of a curve at the accepting check
};

class FlowEngine {
 public:
  virtual ~FlowEngine() = default;
  // y: all n labels (an engine that splits rows takes its own).
  virtual FlowResult run(const Eigen::VectorXd& y, const FlowRequest& request) const = 0;
  virtual const EngineReport& report() const = 0;
  // K's eigenvalues, ascending, from engines that decompose K (for the diagnostics of THEORY.md 8); else null.
  virtual const Eigen::VectorXd* eigenvalues() const { return nullptr; }
};

}  // namespace tristage::numeric
