// tristage table: one LaTeX table (booktabs) for a paper: coefficients, stage limits, or a finished verify run.
#include <cmath>
#include <fstream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compare/coeff_quadrature.hpp"
#include "compare/coeff_writer.hpp"
#include "compare/stage_input.hpp"
#include "compare/stage_writer.hpp"
#include "compare/verify_report.hpp"
#include "core/error.hpp"
#include "theory/format.hpp"

namespace tristage::cli {

void add_table(CLI::App& app, const Provenance& provenance) {
  struct Options {
    std::string kernel, d, energies, noise = "0", from, format = "latex";
    int kmax = 8, order = 4;  // coeffs' defaults
    double alpha = 1.5;
    OutputOptions output;
  };
  auto opt = std::make_shared<Options>();
  opt->output.format = Format::latex;
  CLI::App* cmd = app.add_subcommand("table", "one table for a paper: a LaTeX fragment (booktabs), or Markdown");
  cmd->require_subcommand(1);
  auto add_output = [&](CLI::App* sub) {
    sub->add_option("--out", opt->output.out, "write to this file instead of standard output")->check(nonempty_path());
    sub->add_flag("--force", opt->output.force, "replace --out if it exists");
    sub->add_flag("--standalone", opt->output.standalone, "latex: a whole document that compiles with pdflatex");
    sub->add_option("--format", opt->format, "latex (booktabs, the default) or markdown (a pipe table)")
        ->capture_default_str()
        ->transform(CLI::IsMember({"latex", "markdown"}, CLI::ignore_case));  // transform: the member's own case
    opt->output.add_digits_to(*sub);
  };
  // The table in the chosen format: LaTeX (with its provenance comment) or Markdown.
  auto emit = [opt, &provenance](const std::function<std::string()>& latex, const std::function<std::string()>& markdown) {
    opt->output.format = opt->format == "markdown" ? Format::markdown : Format::latex;
    opt->output.emit({{}, {}, {}, latex, markdown}, provenance);
  };

  CLI::App* coeffs = cmd->add_subcommand("coeffs", "xi_{d,k}, B(d,k), mu_k and the 1/d expansion; kappa_d(l)");
  coeffs->add_option("--kernel", opt->kernel, "the kernel h: " + kernel_forms())->required();
  coeffs->add_option("--d", opt->d, "a whole number >= 3, or 'symbolic'")->required();
  coeffs->add_option("--kmax", opt->kmax, "largest degree")->capture_default_str()->check(whole_range(0, 200));
  coeffs->add_option("--order", opt->order, "order of the 1/d expansion")->capture_default_str()->check(
      whole_range(0, 40));
  add_output(coeffs);
  coeffs->callback([opt, &provenance, emit] {
    theory::SymbolicKernel h(parse_kernel(opt->kernel));
    auto report = theory::coefficient_report(h, parse_dimension(opt->d), opt->kmax, opt->order);
    fill_by_quadrature(report, h.spec(), 1e-13);
    emit([&] { return coeffs_latex(report, provenance); }, [&] { return coeffs_table(report, true); });
  });

  CLI::App* stages = cmd->add_subcommand("stages", "the limiting train, test and oracle values of every stage");
  stages->add_option("--kernel", opt->kernel, "the kernel h: " + kernel_forms())->required();
  stages->add_option("--alpha", opt->alpha, "n = d^alpha")->required()->check(finite_range(0.01, 20.0));
  stages->add_option("--energies", opt->energies, "E_0,E_1,...")->required();
  stages->add_option("--noise", opt->noise, "sigma^2")->capture_default_str();
  add_output(stages);
  stages->callback([opt, &provenance, emit] {
    theory::SymbolicKernel h(parse_kernel(opt->kernel));
    theory::StageInput in = stage_input(opt->energies, opt->noise, "half");
    in.alpha = opt->alpha;
    warn_integer_alpha(opt->alpha);
    warn_negative_coefficients(
        h, std::max(static_cast<int>(in.energies.size()) - 1, static_cast<int>(std::floor(opt->alpha)) + 1) + 4);
    const theory::StageCurves curves = theory::stage_curves(h, in);
    emit([&] { return provenance.comment("%") + stage_pieces_table(curves); },
         [&] { return stage_pieces_markdown(curves); });
  });

  CLI::App* convergence = cmd->add_subcommand("convergence", "the claims of a finished verify run against d");
  convergence->add_option("--from", opt->from, "the output folder of `tristage verify`")->required()->check(
      CLI::ExistingDirectory);
  add_output(convergence);
  convergence->callback([opt, &provenance, emit] {
    const auto path = std::filesystem::path(opt->from) / "summary.json";
    std::ifstream in(path);
    if (!std::filesystem::is_regular_file(path) || !in)
      throw usage_error("'" + shown_text(opt->from, 200) + "' has no summary.json file: give the output folder of "
                        "tristage verify");
    nlohmann::json summary;
    try {
      summary = nlohmann::json::parse(in);
      emit([&] { return provenance.comment("%") + convergence_table_latex(summary); },
           [&] { return convergence_table_markdown(summary); });
    } catch (const nlohmann::json::exception& e) {
      throw usage_error("'" + shown_text(opt->from, 200) + "/summary.json' is not a summary of tristage verify (" +
                        shown_text(e.what(), 200) + "); give the output folder of a finished tristage verify run");
    }
  });
}

}  // namespace tristage::cli
