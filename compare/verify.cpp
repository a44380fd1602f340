#include "compare/verify.hpp"

#include "numeric/engine_factory.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "compare/text_table.hpp"
#include "core/error.hpp"
#include "core/number_text.hpp"
#include "core/time_grid.hpp"
#include "numeric/deterministic_equivalent.hpp"
#include "numeric/observables.hpp"
#include "theory/format.hpp"
#include "theory/integer_alpha.hpp"
#include "theory/symbolic_kernel.hpp"
#include "version.hpp"

namespace tristage {

namespace {

double time_of(const ClaimTime& t, long d, long n) {
  if (t.gamma > 0) return t.gamma * n;
  if (t.tau > 0) return t.tau * std::pow(double(d), t.beta);
  return std::pow(double(d), t.beta);
}

// Numbers from TOML are doubles; their 15-digit decimal is what the user wrote (0.1, not 0.1000000000000000055).
GiNaC::ex exact(double x) { return theory::exact_decimal(format_number(x, 15)); }

theory::StageCurves limits_of(const std::string& kernel, const Experiment& e) {
  theory::SymbolicKernel h(parse_kernel(kernel));
  theory::StageInput in;
  in.alpha = e.alpha;
  for (double x : e.energies) in.energies.push_back(exact(x));
  in.noise = exact(e.noise);
  in.convention = e.convention == "plain" ? theory::TimeConvention::squared : theory::TimeConvention::half_squared;
  return theory::stage_curves(h, in);
}

using nlohmann::json;
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// ---- The checkpoint's pieces: one finished replicate each ----

// FNV-1a, 64 bits: stamps each piece with the configuration it was computed for (a guard against mixing, not a
// cryptographic seal).
std::string digest(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// Doubles that read back bit for bit: nlohmann writes a finite double as the shortest decimal that strtod turns
// into the same double; JSON has no NaN or infinity, so those are written as strings.
json lossless(double x) { return std::isfinite(x) ? json(x) : json(std::isnan(x) ? "nan" : x > 0 ? "inf" : "-inf"); }
json lossless_all(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(lossless(x));
  return a;
}
double lossless_double(const json& x) {  // throws json::exception when x is neither
  if (x.is_number()) return x.get<double>();
  const std::string& s = x.get_ref<const std::string&>();
  if (s == "inf" || s == "-inf") return s == "inf" ? HUGE_VAL : -HUGE_VAL;
  if (s == "nan") return std::nan("");
  return x.get<double>();  // a string that is no number: throws json::type_error
}
std::vector<double> lossless_doubles(const json& a) {
  std::vector<double> v;
  for (const auto& x : a.get_ref<const json::array_t&>()) v.push_back(lossless_double(x));
  return v;
}

std::string piece_name(size_t kernel_index, long d, int replicate) {
  return "kernel" + std::to_string(kernel_index + 1) + "-d" + std::to_string(d) + "-replicate" +
         std::to_string(replicate + 1) + ".json";
}

std::string fresh_start_hint(const std::string& where) {
  return "resume with the same experiment file and tristage build, or start afresh: remove " + where +
         ", or run without --resume and with --force";
}

// Takes finished replicates from the checkpoint and keeps new ones in it (does nothing without a checkpoint).
class ReplicateKeeper {
 public:
  ReplicateKeeper(Checkpoint* c, const Experiment& e) : checkpoint_(c), stamp_(digest(verify_fingerprint(e).dump())) {}

  // The replicate `name`, if the checkpoint has it whole (a damaged piece is computed again). One of this
  // configuration computed at other times means another build under the same version string: an error, since mixing
  // would give numbers no single run gives.
  std::optional<std::pair<numeric::ReplicateResult, double>> take(const std::string& name, const std::string& kernel,
                                                                  const numeric::SimulationSpec& s, int r) {
    if (!checkpoint_) return std::nullopt;
    const auto text = checkpoint_->read(name);
    if (!text) return std::nullopt;
    const json j = json::parse(*text, nullptr, false);
    if (!whole(j)) return std::nullopt;
    const std::string where = "'" + (checkpoint_->folder() / name).string() + "'";
    const std::string hint = fresh_start_hint("'" + checkpoint_->folder().string() + "'");
    if (j["fingerprint"] != stamp_)
      throw usage_error(where + " was computed for another configuration than its checkpoint says; " + hint);
    numeric::ReplicateResult rep;
    double seconds = 0;
    try {
      if (j.at("kernel") != kernel || j.at("d") != s.d || j.at("n") != s.n || j.at("replicate") != r + 1 ||
          lossless_doubles(j.at("times")) != s.times)
        throw usage_error(where + " was computed at other times or sizes than this run asks for (another build of " +
                          "tristage " + version + "?); " + hint);
      rep.train = lossless_doubles(j.at("train"));
      rep.test = lossless_doubles(j.at("test"));
      rep.oracle = lossless_doubles(j.at("oracle"));
      rep.test_mc = lossless_doubles(j.at("test_mc"));
      rep.test_mc_se = lossless_doubles(j.at("test_mc_se"));
      rep.test_degrees = j.at("test_degrees").get<int>();
      rep.eta = lossless_double(j.at("eta"));
      const json& en = j.at("engine");
      rep.engine.engine = en.at("engine").get<std::string>();
      const json& sec = j.at("seconds");
      rep.seconds_kernel = sec.at("kernel").get<double>();
      rep.seconds_engine = sec.at("engine").get<double>();
      rep.seconds_observables = sec.at("observables").get<double>();
      seconds = sec.at("total").get<double>();
    } catch (const json::exception&) {
      return std::nullopt;  // a key missing or of the wrong type: damaged
    }
    const size_t T = s.times.size();
    if (rep.train.size() != T || rep.test.size() != T || rep.oracle.size() != T) return std::nullopt;
    ++reused;
    return std::make_pair(std::move(rep), seconds);
  }

  void keep(const std::string& name, const std::string& kernel, const numeric::SimulationSpec& s, int r, int seeds,
            uint64_t seed, const numeric::ReplicateResult& rep, double seconds) {
    ++computed;
    if (!checkpoint_) return;
    const json j = {{"fingerprint", stamp_}, {"kernel", kernel}, {"d", s.d}, {"n", s.n}, {"replicate", r + 1},
                    {"replicates", seeds}, {"seed", seed}, {"times", lossless_all(s.times)},
                    {"train", lossless_all(rep.train)}, {"test", lossless_all(rep.test)},
                    {"oracle", lossless_all(rep.oracle)}, {"test_mc", lossless_all(rep.test_mc)},
                    {"test_mc_se", lossless_all(rep.test_mc_se)}, {"test_degrees", rep.test_degrees},
                    {"eta", lossless(rep.eta)},
                    {"engine", {{"engine", rep.engine.engine}}},
                    {"seconds", {{"kernel", rep.seconds_kernel}, {"engine", rep.seconds_engine},
                                 {"observables", rep.seconds_observables}, {"total", seconds}}}};
    checkpoint_->write(name, j.dump() + "\n");
  }

  // A piece that parses and has the fields of one (take() checks the rest); foreign: stamped for another run.
  static bool whole(const json& j) {
    return !j.is_discarded() && j.is_object() && j.contains("fingerprint") && j.contains("train") &&
           j.contains("test") && j.contains("oracle") && j.contains("seconds");
  }
  bool whole(const std::string& text) const { return whole(json::parse(text, nullptr, false)); }
  bool foreign(const std::string& text) const {
    const json j = json::parse(text, nullptr, false);
    return whole(j) && j["fingerprint"] != stamp_;
  }

  int reused = 0, computed = 0;

 private:
  Checkpoint* checkpoint_;
  std::string stamp_;
};

// One d of the sweep: each replicate is kept in the checkpoint as it finishes, and a resumed run takes the kept ones
// from there. seconds: the time of this d, a reused replicate counting its recorded time.
numeric::RunOutput simulate_dimension(const numeric::RunSpec& spec, const std::string& kernel, size_t kernel_index,
                                      ReplicateKeeper& keeper, const numeric::Progress& progress, double& seconds) {
  const auto t0 = Clock::now();
  const numeric::SimulationSpec& sim = spec.simulation;
  double reused = 0;
  numeric::ReplicateHooks hooks;
  hooks.reuse = [&](int r) -> std::optional<numeric::ReplicateResult> {
    auto kept = keeper.take(piece_name(kernel_index, sim.d, r), kernel, sim, r);
    if (!kept) return std::nullopt;
    reused += kept->second;
    return std::move(kept->first);
  };
  hooks.finished = [&](int r, const numeric::ReplicateResult& result, double took) {
    keeper.keep(piece_name(kernel_index, sim.d, r), kernel, sim, r, spec.seeds, spec.seed, result, took);
  };
  numeric::RunOutput out = numeric::run_simulation(spec, progress, 0, hooks);
  seconds = since(t0) + reused;
  return out;
}

// What differs between a checkpoint's fingerprint and this run's, as "KEY is A there and B here", or "" if nothing.
std::string fingerprint_difference(const std::string& theirs_text, const json& mine) {
  const json theirs = json::parse(theirs_text, nullptr, false);
  if (theirs.is_discarded() || !theirs.is_object()) return "its fingerprint.json is damaged";
  auto shown = [](const json* v) {
    if (!v) return std::string("absent");
    std::string s = v->dump();
    return s.size() > 60 ? s.substr(0, 57) + "..." : s;
  };
  std::vector<std::string> diffs;
  std::set<std::string> keys;
  for (const auto& [k, v] : theirs.items()) keys.insert(k);
  for (const auto& [k, v] : mine.items()) keys.insert(k);
  for (const auto& k : keys) {
    const json* a = theirs.contains(k) ? &theirs.at(k) : nullptr;
    const json* b = mine.contains(k) ? &mine.at(k) : nullptr;
    if (a && b && *a == *b) continue;
    diffs.push_back(k + " is " + shown(a) + " there and " + shown(b) + " here");
  }
  if (diffs.empty()) return "";
  return diffs.front() + (diffs.size() > 1 ? " (and " + std::to_string(diffs.size() - 1) + " more)" : "");
}

}  // namespace

std::vector<std::vector<EquivalentAt>> equivalent_sweep(const std::string& kernel, const Experiment& e,
                                                        const std::vector<NamedClaimTimes>& claims,
                                                        const std::vector<long>& dims, const numeric::Progress& progress) {
  std::vector<std::vector<EquivalentAt>> out(claims.size());
  const double factor = e.convention == "plain" ? 2 : 1;
  for (long d : dims) {
    const long n = std::lround(e.c * std::pow(double(d), e.alpha));
    std::vector<double> times;
    for (const auto& [name, ts] : claims)
      for (const auto& t : ts) times.push_back(factor * time_of(t, d, n));
    if (times.empty()) break;
    try {
      const auto de = numeric::deterministic_equivalent(parse_kernel(kernel), d, n, e.energies, e.noise);
      const auto curves = de.flow(times);
      const auto oracle = de.oracle(times);
      size_t i = 0;
      for (size_t c = 0; c < claims.size(); ++c) {
        EquivalentAt at{d, n, {}, {}, {}, curves.error};
        for (size_t j = 0; j < claims[c].second.size(); ++j, ++i) {
          at.train.push_back(curves.train[i]);
          at.test.push_back(curves.test[i]);
          at.oracle.push_back(oracle[i]);
        }
        out[c].push_back(std::move(at));
      }
    } catch (const Error& x) {
      if (progress) progress(kernel + ": the equivalent at d = " + std::to_string(d) + " is left out: " + x.what());
    }
  }
  return out;
}

// The integer_alpha claim's times t = gamma n with THEORY.md 10's limits there; none at a non-integer alpha, and
// none (with the reason in `refused`) where the limit does not apply to the kernel.
std::vector<ClaimTime> integer_alpha_times(const std::string& kernel, const Experiment& e, const ClaimSpec& spec,
                                           std::string& refused) {
  const double ell = std::round(e.alpha);
  if (std::abs(e.alpha - ell) > 1e-9) return {};
  try {
    theory::IntegerAlphaInput in;
    in.ell = static_cast<int>(ell);
    in.c = exact(e.c);
    for (double x : e.energies) in.energies.push_back(exact(x));
    in.noise = exact(e.noise);
    in.convention = e.convention == "plain" ? theory::TimeConvention::squared : theory::TimeConvention::half_squared;
    const theory::IntegerAlphaLimit limit(theory::SymbolicKernel(parse_kernel(kernel)), in);
    std::vector<ClaimTime> out;
    for (double g : spec.points) {
      const auto p = limit.at(g);
      out.push_back({ell, g, 0, true, p.train, p.test, p.oracle});
    }
    return out;
  } catch (const Error& x) {
    refused = x.what();
    return {};
  }
}

bool VerifyResult::all_verified() const { return applicable() > 0 && verified() == applicable(); }

int VerifyResult::applicable() const {
  int n = 0;
  for (const auto& k : kernels)
    for (const auto& c : k.claims) n += c.applicable;
  return n;
}

int VerifyResult::verified() const {
  int n = 0;
  for (const auto& k : kernels)
    for (const auto& c : k.claims) n += c.applicable && c.verified;
  return n;
}

std::string VerifyResult::summary_line() const {
  const int a = applicable(), v = verified(), total = a + not_applicable();
  const std::string applying = a == 1 ? " claim that applies" : " claims that apply";
  std::string s = a == 0   ? "no claim applies"
                  : v == a ? (a == 1 ? "the one" : "all " + std::to_string(a)) + applying + " verified"
                           : std::to_string(a - v) + " of " + std::to_string(a) + applying + " NOT verified";
  if (total > a) s += " (" + std::to_string(total - a) + " not applicable)";
  return s;
}

int VerifyResult::not_applicable() const {
  int n = 0;
  for (const auto& k : kernels)
    for (const auto& c : k.claims) n += !c.applicable;
  return n;
}

std::string claim_statement(const std::string& claim) {
  if (claim == "stage1") return "beta < alpha: train, test and oracle move together";
  if (claim == "deep_bootstrap") return "alpha < beta < ell+1: test stays with the oracle, training error -> 0";
  if (claim == "bootstrap_gap") return "alpha < beta < ell+1: the deep-bootstrap gap test - oracle -> 0";
  if (claim == "train_gamma_n") return "t = gamma n: train -> e^{-2 gamma kappa(ell)} (F^2_{>ell} + sigma^2)";
  if (claim == "stage3") return "beta > ell+1: test frozen at F^2_{>ell} while the oracle keeps learning";
  if (claim == "progressive") return "d^k << t << d^{k+1}: the model is near P_{<=k} f_*";
  if (claim == "boundary") return "t = tau d^k: the degree-k term is e^{-2 tau mu_k} F_k^2";
  return claim;
}

VerifyResult run_verify(const Experiment& e, const numeric::Progress& progress, Checkpoint* checkpoint) {
  const auto start = Clock::now();
  VerifyResult result;
  result.experiment = e;
  ReplicateKeeper keeper(checkpoint, e);
  for (size_t kernel_index = 0; kernel_index < e.kernels.size(); ++kernel_index) {
    const std::string& kernel = e.kernels[kernel_index];
    KernelSweep sweep;
    sweep.kernel = kernel;
    sweep.limits = limits_of(kernel, e);
    const double beta_max = e.beta_max > e.beta_min ? e.beta_max : std::floor(e.alpha) + 2.5;
    sweep.beta = beta_grid(e.beta_min, beta_max, e.points);

    // The claims' times, appended after the grid; a claim with none is reported as not applicable.
    std::vector<NamedClaimTimes> claim_times_by_name;
    std::map<std::string, std::string> refused;
    for (const auto& name : claim_names()) {
      auto it = e.claims.find(name);
      if (it == e.claims.end() || !it->second.enabled) continue;
      auto times = name == "integer_alpha" ? integer_alpha_times(kernel, e, it->second, refused[name])
                                           : claim_times(name, sweep.limits, it->second, e.beta_min, beta_max);
      claim_times_by_name.emplace_back(name, std::move(times));
    }

    std::vector<std::vector<ClaimData>> data(claim_times_by_name.size());
    for (long d : e.dims) {
      numeric::RunSpec spec;
      auto& s = spec.simulation;
      s.kernel = parse_kernel(kernel);
      s.d = d;
      s.n = std::lround(e.c * std::pow(double(d), e.alpha));
      s.energies = e.energies;
      s.noise = e.noise;
      s.time_factor = e.convention == "plain" ? 2 : 1;
      s.diagnostics = false;
      s.engine = numeric::parse_engine(e.engine);
      s.krylov_basis = e.krylov_basis;
      s.krylov_tolerance = e.krylov_tolerance;
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
      DimensionResult dr{d, s.n, {}, 0};
      dr.output = simulate_dimension(spec, kernel, kernel_index, keeper, say, dr.seconds);

      for (size_t c = 0; c < claim_times_by_name.size(); ++c) {
        const auto& times = claim_times_by_name[c].second;
        ClaimData cd;
        cd.d = d;
        cd.n = s.n;
        cd.times = times;
        cd.scale = e.noise;
        for (double x : e.energies) cd.scale += x;
        const auto& o = dr.output;
        cd.equivalent = {d, s.n, {}, {}, {}, o.predicted.error};
        cd.equivalent_refused = o.predicted.skipped;
        for (size_t j = 0; j < times.size(); ++j) {
          const size_t i = offset[c] + j;
          cd.train.push_back(o.train.mean[i]);
          cd.test.push_back(o.test.mean[i]);
          cd.oracle.push_back(o.oracle[i]);
          if (o.predicted.test.empty()) continue;
          cd.equivalent.train.push_back(o.predicted.train[i]);
          cd.equivalent.test.push_back(o.predicted.test[i]);
          cd.equivalent.oracle.push_back(o.oracle[i]);
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
    const auto far = equivalent_sweep(kernel, e, claim_times_by_name, far_grid(e.alpha), progress);
    for (size_t c = 0; c < claim_times_by_name.size(); ++c) {
      const auto& name = claim_times_by_name[c].first;
      ClaimResult r = evaluate_claim(name, sweep.limits, e.claims.at(name), data[c], far[c], e.seeds, refused[name]);
      r.statement = claim_statement(name);
      sweep.claims.push_back(std::move(r));
    }
    result.kernels.push_back(std::move(sweep));
  }
  result.seconds = since(start);
  result.replicates_reused = keeper.reused;
  result.replicates_computed = keeper.computed;
  return result;
}

json verify_fingerprint(const Experiment& e) {
  json f;
  f["tristage.version"] = version;
  f["experiment.kernels"] = e.kernels;
  f["experiment.alpha"] = e.alpha;
  f["experiment.c"] = e.c;
  f["experiment.d"] = e.dims;
  f["experiment.seeds"] = e.seeds;
  f["experiment.seed"] = e.seed;
  f["experiment.energies"] = e.energies;
  f["experiment.noise"] = e.noise;
  f["time.beta_min"] = e.beta_min;
  f["time.beta_max"] = e.beta_max;
  f["time.points"] = e.points;
  f["engine.method"] = e.method;
  f["engine.convention"] = e.convention;
  // The command's options that change numbers (the engine's choice does not, beyond its tolerance).
  f["--krylov-basis"] = e.krylov_basis;
  f["--krylov-tol"] = e.krylov_tolerance;
  for (const auto& [name, spec] : e.claims) {
    json c = {{"enabled", spec.enabled}, {"shift", spec.shift}};
    if (!spec.points.empty()) c[name == "boundary" ? "taus" : "gammas"] = spec.points;
    f["claims." + name] = c;
  }
  return f;
}

std::unique_ptr<Checkpoint> open_verify_checkpoint(const std::filesystem::path& output, const Experiment& e,
                                                   bool resume, bool force,
                                                   const std::function<void(const std::string&)>& tell) {
  auto c = std::make_unique<Checkpoint>(Checkpoint::beside(output));
  const std::string where = "'" + c->folder().string() + "'";
  const json mine = verify_fingerprint(e);
  const auto theirs = c->fingerprint();
  const auto pieces = c->pieces();
  const std::string difference =
      theirs ? fingerprint_difference(*theirs, mine) : pieces.empty() ? "" : "it has no fingerprint.json";
  const long total = static_cast<long>(e.kernels.size() * e.dims.size()) * e.seeds;
  auto replicates = [](size_t k) {
    return std::to_string(k) + (k == 1 ? " finished replicate" : " finished replicates");
  };
  if (pieces.empty()) {  // nothing finished: nothing to keep, nothing to lose
    if (resume) tell("nothing to resume in " + where + " (no replicate was finished): starting from the beginning");
    c->start(mine.dump(2) + "\n");
  } else if (!resume) {
    if (!force) {
      if (difference.empty())
        throw io_error(where + " holds " + replicates(pieces.size()) + " of an interrupted run of this experiment; " +
                       "pass --resume to continue it, or --force to discard it and start afresh");
      throw io_error(where + " holds " + replicates(pieces.size()) + " of an interrupted run of another " +
                     "configuration (" + difference + "); pass --force to discard it and start afresh, or choose " +
                     "another --out");
    }
    tell("discarding " + where + " (" + replicates(pieces.size()) + "): --force without --resume starts afresh");
    c->start(mine.dump(2) + "\n");
  } else {
    if (!difference.empty())
      throw usage_error("the checkpoint " + where + " is of another configuration: " + difference + "; " +
                        fresh_start_hint(where));
    ReplicateKeeper keeper(c.get(), e);
    long whole = 0;
    for (const auto& p : pieces) {
      const auto text = c->read(p);
      if (text && keeper.foreign(*text))
        throw usage_error("'" + (c->folder() / p).string() + "' was computed for another configuration than its " +
                          "checkpoint says; " + fresh_start_hint(where));
      if (text && keeper.whole(*text))
        ++whole;
      else
        tell("warning: '" + (c->folder() / p).string() + "' is damaged; that replicate will be computed again");
    }
    tell("resuming from " + where + ": " + std::to_string(whole) + " of " + std::to_string(total) +
         " replicates finished and reused, " + std::to_string(std::max(0l, total - whole)) + " to compute");
  }
  c->set_interrupt_note("tristage: interrupted; the finished replicates are kept in " + where +
                        ": run the same command with --resume to continue\n");
  return c;
}

std::string verdict_table(const VerifyResult& r) {
  TextTable t;
  t.header = {"kernel", "claim", "verdict", "step 1: worst z / allowed", "step 2: distance at d", "rate", "power (+/-)"};
  for (const auto& k : r.kernels)
    for (const auto& c : k.claims) {
      if (!c.applicable) {
        t.rows.push_back({k.kernel, c.name, "not applicable", "", "", "", ""});
        continue;
      }
      double z = 0;
      for (const auto& v : c.curves) z = std::max(z, v.worst_z);
      const bool simulated = std::any_of(c.curves.begin(), c.curves.end(), [](const auto& v) { return v.simulated; });
      const std::string verdict = c.verified ? "verified" : !c.agrees ? "NOT VERIFIED (1)" : "NOT VERIFIED (2)";
      auto power = [](double p, const char* sign) {
        return std::isfinite(p) ? sign + format_number(100 * p, 3) + "%" : std::string("none");
      };
      const std::string step1 = !simulated            ? "(exact)"
                                : !std::isfinite(c.q) ? "not judged (1 seed)"
                                                      : format_number(z, 3) + " / " + format_number(c.q, 3);
      t.rows.push_back(
          {k.kernel, c.name, verdict, step1,
           c.far.empty() ? "" : format_number(c.far.back().to_limit, 3) + " at " + std::to_string(c.far.back().d),
           std::isfinite(c.rate) ? "d^" + format_number(c.rate, 3) : "", power(c.power_up, "+") + " / " +
           power(c.power_down, "-")});
    }
  return t.aligned();
}

}  // namespace tristage
