#pragma once
// 1/d expansions with exact coefficients (THEORY.md 2). Each needs only finitely many Taylor coefficients, so they
// exist for every kernel analytic at 0, arc-cosine kernels included:
//   d^k xi_{d,k}     = sum_{m>=0} a_{k+2m} (k+2m)!/(2^m m!) eps^m / prod_{i<k+m} (1 + 2i eps),   eps = 1/d,
//   B(d,k) xi_{d,k}  = [B(d,k) eps^k] [d^k xi_{d,k}],  B(d,k) eps^k a polynomial in eps,
//   kappa_d(l)       = h(1) - sum_{k<=l} B(d,k) xi_{d,k}.
#include <ginac/ginac.h>

#include <vector>

#include "theory/symbolic_kernel.hpp"

namespace tristage::theory {

// Coefficients c_0..c_J of sum_j c_j d^{-j} + O(d^{-J-1}).
using InverseDSeries = std::vector<GiNaC::ex>;

InverseDSeries dk_xi_expansion(const SymbolicKernel& h, int k, int J);
InverseDSeries b_xi_expansion(const SymbolicKernel& h, int k, int J);
InverseDSeries kappa_expansion(const SymbolicKernel& h, int ell, int J);

// The limits: mu_k = h^(k)(0) is c_0 of d^k xi_{d,k}; a_k is c_0 of B xi; kappa(l) = h(1) - sum_{k<=l} a_k.
GiNaC::ex kappa_limit(const SymbolicKernel& h, int ell);

// The order at which degree k is learned: xi_{d,k} ~ rate * d^{-exponent}, exponent = k + m* with m* the first m
// such that a_{k+2m} != 0, and rate = mu_{k+2m*} / (2^{m*} m*!). For mu_k > 0 this is (k, mu_k). A degree the kernel
// never learns (xi_{d,k} = 0 for all d) has no exponent: std::nullopt. Looks at most max_m terms ahead.
struct LearningScale {
  int exponent;
  GiNaC::ex rate;
};
std::optional<LearningScale> learning_scale(const SymbolicKernel& h, int k, int max_m = 64);

}  // namespace tristage::theory
