#pragma once
// The limiting risk curves of the three stages (THEORY.md 6), for n = d^alpha and t = d^beta, d -> infinity.
//
// Degree k is learned by the oracle once t >> d^{e_k}, where xi_{d,k} ~ c_k d^{-e_k} (learning_scale; e_k = k and
// c_k = mu_k when mu_k > 0). The empirical model learns the degrees with e_k < alpha and nothing else: once t >> n it
// interpolates and its test error freezes. All curves are piecewise constant in beta, with explicit boundary
// formulas at t = tau d^e (e an integer) and at t = gamma n. Curves are exact expressions in the symbols F_k^2 and
// sigma^2; `numeric` substitutes the user's values.
#include <ginac/ginac.h>

#include <limits>
#include <optional>
#include <vector>

#include "theory/symbolic_kernel.hpp"

namespace tristage::theory {

enum class TimeConvention { half_squared, squared };  // L = (1/2)E(y-f)^2 (default), or without the 1/2: t -> 2t
inline int time_factor(TimeConvention c) { return c == TimeConvention::squared ? 2 : 1; }

struct StageInput {
  double alpha = 1.5;
  std::vector<GiNaC::ex> energies;  // E_k = F_k^2 = ||P_k f_*||^2, k = 0..K
  GiNaC::ex noise = 0;              // sigma^2
  TimeConvention convention = TimeConvention::half_squared;
};

struct DegreeScale {
  int k = 0;
  std::optional<int> exponent;  // e_k; empty: xi_{d,k} = 0, never learned
  GiNaC::ex rate;               // c_k
  bool learned_empirically = false;  // e_k < alpha
};

struct Piece {
  double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();
  int stage = 1;
  GiNaC::ex oracle, test, train;  // oracle and test: excess; train: total (noise included)
};

// At t = tau d^e: the degrees with e_k = e are half learned, e^{-2 f tau c_k} E_k.
struct TauBoundary {
  int exponent = 0;
  GiNaC::ex oracle, test, train;  // in the symbol tau
};

struct StageCurves {
  double alpha = 0;
  int ell = 0;                 // floor(alpha)
  int factor = 1;              // time_factor of the convention
  std::vector<DegreeScale> degrees;
  double boundary_23 = std::numeric_limits<double>::infinity();  // where stage 3 starts (infinity: never)
  GiNaC::ex kappa;             // kappa(ell)
  std::vector<Piece> pieces;   // cover the real line, in order
  std::vector<TauBoundary> tau_boundaries;
  GiNaC::ex train_at_gamma, test_at_gamma;  // at t = gamma n, in the symbol gamma
  GiNaC::exmap values;         // F_k^2 and sigma^2 -> the user's numbers
  bool alpha_is_integer = false;  // the theorem excludes it: a warning for the user
};

const GiNaC::symbol& energy_symbol(int k);  // F_k^2
const GiNaC::symbol& noise_symbol();        // sigma^2
const GiNaC::symbol& tau_symbol();
const GiNaC::symbol& gamma_symbol();

StageCurves stage_curves(const SymbolicKernel& h, const StageInput& in);

int stage_of(const StageCurves& c, double beta);

// The curves at one beta (t = d^beta), as numbers: excess oracle and test, total train. At beta = e (an integer
// exponent) the tau = 1 boundary formula applies, at beta = alpha the gamma = 1 one.
struct StagePoint {
  double beta = 0;
  int stage = 1;
  double oracle = 0, test = 0, train = 0;
};
StagePoint stage_point(const StageCurves& c, double beta);
std::vector<StagePoint> stage_grid(const StageCurves& c, double beta_min, double beta_max, int points);

// The curves with the user's numbers substituted (exact).
GiNaC::ex numeric_value(const StageCurves& c, const GiNaC::ex& symbolic);

}  // namespace tristage::theory
