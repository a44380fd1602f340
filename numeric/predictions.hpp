#pragma once
// The finite-d predictions of THEORY.md 6, to lay over simulations at moderate d (their d -> infinity form is the
// limiting curve of theory/). All at the effective time t; test and oracle excess, train total.
#include <vector>

#include "core/spectrum.hpp"

namespace tristage::numeric {

struct Prediction {
  double oracle = 0, test = 0, train = 0;
  double train_refined = 0;  // Marchenko-Pastur refinement of the training error (NaN if it does not apply)
};

// ell = floor(log n / log d). energies[k] = ||P_k f_*||^2. A degree k <= ell counts as learned by the empirical model
// when xi_{d,k} > kappa_d(ell)/n (always so when mu_k > 0 and d is large); otherwise it is treated like k > ell.
Prediction finite_d_prediction(const Spectrum& s, const std::vector<double>& energies, double noise, long n,
                               double t);

// int f(s) dMP_q(s) for the Marchenko-Pastur law of ratio q (atom at 0 of mass 1 - 1/q when q > 1).
double marchenko_pastur_mean(double q, double (*f)(double, const void*), const void* context);

}  // namespace tristage::numeric
