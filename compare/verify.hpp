#pragma once
// `tristage verify`: for each kernel of an experiment, simulate at every d, compare with the limiting curves and the
// finite-d predictions, and judge each claim (compare/claims.hpp).
//
// Interruption and resumption: the unit of work is one replicate, one (kernel, d, seed) simulation, the
// eigendecomposition that dominates the run's time. Each is kept, as soon as it is finished, in a checkpoint beside
// the output folder (core/output_folder.hpp: DIR.checkpoint/kernelK-dD-replicateR.json, whole or absent), stamped
// with the run's fingerprint; a resumed run reads those back (doubles stored losslessly) and computes the rest, so
// its curves and verdicts are those of an uninterrupted run, bit for bit.
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compare/claims.hpp"
#include "compare/experiment.hpp"
#include "core/output_folder.hpp"
#include "numeric/simulation_run.hpp"

namespace tristage {

struct DimensionResult {
  long d = 0, n = 0;
  numeric::RunOutput output;   // grid times first, then the claim times
  double seconds = 0;          // compute time of this d; a replicate taken from a checkpoint counts its recorded time
};

struct KernelSweep {
  std::string kernel;
  theory::StageCurves limits;
  std::vector<double> beta;            // the grid
  std::vector<DimensionResult> dims;
  std::vector<ClaimResult> claims;
};

struct VerifyResult {
  Experiment experiment;
  std::vector<KernelSweep> kernels;
  double seconds = 0;                  // wall time of this run
  int replicates_reused = 0, replicates_computed = 0;
  bool all_verified() const;     // every claim that applies (at least one) verified
  int applicable() const, verified() const, not_applicable() const;
  std::string summary_line() const;  // "all 6 claims that apply verified (1 not applicable)"
};

// With a checkpoint (opened by open_verify_checkpoint), every finished replicate is written to it and every
// replicate already in it is reused.
VerifyResult run_verify(const Experiment& e, const numeric::Progress& progress = {}, Checkpoint* checkpoint = nullptr);

// The configuration a checkpoint belongs to: every key of the experiment that the numbers or the verdicts depend on
// (not its name, description, comments or layout), named as in the TOML file, and the tristage version.
nlohmann::json verify_fingerprint(const Experiment& e);

// Opens (or creates) `output`.checkpoint for a run of `e`, by the rules of docs/verify.md: without `resume`, a
// checkpoint holding finished replicates is an error (exit 5) unless `force` discards it; with `resume`, a
// checkpoint of another configuration is an error (exit 2) and none at all means starting from the beginning.
// `tell` receives what the user must know either way (replicates reused, checkpoint discarded).
std::unique_ptr<Checkpoint> open_verify_checkpoint(const std::filesystem::path& output, const Experiment& e,
                                                   bool resume, bool force,
                                                   const std::function<void(const std::string&)>& tell);

// Step 2's evidence (compare/claims.hpp): the deterministic equivalent of gradient flow and the exact oracle at every
// claim's times, at each d of `dims` with n = round(d^alpha); per claim, per d. A d where the equivalent is refused is
// left out (and said through `progress`).
using NamedClaimTimes = std::pair<std::string, std::vector<ClaimTime>>;
std::vector<std::vector<EquivalentAt>> equivalent_sweep(const std::string& kernel, const Experiment& e,
                                                        const std::vector<NamedClaimTimes>& claims,
                                                        const std::vector<long>& dims,
                                                        const numeric::Progress& progress = {});

// The integer_alpha claim's times t = gamma n (the spec's gammas) with THEORY.md 10's limits attached; none at a
// non-integer alpha, and none, with the reason in `refused`, where the limit does not apply to the kernel.
std::vector<ClaimTime> integer_alpha_times(const std::string& kernel, const Experiment& e, const ClaimSpec& spec,
                                           std::string& refused);

// The verdict table printed by `verify`: one row per kernel and claim.
std::string verdict_table(const VerifyResult& r);

// One sentence per claim, for reports.
std::string claim_statement(const std::string& claim);

}  // namespace tristage
