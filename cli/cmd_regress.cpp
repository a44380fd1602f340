// tristage regress: run the cases of a golden folder's manifest again and compare them with their golden files.
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "compare/regress.hpp"
#include "core/error.hpp"
#include "core/run_program.hpp"

namespace tristage::cli {

namespace {

// tristage itself (/proc/self/exe) with args, standard output to `out`; its stderr's last line is the error if it
// fails, with its exit code.
void run_self(const std::vector<std::string>& args, const std::filesystem::path& out) {
  std::cout.flush();
  const RunResult r = run_program("/proc/self/exe", args, ".", out);
  if (r.status == 0) return;
  std::istringstream err(r.output);
  std::string line, last, command;
  while (std::getline(err, line))
    if (!line.empty()) last = line;
  for (const auto& a : args) command += (command.empty() ? "" : " ") + a;
  throw Error(Exit::usage, "'tristage " + command + "' exited with " + std::to_string(r.status) +
                               (last.empty() ? "" : ": " + last));
}

}  // namespace

void add_regress(CLI::App& app) {
  struct Options {
    std::string golden;
    bool update = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "regress", "run the cases of a golden folder (its manifest.toml: tristage commands and their golden outputs) "
                 "and compare each output with its golden file, numbers within the case's tolerance; exit 1 naming "
                 "every field that moved");
  cmd->add_option("--golden", opt->golden, "the golden folder (the project's own cases: tests/golden)")->required();
  cmd->add_flag("--update", opt->update,
                "write the golden files from the current outputs, in the golden folder only (a deliberate act)");
  cmd->callback([opt] {
    if (!std::filesystem::is_directory(opt->golden))
      throw usage_error("golden folder '" + opt->golden + "' does not exist; give a folder with a manifest.toml");
    const auto r = run_regress(opt->golden, opt->update, run_self);
    std::cout << r.report;
    if (opt->update && r.differing == 0) return;
    std::cout << r.cases - r.differing << " same, " << r.differing << (opt->update ? " failed" : " different") << "\n";
    if (r.differing)
      throw Error(Exit::not_verified, std::to_string(r.differing) + " of " + std::to_string(r.cases) +
                                          " cases " + (opt->update ? "failed to run" : "differ from their golden files") +
                                          " (see above)" + (opt->update ? "" : "; if the change is intended, run "
                                                                                "'tristage regress --golden " +
                                                                                opt->golden + " --update'"));
  });
}

}  // namespace tristage::cli
