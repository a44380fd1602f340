#pragma once
// Everything `tristage verify` leaves in its output folder: curves per kernel and d (CSV), summary.json, LaTeX
// tables (booktabs; fragments and a document that compiles), figures (PNG and PDF), and report.md listing them.
#include "compare/provenance.hpp"
#include "compare/verify.hpp"
#include "core/output_folder.hpp"

namespace tristage {

void write_verify_report(const VerifyResult& r, const OutputFolder& out, const Provenance& p);

// The LaTeX fragments, also used by `tristage table`.
std::string spectrum_table_latex(const KernelSweep& k);     // xi_{d,k} and kappa_d(ell) at every d of the sweep
std::string stage_limits_table_latex(const KernelSweep& k); // the limiting values per stage piece
std::string convergence_table_latex(const VerifyResult& r); // claims x d: distances, rate, verdict

}  // namespace tristage
