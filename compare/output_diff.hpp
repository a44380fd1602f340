#pragma once
// `tristage diff`: two outputs of tristage (JSON, or CSV with a header row) compared field by field, numbers within a
// tolerance, everything else exactly. For regression tests of one's own runs: which fields moved, by how much.
//
// A number pair a, b agrees when |a - b| <= atol + rtol max(|a|, |b|); strings (exact rationals such as "1/2", series
// such as "1 + 1/2*d^-1") agree only when equal; JSON objects agree key by key (a key on one side only is a
// difference), arrays element by element (and in length). The provenance ("tristage": version and command) is left
// out by default: it names the run, not its numbers. CSV files agree in header, row count and each cell (a cell that
// reads whole as a number is a number).
#include <string>
#include <vector>

namespace tristage {

struct DiffOptions {
  double rtol = 1e-12, atol = 0;
  std::vector<std::string> ignore = {"tristage"};  // keys left out, at any depth
};

struct FieldDifference {
  std::string field;   // e.g. kernels[0].claims[2].power_up, or row 3, column test
  std::string a, b;    // the two values as written (a missing one: "(absent)")
  double relative = -1;  // numbers: |a - b| / max(|a|, |b|); -1 otherwise
};

struct DiffResult {
  std::vector<FieldDifference> differences;
  long compared = 0;  // leaves compared (numbers, strings, booleans, nulls, cells)
};

// Throws Error(Exit::io) when a file cannot be read, Error(Exit::usage) when it is neither JSON nor CSV with a header,
// or when the two are not of the same kind.
DiffResult diff_outputs(const std::string& path_a, const std::string& path_b, const DiffOptions& options);

}  // namespace tristage
