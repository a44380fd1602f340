#include "theory/stages.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/time_grid.hpp"
#include "theory/expansion.hpp"
#include "theory/format.hpp"

namespace tristage::theory {
using namespace GiNaC;

const symbol& energy_symbol(int k) {
  static std::vector<symbol> symbols;
  while (static_cast<int>(symbols.size()) <= k) {
    const std::string i = std::to_string(symbols.size());
    symbols.emplace_back("F" + i + "^2", "F_{" + i + "}^{2}");  // plain name, LaTeX name
  }
  return symbols[k];
}
const symbol& noise_symbol() {
  static const symbol s("sigma^2", "\\sigma^{2}");
  return s;
}
const symbol& tau_symbol() {
  static const symbol s("tau", "\\tau");
  return s;
}
const symbol& gamma_symbol() {
  static const symbol s("gamma", "\\gamma");
  return s;
}

namespace {

bool learned_by(const DegreeScale& s, double beta) { return s.exponent && *s.exponent < beta; }

}  // namespace

StageCurves stage_curves(const SymbolicKernel& h, const StageInput& in) {
  StageCurves c;
  c.alpha = in.alpha;
  c.ell = static_cast<int>(std::floor(in.alpha));
  c.alpha_is_integer = std::abs(in.alpha - std::round(in.alpha)) < 1e-9;
  c.factor = time_factor(in.convention);
  c.kappa = kappa_limit(h, c.ell);
  const int K = static_cast<int>(in.energies.size()) - 1;
  const symbol& sigma2 = noise_symbol();
  c.values[sigma2] = in.noise;
  for (int k = 0; k <= K; ++k) {
    c.values[energy_symbol(k)] = in.energies[k];
    DegreeScale s;
    s.k = k;
    if (auto scale = learning_scale(h, k)) {
      s.exponent = scale->exponent;
      s.rate = scale->rate;
    }
    s.learned_empirically = learned_by(s, in.alpha);
    c.degrees.push_back(s);
  }

  // Energy the empirical model never learns, and where stage 3 starts: the first degree it leaves that the
  // target has and the oracle eventually learns.
  ex unlearned = 0;
  for (const auto& s : c.degrees) {
    if (s.learned_empirically) continue;
    unlearned += energy_symbol(s.k);
    if (s.exponent && !in.energies[s.k].is_zero()) c.boundary_23 = std::min(c.boundary_23, double(*s.exponent));
  }

  auto oracle_at = [&](double beta) {
    ex sum = 0;
    for (const auto& s : c.degrees)
      if (!learned_by(s, beta)) sum += energy_symbol(s.k);
    return sum;
  };

  // Pieces between consecutive breakpoints: the exponents e_k and alpha.
  std::set<double> cuts{0.0, in.alpha};
  for (const auto& s : c.degrees)
    if (s.exponent && *s.exponent > 0) cuts.insert(*s.exponent);
  std::vector<double> b{-std::numeric_limits<double>::infinity()};
  b.insert(b.end(), cuts.begin(), cuts.end());
  b.push_back(std::numeric_limits<double>::infinity());
  for (size_t i = 0; i + 1 < b.size(); ++i) {
    Piece p;
    p.lo = b[i];
    p.hi = b[i + 1];
    const double mid = std::isinf(p.hi) ? p.lo + 1 : std::isinf(p.lo) ? p.hi - 1 : (p.lo + p.hi) / 2;
    p.stage = stage_of(c, mid);
    p.oracle = oracle_at(mid);
    p.test = mid < in.alpha ? p.oracle : unlearned;
    p.train = mid < in.alpha ? p.oracle + sigma2 : ex(0);
    c.pieces.push_back(p);
  }

  std::set<int> exponents;
  for (const auto& s : c.degrees)
    if (s.exponent) exponents.insert(*s.exponent);
  for (int e : exponents) {
    TauBoundary t;
    t.exponent = e;
    ex sum = 0;
    for (const auto& s : c.degrees) {
      if (!s.exponent || *s.exponent > e) sum += energy_symbol(s.k);
      else if (*s.exponent == e) sum += exp(-2 * c.factor * tau_symbol() * s.rate) * energy_symbol(s.k);
    }
    t.oracle = sum;
    t.test = e < in.alpha ? sum : unlearned;
    t.train = e < in.alpha ? sum + sigma2 : ex(0);
    c.tau_boundaries.push_back(t);
  }
  c.train_at_gamma = exp(-2 * c.factor * gamma_symbol() * c.kappa) * (unlearned + sigma2);
  c.test_at_gamma = unlearned;
  return c;
}

int stage_of(const StageCurves& c, double beta) {
  if (beta < c.alpha) return 1;
  return beta < c.boundary_23 ? 2 : 3;
}

ex numeric_value(const StageCurves& c, const ex& symbolic) { return symbolic.subs(c.values).expand(); }

StagePoint stage_point(const StageCurves& c, double beta) {
  StagePoint p;
  p.beta = beta;
  p.stage = stage_of(c, beta);
  auto value = [&](const ex& e) { return to_double(numeric_value(c, e.subs(lst{tau_symbol() == 1, gamma_symbol() == 1}))); };
  constexpr double eps = 1e-12;
  if (std::abs(beta - c.alpha) < eps) {
    p.oracle = value(c.test_at_gamma);  // t = n with alpha not an integer: the oracle has learned the same degrees
    p.test = value(c.test_at_gamma);
    p.train = value(c.train_at_gamma);
    return p;
  }
  for (const auto& t : c.tau_boundaries) {
    if (std::abs(beta - t.exponent) < eps) {
      p.oracle = value(t.oracle);
      p.test = value(t.test);
      p.train = value(t.train);
      return p;
    }
  }
  for (const auto& piece : c.pieces) {
    if (beta >= piece.lo && beta < piece.hi) {
      p.oracle = value(piece.oracle);
      p.test = value(piece.test);
      p.train = value(piece.train);
      return p;
    }
  }
  return p;  // not reached: the pieces cover the real line
}

std::vector<StagePoint> stage_grid(const StageCurves& c, double beta_min, double beta_max, int points) {
  std::vector<StagePoint> grid;
  for (double beta : beta_grid(beta_min, beta_max, points)) grid.push_back(stage_point(c, beta));
  return grid;
}

}  // namespace tristage::theory
