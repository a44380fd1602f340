// tristage diff: two outputs compared field by field (compare/output_diff.hpp). Exit 0 when they agree, 1 when a
// field differs (each named on stdout), 2 on bad options, 5 when a file cannot be read.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compare/output_diff.hpp"
#include "compare/text_table.hpp"
#include "core/error.hpp"

namespace tristage::cli {

void add_diff(CLI::App& app) {
  struct Options {
    std::string a, b;
    std::vector<std::string> ignore;
    DiffOptions diff;
    bool keep_provenance = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "diff", "compare two outputs (JSON, or CSV with a header row) field by field: numbers within --rtol/--atol, "
              "the rest exactly; exit 0 when they agree, 1 when a field differs (each named)");
  cmd->add_option("A", opt->a, "the first output")->required();
  cmd->add_option("B", opt->b, "the second output")->required();
  cmd->add_option("--rtol", opt->diff.rtol, "relative tolerance of numbers: |a - b| <= atol + rtol max(|a|, |b|)")
      ->capture_default_str()
      ->check(finite_range(0, 1));
  cmd->add_option("--atol", opt->diff.atol, "absolute tolerance of numbers")->capture_default_str()->check(
      finite_range(0, 1e300));
  cmd->add_option("--ignore", opt->ignore, "JSON keys to leave out, comma-separated (at any depth)")->delimiter(',');
  cmd->add_flag("--keep-provenance", opt->keep_provenance,
                "also compare the \"tristage\" object (version and command), left out by default");
  cmd->callback([opt] {
    if (opt->keep_provenance) opt->diff.ignore.clear();
    opt->diff.ignore.insert(opt->diff.ignore.end(), opt->ignore.begin(), opt->ignore.end());
    const DiffResult r = diff_outputs(opt->a, opt->b, opt->diff);
    for (const auto& f : r.differences)
      std::cout << f.field << ": " << f.a << " vs " << f.b
                << (f.relative >= 0 ? " (relative " + format_number(f.relative, 3) + ")" : "") << "\n";
    std::cout << r.differences.size() << " of " << r.compared << " fields differ (rtol " << format_number(opt->diff.rtol, 3)
              << ", atol " << format_number(opt->diff.atol, 3) << ")\n";
    if (!r.differences.empty()) throw Error(Exit::not_verified, "the outputs differ");
  });
}

}  // namespace tristage::cli
