// tristage coeffs: Gegenbauer coefficients, their limits and 1/d expansions, and the effective ridge.
#include <cmath>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "compare/coeff_quadrature.hpp"
#include "compare/coeff_writer.hpp"
#include "core/error.hpp"
#include "core/number_text.hpp"

namespace tristage::cli {

namespace {

// At a numeric d a negative xi_{d,k} (beyond its error) is what simulate refuses; otherwise, and at symbolic d, a
// negative Taylor coefficient is what makes the kernel indefinite for large d.
void warn_indefinite(const theory::CoefficientReport& r, const theory::SymbolicKernel& h) {
  for (const auto& row : r.rows) {
    if (!row.xi || row.xi->status == theory::XiValue::Status::needs_quadrature) continue;
    if (row.xi->value < -std::abs(row.xi->error_bound)) {
      std::cerr << "tristage: warning: kernel '" << shown_text(r.kernel) << "' is indefinite at d = " << *r.d
                << ": xi_{d," << row.k << "} = " << number_text(row.xi->value) << " < 0 (degree " << row.k
                << "); gradient flow on it diverges in that degree, and simulate and verify refuse it\n";
      return;
    }
  }
  warn_negative_coefficients(h, r.kmax);
}

struct CoeffsOptions {
  std::string kernel, d;
  int kmax = 8, order = 4;
  double tol = 1e-13;
  bool series_only = false;
  OutputOptions output;
};
}  // namespace

void add_coeffs(CLI::App& app, const Provenance& provenance) {
  auto opt = std::make_shared<CoeffsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "coeffs", "Gegenbauer coefficients xi_{d,k} of a kernel, exact or with a proven error bound; B(d,k), mu_k, "
                "1/d expansions, and the effective ridge kappa_d(l)");
  cmd->add_option("--kernel", opt->kernel, "the kernel h: " + kernel_forms())->required();
  cmd->add_option("--d", opt->d, "dimension: a whole number >= 3, or 'symbolic' for exact functions of d")
      ->required();
  cmd->add_option("--kmax", opt->kmax, "largest degree k")->capture_default_str()->check(whole_range(0, 200));
  cmd->add_option("--order", opt->order, "order J of the 1/d expansions")->capture_default_str()->check(whole_range(0, 40));
  cmd->add_option("--tol", opt->tol, "relative accuracy of xi at numeric d (series with a proven tail bound)")->capture_default_str()
      ->check(finite_range(1e-15, 1e-2));
  cmd->add_flag("--series-only", opt->series_only,
                "do not fill values the series cannot bound by quadrature (they stay 'needs-quadrature')");
  opt->output.add_to(*cmd);
  cmd->callback([opt, &provenance] {
    const std::optional<long> d = parse_dimension(opt->d);
    theory::SymbolicKernel h(parse_kernel(opt->kernel));
    theory::XiOptions xo;
    xo.rel_tol = opt->tol;
    auto report = theory::coefficient_report(h, d, opt->kmax, opt->order, xo);
    if (!opt->series_only) fill_by_quadrature(report, h.spec(), std::max(opt->tol, 1e-13));
    warn_indefinite(report, h);
    opt->output.emit({[&] { return coeffs_table(report); }, [&] { return coeffs_csv(report); },
                      [&] { return coeffs_json(report); }, [&] { return coeffs_latex(report, provenance); },
                      [&] { return coeffs_table(report, true); }},
                     provenance);
  });
}

}  // namespace tristage::cli
