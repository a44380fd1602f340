// tristage theory: the limiting three-stage curves for n = d^alpha, with their formulas; at a finite d the
// deterministic equivalent beside them (--d); at an integer alpha the limits with n = c d^ell (--c).
#include <cmath>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compare/equivalent_writer.hpp"
#include "compare/finite_theory.hpp"
#include "compare/integer_alpha_writer.hpp"
#include "compare/stage_input.hpp"
#include "compare/stage_writer.hpp"
#include "core/decimal_list.hpp"
#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/number_text.hpp"
#include "theory/format.hpp"

namespace tristage::cli {

namespace {

struct TheoryOptions {
  std::string kernel, energies, noise = "0", convention = "half", method = "flow", ridge, c;
  std::optional<double> alpha, beta_max;
  std::optional<long> d, n;
  double beta_min = 0, eta = 0, tol = 1e-9, gamma_min = 0.01, gamma_max = 100;
  int grid = 121;
  OutputOptions output;
};

// --ridge 0,1e-3,0.1: lambdas >= 0.
std::vector<double> ridge_list(const std::string& text) {
  std::vector<double> out;
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    Decimal value;
    try {
      value = parse_decimal(item);
    } catch (const Error&) {
      throw usage_error("--ridge: '" + shown_text(item) + "' is not a number; write lambdas >= 0 such as 0,1e-3,0.1");
    }
    if (value.digits.starts_with("-") && value.digits != "-0")
      throw usage_error("--ridge: '" + shown_text(item) + "' is negative; a ridge lambda is >= 0");
    out.push_back(std::abs(std::strtod(item.c_str(), nullptr)));
    if (comma == std::string::npos || out.size() > 1000) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace

void add_theory(CLI::App& app, const Provenance& provenance) {
  auto opt = std::make_shared<TheoryOptions>();
  CLI::App* cmd = app.add_subcommand(
      "theory", "limiting train, test and oracle curves of the three stages for n = d^alpha, t = d^beta, with the "
                "stage boundaries and their formulas; --d D: the deterministic equivalent at that finite d beside them; "
                "--c C: the limits at an integer alpha with n = c d^alpha");
  cmd->add_option("--kernel", opt->kernel, "the kernel h: " + kernel_forms())->required();
  cmd->add_option("--alpha", opt->alpha, "n = d^alpha samples (with --c: an integer, n = c d^alpha)")
      ->check(finite_range(0.01, 20.0));
  cmd->add_option("--energies", opt->energies, "E_0,E_1,...: the target's energy F_k^2 = ||P_k f_*||^2 per degree")
      ->required();
  cmd->add_option("--noise", opt->noise, "noise variance sigma^2")->capture_default_str();
  cmd->add_option("--beta-min", opt->beta_min, "first time exponent of the grid, t = d^beta")->capture_default_str()
      ->check(finite_range(-10.0, 40.0));
  cmd->add_option("--beta-max", opt->beta_max, "last time exponent (default floor(alpha) + 2.5)")
      ->check(finite_range(-10.0, 40.0));
  cmd->add_option("--grid", opt->grid, "number of beta (or gamma) values")->capture_default_str()
      ->check(whole_range(1, 100000));
  cmd->add_option("--convention", opt->convention,
                  "half: gradient flow on (1/2)E(y-f)^2 (default); plain: on E(y-f)^2, i.e. t -> 2t")->capture_default_str()
      ->transform(CLI::IsMember({"half", "plain"}, CLI::ignore_case));
  auto* d = cmd->add_option("--d", opt->d, "a finite dimension: the deterministic equivalent at (n, d) (THEORY.md 9)")
                ->check(CLI::Range(3L, 1000000L));
  cmd->add_option("--n", opt->n, "with --d: the number of samples, instead of --alpha")
      ->check(CLI::Range(1L, 1000000000000L))
      ->needs(d);
  cmd->add_option("--ridge", opt->ridge, "with --d: ridge regression at these lambdas >= 0 (comma-separated) instead "
                                          "of the flow")
      ->needs(d);
  cmd->add_option("--method", opt->method, "with --d: flow (gradient flow) or gd (gradient descent, --eta)")
      ->capture_default_str()
      ->transform(CLI::IsMember({"flow", "gd"}, CLI::ignore_case))
      ->needs(d);
  cmd->add_option("--eta", opt->eta, "with --method gd: the step (default n / lambda_max, half the stability bound)")
      ->check(finite_range(0.0, 1e12));
  cmd->add_option("--tol", opt->tol, "with --d: the largest accepted error estimate of the equivalent, relative to "
                                      "sum E_k + sigma^2")
      ->capture_default_str()
      ->check(finite_range(1e-14, 1e-2));
  auto* c = cmd->add_option("--c", opt->c, "with an integer --alpha: the limits with n = c d^alpha (THEORY.md 10), on "
                                           "a grid of gamma = t/n")
                ->excludes(d);
  cmd->add_option("--gamma-min", opt->gamma_min, "with --c: first gamma = t/n of the grid")->capture_default_str()
      ->check(finite_range(1e-8, 1e8))
      ->needs(c);
  cmd->add_option("--gamma-max", opt->gamma_max, "with --c: last gamma of the grid (a row at gamma = infinity follows)")
      ->capture_default_str()
      ->check(finite_range(1e-8, 1e8))
      ->needs(c);
  opt->output.add_to(*cmd);
  cmd->callback([opt, &provenance] {
    theory::SymbolicKernel h(parse_kernel(opt->kernel));
    theory::StageInput in = stage_input(opt->energies, opt->noise, opt->convention);

    if (opt->d) {
      if (opt->alpha.has_value() == opt->n.has_value())
        throw usage_error("--d takes the sample size as --alpha A (n = d^A) or --n N, one of them");
      FiniteTheorySpec spec;
      spec.d = *opt->d;
      spec.n = opt->n ? *opt->n : std::lround(std::pow(double(spec.d), *opt->alpha));
      if (spec.n < 1) throw usage_error("n = " + std::to_string(spec.n) + ": need at least one sample (raise --alpha)");
      if (opt->eta > 0 && opt->method != "gd") throw usage_error("--eta is the step of --method gd; add --method gd");
      spec.method = opt->method;
      spec.eta = opt->eta;
      if (!opt->ridge.empty()) spec.lambdas = ridge_list(opt->ridge);
      spec.beta_min = opt->beta_min;
      spec.beta_max = opt->beta_max;
      spec.points = opt->grid;
      spec.tolerance = opt->tol;
      const EquivalentReport r = finite_theory(opt->kernel, h, in, spec);
      opt->output.emit({[&] { return equivalent_table(r); }, [&] { return equivalent_csv(r); },
                        [&] { return equivalent_json(r); }, [&] { return equivalent_latex(r, provenance); },
                        [&] { return equivalent_table(r, true); }},
                       provenance);
      return;
    }
    if (!opt->alpha) throw usage_error("--alpha is required: give --alpha A (n = d^A), or --d D with --n N for a finite d");
    if (!opt->c.empty()) {
      const double ell = std::round(*opt->alpha);
      if (std::abs(*opt->alpha - ell) > 1e-9)
        throw usage_error("--c gives the limits at an integer alpha (n = c d^alpha); --alpha " +
                          number_text(*opt->alpha) + " is not one: drop --c, or give an integer");
      const auto c_text = parse_nonnegative_list(opt->c, "--c");
      if (c_text.size() != 1 || std::strtod(c_text[0].c_str(), nullptr) <= 0)
        throw usage_error("--c takes one number > 0, e.g. --c 0.5 (n = c d^alpha)");
      if (opt->gamma_max < opt->gamma_min) throw usage_error("--gamma-max is below --gamma-min; the grid runs upwards");
      const theory::IntegerAlphaLimit limit(
          h, {static_cast<int>(ell), theory::exact_decimal(c_text[0]), in.energies, in.noise, in.convention});
      const IntegerAlphaReport r =
          integer_alpha_report(opt->kernel, limit, opt->gamma_min, opt->gamma_max, opt->grid);
      opt->output.emit({[&] { return integer_alpha_table(r); }, [&] { return integer_alpha_csv(r); },
                        [&] { return integer_alpha_json(r); }, [&] { return integer_alpha_latex(r, provenance); },
                        [&] { return integer_alpha_table(r, true); }},
                       provenance);
      return;
    }
    in.alpha = *opt->alpha;
    const double beta_max = opt->beta_max.value_or(std::floor(in.alpha) + 2.5);
    if (beta_max < opt->beta_min)
      throw usage_error("--beta-max " + number_text(beta_max) + " is below --beta-min; the grid runs upwards");

    StageReport r{opt->kernel, theory::stage_curves(h, in), {}, theory::to_double(in.noise)};
    warn_integer_alpha(in.alpha);
    // The degrees simulate checks: the target's, ell + 1, and 4 more.
    warn_negative_coefficients(
        h, std::max(static_cast<int>(in.energies.size()) - 1, static_cast<int>(std::floor(in.alpha)) + 1) + 4);
    r.grid = theory::stage_grid(r.curves, opt->beta_min, beta_max, opt->grid);
    opt->output.emit({[&] { return stages_table(r); }, [&] { return stages_csv(r); },
                      [&] { return stages_json(r); }, [&] { return stages_latex(r, provenance); },
                      [&] { return stages_table(r, true); }},
                     provenance);
  });
}

}  // namespace tristage::cli
