#include "compare/finite_theory.hpp"

#include <cmath>

#include "compare/text_table.hpp"
#include "core/error.hpp"
#include "core/time_grid.hpp"
#include "theory/format.hpp"
#include "theory/integer_alpha.hpp"

namespace tristage {

EquivalentReport finite_theory(const std::string& kernel, const theory::SymbolicKernel& h, const theory::StageInput& in,
                               const FiniteTheorySpec& spec) {
  const long d = spec.d, n = spec.n;
  const double alpha = std::log(double(n)) / std::log(double(d));
  EquivalentReport r;
  r.kernel = kernel;
  r.d = d;
  r.n = n;
  r.factor = theory::time_factor(in.convention);
  r.method = spec.method;
  r.noise = theory::to_double(in.noise);
  r.tolerance = spec.tolerance;
  std::vector<double> energies;
  for (const auto& e : in.energies) energies.push_back(theory::to_double(e));
  const numeric::DeterministicEquivalent de =
      numeric::deterministic_equivalent(h.spec(), d, n, energies, r.noise, {spec.tolerance, 2048});
  r.kappa0 = de.kappa0();
  for (const auto& c : de.clusters()) r.clusters.emplace_back(c.lo, c.hi);
  r.ridgeless = de.ridge(0);
  if (!spec.lambdas.empty()) {
    r.lambdas = spec.lambdas;
    for (double lambda : r.lambdas) r.ridge.push_back(de.ridge(lambda));
    return r;
  }
  const int nearest = static_cast<int>(std::lround(alpha));
  const bool integer = nearest >= 1 && std::abs(alpha - nearest) < 0.05;
  theory::StageInput stage_in = in;
  stage_in.alpha = integer ? nearest : alpha;
  const theory::StageCurves stages = theory::stage_curves(h, stage_in);
  std::optional<theory::IntegerAlphaLimit> block;
  std::string refused;
  if (integer) {
    const double c = double(n) / std::pow(double(d), nearest);
    try {
      block.emplace(h, theory::IntegerAlphaInput{nearest, theory::exact_decimal(format_number(c, 15)), in.energies,
                                                 in.noise, in.convention});
    } catch (const Error& e) {  // the equivalent holds anyway; only the limits beside it are out of reach
      refused = e.what();
    }
  }
  if (block) {
    r.limits_from = "THEORY.md 10, n = c d^" + std::to_string(nearest) + " with c = n / d^" +
                    std::to_string(nearest) + " = " + format_number(n / std::pow(double(d), nearest), 6);
  } else if (integer) {
    r.limits_from = "THEORY.md 6 at alpha = " + std::to_string(nearest) + " (not the theorem's there: THEORY.md 10's "
                    "limits do not apply: " + refused + ")";
  } else {
    r.limits_from = "THEORY.md 6, n = d^alpha with alpha = " + format_number(alpha, 6);
  }
  const double beta_max = spec.beta_max.value_or(std::floor(alpha) + 2.5);
  if (beta_max < spec.beta_min) throw usage_error("--beta-max is below --beta-min; the grid runs upwards");
  r.beta = beta_grid(spec.beta_min, beta_max, spec.points);
  std::vector<double> times;
  for (double b : r.beta) {
    r.t.push_back(std::pow(double(d), b));
    times.push_back(r.t.back() * r.factor);
    r.limits.push_back(block ? theory::integer_alpha_point(stages, *block, b) : theory::stage_point(stages, b));
  }
  r.oracle = de.oracle(times);
  if (spec.method == "gd") {
    // The engines' default step: half the stability bound, n / lambda_max, with the equivalent's top edge.
    r.eta = spec.eta > 0 ? spec.eta : double(n) / de.clusters().back().hi / r.factor;
    r.curves = de.gd(times, r.eta * r.factor);
  } else {
    r.curves = de.flow(times);
  }
  return r;
}

}  // namespace tristage
