// tristage theory: the limiting three-stage curves for n = d^alpha, with their formulas.
#include <cmath>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compare/stage_writer.hpp"
#include "core/error.hpp"
#include "core/number_text.hpp"
#include "theory/format.hpp"

namespace tristage::cli {

namespace {
struct TheoryOptions {
  std::string kernel, energies, noise = "0", convention = "half";
  double alpha = 0, beta_min = 0;
  std::optional<double> beta_max;
  int grid = 121;
  OutputOptions output;
};
}  // namespace

void add_theory(CLI::App& app, const Provenance& provenance) {
  auto opt = std::make_shared<TheoryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "theory", "limiting train, test and oracle curves of the three stages for n = d^alpha, t = d^beta, with the "
                "stage boundaries and their formulas");
  cmd->add_option("--kernel", opt->kernel, "the kernel h: " + kernel_forms())->required();
  cmd->add_option("--alpha", opt->alpha, "n = d^alpha samples; not an integer")
      ->required()
      ->check(finite_range(0.01, 20.0));
  cmd->add_option("--energies", opt->energies, "E_0,E_1,...: the target's energy F_k^2 = ||P_k f_*||^2 per degree")
      ->required();
  cmd->add_option("--noise", opt->noise, "noise variance sigma^2")->capture_default_str();
  cmd->add_option("--beta-min", opt->beta_min, "first time exponent of the grid, t = d^beta")->capture_default_str()
      ->check(finite_range(-10.0, 40.0));
  cmd->add_option("--beta-max", opt->beta_max, "last time exponent (default floor(alpha) + 2.5)")
      ->check(finite_range(-10.0, 40.0));
  cmd->add_option("--grid", opt->grid, "number of beta values")->capture_default_str()->check(whole_range(1, 100000));
  cmd->add_option("--convention", opt->convention,
                  "half: gradient flow on (1/2)E(y-f)^2 (default); plain: on E(y-f)^2, i.e. t -> 2t")->capture_default_str()
      ->check(CLI::IsMember({"half", "plain"}));
  opt->output.add_to(*cmd);
  cmd->callback([opt, &provenance] {
    theory::SymbolicKernel h(parse_kernel(opt->kernel));
    theory::StageInput in;
    in.alpha = opt->alpha;
    for (const auto& e : parse_nonnegative_list(opt->energies, "--energies"))
      in.energies.push_back(theory::exact_decimal(e));
    const auto noise = parse_nonnegative_list(opt->noise, "--noise");
    if (noise.size() != 1) throw usage_error("--noise takes one variance, e.g. --noise 0.5");
    in.noise = theory::exact_decimal(noise[0]);
    in.convention =
        opt->convention == "plain" ? theory::TimeConvention::squared : theory::TimeConvention::half_squared;
    const double beta_max = opt->beta_max.value_or(std::floor(opt->alpha) + 2.5);
    if (beta_max < opt->beta_min)
      throw usage_error("--beta-max " + number_text(beta_max) + " is below --beta-min; the grid runs upwards");

    StageReport r{opt->kernel, theory::stage_curves(h, in), {}, theory::to_double(in.noise)};
    warn_integer_alpha(opt->alpha);
    // The degrees simulate checks: the target's, ell + 1, and 4 more.
    warn_negative_coefficients(
        h, std::max(static_cast<int>(in.energies.size()) - 1, static_cast<int>(std::floor(opt->alpha)) + 1) + 4);
    r.grid = theory::stage_grid(r.curves, opt->beta_min, beta_max, opt->grid);
    opt->output.emit({[&] { return stages_table(r); }, [&] { return stages_csv(r, provenance); },
                      [&] { return stages_json(r); }, [&] { return stages_latex(r, provenance); }},
                     provenance);
  });
}

}  // namespace tristage::cli
