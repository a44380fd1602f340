#include "compare/claims.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <boost/math/distributions/students_t.hpp>

#include "compare/extrapolation.hpp"
#include "compare/text_table.hpp"
#include "core/number_text.hpp"
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
  if (t.fixed) return {t.limit_oracle, t.limit_test, t.limit_train};
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
  bool oracle = true, test = true, train = true, relative = false, gap = false;
};

Curves curves_of(const std::string& claim, const theory::StageCurves& c, const ClaimTime& t) {
  if (claim == "train_gamma_n") return {false, false, true, true};
  if (claim == "integer_alpha") return {};
  if (claim == "bootstrap_gap") return {false, false, false, false, true};
  const bool empirical = t.beta < c.alpha;  // the empirical model follows the oracle only while t << n
  if (claim == "progressive") return {true, empirical, false, false};  // a statement about the model, not the fit
  if (claim == "boundary") return {true, empirical, empirical, false};
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
  if (claim == "deep_bootstrap" || claim == "bootstrap_gap")
    return stage_midpoints(c, 2, std::max(beta_min, c.alpha), beta_max);
  if (claim == "stage3") return stage_midpoints(c, 3, beta_min, beta_max);
  std::vector<ClaimTime> out;
  if (claim == "train_gamma_n") {
    // A relative error says nothing about a vanishing number: gammas where e^{-2 gamma kappa} is below 1% are left
    // out (exp: e^{-2 * 2 * 0.718} = 5.7% is kept; kappa = 2.15 at gamma = 2 would be 0.02%).
    const double start = limit_at(c, {c.alpha, 1e-300, 0}).train;
    for (double g : spec.points)
      if (limit_at(c, {c.alpha, g, 0}).train >= 0.01 * start) out.push_back({c.alpha, g, 0});
  }
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


namespace {

enum Curve { train, test, oracle, gap };
const char* curve_name(int c) { return c == train ? "train" : c == test ? "test" : c == oracle ? "oracle" : "gap"; }

// One (time, curve) of a claim: its limit (shifted), the reference of a relative shift, and its unit of distance.
struct Target {
  size_t j;
  Curve curve;
  double limit, reference, unit;
};

std::vector<Target> targets_of(const std::string& claim, const theory::StageCurves& c, const std::vector<ClaimTime>& times,
                               double shift, double scale) {
  std::vector<Target> out;
  for (size_t j = 0; j < times.size(); ++j) {
    const Values lim = limit_at(c, times[j]);
    const Curves use = curves_of(claim, c, times[j]);
    auto add = [&](Curve k, double limit, double reference) {
      const double unit = use.relative && limit != 0 ? std::abs(limit) : scale;
      out.push_back({j, k, limit + shift * reference, reference, unit});
    };
    if (use.train) add(train, lim.train, std::abs(lim.train));
    if (use.test) add(test, lim.test, std::abs(lim.test));
    if (use.oracle) add(oracle, lim.oracle, std::abs(lim.oracle));
    if (use.gap) add(gap, 0, std::abs(lim.test));  // the gap is measured against the test plateau it sits on
  }
  return out;
}

double value(Curve k, const std::vector<double>& tr, const std::vector<double>& te, const std::vector<double>& o,
             size_t j) {
  switch (k) {
    case train: return tr[j];
    case test: return te[j];
    case oracle: return o[j];
    default: return te[j] - o[j];
  }
}

// Mean over the seeds of one curve at time j, and the standard error of that mean.
double standard_error(const std::vector<std::vector<double>>& by_seed, size_t j) {
  const size_t s = by_seed.size();
  if (s < 2) return std::nan("");
  double m = 0, v = 0;
  for (const auto& x : by_seed) m += x[j] / s;
  for (const auto& x : by_seed) v += (x[j] - m) * (x[j] - m);
  return std::sqrt(v / (s - 1) / s);
}

std::string percent(double x) {
  if (!std::isfinite(x)) return "no shift";
  return format_number(100 * x, 2) + "%";
}

}  // namespace

std::string claim_not_applicable(const std::string& claim, const theory::StageCurves& c) {
  const bool integer = std::abs(c.alpha - std::round(c.alpha)) < 1e-9;
  if (claim == "integer_alpha")
    return integer ? "" : "alpha = " + format_number(c.alpha, 6) + " is not an integer: the integer-alpha regime "
                          "(THEORY.md 10) is n = c d^ell with ell a whole number";
  if (integer)
    return "alpha = " + format_number(c.alpha, 6) + " is an integer, which THEORY.md 6 excludes (n = d^alpha sits on "
           "the boundary where degree " + format_number(c.alpha, 6) + " is learned): its limits are those of "
           "THEORY.md 10 (the claim integer_alpha; tristage theory --alpha " + format_number(c.alpha, 6) + " --c C)";
  return "";
}

std::vector<long> far_grid(double alpha) {
  // n = d^alpha at most 10^10 (the equivalent is measured to 10^9 and costs milliseconds there), d at most 10^6.
  const double top = std::min(1e6, std::pow(1e10, 1 / alpha));
  std::vector<long> out;
  for (int i = 6; i >= 0; --i) {
    const long d = std::lround(top / std::pow(10.0, i / 2.0));
    if (d >= 3 && (out.empty() || d > out.back())) out.push_back(d);
  }
  return out;
}

double three_sigma_quantile(int dof) {
  if (dof < 1) return std::nan("");
  return boost::math::quantile(boost::math::students_t(dof), 1 - 0.0026997960632601866 / 2);
}

ClaimResult evaluate_claim(const std::string& claim, const theory::StageCurves& c, const ClaimSpec& spec,
                           const std::vector<ClaimData>& data, const std::vector<EquivalentAt>& far, int seeds,
                           const std::string& refused) {
  ClaimResult r;
  r.name = claim;
  r.shift = spec.shift;
  r.not_applicable = refused.empty() ? claim_not_applicable(claim, c) : refused;
  if (r.not_applicable.empty() && (data.empty() || data.front().times.empty()))
    r.not_applicable = claim == "boundary"
                           ? "no degree with energy F_k^2 > 0 has its boundary t ~ d^k inside the time window"
                       : claim == "train_gamma_n"
                           ? "no gamma where the limit e^{-2 gamma kappa}(F^2_{>ell} + sigma^2) is above 1% of its start"
                       : claim == "integer_alpha" ? "no gamma given (gammas = [...])"
                           : "no time of this claim's stage inside the window beta_min..beta_max";
  if (!r.not_applicable.empty()) {
    r.applicable = false;
    r.reason = r.not_applicable;
    return r;
  }
  const double scale = data.front().scale;
  const auto targets = targets_of(claim, c, data.front().times, spec.shift, scale);
  r.q = three_sigma_quantile(seeds - 1);

  std::vector<Curve> kinds;
  for (const auto& t : targets)
    if (std::find(kinds.begin(), kinds.end(), t.curve) == kinds.end()) kinds.push_back(t.curve);
  for (Curve k : kinds) {
    CurveVerdict v;
    v.curve = curve_name(k);
    v.simulated = k != oracle;
    r.curves.push_back(v);
  }
  auto verdict_of = [&](Curve k) -> CurveVerdict& {
    for (auto& v : r.curves)
      if (v.curve == curve_name(k)) return v;
    return r.curves.front();
  };

  // Step 1: the simulation against the equivalent at every simulated d.
  std::ostringstream step1;
  step1.precision(3);
  for (const auto& dd : data) {
    ClaimPoint p{dd.d, 0, 0, true};
    const auto& eq = dd.equivalent;
    for (const auto& t : targets) {
      const double mean = value(t.curve, dd.train, dd.test, dd.oracle, t.j);
      p.to_limit = std::max(p.to_limit, std::abs(mean - t.limit) / t.unit);
      if (t.curve == oracle) continue;
      CurveVerdict& v = verdict_of(t.curve);
      if (eq.test.empty() || seeds < 2) {
        p.agrees = v.agrees = false;
        continue;
      }
      const double se = standard_error(t.curve == train ? dd.train_seed : dd.test_seed, t.j);
      const double off = std::abs(mean - value(t.curve, eq.train, eq.test, eq.oracle, t.j));
      // What the equivalent's own error (and rounding) does not explain, in standard errors of the seed mean; with
      // no seed spread (a curve at exactly 0 in every seed) any such excess is a disagreement.
      const double excess = std::max(0.0, off - eq.error - 1e-12 * scale);
      const double z = se > 0 ? excess / se : excess > 0 ? INFINITY : 0.0;
      if (z > v.worst_z) {
        v.worst_z = z;
        v.worst_d = dd.d;
      }
      p.worst_z = std::max(p.worst_z, z);
      if (z > r.q) p.agrees = v.agrees = false;
    }
    r.points.push_back(p);
  }

  // Step 2: the equivalent far beyond the simulations, extrapolated to d = infinity, against the limit.
  double far_error = 0;
  for (const auto& f : far) far_error = std::max(far_error, f.error);
  for (const auto& f : far) {
    FarPoint fp{f.d, 0};
    for (const auto& t : targets)
      fp.to_limit = std::max(fp.to_limit, std::abs(value(t.curve, f.train, f.test, f.oracle, t.j) - t.limit) / t.unit);
    r.far.push_back(fp);
  }
  for (const auto& t : targets) {
    std::vector<double> x;
    for (const auto& f : far) x.push_back(value(t.curve, f.train, f.test, f.oracle, t.j));
    const Extrapolated e = extrapolate(x);
    const double floor = 1e-9 * scale + far_error;
    const double allowance = 3 * e.error + floor;
    CurveVerdict& v = verdict_of(t.curve);
    const double off = std::abs(e.limit - t.limit);
    v.extrapolation_off = std::max(v.extrapolation_off, off / allowance);
    // Steps that neither shrink like a power nor sit at rounding level: no limit can be read off the sequence.
    const bool unsettled = !e.geometric && e.error > floor;
    if (off > allowance || unsettled) v.converges = false;
    if (unsettled) v.extrapolation_off = INFINITY;
    v.distance_far = std::max(v.distance_far, std::abs(x.back() - t.limit) / t.unit);
    if (t.reference > 0) {  // the unshifted limit L = t.limit - shift R passes for L + s R within L* +- allowance
      const double unshifted = t.limit - spec.shift * t.reference;
      v.power_up = std::min(v.power_up, std::max(0.0, (e.limit + allowance - unshifted) / t.reference));
      v.power_down = std::min(v.power_down, std::max(0.0, (unshifted - e.limit + allowance) / t.reference));
    }
  }
  if (r.far.size() >= 2) {  // the rate over the last decade of the grid
    std::vector<double> d, y;
    for (const auto& f : r.far)
      if (f.d * 10 >= r.far.back().d * 0.99) {
        d.push_back(double(f.d));
        y.push_back(f.to_limit);
      }
    r.rate = log_log_slope(d, y);
  }

  r.agrees = r.converges = true;
  for (const auto& v : r.curves) {
    r.agrees = r.agrees && v.agrees;
    r.converges = r.converges && v.converges;
    r.power_up = std::min(r.power_up, v.power_up);
    r.power_down = std::min(r.power_down, v.power_down);
  }
  r.verified = r.agrees && r.converges;

  std::ostringstream why;
  why.precision(3);
  if (seeds < 2) why << "step 1 not judged: one seed gives no noise estimate (use seeds >= 2)";
  else if (!data.empty() && !data.front().equivalent_refused.empty() && data.front().equivalent.test.empty())
    why << "step 1 not judged: " << data.front().equivalent_refused;
  else {
    why << "step 1: ";
    bool first = true;
    for (const auto& v : r.curves) {
      if (!v.simulated) continue;
      why << (first ? "" : "; ") << v.curve << (v.agrees ? " agrees" : " DISAGREES") << " with the equivalent ";
      if (v.worst_d > 0) why << "(worst " << v.worst_z << " standard errors, at d = " << v.worst_d << ")";
      else why << "(to its error estimate at every d)";
      first = false;
    }
    if (first) why << "nothing simulated to compare (the oracle is exact)";
    why << ", allowed " << r.q << " (t quantile, " << seeds - 1 << " degrees of freedom)";
  }
  why << "; step 2: ";
  for (size_t i = 0; i < r.curves.size(); ++i) {
    const auto& v = r.curves[i];
    why << (i ? "; " : "") << v.curve << (v.converges ? " converges to" : " does NOT converge to") << " the "
        << (spec.shift != 0 ? "shifted " : "") << "limit (extrapolated off by " << v.extrapolation_off
        << " of its allowance; distance " << v.distance_far << " at d = " << (r.far.empty() ? 0 : r.far.back().d) << ")";
  }
  why << "; rate d^" << r.rate << "; power: rejects limits moved by +" << percent(r.power_up) << " or -"
      << percent(r.power_down);
  r.reason = why.str();
  return r;
}

double log_log_slope(const std::vector<double>& x, const std::vector<double>& y) {
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
  return sxx > 0 ? sxy / sxx : 0;
}

}  // namespace tristage
