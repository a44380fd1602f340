#include "theory/integer_alpha.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>

#include "core/error.hpp"
#include "theory/expansion.hpp"
#include "theory/format.hpp"

namespace tristage::theory {
using namespace GiNaC;

const symbol& c_symbol() {
  static const symbol c("c", "c");
  return c;
}

IntegerAlphaLimit::IntegerAlphaLimit(const SymbolicKernel& h, const IntegerAlphaInput& in)
    : ell_(in.ell), factor_(time_factor(in.convention)), c_(in.c) {
  if (ell_ < 1) throw usage_error("the integer-alpha limit needs alpha = ell >= 1 (n = c d^ell)");
  if (!is_a<numeric>(c_) || !(ex_to<numeric>(c_) > 0))
    throw usage_error("the integer-alpha limit needs a number c > 0 (n = c d^ell)");
  // The degrees below ell must be learned before t ~ n: xi_{d,k} ~ d^{-e_k} with e_k < ell.
  for (int k = 0; k < ell_; ++k) {
    const bool carried = k < static_cast<int>(in.energies.size()) && !in.energies[k].is_zero();
    const auto scale = learning_scale(h, k);
    if (carried && (!scale || scale->exponent >= ell_))
      throw usage_error("degree " + std::to_string(k) + " of the target is " +
                        (scale ? "learned only at t ~ d^" + std::to_string(scale->exponent) : std::string("never learned")) +
                        " by this kernel (h^(" + std::to_string(k) + ")(0) = 0), not below t ~ n = c d^" +
                        std::to_string(ell_) + "; the integer-alpha limit here covers kernels whose degrees below ell "
                        "are learned first: give that degree energy 0 or choose another kernel");
  }
  psi_ = (c_symbol() * factorial(numeric(ell_))).expand();
  a_ = h.a(ell_);
  tau_ = kappa_limit(h, ell_);
  block_ = ell_ < static_cast<int>(in.energies.size()) ? in.energies[ell_] : ex(0);
  high_ = 0;
  for (size_t k = ell_ + 1; k < in.energies.size(); ++k) high_ += in.energies[k];
  noise_ = in.noise;

  psi_d_ = to_double(psi_.subs(c_symbol() == c_));
  a_d_ = to_double(a_);
  tau_d_ = to_double(tau_);
  block_d_ = to_double(block_);
  high_d_ = to_double(high_);
  noise_d_ = to_double(noise_);
  // q_0: the positive root (tau > 0); without a ridge, the branch that holds at this c.
  const ex A = a_ * (psi_ - 1) - tau_;
  if (tau_d_ > 0) q0_ = (-A + sqrt(pow(A, 2) + 4 * psi_ * a_ * tau_)) / 2;
  else q0_ = psi_d_ < 1 ? ex(a_ * (1 - psi_)) : ex(0);
  if (a_d_ == 0 && tau_d_ == 0) {
    test_infinity_ = high_ + block_;  // nothing in K at this scale: degree ell and above stay unlearned
  } else {
    const ex D0 = psi_ * pow(a_, 2) / pow(a_ * psi_ + q0_, 2);
    test_infinity_ = (high_ + block_ * pow(q0_, 2) / pow(a_ * psi_ + q0_, 2) + noise_ * D0) / (1 - D0);
  }
}

double IntegerAlphaLimit::c_value() const { return to_double(c_); }

ex IntegerAlphaLimit::train_infinity() const {
  if (tau_d_ > 0 || psi_d_ <= 1) return 0;
  return (1 - 1 / psi_) * (noise_ + high_);
}

// int g d nu_psi: the atom at 0 (mass (1 - 1/psi)_+) times atom_value, plus the density part by the midpoint rule in
// theta, s = 1 + psi + 2 sqrt(psi) cos(theta): the square-root edges become sin^2(theta), smooth and periodic, so the
// rule converges geometrically; the nodes double until two rules agree to 1e-14 of the integrand's scale.
template <class F>
double IntegerAlphaLimit::integrate(const F& g, double atom_value) const {
  const double psi = psi_d_, m = 1 + psi, r = 2 * std::sqrt(psi);
  auto rule = [&](int N) {
    double sum = 0, scale = 0;
    for (int i = 0; i < N; ++i) {
      const double theta = std::numbers::pi * (i + 0.5) / N, s = m + r * std::cos(theta);
      const double sine = r * std::sin(theta);
      // sin^2 / s: at psi = 1 the lower edge is s = 0, where (r sin)^2 / s = 2 (1 - cos) stays finite.
      const double density = psi == 1 ? 2 * (1 - std::cos(theta)) / (2 * std::numbers::pi * psi)
                                       : sine * sine / (2 * std::numbers::pi * psi * s);
      const double v = g(s) * density;
      sum += v;
      scale += std::abs(v);
    }
    return std::pair{sum * std::numbers::pi / N, scale * std::numbers::pi / N};
  };
  auto [previous, scale] = rule(64);
  for (int N = 128; N <= (1 << 22); N *= 2) {
    const auto [next, s] = rule(N);
    const bool settled = std::abs(next - previous) <= 1e-14 * std::max(s, 1e-300);
    previous = next;
    if (settled) break;
  }
  return previous + std::max(0.0, 1 - 1 / psi) * atom_value;
}

IntegerAlphaPoint IntegerAlphaLimit::at(double gamma) const {
  IntegerAlphaPoint p;
  p.gamma = gamma;
  const double f = factor_, a = a_d_, tau = tau_d_, psi = psi_d_, E = block_d_, high = high_d_;
  const double sigma_eff2 = noise_d_ + high;
  if (std::isinf(gamma)) {
    p.test = to_double(test_infinity_.subs(c_symbol() == c_));
    p.train = to_double(train_infinity().subs(c_symbol() == c_));
    p.oracle = high + (a > 0 ? 0.0 : E);
    return p;
  }
  p.oracle = high + E * std::exp(-2 * f * gamma * psi * a);
  if (a == 0 && tau == 0) {  // nothing at this scale moves
    p.train = sigma_eff2 + E;
    p.test = high + E;
    return p;
  }
  auto lambda = [&](double s) { return a * s + tau; };
  p.train = integrate([&](double s) { return std::exp(-2 * f * gamma * lambda(s)) * (sigma_eff2 + E * s); },
                      std::exp(-2 * f * gamma * tau) * sigma_eff2);
  auto phi = [&](double s) { return -std::expm1(-f * gamma * lambda(s)) / lambda(s); };
  const double bias = integrate(
      [&](double s) {
        const double residual = (tau + a * s * std::exp(-f * gamma * lambda(s))) / lambda(s);  // 1 - a s phi
        return residual * residual;
      },
      0.0);
  const double variance = integrate([&](double s) { return s * phi(s) * phi(s); }, 0.0);
  p.test = high + E * (psi * bias + std::max(0.0, 1 - psi)) + sigma_eff2 * psi * a * a * variance;
  return p;
}

double IntegerAlphaLimit::test_infinity_by_integral() const {
  const double a = a_d_, tau = tau_d_, psi = psi_d_, E = block_d_, high = high_d_;
  if (a == 0 && tau == 0) return high + E;
  const double bias = integrate([&](double s) { return std::pow(tau / (a * s + tau), 2); }, 0.0);
  const double variance = integrate([&](double s) { return s / std::pow(a * s + tau, 2); }, 0.0);
  return high + E * (psi * bias + std::max(0.0, 1 - psi)) + (noise_d_ + high) * psi * a * a * variance;
}

std::string IntegerAlphaLimit::latex(int digits) const {
  std::ostringstream o;
  const std::string l = std::to_string(ell_), f = factor_ == 1 ? "" : std::to_string(factor_);
  o << "% tristage: the integer-alpha limit, n = c d^" << l << ", t = gamma n (THEORY.md 10)\n";
  o << "With $n = c\\,d^{" << l << "}$ and $t = \\gamma n$: $\\psi = " << ell_ << "!\\,c";
  if (ell_ > 1) o << " = " << exact_latex(psi_);
  o << "$, $a = \\mu_{" << l << "}/" << l << "! = " << exact_latex(a_) << "$, $\\tau = \\kappa(" << l
    << ") = " << exact_latex(tau_) << "$, $\\sigma_{\\mathrm{eff}}^{2} = \\sigma^{2} + F^{2}_{>" << l << "} = "
    << exact_latex((noise_ + high_).expand()) << "$, $F_{" << l << "}^{2} = " << exact_latex(block_) << "$, $F^{2}_{>"
    << l << "} = " << exact_latex(high_) << "$.\n";
  o << "\\[\n\\nu_\\psi(ds) = \\Bigl(1 - \\frac{1}{\\psi}\\Bigr)_{+}\\delta_0(ds) + "
       "\\frac{\\sqrt{(s_+ - s)(s - s_-)}}{2\\pi\\psi s}\\,ds,\\qquad s_\\pm = (1 \\pm \\sqrt{\\psi})^2,"
       "\\qquad \\lambda = a s + \\tau,\\quad \\varphi = \\frac{1 - e^{-"
    << f << "\\gamma\\lambda}}{\\lambda}\n\\]\n";
  o << "\\[\n\\lim_{d\\to\\infty} R_n(f_t) = \\int e^{-" << 2 * factor_
    << "\\gamma\\lambda}\\bigl(\\sigma_{\\mathrm{eff}}^{2} + F_{" << l << "}^{2} s\\bigr)\\,\\nu_\\psi(ds)\n\\]\n";
  o << "\\[\n\\lim_{d\\to\\infty} R(f_t) - \\sigma^{2} = F^{2}_{>" << l << "} + F_{" << l
    << "}^{2}\\Bigl[\\psi\\int_{s>0}(1 - a s\\varphi)^2\\,\\nu_\\psi(ds) + (1-\\psi)_{+}\\Bigr] + "
       "\\sigma_{\\mathrm{eff}}^{2}\\,\\psi a^2\\int s\\varphi^2\\,\\nu_\\psi(ds)\n\\]\n";
  o << "\\[\n\\lim_{d\\to\\infty} R(f^{\\mathrm{or}}_t) - \\sigma^{2} = F^{2}_{>" << l << "} + F_{" << l
    << "}^{2}\\,e^{-" << 2 * factor_ << "\\gamma\\psi a}\n\\]\n";
  // The closed form with q_0 substituted is exact but, past a line, unreadable (nested radicals): then only its value.
  const ex value = test_infinity_.subs(c_symbol() == c_);
  const std::string exact = exact_latex(value), exact_or_nothing = exact.size() <= 100 ? "= " + exact + " \\approx " : "\\approx ";
  o << "At $t = \\infty$, with $q_0 = " << exact_latex(q0_) << "$ and $D_0 = \\psi a^2/(a\\psi + q_0)^2$:\n";
  o << "\\[\n\\lim_{d\\to\\infty} R(f_\\infty) - \\sigma^{2} = \\frac{F^{2}_{>" << l << "} + F_{" << l
    << "}^{2}\\,q_0^2/(a\\psi + q_0)^2 + \\sigma^{2} D_0}{1 - D_0} "
    << exact_or_nothing << approx_text(to_double(value), digits) << "\n\\]\n";
  return o.str();
}

StagePoint integer_alpha_point(const StageCurves& stages, const IntegerAlphaLimit& limit, double beta) {
  StagePoint p = stage_point(stages, beta);
  const double ell = limit.ell();
  if (beta < ell - 1e-12) return p;
  const IntegerAlphaPoint q = limit.at(std::abs(beta - ell) <= 1e-12 ? 1 / limit.c_value() : INFINITY);
  p.train = q.train;
  p.test = q.test;
  if (std::abs(beta - ell) <= 1e-12) p.oracle = q.oracle;
  return p;
}

}  // namespace tristage::theory
