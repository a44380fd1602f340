// tristage verify: the sweep over d, the claims and their verdicts, and every report, in one output folder.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "compare/verify_report.hpp"
#include "core/error.hpp"
#include "core/output_folder.hpp"

namespace tristage::cli {

void add_verify(CLI::App& app, const Provenance& provenance) {
  struct Options {
    std::string file, out;
    bool force = false, progress = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "simulate an experiment at every d, check the three-stage claims against the limits and the finite-d "
                "predictions, and write curves, summary.json, LaTeX tables, figures and report.md; exit 0 when every "
                "claim is verified, 1 when one is not");
  cmd->add_option("file", opt->file, "experiment file (TOML); without it, the embedded default (experiments/default.toml)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", opt->out, "output folder (default results/verify-NAME); created whole at the end");
  cmd->add_flag("--force", opt->force, "replace --out if it exists");
  cmd->add_flag("--progress", opt->progress, "report progress on stderr (the default when stderr is a terminal)");
  cmd->callback([opt, &provenance] {
    const Experiment e = opt->file.empty() ? default_experiment() : load_experiment(opt->file);
    std::string out = opt->out;
    if (out.empty()) {
      std::filesystem::create_directories("results");
      out = "results/verify-" + e.name;
    }
    OutputFolder folder(out, opt->force);  // checked before the work
    numeric::Progress progress;
    if (opt->progress || isatty(STDERR_FILENO))
      progress = [](const std::string& m) { std::cerr << "tristage verify: " << m << std::endl; };
    const VerifyResult r = run_verify(e, progress);
    write_verify_report(r, folder, provenance);
    folder.commit();
    std::cout << verdict_table(r) << "\n"
              << (r.all_verified() ? "every claim verified" : "NOT every claim verified") << "; results in "
              << folder.target().string() << " (" << r.seconds << " s)\n";
    if (!r.all_verified())
      throw Error(Exit::not_verified, "some claims are not verified: see " + folder.target().string() + "/report.md");
  });
}

}  // namespace tristage::cli
