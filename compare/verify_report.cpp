#include "compare/verify_report.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compare/curves_figure.hpp"
#include "compare/latex_number.hpp"
#include "compare/latex_table.hpp"
#include "compare/pgfplots.hpp"
#include "compare/plot.hpp"
#include "compare/stage_writer.hpp"
#include "compare/text_table.hpp"
#include "theory/format.hpp"

namespace tristage {
using nlohmann::json;

namespace {

// A kernel as a file name: letters and digits, one '-' for each run of anything else, none at the ends, at most 40
// characters ("1 + 3*(exp(u) - 1 - u)" -> "1-3-exp-u-1-u", "poly:3" -> "poly-3").
std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  if (out.size() > 40) out.resize(40);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "kernel" : out;
}
std::string stem(const KernelSweep& k, long d) { return slug(k.kernel) + "-d" + std::to_string(d); }

std::string short_number(double x) { return latex_number(x, 3); }  // 3 digits: distances and rates
std::string latex_text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '&' || c == '%' || c == '#' || c == '$' || c == '{' || c == '}') out += '\\';
    if (c == '^') {
      out += "\\^{}";
      continue;
    }
    out += c;
  }
  return out;
}

std::string curves_csv(const KernelSweep& k, const DimensionResult& dr, double noise) {
  const auto& o = dr.output;
  TextTable t;
  t.header = {"t", "beta", "train", "test", "oracle", "train_se", "test_se", "predicted_train",
              "predicted_test", "predicted_oracle", "limit_train", "limit_test",
              "limit_oracle"};
  for (size_t j = 0; j < k.beta.size(); ++j) {
    const auto p = theory::stage_point(k.limits, k.beta[j]);
    const auto& q = o.predicted;
    auto at = [](const std::vector<double>& v, size_t i) { return i < v.size() ? v[i] : std::nan(""); };
    t.rows.push_back({format_number(o.t[j], 17), format_number(k.beta[j], 17), format_number(o.train.mean[j], 17),
                      format_number(o.test.mean[j] + noise, 17), format_number(o.oracle[j] + noise, 17),
                      format_number(o.train.standard_error[j], 17), format_number(o.test.standard_error[j], 17),
                      format_number(at(q.train, j), 17), format_number(at(q.test, j) + noise, 17),
                      format_number(o.oracle[j] + noise, 17),
                      format_number(p.train, 17), format_number(p.test + noise, 17),
                      format_number(p.oracle + noise, 17)});
  }
  return t.csv();
}

Figure curves_figure(const KernelSweep& k, const DimensionResult& dr, double noise) {
  return tristage::curves_figure(k.kernel, dr.d, dr.n, k.beta, dr.output, noise, &k.limits);
}

Figure convergence_figure(const KernelSweep& k) {
  Figure f;
  f.title = k.kernel + ": distance to the d → ∞ limit";
  f.xlabel = "d";
  f.ylabel = "distance";
  f.latex_title = "\\texttt{" + latex_text_of(k.kernel) + "}: distance to the $d \\to \\infty$ limit";
  f.latex_xlabel = "$d$";
  f.log_x = f.log_y = true;
  for (const auto& c : k.claims) {
    if (!c.applicable) continue;
    Series s{c.name, {}, {}, {}, false}, e{c.name + " (equivalent)", {}, {}, {}, true};
    for (const auto& p : c.points) {
      s.x.push_back(double(p.d));
      s.y.push_back(p.to_limit);
    }
    for (const auto& p : c.far) {
      e.x.push_back(double(p.d));
      e.y.push_back(p.to_limit);
    }
    f.series.push_back(s);
    if (!e.x.empty()) f.series.push_back(e);
  }
  return f;
}

}  // namespace

std::string spectrum_table_latex(const KernelSweep& k) {
  const int K = std::min<int>(4, k.dims.front().output.spectrum.kmax());
  std::vector<LatexColumn> columns{{"$d$", "", 'r'}, {"$n$", "", 'r'}};
  for (int j = 0; j <= K; ++j) columns.push_back({"$\\xi_{d," + std::to_string(j) + "}$"});
  columns.push_back({"$\\kappa_d(" + std::to_string(k.limits.ell) + ")$"});
  LatexTable table(columns);
  for (const auto& dr : k.dims) {
    const auto& s = dr.output.spectrum;
    std::vector<LatexCell> row{std::to_string(dr.d), std::to_string(dr.n)};
    for (int j = 0; j <= K; ++j) row.emplace_back(format_number(s.xi[j], 6));
    row.emplace_back(format_number(s.kappa(k.limits.ell), 6));
    table.add_row(row);
  }
  table.add_midrule();
  table.add_row({"$\\infty$", "", {"$d^k\\xi_{d,k} \\to \\mu_k$", K + 1}, theory::exact_latex(k.limits.kappa)});
  return table.str();
}

// A number of summary.json: JSON has no NaN or infinity, so those read back as null (one seed: no quantile; a curve
// exact at 0: no z), shown as a dash.
double number_of(const nlohmann::json& v) { return v.is_number() ? v.get<double>() : std::nan(""); }

// A claim's power as summary.json holds it: null when no shift of that sign is ever rejected (a limit of 0).
namespace {

std::string power(const nlohmann::json& p, const char* sign, bool latex) {
  if (p.is_null()) return "--";
  const std::string x = std::string(sign) + (latex ? short_number(100 * number_of(p)) : format_number(100 * number_of(p), 3));
  return latex ? "$" + x + "\\%$" : x + "%";
}

// The rows of the convergence table, in LaTeX (math in $...$) or as plain text for Markdown.
std::vector<std::vector<std::string>> convergence_rows(const nlohmann::json& summary, bool latex) {
  auto math = [latex](const std::string& x) { return latex ? "$" + x + "$" : x; };
  auto number = [latex](double x) { return latex ? short_number(x) : format_number(x, 3); };
  std::vector<std::vector<std::string>> rows;
  for (const auto& k : summary.at("kernels"))
    for (const auto& c : k.at("claims")) {
      const std::string kernel = k.at("kernel").get<std::string>(), claim = c.at("claim").get<std::string>();
      std::vector<std::string> row{latex ? "\\texttt{" + latex_text(kernel) + "}" : kernel, latex ? latex_text(claim) : claim};
      if (!c.at("applicable").get<bool>()) {
        rows.push_back({row[0], row[1], latex ? "\\multicolumn{4}{l}{}" : "", "", "", "", "not applicable"});
        if (latex) rows.back().erase(rows.back().begin() + 3, rows.back().begin() + 6);
        continue;
      }
      double z = 0;
      bool simulated = false;
      for (const auto& v : c.at("curves")) {
        z = std::max(z, number_of(v.at("worst_z")));
        simulated = simulated || v.at("simulated").get<bool>();
      }
      const auto& far = c.at("far");
      const std::string to_limit = far.empty() ? std::string("") : number(number_of(far.back().at("to_limit")));
      const std::string at = std::to_string(far.empty() ? 0 : far.back().at("d").get<long>());
      row.push_back(simulated ? math(number(z) + " / " + number(number_of(c.at("quantile")))) : "exact");
      row.push_back(latex ? "$" + to_limit + "$ at $d = " + at + "$" : to_limit + " at d = " + at);
      row.push_back(latex ? "$d^{" + format_number(number_of(c.at("rate")), 2) + "}$"
                          : "d^" + format_number(number_of(c.at("rate")), 2));
      row.push_back(power(c.at("power_up"), "+", latex) + ", " + power(c.at("power_down"), "-", latex));
      row.push_back(c.at("verified").get<bool>() ? "verified" : latex ? "\\textbf{not verified}" : "**not verified**");
      rows.push_back(row);
    }
  return rows;
}

}  // namespace

std::string convergence_table_latex(const nlohmann::json& summary) {
  std::ostringstream o;
  o << "\\begin{tabular}{llllrll}\n\\toprule\nkernel & claim & step 1: worst $z$ / allowed & step 2: distance & rate & "
       "power & verdict \\\\\n\\midrule\n";
  for (const auto& row : convergence_rows(summary, true)) {
    for (size_t c = 0; c < row.size(); ++c) o << (c ? " & " : "") << row[c];
    o << " \\\\\n";
  }
  o << "\\bottomrule\n\\end{tabular}\n";
  return o.str();
}

std::string convergence_table_markdown(const nlohmann::json& summary) {
  TextTable t;
  t.header = {"kernel", "claim", "step 1: worst z / allowed", "step 2: distance", "rate", "power", "verdict"};
  t.rows = convergence_rows(summary, false);
  return t.markdown();
}

void write_verify_report(const VerifyResult& r, const OutputFolder& out, const Provenance& p) {
  const Experiment& e = r.experiment;
  json summary;
  summary["tristage"] = p.json();
  summary["experiment"] = {{"name", e.name},   {"origin", e.origin}, {"kernels", e.kernels}, {"alpha", e.alpha}, {"c", e.c},
                           {"d", e.dims},      {"seeds", e.seeds},   {"seed", e.seed},       {"energies", e.energies},
                           {"noise", e.noise}, {"method", e.method}, {"convention", e.convention},
                           {"toml", e.source}};
  summary["seconds"] = r.seconds;  // this run's wall time; per d, "seconds" is compute time (docs/verify.md)
  // How much a resumed run took from its checkpoint: with the version, command and times, all that differs from an
  // uninterrupted run of the same experiment.
  summary["replicates"] = {{"computed", r.replicates_computed}, {"reused", r.replicates_reused}};
  summary["all_verified"] = r.all_verified();
  summary["claims_applicable"] = r.applicable();
  summary["claims_verified"] = r.verified();
  summary["claims_not_applicable"] = r.not_applicable();
  std::ostringstream tables, files, comparison;
  const auto figures = out.subfolder("figures");
  json kernels = json::array();
  for (const auto& k : r.kernels) {
    json kj;
    kj["kernel"] = k.kernel;
    kj["limits"] = {{"ell", k.limits.ell},
                    {"kappa", theory::to_double(k.limits.kappa)},
                    {"kappa_exact", theory::exact_text(k.limits.kappa)},
                    {"stage3_start", std::isinf(k.limits.boundary_23) ? json(nullptr) : json(k.limits.boundary_23)}};
    json dims = json::array();
    std::vector<Figure> panels;
    for (const auto& dr : k.dims) {
      const std::string name = stem(k, dr.d);
      out.write("curves/" + name + ".csv", curves_csv(k, dr, e.noise));
      files << "- `curves/" << name << ".csv`: train, test, oracle (total), their standard errors, the finite-d "
            << "predictions and the limits, on the beta grid\n";
      const Figure f = curves_figure(k, dr, e.noise);
      write_figure(f, figures / name);
      panels.push_back(f);
      json xi = json::array();
      for (int j = 0; j <= dr.output.spectrum.kmax(); ++j) xi.push_back(dr.output.spectrum.xi[j]);
      dims.push_back({{"d", dr.d}, {"n", dr.n}, {"seconds", dr.seconds}, {"xi", xi},
                      {"kappa_d", dr.output.spectrum.kappa(k.limits.ell)}});
    }
    if (panels.size() > 1 && panels.size() <= 4) write_panels(panels, k.kernel, figures / (slug(k.kernel) + "-all-d"));
    write_figure(convergence_figure(k), figures / (slug(k.kernel) + "-convergence"));
    files << "- `figures/" << slug(k.kernel) << "-d*.png|pdf`: the three curves against beta, stages shaded, the "
          << "limits dashed; `figures/" << slug(k.kernel) << "-convergence.png|pdf`: each claim's distance to the "
          << "limit against d\n";
    kj["dims"] = dims;
    json claims = json::array();
    for (const auto& c : k.claims) {
      json points = json::array(), far = json::array(), curves = json::array();
      for (const auto& pt : c.points)
        points.push_back({{"d", pt.d}, {"to_limit", pt.to_limit}, {"worst_z", pt.worst_z}, {"agrees", pt.agrees}});
      for (const auto& f : c.far) far.push_back({{"d", f.d}, {"to_limit", f.to_limit}});
      auto finite = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
      for (const auto& v : c.curves)
        curves.push_back({{"curve", v.curve}, {"simulated", v.simulated}, {"agrees", v.agrees},
                          {"worst_z", v.worst_z}, {"worst_d", v.worst_d}, {"converges", v.converges},
                          {"extrapolation_off", v.extrapolation_off}, {"distance_far", v.distance_far},
                          {"power_up", finite(v.power_up)}, {"power_down", finite(v.power_down)}});
      json cj = {{"claim", c.name}, {"statement", c.statement}, {"applicable", c.applicable}};
      if (!c.applicable) {
        cj["not_applicable"] = c.not_applicable;
      } else {
        cj.update({{"verified", c.verified}, {"agrees", c.agrees}, {"converges", c.converges}, {"reason", c.reason},
                   {"shift", c.shift}, {"quantile", c.q}, {"rate", c.rate}, {"power_up", finite(c.power_up)},
                   {"power_down", finite(c.power_down)}, {"points", points}, {"far", far}, {"curves", curves}});
      }
      claims.push_back(cj);
    }
    kj["claims"] = claims;
    kernels.push_back(kj);
    out.write("tables/spectrum-" + slug(k.kernel) + ".tex", spectrum_table_latex(k));
    out.write("tables/stages-" + slug(k.kernel) + ".tex", stage_pieces_table(k.limits));
    tables << "\\section*{Kernel \\texttt{" << latex_text(k.kernel) << "}}\n\\input{tables/spectrum-" << slug(k.kernel)
           << ".tex}\n\n\\bigskip\n\\input{tables/stages-" << slug(k.kernel) << ".tex}\n\n";
  }
  summary["kernels"] = kernels;
  if (r.kernels.size() == 2) {
    // THEORY.md 7: the pair side by side, at every d, with what a reader compares: kappa, the time to interpolate,
    // and the test error at matched times.
    const auto& a = r.kernels[0];
    const auto& b = r.kernels[1];
    std::ostringstream cmp;
    cmp << "\n## Two kernels\n\n| d | kernel | kappa_d(ell) | first t with train <= 10% of train(0) | test at beta = "
           "alpha | test at the last beta |\n|---|---|---|---|---|---|\n";
    json pairs = json::array();
    for (size_t i = 0; i < a.dims.size() && i < b.dims.size(); ++i) {
      write_panels({curves_figure(a, a.dims[i], e.noise), curves_figure(b, b.dims[i], e.noise)},
                   "two kernels, d = " + std::to_string(a.dims[i].d), figures / ("kernels-d" + std::to_string(a.dims[i].d)));
      for (const KernelSweep* k : {&a, &b}) {
        const auto& o = k->dims[i].output;
        const size_t T = k->beta.size();
        double t_fit = std::nan("");
        for (size_t j = 0; j < T; ++j)
          if (o.train.mean[j] <= 0.1 * o.train.mean[0]) {
            t_fit = o.t[j];
            break;
          }
        size_t at_alpha = 0;
        for (size_t j = 0; j < T; ++j)
          if (std::abs(k->beta[j] - e.alpha) < std::abs(k->beta[at_alpha] - e.alpha)) at_alpha = j;
        const double kappa = o.spectrum.kappa(k->limits.ell);
        cmp << "| " << k->dims[i].d << " | `" << k->kernel << "` | " << format_number(kappa, 4) << " | "
            << format_number(t_fit, 4) << " | " << format_number(o.test.mean[at_alpha] + e.noise, 4) << " | "
            << format_number(o.test.mean[T - 1] + e.noise, 4) << " |\n";
        pairs.push_back({{"d", k->dims[i].d}, {"kernel", k->kernel}, {"kappa_d", kappa},
                         {"time_to_train_10_percent", std::isfinite(t_fit) ? json(t_fit) : json(nullptr)},
                         {"test_at_alpha", o.test.mean[at_alpha] + e.noise},
                         {"test_at_last_beta", o.test.mean[T - 1] + e.noise}});
      }
    }
    summary["two_kernels"] = pairs;
    files << "- `figures/kernels-d*.png|pdf`: the two kernels side by side at each d\n";
    comparison << cmp.str();
  }
  out.write("summary.json", summary.dump(2) + "\n");
  out.write("tables/convergence.tex", convergence_table_latex(summary));
  out.write("tables.tex", "% " + p.comment("").substr(1) +
                              "\\documentclass{article}\n\\usepackage[margin=1.5cm,landscape]{geometry}\n"
                              "\\usepackage{amsmath}\n\\usepackage{booktabs}\n\\begin{document}\n\\small\n" +
                              tables.str() + "\\section*{Convergence}\n\\input{tables/convergence.tex}\n\\end{document}\n");
  std::ostringstream report;
  report << "# tristage verify: " << e.name << "\n\n" << (r.all_verified() ? "Verified: " : "NOT verified: ") << r.summary_line() << "."
         << " " << e.kernels.size() << " kernel(s), d in {";
  for (size_t i = 0; i < e.dims.size(); ++i) report << (i ? ", " : "") << e.dims[i];
  report << "}, alpha = " << e.alpha << ", " << e.seeds << " seeds (seed " << e.seed << "), " << format_number(r.seconds, 3)
         << " s. Version and command: `summary.json`.\n\n```\n" << verdict_table(r) << "```\n\n## Claims\n\n";
  for (const auto& k : r.kernels)
    for (const auto& c : k.claims)
      report << "- **" << k.kernel << ", " << c.name << "** (" << c.statement << "): "
             << (!c.applicable ? "not applicable" : c.verified ? "verified" : "NOT verified") << "; " << c.reason
             << "\n";
  report << "\n## Files\n\n- `summary.json`: the experiment (with its TOML), the limits, the spectrum at every d, every "
            "claim's two steps per d (agreement with the equivalent, distance to the limit), rates, power and verdicts\n"
         << files.str()
         << "- `tables/*.tex`: booktabs fragments (spectrum, stage limits per kernel; convergence); `tables.tex` "
            "compiles them into one document (pdflatex tables.tex)\n"
         << comparison.str();
  out.write("report.md", report.str());
}

}  // namespace tristage
