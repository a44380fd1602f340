#pragma once
// The d -> infinity limits at an integer alpha = ell, with n = c d^ell (THEORY.md 10).
//
// Degree ell is then a proportional random-matrix problem: B(d,ell) ~ d^ell / ell! harmonics of eigenvalue xi_{d,ell},
// psi = n / B(d,ell) -> c ell!, total weight B xi -> a = mu_ell / ell!, and the degrees above ell act as the ridge
// tau = kappa(ell) = h(1) - sum_{k<=ell} mu_k / k!; the degrees below ell are learned on shorter scales (this needs
// their learning exponents e_k < ell). The bulk of K is a s + tau, s distributed as the Marchenko-Pastur law nu_psi
// of ratio psi (the spectrum of (1/p) Phi Phi^T for an n x p matrix Phi of unit-variance entries, p = B(d,ell)):
//     nu_psi(ds) = (1 - 1/psi)_+ delta_0(ds) + sqrt((s_+ - s)(s - s_-)) / (2 pi psi s) ds,   s_+- = (1 +- sqrt psi)^2.
// At t = gamma n, with f the convention's factor (f = 1 for the loss (1/2)E(y - f)^2), lambda = a s + tau,
// phi = (1 - e^{-f gamma lambda}) / lambda and the degrees above ell acting as noise (sigma_eff^2 = sigma^2 + E_{>ell}):
//     train(gamma)  = int e^{-2 f gamma lambda} (sigma_eff^2 + E_ell s) nu_psi(ds),
//     test(gamma)   = E_{>ell} + E_ell [psi int_{s>0} (1 - a s phi)^2 nu_psi(ds) + (1 - psi)_+]
//                     + sigma_eff^2 psi a^2 int s phi^2 nu_psi(ds)          (excess),
//     oracle(gamma) = E_{>ell} + E_ell e^{-2 f gamma psi a}                     (excess).
// These are single integrals against an algebraic density (the Laplace transform of nu_psi has no elementary closed
// form: its derivative is 2 e^{-x(1+psi)} I_1(2 x sqrt psi) / (2 x sqrt psi), a Bessel function). At t = infinity the
// test error is algebraic in c: with q_0 > 0 the root of q^2 + (a(psi - 1) - tau) q - psi a tau = 0 (n kappa(0) in
// the limit; q_0 = a (1 - psi)_+ when tau = 0) and D_0 = psi a^2 / (a psi + q_0)^2,
//     test(infinity) = [E_{>ell} + E_ell q_0^2 / (a psi + q_0)^2 + sigma^2 D_0] / (1 - D_0),
// which peaks near psi = 1 when tau is small (the double descent in c); train(infinity) = (1 - 1/psi)_+ sigma_eff^2
// when tau = 0, else 0. The two routes to test(infinity), the integral and the closed form, are checked against each
// other in the tests, and the deterministic equivalent of numeric/ approaches both as d grows.
#include <ginac/ginac.h>

#include <string>
#include <vector>

#include "theory/stages.hpp"

namespace tristage::theory {

struct IntegerAlphaInput {
  int ell = 1;                      // alpha = ell
  GiNaC::ex c = 1;                  // n = c d^ell, exact and > 0
  std::vector<GiNaC::ex> energies;  // E_k, exact
  GiNaC::ex noise = 0;              // sigma^2, exact
  TimeConvention convention = TimeConvention::half_squared;
};

struct IntegerAlphaPoint {
  double gamma = 0;
  double train = 0, test = 0, oracle = 0;  // train total, test and oracle excess
};

class IntegerAlphaLimit {
 public:
  // Throws Error(Exit::usage) when ell < 1, c <= 0, or a degree below ell is not learned below t ~ n (e_k >= ell).
  IntegerAlphaLimit(const SymbolicKernel& h, const IntegerAlphaInput& in);

  int ell() const { return ell_; }
  int factor() const { return factor_; }
  // Exact constants: psi = c ell!, a = mu_ell / ell!, tau = kappa(ell); E_ell, E_{>ell}, sigma^2; the closed forms.
  const GiNaC::ex& psi() const { return psi_; }
  const GiNaC::ex& a() const { return a_; }
  const GiNaC::ex& tau() const { return tau_; }
  const GiNaC::ex& block_energy() const { return block_; }
  const GiNaC::ex& high_energy() const { return high_; }
  const GiNaC::ex& noise() const { return noise_; }
  // As functions of the symbol c_symbol() (substitute c for the values at this input's c).
  const GiNaC::ex& q0() const { return q0_; }
  const GiNaC::ex& test_infinity() const { return test_infinity_; }
  GiNaC::ex train_infinity() const;
  double c_value() const;

  // The curves at t = gamma n (gamma = infinity allowed), by quadrature of the integrals above to 1e-12 of
  // sum E + sigma^2.
  IntegerAlphaPoint at(double gamma) const;
  // The same test error at t = infinity through the integral (for the check against the closed form).
  double test_infinity_by_integral() const;

  // LaTeX (amsmath): the setting, the density, the three curves and the closed form at t = infinity; numbers given
  // approximately ("\approx") with `digits` significant digits.
  std::string latex(int digits = 6) const;

 private:
  template <class F>
  double integrate(const F& density_part, double atom_value) const;

  int ell_, factor_;
  GiNaC::ex c_, psi_, a_, tau_, block_, high_, noise_, q0_, test_infinity_;
  double psi_d_, a_d_, tau_d_, block_d_, high_d_, noise_d_;
};

const GiNaC::symbol& c_symbol();  // c in n = c d^ell

// The limit at t = d^beta when n = c d^ell (section 10's limit on a beta grid): section 6's stage-1 curves below
// beta = ell, the curves at gamma = t/n = 1/c at beta = ell, and at gamma = infinity above, where only the oracle keeps
// learning (section 6's oracle). `stages` are the stage curves at alpha = ell.
StagePoint integer_alpha_point(const StageCurves& stages, const IntegerAlphaLimit& limit, double beta);

}  // namespace tristage::theory
