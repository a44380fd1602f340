#pragma once
// Everything `tristage verify` leaves in its output folder: curves per kernel and d (CSV), summary.json, LaTeX
// tables (booktabs; fragments and a document that compiles), figures (PNG and PDF), and report.md listing them.
#include <nlohmann/json.hpp>

#include "compare/provenance.hpp"
#include "compare/verify.hpp"
#include "core/output_folder.hpp"

namespace tristage {

void write_verify_report(const VerifyResult& r, const OutputFolder& out, const Provenance& p);

// The LaTeX fragments (the stage limits are compare/stage_writer.hpp's stage_pieces_table).
std::string spectrum_table_latex(const KernelSweep& k);  // xi_{d,k} and kappa_d(ell) at every d of the sweep
// Claims x d: distances to the limit, rate, prediction against tolerance, verdict; from a summary.json, so that
// `tristage table convergence` can render a finished run.
std::string convergence_table_latex(const nlohmann::json& summary);
std::string convergence_table_markdown(const nlohmann::json& summary);  // the same as a Markdown pipe table

}  // namespace tristage
