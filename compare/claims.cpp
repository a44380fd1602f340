#include "compare/claims.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "theory/format.hpp"

namespace tristage {

namespace {

struct Values {
  double oracle = 0, test = 0, train = 0;
};

double substituted(const theory::StageCurves& c, const GiNaC::ex& e, const GiNaC::symbol& s, double v) {
  return theory::to_double(theory::numeric_value(c, e.subs(s == v)));
}

// The d -> infinity limit at a claim time.
Values limit_at(const theory::StageCurves& c, const ClaimTime& t) {
  if (t.gamma > 0) {
    const double unlearned = substituted(c, c.test_at_gamma, theory::gamma_symbol(), t.gamma);
    return {unlearned, unlearned, substituted(c, c.train_at_gamma, theory::gamma_symbol(), t.gamma)};
  }
  if (t.tau > 0)
    for (const auto& b : c.tau_boundaries)
      if (b.exponent == std::lround(t.beta))
        return {substituted(c, b.oracle, theory::tau_symbol(), t.tau), substituted(c, b.test, theory::tau_symbol(), t.tau),
                substituted(c, b.train, theory::tau_symbol(), t.tau)};
  const auto p = theory::stage_point(c, t.beta);
  return {p.oracle, p.test, p.train};
}

// Which curves a claim compares at a time.
struct Curves {
  bool oracle = true, test = true, train = true, relative = false;
};

Curves curves_of(const std::string& claim, const theory::StageCurves& c, const ClaimTime& t) {
  if (claim == "train_gamma_n") return {false, false, true, true};
  if (claim == "progressive" || claim == "boundary") {
    const bool empirical = t.beta < c.alpha;  // the empirical model follows the oracle only while t << n
    return {true, empirical, empirical, false};
  }
  return {};
}

// Midpoints of the parts of the theory's pieces of one stage that lie in [lo, hi].
std::vector<ClaimTime> stage_midpoints(const theory::StageCurves& c, int stage, double lo, double hi) {
  std::vector<ClaimTime> out;
  for (const auto& p : c.pieces) {
    if (p.stage != stage) continue;
    const double a = std::max(p.lo, lo), b = std::min(p.hi, hi);
    if (b - a > 1e-9) out.push_back({(a + b) / 2, 0, 0});
  }
  return out;
}

}  // namespace

std::vector<ClaimTime> claim_times(const std::string& claim, const theory::StageCurves& c, const ClaimSpec& spec,
                                   double beta_min, double beta_max) {
  if (claim == "stage1") return stage_midpoints(c, 1, beta_min, std::min(beta_max, c.alpha));
  if (claim == "deep_bootstrap") return stage_midpoints(c, 2, std::max(beta_min, c.alpha), beta_max);
  if (claim == "stage3") return stage_midpoints(c, 3, beta_min, beta_max);
  std::vector<ClaimTime> out;
  if (claim == "train_gamma_n")
    for (double g : spec.points) out.push_back({c.alpha, g, 0});
  if (claim == "progressive")
    for (int k = static_cast<int>(std::ceil(beta_min - 0.5)); k + 0.5 <= beta_max; ++k)
      if (std::abs(k + 0.5 - c.alpha) > 0.05) out.push_back({k + 0.5, 0, 0});
  if (claim == "boundary") {
    std::set<int> exponents;
    for (const auto& s : c.degrees)
      if (s.exponent && *s.exponent >= beta_min && *s.exponent <= beta_max &&
          theory::to_double(theory::numeric_value(c, theory::energy_symbol(s.k))) > 0)
        exponents.insert(*s.exponent);
    for (int e : exponents)
      for (double tau : spec.points) out.push_back({double(e), 0, tau});
  }
  return out;
}

Slope log_log_slope(const std::vector<double>& x, const std::vector<double>& y) {
  const size_t m = x.size();
  double mx = 0, my = 0;
  for (size_t i = 0; i < m; ++i) {
    mx += std::log(x[i]) / m;
    my += std::log(std::max(y[i], 1e-300)) / m;
  }
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < m; ++i) {
    const double a = std::log(x[i]) - mx, b = std::log(std::max(y[i], 1e-300)) - my;
    sxx += a * a;
    sxy += a * b;
  }
  Slope s;
  s.slope = sxy / sxx;
  if (m > 2) {
    double rss = 0;
    for (size_t i = 0; i < m; ++i) {
      const double r = std::log(std::max(y[i], 1e-300)) - my - s.slope * (std::log(x[i]) - mx);
      rss += r * r;
    }
    s.standard_error = std::sqrt(rss / (m - 2) / sxx);
  }
  return s;
}

ClaimResult evaluate_claim(const std::string& claim, const theory::StageCurves& c, const ClaimSpec& spec,
                           const std::vector<ClaimData>& data) {
  ClaimResult r;
  r.name = claim;
  r.tolerance = spec.tolerance;
  const size_t seeds = data.empty() ? 0 : data.front().test_seed.size();
  for (const auto& dd : data) {
    ClaimPoint p;
    p.d = dd.d;
    p.to_limit_by_seed.assign(std::max<size_t>(seeds, 1), 0.0);
    for (size_t j = 0; j < dd.times.size(); ++j) {
      const ClaimTime& t = dd.times[j];
      const Values lim = limit_at(c, t);
      const Curves use = curves_of(claim, c, t);
      auto gap = [&](double value, double reference) {
        const double g = std::abs(value - reference);
        return use.relative ? g / std::abs(reference) : g;
      };
      const double pred_train = claim == "train_gamma_n" ? dd.predicted_train_refined[j] : dd.predicted_train[j];
      if (use.oracle) {
        p.to_limit = std::max(p.to_limit, gap(dd.oracle[j], lim.oracle));
        p.to_prediction = std::max(p.to_prediction, gap(dd.oracle[j], dd.predicted_oracle[j]));
        for (auto& s : p.to_limit_by_seed) s = std::max(s, gap(dd.oracle[j], lim.oracle));
      }
      if (use.test && !dd.test.empty()) {
        p.to_limit = std::max(p.to_limit, gap(dd.test[j], lim.test));
        p.to_prediction = std::max(p.to_prediction, gap(dd.test[j], dd.predicted_test[j]));
        for (size_t s = 0; s < seeds; ++s)
          p.to_limit_by_seed[s] = std::max(p.to_limit_by_seed[s], gap(dd.test_seed[s][j], lim.test));
      }
      if (use.train) {
        p.to_limit = std::max(p.to_limit, gap(dd.train[j], lim.train));
        p.to_prediction = std::max(p.to_prediction, gap(dd.train[j], pred_train));
        for (size_t s = 0; s < seeds && s < dd.train_seed.size(); ++s)
          p.to_limit_by_seed[s] = std::max(p.to_limit_by_seed[s], gap(dd.train_seed[s][j], lim.train));
      }
    }
    r.points.push_back(p);
  }

  std::vector<double> d, mean;
  for (const auto& p : r.points) {
    d.push_back(double(p.d));
    mean.push_back(p.to_limit);
  }
  const Slope fit = log_log_slope(d, mean);
  r.slope = fit.slope;
  double half_width = 2 * fit.standard_error;
  if (seeds > 1) {  // the interval from the seeds: one slope per seed
    std::vector<double> slopes;
    for (size_t s = 0; s < seeds; ++s) {
      std::vector<double> y;
      for (const auto& p : r.points) y.push_back(p.to_limit_by_seed[s]);
      slopes.push_back(log_log_slope(d, y).slope);
    }
    double m = 0, v = 0;
    for (double x : slopes) m += x / slopes.size();
    for (double x : slopes) v += (x - m) * (x - m) / (slopes.size() - 1);
    half_width = std::max(half_width, 2 * std::sqrt(v / slopes.size()));
  }
  r.slope_low = r.slope - half_width;
  r.slope_high = r.slope + half_width;

  const bool converged = *std::max_element(mean.begin(), mean.end()) < 1e-8;
  const bool falling = converged || r.slope_high < 0;
  const ClaimPoint& last = r.points.back();
  const bool close = last.to_prediction <= spec.tolerance;
  r.verified = falling && close;
  std::ostringstream why;
  why.precision(3);
  if (converged) why << "at the limit to 1e-8 at every d";
  else
    why << "distance to the limit " << (falling ? "falls" : "does not fall") << " as d^" << r.slope << " (interval ["
        << r.slope_low << ", " << r.slope_high << "]); " << last.to_limit << " at d = " << last.d;
  why << "; finite-d prediction " << last.to_prediction << (close ? " <= " : " > ") << "tolerance " << spec.tolerance;
  r.reason = why.str();
  return r;
}

}  // namespace tristage
