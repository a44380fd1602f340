#include "cli/output.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>

#include "compare/coefficient_signs.hpp"
#include "compare/experiment.hpp"
#include "compare/latex_number.hpp"
#include "compare/plot.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/number_text.hpp"

namespace tristage::cli {

void OutputOptions::add_to(CLI::App& cmd) {
  const std::map<std::string, Format> names{
      {"table", Format::table}, {"csv", Format::csv},           {"json", Format::json},
      {"latex", Format::latex}, {"markdown", Format::markdown}};
  // Checked and mapped by hand: CLI11's own message would show the internal numbers ("{csv->1,...} OR {1,2,3,0}").
  cmd.add_option("--format", format,
                 "table (for reading, the default), csv, json, latex (booktabs) or markdown (the table with pipe "
                 "tables)")
      ->transform(CLI::Validator(
          [names](std::string& text) -> std::string {
            std::string lower;
            for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            const auto it = names.find(lower);
            if (it == names.end())
              return "'" + shown_text(text) + "' is not a format; choose table, csv, json, latex or markdown";
            text = std::to_string(static_cast<int>(it->second));
            return "";
          },
          ""))
      ->type_name("FORMAT");
  cmd.add_option("--out", out, "write the result to this file instead of standard output")->check(nonempty_path());
  cmd.add_flag("--force", force, "replace --out if it exists");
  cmd.add_flag("--standalone", standalone, "latex: a whole document that compiles with pdflatex");
  add_digits_to(cmd);
  cmd.add_flag("--csv-comment", csv_comment,
               "csv: a first line '# tristage VERSION: COMMAND' (by default the CSV starts with its header, and --out "
               "FILE writes the provenance to FILE.json)");
}

void OutputOptions::add_digits_to(CLI::App& cmd) {
  cmd.add_option("--digits", digits, "latex: at most N significant digits for every number (exact rationals and "
                                     "integers are never rounded; default: each table's own, up to 12)")
      ->check(whole_range(1, 17))
      ->type_name("N");
}

void OutputOptions::emit(const std::string& content) const {
  const std::string text = standalone && format == Format::latex ? standalone_latex(content) : content;
  if (out.empty()) {
    std::cout << text << std::flush;
    return;
  }
  namespace fs = std::filesystem;
  if (fs::exists(out) && !force)
    throw io_error("'" + out + "' exists; choose another --out or add --force to replace it");
  const fs::path parent = fs::path(out).parent_path();
  if (!parent.empty() && !fs::is_directory(parent))
    throw io_error("folder '" + parent.string() + "' for --out does not exist; create it first");
  write_file_atomic(out, text);
}

void OutputOptions::emit(const Renderings& r, const Provenance& provenance) const {
  if (digits && format != Format::latex) throw usage_error("--digits sets the digits of --format latex; add it");
  set_latex_digits(digits);
  switch (format) {
    case Format::table: return emit(r.table());
    case Format::csv: {
      if (csv_comment || out.empty()) return emit((csv_comment ? provenance.comment("#") : "") + r.csv());
      const std::string sidecar = out + ".json";
      if (std::filesystem::exists(sidecar) && !force)
        throw io_error("'" + sidecar + "' (the provenance of --out) exists; choose another --out or add --force");
      emit(r.csv());
      const nlohmann::json j = {{"tristage", provenance.json()},
                                {"file", std::filesystem::path(out).filename().string()},
                                {"format", "csv: a header row, then one row per line"}};
      write_file_atomic(sidecar, j.dump(2) + "\n");
      return;
    }
    case Format::json: {
      auto j = r.json();
      j["tristage"] = provenance.json();
      return emit(j.dump(2) + "\n");
    }
    case Format::latex: return emit(r.latex());
    case Format::markdown:
      if (!r.markdown) throw usage_error("--format markdown is not offered for this output; use table, csv, json or latex");
      return emit(r.markdown());
  }
}

std::string standalone_latex(const std::string& fragment) {
  return "\\documentclass{article}\n\\usepackage[margin=1.5cm,landscape]{geometry}\n\\usepackage{amsmath}\n"
         "\\usepackage{booktabs}\n\\begin{document}\n\\small\n" +
         fragment + "\\end{document}\n";
}

CLI::Validator finite_range(double lo, double hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        const char* begin = text.c_str();
        char* end = nullptr;
        const double v = std::strtod(begin, &end);
        if (end == begin || *end != '\0' || !std::isfinite(v) || v < lo || v > hi)
          return "'" + shown_text(text) + "' is not a finite number from " + number_text(lo) + " to " +
                 number_text(hi);
        return "";
      },
      "FLOAT in [" + number_text(lo) + ", " + number_text(hi) + "]");
}

CLI::Validator whole_range(long lo, long hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        const char* begin = text.c_str();
        char* end = nullptr;
        errno = 0;
        const long v = std::strtol(begin, &end, 10);
        if (end == begin || *end != '\0' || errno == ERANGE || v < lo || v > hi)
          return "'" + shown_text(text) + "' is not a whole number from " + std::to_string(lo) + " to " +
                 std::to_string(hi);
        return "";
      },
      "INT in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

CLI::Validator nonempty_path(const std::string& otherwise) {
  return CLI::Validator(
      [otherwise](std::string& text) -> std::string {
        return text.empty() ? "the name is empty; give one, or leave out --out " + otherwise : "";
      },
      "");
}

void warn_negative_coefficients(const theory::SymbolicKernel& h, int J) {
  const CoefficientSigns signs = coefficient_signs(h, J);
  const std::string kernel = "kernel '" + shown_text(h.spec().text) + "'";
  if (!signs.all_exact())
    std::cerr << "tristage: warning: " << kernel << ": Taylor coefficients checked for signs: " << signs.how_checked()
              << "\n";
  const auto& negative = signs.negative;
  if (negative.empty()) return;
  const int k = negative[0];
  std::string more;
  for (size_t i = 1; i < negative.size() && i < 4; ++i) more += (i == 1 ? " (and " : ", ") + std::to_string(negative[i]);
  if (negative.size() > 1) more += negative.size() > 4 ? ", ...)" : ")";
  std::cerr << "tristage: warning: " << kernel << " has a negative Taylor coefficient at degree " << k << more
            << ": h^(" << k << ")(0) < 0" << (k > signs.exact_degree ? " (in floating point, beyond rounding)" : "")
            << ", so it is not positive definite in high dimension (xi_{d," << k << "} ~ h^(" << k << ")(0)/d^" << k
            << " < 0) and gradient flow grows that degree instead of learning it; simulate and verify refuse it\n";
}

void warn_integer_alpha(double alpha) {
  if (const std::string w = integer_alpha_warning(alpha); !w.empty()) std::cerr << "tristage: warning: " << w << "\n";
}

std::optional<long> parse_dimension(const std::string& text) {
  if (text == "symbolic") return std::nullopt;
  const std::string fix = "; give a whole number d >= 3 (the sphere in R^d), or 'symbolic'";
  const std::string text_shown = shown_text(text);
  Decimal d;
  try {
    d = parse_decimal(text);
  } catch (const Error&) {
    throw usage_error("--d '" + text_shown + "' is not a number" + fix);
  }
  if (d.exponent10 < 0 || d.digits.size() + d.exponent10 > 10)
    throw usage_error("--d '" + text_shown + "' is not a whole number below 10^10" + fix);
  long v = std::stol(d.digits);
  for (int i = 0; i < d.exponent10; ++i) v *= 10;
  if (v < 3) throw usage_error("--d " + text_shown + " is too small" + fix);
  return v;
}

namespace {

std::map<std::string, std::string> setting_words = {
    {"krylov_basis", "--krylov-basis"},        {"krylov_tol", "--krylov-tol"},   {"engine", "--engine"},
    {"eta", "--eta"},                          {"n", "--n (or --alpha)"},         {"mc_points", "--mc-points"},
    {"sgd_steps", "--sgd-steps"},              {"allow_indefinite", "--allow-indefinite"},
    {"monte_carlo_test", "--method flow --test mc"}, {"resume", "--resume"}, {"force", "--force"}};

}  // namespace

CLI::Option* add_pdf_option(CLI::App* cmd, std::string& maker) {
  return cmd
      ->add_option("--pdf", maker,
                   "who makes the figures' PDFs: gnuplot (fast) or latex (pdflatex typesets the pgfplots version: "
                   "LaTeX's fonts and labels, cropped; about 1-2 s a figure; needs pdflatex and pgfplots)")
      ->capture_default_str()
      ->transform(CLI::IsMember({"gnuplot", "latex"}, CLI::ignore_case));
}

void use_pdf_option(const std::string& maker) { set_pdf_maker(maker == "latex" ? PdfMaker::latex : PdfMaker::gnuplot); }

void add_krylov_options(CLI::App* cmd, long& basis, double& tolerance) {
  cmd->add_option("--krylov-basis", basis, "the Krylov engines: largest basis (the memory plan may lower it)")
      ->capture_default_str()
      ->check(CLI::Range(2L, 1000000L));
  cmd->add_option("--krylov-tol", tolerance, "the Krylov engines: stop when no curve moves by more than this, relative")
      ->capture_default_str()
      ->check(finite_range(1e-15, 1e-2));
}

void use_setting_words(const std::map<std::string, std::string>& words) {
  for (const auto& [name, text] : words) setting_words[name] = text;
}

std::string worded(const std::string& message) {
  std::string out;
  size_t at = 0;
  while (at < message.size()) {
    const size_t open = message.find('{', at), close = open == std::string::npos ? open : message.find('}', open);
    if (close == std::string::npos) break;
    const auto word = setting_words.find(message.substr(open + 1, close - open - 1));
    out += message.substr(at, open - at) + (word == setting_words.end() ? message.substr(open, close - open + 1) : word->second);
    at = close + 1;
  }
  return out + message.substr(std::min(at, message.size()));
}

}  // namespace tristage::cli
