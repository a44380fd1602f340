#include "cli/output.hpp"

#include <filesystem>
#include <iostream>
#include <map>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/expression.hpp"

namespace tristage::cli {

void OutputOptions::add_to(CLI::App& cmd) {
  const std::map<std::string, Format> names{
      {"table", Format::table}, {"csv", Format::csv}, {"json", Format::json}, {"latex", Format::latex}};
  cmd.add_option("--format", format, "table (for reading, the default), csv, json or latex (booktabs)")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case).description(""))
      ->type_name("FORMAT");
  cmd.add_option("--out", out, "write the result to this file instead of standard output");
  cmd.add_flag("--force", force, "replace --out if it exists");
  cmd.add_flag("--standalone", standalone, "latex: a whole document that compiles with pdflatex");
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
  switch (format) {
    case Format::table: return emit(r.table());
    case Format::csv: return emit(r.csv());
    case Format::json: {
      auto j = r.json();
      j["tristage"] = provenance.json();
      return emit(j.dump(2) + "\n");
    }
    case Format::latex: return emit(r.latex());
  }
}

std::string standalone_latex(const std::string& fragment) {
  return "\\documentclass{article}\n\\usepackage[margin=1.5cm,landscape]{geometry}\n\\usepackage{amsmath}\n"
         "\\usepackage{booktabs}\n\\begin{document}\n\\small\n" +
         fragment + "\\end{document}\n";
}

std::optional<long> parse_dimension(const std::string& text) {
  if (text == "symbolic") return std::nullopt;
  const std::string fix = "; give a whole number d >= 3 (the sphere in R^d), or 'symbolic'";
  Decimal d;
  try {
    d = parse_decimal(text);
  } catch (const Error&) {
    throw usage_error("--d '" + text + "' is not a number" + fix);
  }
  if (d.exponent10 < 0 || d.digits.size() + d.exponent10 > 10)
    throw usage_error("--d '" + text + "' is not a whole number below 10^10" + fix);
  long v = std::stol(d.digits);
  for (int i = 0; i < d.exponent10; ++i) v *= 10;
  if (v < 3) throw usage_error("--d " + text + " is too small" + fix);
  return v;
}

std::vector<std::string> parse_nonnegative_list(const std::string& text, const std::string& option) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t p = text.find(',', start);
    std::string item = text.substr(start, p == std::string::npos ? std::string::npos : p - start);
    Decimal d;
    try {
      d = parse_decimal(item);
    } catch (const Error&) {
      throw usage_error(option + ": '" + item + "' is not a number; write a comma-separated list such as 0,1,1,1");
    }
    if (d.digits.starts_with("-"))
      throw usage_error(option + ": '" + item + "' is negative; energies and variances are >= 0");
    out.push_back(item);
    if (p == std::string::npos) break;
    start = p + 1;
  }
  if (out.size() > 200) throw usage_error(option + ": at most 200 values");
  return out;
}

}  // namespace tristage::cli
