#pragma once
// `tristage regress`: a folder of regression cases, each a tristage command and its golden output, listed in the
// folder's manifest.toml. Every case is run again and its output compared with the golden file field by field
// (compare/output_diff: numbers within the case's tolerance, exact rationals and other strings exactly), so that a
// change in any formula shows up as the fields that moved. The project's own cases are tests/golden; a user's
// folder works the same way.
//
// manifest.toml:
//   [[case]]
//   name = "coeffs-exp-d100"                          # a name for the report (letters, digits, - _ .)
//   command = ["coeffs", "--kernel", "exp", "--d", "100", "--format", "json"]   # tristage's arguments
//   golden = "coeffs-exp-d100.json"                   # in the folder
//   output = "run.json"      # optional: the command writes a folder at "{out}" (an argument), compare this file
//                            # in it; without it, the command's standard output is compared
//   rtol = 1e-12             # optional (default 1e-12), and atol (default 0): |a - b| <= atol + rtol max(|a|, |b|)
//   ignore = ["seconds"]     # optional: keys left out at any depth (the provenance "tristage" always is)
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "compare/output_diff.hpp"

namespace tristage {

struct RegressCase {
  std::string name;
  std::vector<std::string> command;
  std::string golden;  // file name in the folder
  std::string output;  // file in the command's {out} folder; empty: standard output
  DiffOptions diff;
};

// The cases of folder/manifest.toml. Throws a usage error naming file, line and key for a malformed manifest.
std::vector<RegressCase> load_manifest(const std::filesystem::path& folder);

// Runs tristage with `args`, its standard output into the file `stdout_file`; throws an Error with the command's own
// message when it fails.
using RunTristage = std::function<void(const std::vector<std::string>& args, const std::filesystem::path& stdout_file)>;

struct RegressOutcome {
  int cases = 0;
  int differing = 0;   // cases that differ, failed to run, or have no golden file
  std::string report;  // one line per case, the fields that moved below a differing one
};

// Compares every case of the folder with its golden file; with update, writes the golden files instead (atomically,
// only inside the folder).
RegressOutcome run_regress(const std::filesystem::path& folder, bool update, const RunTristage& run);

}  // namespace tristage
