#include "compare/pgfplots.hpp"

#include <cmath>
#include <sstream>

#include "compare/text_table.hpp"

namespace tristage {

namespace {

const char* const kColours[] = {"blue!70!black", "red!75!black", "green!50!black", "orange!90!black",
                                "violet!80!black", "cyan!60!black", "brown!80!black", "gray!80!black"};
const char* const kBandFills[] = {"blue!8", "orange!10", "green!8", "red!8"};

bool usable(double v, bool log_axis) { return std::isfinite(v) && (!log_axis || v > 0); }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

}  // namespace

std::string latex_text_of(const std::string& plain) {
  std::string out;
  for (char c : plain) {
    switch (c) {
      case '_': out += "\\_"; break;
      case '%': out += "\\%"; break;
      case '&': out += "\\&"; break;
      case '#': out += "\\#"; break;
      case '$': out += "\\$"; break;
      case '{': out += "\\{"; break;
      case '}': out += "\\}"; break;
      case '^': out += "\\^{}"; break;
      case '~': out += "\\~{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      default: out += c;
    }
  }
  out = replace_all(out, "d -> infinity", "$d \\to \\infty$");
  out = replace_all(out, "d -> inf", "$d \\to \\infty$");
  // The plain labels' UTF-8 symbols (cairo draws them; pdflatex's default fonts do not have them).
  out = replace_all(out, "d → ∞", "$d \\to \\infty$");
  out = replace_all(out, "→", "$\\to$");
  out = replace_all(out, "∞", "$\\infty$");
  out = replace_all(out, "β", "$\\beta$");
  out = replace_all(out, "σ²", "$\\sigma^2$");
  return out;
}

namespace {

// The panels: a one-column tabular (the title, then two tikzpictures a row), so that its size is the figure's.
std::string figure_body(const std::vector<Figure>& panels, const std::string& title) {
  std::ostringstream o;
  o << "\\begin{tabular}{@{}c@{}}\n";
  if (panels.size() > 1) o << "{\\large " << latex_text_of(title) << "}\\\\[6pt]\n";
  for (size_t p = 0; p < panels.size(); ++p) {
    const Figure& f = panels[p];
    auto pick = [](const std::string& latex, const std::string& plain) {
      return latex.empty() ? latex_text_of(plain) : latex;
    };
    o << "\\begin{tikzpicture}\n\\begin{axis}[\n"
      << "  width=" << (panels.size() > 1 ? "8.5cm" : "12cm") << ", height=" << (panels.size() > 1 ? "7cm" : "8cm")
      << ",\n  title={" << pick(f.latex_title, f.title) << "},\n  xlabel={" << pick(f.latex_xlabel, f.xlabel)
      << "}, ylabel={" << pick(f.latex_ylabel, f.ylabel) << "},\n"
      << (f.log_x ? "  xmode=log, log basis x=10,\n" : "") << (f.log_y ? "  ymode=log, log basis y=10,\n" : "");
    if (std::isfinite(f.ymin) && std::isfinite(f.ymax) && f.ymin < f.ymax)
      o << "  ymin=" << format_number(f.ymin, 8) << ", ymax=" << format_number(f.ymax, 8) << ",\n";
    o << "  grid=major, grid style={gray!25},\n  legend pos=outer north east, legend cell align=left,\n"
      << "  legend style={font=\\small}, every axis plot/.append style={thick},\n]\n";
    int band = 0;
    for (const Band& b : f.bands) {
      if (!std::isfinite(b.from) || !std::isfinite(b.to)) continue;
      const double mid = f.log_x ? std::sqrt(b.from * b.to) : 0.5 * (b.from + b.to);
      o << "\\path[fill=" << kBandFills[band++ % 4] << "] ({axis cs:" << format_number(b.from, 10)
        << ",1} |- {rel axis cs:0,0}) rectangle ({axis cs:" << format_number(b.to, 10) << ",1} |- {rel axis cs:0,1});\n"
        << "\\node[anchor=south, font=\\scriptsize] at ({axis cs:" << format_number(mid, 10)
        << ",1} |- {rel axis cs:0,1}) {" << latex_text_of(b.label) << "};\n";
    }
    for (size_t i = 0; i < f.series.size(); ++i) {
      const Series& s = f.series[i];
      const bool bars = !s.err.empty();
      std::ostringstream rows;
      size_t count = 0;
      for (size_t j = 0; j < s.x.size(); ++j) {
        if (!usable(s.x[j], f.log_x) || !usable(s.y[j], f.log_y)) continue;
        rows << "  " << format_number(s.x[j], 12) << " " << format_number(s.y[j], 12);
        if (bars) rows << " " << format_number(std::isfinite(s.err[j]) ? std::fabs(s.err[j]) : 0.0, 6);
        rows << "\n";
        ++count;
      }
      if (count == 0) continue;
      const std::string colour = kColours[colour_owner(f, i) % 8];
      o << "\\addplot[color=" << colour << (!s.dashed  ? ", mark=*, mark size=1.2pt"
                                           : dotted(s) ? ", densely dotted, no markers"
                                                       : ", dashed, no markers")
        << (bars ? ", error bars/.cd, y dir=both, y explicit" : "") << "]\n  table[row sep=newline"
        << (bars ? ", y error index=2" : "") << "] {\n  x y" << (bars ? " err" : "") << "\n"
        << rows.str() << "};\n\\addlegendentry{{" << (s.latex_label.empty() ? latex_text_of(s.label) : s.latex_label)
        << "}}\n";  // braced twice: a comma in the entry would split pgfplots' list of entries
    }
    o << "\\end{axis}\n\\end{tikzpicture}" << (p + 1 < panels.size() ? (p % 2 == 1 ? "\\\\[12pt]\n" : "\\quad\n") : "\n");
  }
  o << "\\end{tabular}\n";
  return o.str();
}

}  // namespace

std::string pgfplots_document(const std::vector<Figure>& panels, const std::string& title, PgfplotsPage page) {
  std::ostringstream o;
  o << "% tristage figure: " << replace_all(title, "\n", " ") << "\n";
  if (page == PgfplotsPage::article) {
    o << "% Compiles on its own (pdflatex); in a paper, \\usepackage{pgfplots} and copy a tikzpicture.\n"
      << "\\documentclass{article}\n\\usepackage[margin=1cm,landscape]{geometry}\n\\usepackage{pgfplots}\n"
      << "\\pgfplotsset{compat=1.16}\n\\pagestyle{empty}\n\\begin{document}\n\\begin{center}\n"
      << figure_body(panels, title) << "\\end{center}\n\\end{document}\n";
    return o.str();
  }
  // pdfTeX only: the figure set in a box, the page made its size (and a 4pt margin), the box shipped out as the page.
  o << "\\documentclass{article}\n\\usepackage{pgfplots}\n\\pgfplotsset{compat=1.16}\n\\begin{document}\n"
    << "\\setbox0=\\hbox{%\n" << figure_body(panels, title) << "}\n"
    << "\\pdfpagewidth=\\dimexpr\\wd0+8pt\\relax\n\\pdfpageheight=\\dimexpr\\ht0+\\dp0+8pt\\relax\n"
    << "\\pdfhorigin=4pt\n\\pdfvorigin=4pt\n\\shipout\\box0\n\\end{document}\n";
  return o.str();
}

}  // namespace tristage
