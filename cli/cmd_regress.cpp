// tristage regress: re-derive a fixed set of formulas and compare them with the golden files.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "compare/regress.hpp"
#include "core/error.hpp"

#ifndef TRISTAGE_GOLDEN_DIR
#define TRISTAGE_GOLDEN_DIR "tests/golden"
#endif

namespace tristage::cli {

void add_regress(CLI::App& app) {
  struct Options {
    std::string golden = TRISTAGE_GOLDEN_DIR;
    bool update = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "regress", "re-derive the coefficients, expansions and stage curves of a fixed set of kernels and compare them "
                 "with the golden files; exit 1 on any difference");
  cmd->add_option("--golden", opt->golden, "folder of the golden files")->capture_default_str();
  cmd->add_flag("--update", opt->update, "rewrite the golden files from the current derivations (a deliberate act)");
  cmd->callback([opt] {
    if (!std::filesystem::is_directory(opt->golden))
      throw usage_error("golden folder '" + opt->golden + "' does not exist; pass --golden DIR");
    const auto r = run_regress(opt->golden, opt->update);
    std::cout << r.report;
    if (opt->update) return;
    std::cout << r.cases - r.differing << " same, " << r.differing << " different\n";
    if (r.differing) throw Error(Exit::not_verified, std::to_string(r.differing) + " of " + std::to_string(r.cases) +
                                                         " derivations differ from the golden files (see above); "
                                                         "if the change is intended, run 'tristage regress --update'");
  });
}

}  // namespace tristage::cli
