#pragma once
// Where a subcommand's result goes (stdout, or a file written atomically) and in which format.
#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "compare/provenance.hpp"
#include "theory/symbolic_kernel.hpp"

namespace tristage::cli {

enum class Format { table, csv, json, latex, markdown };

struct OutputOptions {
  Format format = Format::table;
  std::string out;  // empty: stdout
  bool force = false;
  bool standalone = false;  // latex: a complete document that pdflatex compiles on its own
  bool csv_comment = false; // csv: the provenance as a first "# ..." line (default: none; with --out, FILE.json)
  std::optional<int> digits; // latex: significant digits of the numbers (default: each table's own, up to 12)

  void add_to(CLI::App& cmd);
  void add_digits_to(CLI::App& cmd);  // --digits alone (add_to includes it), for commands with their own options
  // Writes the result; a file is written whole or not at all, and an existing one only with --force.
  void emit(const std::string& content) const;

  // Renders the report in the chosen format and writes it; JSON gets the provenance under "tristage". CSV starts
  // with its header row, so that any CSV reader takes it (csv.DictReader, numpy.genfromtxt(names=True)); its
  // provenance goes beside it, to FILE.json with --out FILE, or first as a "# " line with --csv-comment.
  struct Renderings {
    std::function<std::string()> table, csv;
    std::function<nlohmann::json()> json;
    std::function<std::string()> latex;
    std::function<std::string()> markdown;  // the table's text with pipe tables; empty: not offered
  };
  void emit(const Renderings& r, const Provenance& provenance) const;
};

// Wraps a LaTeX fragment in a minimal article (booktabs, amsmath) so it compiles on its own.
std::string standalone_latex(const std::string& fragment);

// Reads "symbolic" or a whole number >= 3 for --d.
std::optional<long> parse_dimension(const std::string& text);


// A floating-point option in [lo, hi]. CLI::Range lets nan through (every comparison with it is false): this does not.
CLI::Validator finite_range(double lo, double hi);

// A whole-number option in [lo, hi]: '1.5' is "not a whole number", not CLI11's "Value 1.5 not in range".
CLI::Validator whole_range(long lo, long hi);

// --out FILE: an empty name is refused rather than read as "standard output".
CLI::Validator nonempty_path(const std::string& otherwise = "to write to standard output");

// Prints one warning on stderr when h has a negative Taylor coefficient in degrees <= J, naming the first.
void warn_negative_coefficients(const theory::SymbolicKernel& h, int J);

// Prints compare/experiment.hpp's integer_alpha_warning, if any, on stderr.
void warn_integer_alpha(double alpha);

// --pdf gnuplot|latex: who makes the figures' PDFs (compare/plot.hpp, set_pdf_maker); use_pdf_option applies it when
// the command runs, refusing latex at once where pdflatex or pgfplots is missing.
CLI::Option* add_pdf_option(CLI::App* cmd, std::string& maker);
void use_pdf_option(const std::string& maker);

// --krylov-basis and --krylov-tol, the Krylov engines' options (simulate and verify).
void add_krylov_options(CLI::App* cmd, long& basis, double& tolerance);

// A message of numeric/ with its settings ("{krylov_basis}", core/error.hpp) worded as the running command's options:
// simulate's by default; a command whose options differ names its own with use_setting_words first.
std::string worded(const std::string& message);
void use_setting_words(const std::map<std::string, std::string>& words);

}  // namespace tristage::cli
