// tristage verify: the sweep over d, the claims and their verdicts, and every report, in one output folder; the
// finished replicates in a checkpoint beside it until then, so that an interrupted run can be resumed.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compare/verify_report.hpp"
#include "core/error.hpp"
#include "core/output_folder.hpp"
#include "numeric/distributed_world.hpp"
#include "numeric/engine_factory.hpp"

namespace tristage::cli {

void add_verify(CLI::App& app, const Provenance& provenance) {
  struct Options {
    std::string file, out, engine = "auto", pdf = "gnuplot";
    long krylov_basis = 2000;
    double krylov_tol = 1e-10;
    bool force = false, resume = false, progress = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "simulate an experiment at every d, check the three-stage claims against the limits and the finite-d "
                "predictions, and write curves, summary.json, LaTeX tables, figures and report.md; exit 0 when every "
                "claim is verified, 1 when one is not, 130 when interrupted (finished replicates are kept in "
                "DIR.checkpoint for --resume)");
  cmd->add_option("file", opt->file, "experiment file (TOML); without it, the embedded default (experiments/default.toml)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", opt->out, "output folder DIR (default results/verify-NAME); created whole at the end")
      ->check(nonempty_path("for results/verify-NAME"));
  cmd->add_flag("--force", opt->force,
                "replace --out if it exists; without --resume, also discard a checkpoint DIR.checkpoint left by an "
                "interrupted run");
  cmd->add_flag("--resume", opt->resume,
                "continue an interrupted run with the same --out and experiment: reuse the replicates finished in "
                "DIR.checkpoint, compute the rest (the results are those of an uninterrupted run); with no "
                "checkpoint, start from the beginning");
  cmd->add_flag("--progress", opt->progress, "report progress on stderr (the default when stderr is a terminal)");
  cmd->add_option("--engine", opt->engine, numeric::engine_help())
      ->capture_default_str()
      ->transform(CLI::IsMember(numeric::engine_name_list(), CLI::ignore_case));
  add_krylov_options(cmd, opt->krylov_basis, opt->krylov_tol);
  add_pdf_option(cmd, opt->pdf);
  cmd->callback([opt, &provenance] {
    use_setting_words({{"n", "the experiment's d or alpha"}});
    use_pdf_option(opt->pdf);
    Experiment e = opt->file.empty() ? default_experiment() : load_experiment(opt->file);
    e.engine = opt->engine;
    e.krylov_basis = opt->krylov_basis;
    e.krylov_tolerance = opt->krylov_tol;
    const numeric::EngineChoice engine = numeric::parse_engine(e.engine);
    if (numeric::distributed(engine)) numeric::distributed_world();
    if (opt->resume) numeric::check_resumable(engine);
    std::string out = opt->out;
    if (out.empty()) {
      std::filesystem::create_directories("results");
      out = "results/verify-" + e.name;
    }
    if (opt->resume && !opt->force && std::filesystem::exists(out))
      throw io_error("'" + out + "' exists: that run finished, there is nothing to resume; choose another --out, or "
                     "add --force to run it again and replace it");
    // Under MPI, rank 0 alone checks and writes the folder and the checkpoint; the ranks agree on the checks.
    std::optional<OutputFolder> folder;
    std::unique_ptr<Checkpoint> checkpoint;
    auto tell = [](const std::string& m) { std::cerr << "tristage verify: " << m << std::endl; };
    numeric::on_output_process([&] {
      folder.emplace(out, opt->force);  // checked before the work
      checkpoint = open_verify_checkpoint(folder->target(), e, opt->resume, opt->force, tell);
    });
    numeric::Progress progress;
    if (folder && (opt->progress || isatty(STDERR_FILENO))) progress = tell;
    const VerifyResult r = run_verify(e, progress, checkpoint.get());
    if (!folder) {  // another MPI rank: the same verdicts, the same exit code, rank 0 writes
      if (!r.all_verified()) throw Error(Exit::not_verified, "");
      return;
    }
    write_verify_report(r, *folder, provenance);
    folder->commit();
    checkpoint->discard();  // the result is whole: its pieces are no longer needed
    std::cout << verdict_table(r) << "\n"
              << r.summary_line() << "; results in "
              << folder->target().string() << " (" << r.seconds << " s";
    if (r.replicates_reused > 0)
      std::cout << "; " << r.replicates_reused << " of " << r.replicates_reused + r.replicates_computed
                << " replicates reused from the checkpoint";
    std::cout << ")\n";
    if (!r.all_verified())
      throw Error(Exit::not_verified, std::string(r.applicable() == 0 ? "no claim applies to this experiment"
                                                                      : "some claims are not verified") +
                                          ": see " + folder->target().string() + "/report.md");
  });
}

}  // namespace tristage::cli
