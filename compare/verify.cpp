#include "compare/verify.hpp"

#include <chrono>
#include <cmath>
#include <sstream>

#include "compare/text_table.hpp"
#include "core/time_grid.hpp"
#include "theory/format.hpp"
#include "theory/symbolic_kernel.hpp"

namespace tristage {

namespace {

double time_of(const ClaimTime& t, long d, long n) {
  if (t.gamma > 0) return t.gamma * n;
  if (t.tau > 0) return t.tau * std::pow(double(d), t.beta);
  return std::pow(double(d), t.beta);
}

theory::StageCurves limits_of(const std::string& kernel, const Experiment& e) {
  theory::SymbolicKernel h(parse_kernel(kernel));
  theory::StageInput in;
  in.alpha = e.alpha;
  // Numbers from TOML are doubles; their 15-digit decimal is what the user wrote (0.1, not 0.1000000000000000055).
  auto exact = [](double x) { return theory::exact_decimal(format_number(x, 15)); };
  for (double x : e.energies) in.energies.push_back(exact(x));
  in.noise = exact(e.noise);
  in.convention = e.convention == "plain" ? theory::TimeConvention::squared : theory::TimeConvention::half_squared;
  return theory::stage_curves(h, in);
}

}  // namespace

bool VerifyResult::all_verified() const {
  for (const auto& k : kernels)
    for (const auto& c : k.claims)
      if (!c.verified) return false;
  return true;
}

std::string claim_statement(const std::string& claim) {
  if (claim == "stage1") return "beta < alpha: train, test and oracle move together";
  if (claim == "deep_bootstrap") return "alpha < beta < ell+1: test stays with the oracle, training error -> 0";
  if (claim == "train_gamma_n") return "t = gamma n: train -> e^{-2 gamma kappa(ell)} (F^2_{>ell} + sigma^2)";
  if (claim == "stage3") return "beta > ell+1: test frozen at F^2_{>ell} while the oracle keeps learning";
  if (claim == "progressive") return "d^k << t << d^{k+1}: the model is near P_{<=k} f_*";
  if (claim == "boundary") return "t = tau d^k: the degree-k term is e^{-2 tau mu_k} F_k^2";
  return claim;
}

VerifyResult run_verify(const Experiment& e, const numeric::Progress& progress) {
  const auto start = std::chrono::steady_clock::now();
  VerifyResult result;
  result.experiment = e;
  for (const auto& kernel : e.kernels) {
    KernelSweep sweep;
    sweep.kernel = kernel;
    sweep.limits = limits_of(kernel, e);
    const double beta_max = e.beta_max > e.beta_min ? e.beta_max : std::floor(e.alpha) + 2.5;
    sweep.beta = beta_grid(e.beta_min, beta_max, e.points);

    // The claims' times, appended after the grid.
    std::vector<std::pair<std::string, std::vector<ClaimTime>>> claim_times_by_name;
    for (const auto& name : claim_names()) {
      auto it = e.claims.find(name);
      if (it == e.claims.end() || !it->second.enabled) continue;
      auto times = claim_times(name, sweep.limits, it->second, e.beta_min, beta_max);
      if (!times.empty()) claim_times_by_name.emplace_back(name, std::move(times));
    }

    std::vector<std::vector<ClaimData>> data(claim_times_by_name.size());
    for (long d : e.dims) {
      const auto t0 = std::chrono::steady_clock::now();
      numeric::RunSpec spec;
      auto& s = spec.simulation;
      s.kernel = parse_kernel(kernel);
      s.d = d;
      s.n = std::lround(std::pow(double(d), e.alpha));
      s.energies = e.energies;
      s.noise = e.noise;
      s.time_factor = e.convention == "plain" ? 2 : 1;
      s.diagnostics = false;
      for (double b : sweep.beta) s.times.push_back(std::pow(double(d), b));
      std::vector<size_t> offset;
      for (const auto& [name, times] : claim_times_by_name) {
        offset.push_back(s.times.size());
        for (const auto& t : times) s.times.push_back(time_of(t, d, s.n));
      }
      spec.method = e.method == "gd" ? numeric::Method::gd : numeric::Method::flow;
      spec.seeds = e.seeds;
      spec.seed = e.seed;
      auto say = [&](const std::string& m) {
        if (progress) progress(kernel + ", d = " + std::to_string(d) + " (n = " + std::to_string(s.n) + "): " + m);
      };
      DimensionResult dr{d, s.n, numeric::run_simulation(spec, say), 0};
      dr.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

      for (size_t c = 0; c < claim_times_by_name.size(); ++c) {
        const auto& times = claim_times_by_name[c].second;
        ClaimData cd;
        cd.d = d;
        cd.n = s.n;
        cd.times = times;
        cd.scale = e.noise;
        for (double x : e.energies) cd.scale += x;
        const auto& o = dr.output;
        for (size_t j = 0; j < times.size(); ++j) {
          const size_t i = offset[c] + j;
          cd.train.push_back(o.train.mean[i]);
          cd.test.push_back(o.test.mean[i]);
          cd.oracle.push_back(o.oracle[i]);
          cd.predicted_train.push_back(o.prediction[i].train);
          cd.predicted_train_refined.push_back(o.prediction[i].train_refined);
          cd.predicted_test.push_back(o.prediction[i].test);
          cd.predicted_oracle.push_back(o.prediction[i].oracle);
        }
        for (const auto& rep : o.replicates) {
          cd.train_seed.emplace_back();
          cd.test_seed.emplace_back();
          for (size_t j = 0; j < times.size(); ++j) {
            cd.train_seed.back().push_back(rep.train[offset[c] + j]);
            cd.test_seed.back().push_back(rep.test[offset[c] + j]);
          }
        }
        data[c].push_back(std::move(cd));
      }
      sweep.dims.push_back(std::move(dr));
    }
    for (size_t c = 0; c < claim_times_by_name.size(); ++c) {
      const auto& name = claim_times_by_name[c].first;
      ClaimResult r = evaluate_claim(name, sweep.limits, e.claims.at(name), data[c]);
      r.statement = claim_statement(name);
      sweep.claims.push_back(std::move(r));
    }
    result.kernels.push_back(std::move(sweep));
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::string verdict_table(const VerifyResult& r) {
  TextTable t;
  t.header = {"kernel", "claim", "verdict", "d^slope [interval]", "to limit", "to prediction", "seed noise",
              "tolerance"};
  for (const auto& k : r.kernels)
    for (const auto& c : k.claims) {
      std::ostringstream slope;
      slope.precision(3);
      slope << c.slope << " [" << c.slope_low << ", " << c.slope_high << "]";
      t.rows.push_back({k.kernel, c.name, c.verified ? "verified" : "NOT VERIFIED", slope.str(),
                        format_number(c.points.back().to_limit, 3), format_number(c.points.back().to_prediction, 3),
                        format_number(c.points.back().noise, 3), format_number(c.tolerance, 3)});
    }
  return t.aligned();
}

}  // namespace tristage
