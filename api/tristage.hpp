#pragma once
// tristage as a C++ library: each function computes what the `tristage` command of the same name prints with
// --format json, and returns that JSON document (nlohmann::json), so that a program, the command and the Python
// module give the same numbers to the last digit and the same structure (docs/usage.md describes every field).
// Exact values (rationals, series in 1/d) are strings; numbers are numbers. Errors are thrown as tristage::Error
// (what() says what is wrong and how to fix it; code() is the command's exit code). docs/library.md has examples.
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tristage {

// The library's version, as `tristage --version` prints it.
std::string library_version();

// `tristage coeffs --kernel KERNEL --d D --kmax --order --tol [--series-only] --format json`: the Gegenbauer
// coefficients xi_{d,k}, B(d,k), mu_k, their 1/d expansions and kappa_d(l). d: a whole number >= 3, or nullopt
// for exact functions of d ("symbolic").
struct CoefficientOptions {
  int kmax = 8, order = 4;
  double tol = 1e-13;
  bool series_only = false;
};
nlohmann::json coefficients(const std::string& kernel, std::optional<long> d, const CoefficientOptions& options = {});

// `tristage theory --kernel --alpha --energies --noise --format json`: the limiting risk curves of the three stages
// (THEORY.md 6) on the grid t = d^beta. Energies and noise are decimals as text ("0,1,1,1", "0.5"): they are exact.
struct LimitOptions {
  std::string noise = "0";
  std::string convention = "half";  // or "plain": gradient flow on E(y - f)^2, t -> 2t
  double beta_min = 0;
  std::optional<double> beta_max;   // default floor(alpha) + 2.5
  int grid = 121;
};
nlohmann::json stage_limits(const std::string& kernel, double alpha, const std::string& energies,
                            const LimitOptions& options = {});

// `tristage theory --kernel --d --n --energies --format json`: the deterministic equivalent at (n, d) (THEORY.md 9)
// beside the limits, on the same grid.
struct EquivalentOptions : LimitOptions {
  double tolerance = 1e-9;
};
nlohmann::json deterministic_equivalent(const std::string& kernel, long d, long n, const std::string& energies,
                                        const EquivalentOptions& options = {});

// `tristage simulate ... --out DIR`'s run.json, with the columns of curves.csv added as "curves": {column: [...]}.
struct SimulationOptions {
  std::string noise = "0";
  int seeds = 1;                   // the command's defaults (tests/library_test.sh holds them equal)
  unsigned long seed = 0;
  double beta_min = 0;
  std::optional<double> beta_max;  // default floor(alpha) + 2.5
  int grid = 121;
  std::string method = "flow";     // flow or gd
  std::string test = "exact";      // exact, mc or both
  std::string engine = "auto";     // dense, krylov or auto (distributed needs mpirun: use the command)
};
nlohmann::json simulate(const std::string& kernel, long d, long n, const std::string& energies,
                        const SimulationOptions& options = {});

// `tristage verify [FILE] --out DIR`: runs the experiment (a TOML file; empty: the embedded default), writes the
// report folder DIR as the command does, and returns its summary.json.
nlohmann::json verify(const std::string& experiment_file, const std::string& out_dir, bool force = false);

}  // namespace tristage
