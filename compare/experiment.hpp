#pragma once
// An experiment file (TOML): what `tristage verify` sweeps and which claims it checks with which tolerances.
// The default experiment is experiments/default.toml, embedded in the binary at build time.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace tristage {

struct ClaimSpec {
  bool enabled = true;
  double shift = 0;              // judge against limits moved by this relative amount (compare/claims.hpp)
  std::vector<double> points;    // claim-specific evaluation points (gamma for train_gamma_n, tau for boundary)
};

struct Experiment {
  std::string name;
  std::string description;
  std::vector<std::string> kernels;    // one, or two to compare side by side
  double alpha = 1.5;                  // n = round(c d^alpha)
  double c = 1;                        // (the integer-alpha regime, THEORY.md 10, is n = c d^ell)
  std::vector<long> dims;              // d, increasing
  int seeds = 4;
  uint64_t seed = 1;
  std::vector<double> energies;        // E_k = F_k^2
  double noise = 0;                    // sigma^2
  double beta_min = 0, beta_max = 0;   // beta_max 0: floor(alpha) + 2.5 (parse_experiment resolves it)
  int points = 57;                     // time grid size
  std::string method = "flow";         // flow | gd
  std::string convention = "half";     // half | plain
  std::string engine = "auto";         // the flow engine (numeric/engine_factory): verify --engine, not the file
  long krylov_basis = 2000;            // and its options (verify --krylov-basis, --krylov-tol)
  double krylov_tolerance = 1e-10;
  std::map<std::string, ClaimSpec> claims;  // by claim name (claims.hpp lists them)
  std::string source;                  // the TOML text, recorded with the results
  std::string origin;                  // file name, or "embedded default"
  std::vector<std::string> warnings;   // e.g. alpha near an integer: "FILE:LINE:COL: key: ..." lines for stderr
};

// Empty when alpha is fine; otherwise a one-line warning citing THEORY.md section 6, which assumes alpha is not an
// integer (n = d^alpha then sits on a degree boundary d^ell and the separation d^ell << n << d^(ell+1) fails).
// Used by theory, table stages and verify; within 0.05 of an integer, as simulate's own check.
std::string integer_alpha_warning(double alpha);

// Parses and validates. Every problem is an Error(Exit::usage) naming the origin, the line and column when known,
// the key, what is wrong and what is accepted.
Experiment parse_experiment(const std::string& toml_text, const std::string& origin);
Experiment load_experiment(const std::string& path);  // also prints the warnings on stderr
Experiment default_experiment();
const std::string& default_experiment_toml();

// The claim names an experiment may list, in report order.
const std::vector<std::string>& claim_names();

}  // namespace tristage
