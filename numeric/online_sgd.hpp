#pragma once
// Online SGD with a fresh sample at each step (THEORY.md 3): the "ideal world" that approximates the oracle flow.
//   f_{s+1} = f_s + eta (y_s - f_s(x_s)) H(., x_s),   t = s eta,
// stored as f = sum_s c_s H(., x_s). Its exact excess error is tracked step by step,
//   ||f - f_*||^2 = ||f_*||^2 - 2 sum_s c_s (H f_*)(x_s) + sum_{r,s} c_r c_s M(x_r, x_s),
// for O(S^2 (d + K)) work over S steps: the step budget caps the time reached.
#include <vector>

#include "core/kernel_spec.hpp"
#include "core/spectrum.hpp"
#include "numeric/rng.hpp"
#include "numeric/target.hpp"

namespace tristage::numeric {

inline constexpr const char* online_sgd_name = "online-sgd";  // in run.json, where the flow engines give theirs

struct SgdResult {
  std::vector<double> test;  // excess at each requested time; NaN beyond the step budget
  long steps = 0;
  double eta = 0;
};

SgdResult online_sgd(const KernelSpec& kernel, const GegenbauerTarget& target, const Spectrum& spectrum, double noise,
                     const std::vector<double>& times, double eta, long max_steps, Rng& rng);

}  // namespace tristage::numeric
