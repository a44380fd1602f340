#pragma once
// A kernel h as the symbolic module sees it: an exact expression in u and its exact Taylor coefficients
// a_j = h^(j)(0) / j!  (THEORY.md 2). Named kernels have closed-form coefficients; an expression gets them from
// GiNaC's series, which is also the independent check of the closed forms in the tests.
#include <ginac/ginac.h>

#include <functional>
#include <optional>
#include <vector>

#include "core/kernel_spec.hpp"

namespace tristage::theory {

const GiNaC::symbol& u_symbol();

// Exact rational value of a decimal literal ("0.1" is 1/10).
GiNaC::numeric exact_decimal(const std::string& text);

class SymbolicKernel {
 public:
  // Throws Error(Exit::usage) when h is not analytic at 0 (e.g. sqrt(u), abs(u), log(u)) as far as its series shows:
  // to order analyticity_order, or as far as analyticity_seconds of series work reach (at least order 1). Later
  // extensions of the series refuse what they find the same way.
  explicit SymbolicKernel(const KernelSpec& spec);
  static constexpr int analyticity_order = 16;
  static constexpr double analyticity_seconds = 0.5;

  const KernelSpec& spec() const { return spec_; }
  const GiNaC::ex& h() const { return h_; }

  GiNaC::ex a(int j) const;   // exact Taylor coefficient: a rational, or rational / pi, or a constant expression
  GiNaC::ex mu(int k) const;  // h^(k)(0) = k! a_k
  GiNaC::ex h_at(int sign) const;  // exact h(1) or h(-1)

  // a_j in long double for j <= J, for the long series at finite d. Closed forms by recurrence where known;
  // for an expression, GiNaC's series up to expression_order_budget, and an empty tail past it. An expression's
  // series is extended only while its predicted cost (order^3.5 from the last extension, in CPU time) keeps the
  // total under expression_series_seconds: nested functions cost far more (exp(exp(exp(u))): 0.5 s at order 32,
  // 5 s at 64), and the caller falls back to quadrature when the coefficients run out. So fewer may be returned.
  const std::vector<long double>& a_numeric(int J) const;
  static constexpr int expression_order_budget = 400;
  static constexpr int max_polynomial_degree = 999;     // expressions; taylor: has at most 1000 coefficients
  static constexpr int max_symbolic_degree = 200;       // at symbolic d (poly:200 takes 9 s there), as poly:P
  static constexpr double expression_series_seconds = 3;

  // The degrees j <= J with a_j < 0 (exact signs). With one, h is not positive definite in high dimension:
  // xi_{d,j} ~ mu_j / d^j < 0, and gradient flow grows that degree instead of learning it. Computes the series to
  // order J + 1 whatever it costs: compare/coefficient_signs.hpp checks within a time budget.
  std::vector<int> negative_coefficients(int J) const;

  // Makes a_j exact for as many j <= J as fit in `seconds` of CPU time of series work on this kernel, counting what
  // was spent before; returns the highest degree now exact (J for named kernels and polynomials, which need no
  // series). The order is raised in steps, each predicted from the last ones to fit in the time left, and
  // after_step(highest exact degree) is called after each. A prediction can be wrong, and one GiNaC call cannot be
  // interrupted (hours, for some kernels): where the time must be bounded, run it in core/time_limited.hpp.
  int exact_within(int J, double seconds, const std::function<void(int)>& after_step = {}) const;

  // Makes a_j for every j <= J exact in one series computation (a(j) alone extends by doubling, which for an
  // expensive expression can cost ten times what is needed).
  void reserve(int J) const;

  // Degree when h is a polynomial in u (then every xi is a finite sum).
  std::optional<int> polynomial_degree() const { return degree_; }

  // Whether a_j >= 0 for every j is a theorem (named kernels: Schoenberg-type closed forms) rather than an
  // observation on the coefficients computed (expressions).
  bool coefficients_nonnegative_proven() const { return nonneg_proven_; }

  // A bound on sum_{i>=1} a_{j+2i} from the closed form, free of the cancellation in h(1) minus a partial sum
  // (exp: a_{i+2}/a_i <= 1/((j+3)(j+4)) for i > j, a geometric tail). Empty when the kernel has none.
  std::optional<long double> parity_tail_bound(long j) const;

  // The largest j with j = k mod 2 and a_j != 0, when the kernel's form shows there are finitely many
  // (polynomials; arccos0's even part is a_0 alone; arccos1's and relu-ntk's odd part is a_1 alone); -1 when that
  // parity has no coefficient at all. Then xi_{d,k} is a finite sum, exact. Empty when infinitely many.
  std::optional<int> parity_degree(int k) const;
  bool parity_tail_vanishes(int k) const {
    auto p = parity_degree(k);
    return p && *p < k;
  }

 private:
  KernelSpec spec_;
  GiNaC::ex h_;
  std::optional<int> degree_;
  bool nonneg_proven_ = false;
  mutable std::vector<GiNaC::ex> exact_;          // cached a_j
  mutable std::vector<long double> numeric_;      // cached a_j, long double
  mutable int series_order_ = 0;                  // expression kernels: order of the cached series
  mutable double series_seconds_ = 0;             // CPU time of all series extensions so far
  mutable double last_series_seconds_ = 0;        // ... and of the last one, at order series_order_
  mutable int previous_series_order_ = 0;         // the one before (0: none), for exact_within's predictions
  mutable double previous_series_seconds_ = 0;

  void extend_series(int order) const;
  int next_series_order(int order, double seconds_left) const;
  GiNaC::ex closed_form(int j) const;
};

}  // namespace tristage::theory
