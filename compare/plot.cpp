#include "compare/plot.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

#include "compare/pgfplots.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/run_program.hpp"

namespace tristage {
namespace {
namespace fs = std::filesystem;

thread_local std::string g_last_warnings;
PdfMaker g_pdf_maker = PdfMaker::gnuplot;

const char* const kMissing =
    "gnuplot is needed for figures: apt-get install gnuplot-nox (or bash scripts/setup.sh)";

// Colour-blind friendly series colours, taken in the order of the series (theory curves too: a theory curve
// is told from simulated data by its dashes, and from other curves by its colour).
const char* const kSeriesColours[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                      "#E69F00", "#56B4E9", "#7F3C8D", "#000000"};
constexpr int kColours = 8;
struct BandColour {
  const char* fill;
  const char* text;
};
const BandColour kBandColours[] = {{"#fdae6b", "#a63603"}, {"#9ecae1", "#08519c"}, {"#a1d99b", "#006d2c"},
                                   {"#bcbddc", "#54278f"}, {"#fa9fb5", "#ae017e"}, {"#d9d9d9", "#525252"}};
constexpr int kBandColourCount = 6;

// Shortest text that reads back as the same double.
std::string num(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Text on one line: control characters (newlines, tabs) become spaces.
std::string one_line(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  return out;
}

// A gnuplot single-quoted string: everything is literal except '' for a quote (backslashes stay backslashes).
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : one_line(s)) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

bool usable(double v, bool log_axis) { return std::isfinite(v) && (!log_axis || v > 0); }

// What the data file holds for one panel: the gnuplot index of each series (-1: no plottable point) and the
// x-range of the plotted points.
struct PanelData {
  std::vector<int> index;
  double xmin = 0, xmax = 0;
  bool has_data = false;
};

void check_sizes(const Series& s) {
  if (s.x.size() != s.y.size())
    throw usage_error("figure series '" + s.label + "' has " + std::to_string(s.x.size()) + " x values but " +
                      std::to_string(s.y.size()) + " y values; give one y per x");
  if (!s.err.empty() && s.err.size() != s.y.size())
    throw usage_error("figure series '" + s.label + "' has " + std::to_string(s.err.size()) +
                      " error bars for " + std::to_string(s.y.size()) + " points; give one per point or none");
}

// Appends the blocks of one panel's series to `dat`; `next_index` counts the blocks written so far.
PanelData append_data(const Figure& f, const std::string& panel_name, std::string& dat, int& next_index) {
  PanelData p;
  for (const Series& s : f.series) {
    check_sizes(s);
    const bool bars = !s.err.empty();
    std::string block;
    bool gap = false;
    std::size_t rows = 0;
    for (std::size_t i = 0; i < s.x.size(); ++i) {
      if (!usable(s.x[i], f.log_x) || !usable(s.y[i], f.log_y)) {
        gap = rows > 0;  // a single blank line breaks the curve; never two (that would start a new block)
        continue;
      }
      if (gap) block += '\n';
      gap = false;
      block += num(s.x[i]) + '\t' + num(s.y[i]);
      if (bars) block += '\t' + num(std::isfinite(s.err[i]) ? std::fabs(s.err[i]) : 0.0);
      block += '\n';
      if (!p.has_data) p.xmin = p.xmax = s.x[i];
      p.xmin = std::min(p.xmin, s.x[i]);
      p.xmax = std::max(p.xmax, s.x[i]);
      p.has_data = true;
      ++rows;
    }
    const std::string what = std::string(s.dashed ? "theory (dashed)" : "simulated") +
                             (bars ? ", with error bars" : "") + panel_name;
    if (rows == 0) {
      dat += "# (series " + quoted(s.label) + ", " + what + ": no plottable point, not drawn)\n";
      p.index.push_back(-1);
      continue;
    }
    if (next_index > 0) dat += "\n\n";
    dat += "# index " + std::to_string(next_index) + ": " + quoted(s.label) + ", " + what + "\n";
    dat += bars ? "# x\ty\terr\n" : "# x\ty\n";
    dat += block;
    p.index.push_back(next_index++);
  }
  return p;
}

// 2 x 10^5 as a reader writes it: plain digits from 0.01 to 10000, else with a UTF-8 superscript exponent.
std::string tic_label(double mantissa, int exponent) {
  if (exponent >= -2 && exponent <= 4) return num(mantissa * std::pow(10.0, exponent));
  static const char* const digits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  std::string power = exponent < 0 ? "⁻" : "";
  for (char c : std::to_string(std::abs(exponent))) power += digits[c - '0'];
  return (mantissa == 1 ? std::string() : num(mantissa) + "×") + "10" + power;
}

// Ticks a reader can read on a log axis over [lo, hi]: 1, 2, 5 times each power of ten within two decades, the
// powers of ten beyond; as a gnuplot list "(..., ...)".
std::string log_tics(double lo, double hi) {
  if (!(lo > 0) || !(hi > lo)) return "autofreq";
  const bool fine = hi / lo <= 100;
  std::string list;
  for (int e = static_cast<int>(std::floor(std::log10(lo))); e <= static_cast<int>(std::ceil(std::log10(hi))); ++e)
    for (double m : fine ? std::vector<double>{1, 2, 5} : std::vector<double>{1}) {
      const double v = m * std::pow(10.0, e);
      if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
      list += (list.empty() ? "(" : ", ") + quoted(tic_label(m, e)) + " " + num(v);
    }
  return list.empty() ? "autofreq" : list + ")";
}

// The gnuplot commands that set up one panel, and its plot command (`indent` prefixes each line).
struct PanelScript {
  std::string settings, plot;
};

PanelScript panel_script(const Figure& f, const PanelData& p, const std::string& indent, bool reset) {
  std::ostringstream o;
  auto line = [&](const std::string& s) { o << indent << s << '\n'; };
  if (reset) line("unset object; unset label; unset logscale; set autoscale");
  line("set title " + quoted(f.title) + " noenhanced offset 0,1");
  line("set tmargin 4  # room for the title and the stage labels");
  line("set xlabel " + quoted(f.xlabel) + " noenhanced");
  line("set ylabel " + quoted(f.ylabel) + " noenhanced");
  if (f.log_x) line("set logscale x");
  if (f.log_y) line("set logscale y");
  if (f.log_x && p.has_data) line("set xtics " + log_tics(p.xmin, p.xmax) + "; set mxtics default");
  double xmin = p.xmin, xmax = p.xmax;
  if (!p.has_data) {
    xmin = f.log_x ? 1 : 0;
    xmax = f.log_x ? 10 : 1;
    line(f.log_y ? "set yrange [1:10]" : "set yrange [0:1]");
  } else if (xmin == xmax) {
    xmin = f.log_x ? xmin / 2 : xmin - 0.5;
    xmax = f.log_x ? xmax * 2 : xmax + 0.5;
  }
  line("set xrange [" + num(xmin) + ":" + num(xmax) + "]");
  if (std::isfinite(f.ymin) && std::isfinite(f.ymax) && f.ymin < f.ymax)
    line("set yrange [" + num(f.ymin) + ":" + num(f.ymax) + "]");
  line("set key below center horizontal noenhanced samplen 3 spacing 1.2 height 1");

  int colour = 0, tag = 0;
  for (const Band& b : f.bands) {
    const BandColour c = kBandColours[colour++ % kBandColourCount];
    if (std::isnan(b.from) || std::isnan(b.to)) continue;
    const double from = std::min(b.from, b.to), to = std::max(b.from, b.to);
    if (from >= xmax || to <= xmin || (f.log_x && to <= 0)) continue;  // outside the plotted x-range
    const bool left_edge = from <= xmin, right_edge = to >= xmax;
    const double a = left_edge ? xmin : from, z = right_edge ? xmax : to;
    const double mid = f.log_x ? std::sqrt(a * z) : 0.5 * (a + z);
    ++tag;
    if (tag == 1) line("# stages: shaded x-intervals behind the curves, labelled above the top border");
    line("set object " + std::to_string(tag) + " rectangle from " +
         (left_edge ? std::string("graph 0") : "first " + num(from)) + ", graph 0 to " +
         (right_edge ? std::string("graph 1") : "first " + num(to)) + ", graph 1 behind fillcolor rgb '" +
         c.fill + "' fillstyle transparent solid 0.3 noborder");
    line("set label " + std::to_string(tag) + " " + quoted(b.label) + " at first " + num(mid) +
         ", graph 1 center offset 0,0.7 textcolor rgb '" + c.text + "' noenhanced");
  }

  std::vector<std::string> items;
  for (std::size_t i = 0; i < f.series.size(); ++i) {
    const Series& s = f.series[i];
    const int style = (s.dashed ? 11 : 1) + static_cast<int>(colour_owner(f, i)) % kColours;
    if (p.index[i] < 0) continue;
    const std::string src = "data index " + std::to_string(p.index[i]);
    std::string how;
    if (s.dashed)
      how = s.err.empty() ? " using 1:2 with lines" : " using 1:2:3 with yerrorlines";
    else
      how = s.err.empty() ? " using 1:2 with linespoints" : " using 1:2:3 with yerrorlines";
    const std::string dots = dotted(s) ? " dashtype 3" : "";
    items.push_back(src + how + " ls " + std::to_string(style) + dots + " title " + quoted(s.label) + " noenhanced");
  }
  if (items.empty()) items.push_back("NaN notitle");
  std::string cmd = "plot ";
  for (std::size_t i = 0; i < items.size(); ++i)
    cmd += (i ? ", \\\n" + indent + "     " : std::string()) + items[i];
  return {o.str(), indent + cmd + "\n"};
}

std::string unindent(const std::string& s) {
  std::string out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out += (l.rfind("  ", 0) == 0 ? l.substr(2) : l) + "\n";
  return out;
}

std::string styles() {
  std::string s = "# series styles: series number i (from 1) uses style i when simulated (points and lines) and\n"
                  "# style 10+i when it is a theory curve (dashed)\n";
  for (int i = 0; i < kColours; ++i)
    s += "set style line " + std::to_string(1 + i) + " linecolor rgb '" + kSeriesColours[i] +
         "' linewidth 1.5 pointtype 7 pointsize 0.6\n";
  for (int i = 0; i < kColours; ++i)
    s += "set style line " + std::to_string(11 + i) + " linecolor rgb '" + kSeriesColours[i] +
         "' linewidth 2 dashtype 2 pointtype 7 pointsize 0.4\n";
  return s + "set grid xtics ytics linetype 1 linecolor rgb '#d4d4d4' linewidth 0.5\nset errorbars small\n";
}

std::string header(const std::string& name, const std::string& title) {
  return "# tristage figure: " + one_line(title) + "\n# Reads " + name + ".dat and writes " + name + ".png and " +
         name + ".pdf: restyle it and run `gnuplot " + name + ".gp` in this folder.\n" +
         "if (!exists(\"out_png\")) out_png = " + quoted(name + ".png") + "\n" +
         "if (!exists(\"out_pdf\")) out_pdf = " + quoted(name + ".pdf") + "\n" +
         "data = " + quoted(name + ".dat") + "\n\n";
}

std::string terminals(const std::string& png_size, const std::string& pdf_size) {
  return "  if (pass == 1) {\n    set terminal pngcairo size " + png_size +
         " font 'Sans,11' noenhanced\n    set output out_png\n  } else {\n    set terminal pdfcairo size " +
         pdf_size + " font 'Sans,9' noenhanced\n    set output out_pdf\n  }\n";
}

std::string data_header(const std::string& name) {
  return "# data of " + name + ".gp: one block per series (gnuplot 'index' 0, 1, ...), blocks separated by two "
         "blank lines;\n# a single blank line is a gap (a missing value, or a non-positive value on a log axis).\n";
}

// The first line of gnuplot's output that reports an error (not a warning), else its first non-blank line.
std::string first_error(const std::string& err) {
  std::istringstream in(err);
  std::string l, first;
  while (std::getline(in, l)) {
    const auto b = l.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    l = l.substr(b);
    if (first.empty()) first = l;
    if (l.find("line ") != std::string::npos && l.find(':') != std::string::npos &&
        l.find("warning:") == std::string::npos)
      return l;
  }
  return first;
}

bool non_empty_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && fs::file_size(p, ec) > 0 && !ec;
}

// pdflatex, when it and pgfplots are installed (looked up once): NAME.pdf is then typeset by LaTeX.
std::string find_pdflatex() {
  static const std::string exe = [] {
    const std::string pdflatex = find_program("pdflatex"), kpsewhich = find_program("kpsewhich");
    if (pdflatex.empty() || kpsewhich.empty()) return std::string();
    const RunResult r = run_program(kpsewhich, {"pgfplots.sty"}, ".");
    return r.status == 0 && !r.output.empty() ? pdflatex : std::string();
  }();
  return exe;
}

// pdflatex's first error ("! ..."), on one line.
std::string latex_error(const std::string& log) {
  const auto at = log.find("\n! ");
  return at == std::string::npos ? "" : one_line(log.substr(at + 1, 200));
}

// `pdf` typeset by pdflatex from the fitted pgfplots document `tex`, in `dir` under the temporary name `tmp`
// (reproducible: no dates, no random ID). Returns "" when it did, else why not.
std::string typeset_pdf(const std::string& pdflatex, const fs::path& dir, const std::string& tmp,
                        const std::string& tex, const fs::path& pdf) {
  write_file_atomic(dir / (tmp + ".tex"), tex);
  const RunResult r = run_program(pdflatex,
                                  {"-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-jobname=" + tmp,
                                   "\\pdfinfoomitdate=1\\pdftrailerid{}\\input{" + tmp + ".tex}"},
                                  dir);
  std::error_code ec;
  const bool ok = r.status == 0 && non_empty_file(dir / (tmp + ".pdf"));
  if (ok) fs::rename(dir / (tmp + ".pdf"), pdf, ec);
  for (const char* ext : {".tex", ".log", ".aux", ".pdf"}) fs::remove(dir / (tmp + ext), ec);
  if (ok) return "";
  const std::string why = latex_error(r.output);
  return "pdflatex could not typeset " + pdf.filename().string() + " (" +
         (why.empty() ? "exit status " + std::to_string(r.status) : why) + "); it is gnuplot's";
}

// Writes stem.dat, stem.gp and stem-pgfplots.tex, then runs gnuplot to make stem.png and stem.pdf under temporary
// names that are renamed only when both are complete; stem.pdf is then typeset again by pdflatex from `fitted` (the
// same pgfplots figure on a page of its size) when pdflatex and pgfplots are installed.
void render(const fs::path& stem, const std::string& dat, const std::string& script, const std::string& tex,
            const std::string& fitted) {
  fs::path dir = stem.parent_path();
  if (dir.empty()) dir = ".";
  const std::string name = stem.filename().string();
  const std::string exe = find_program("gnuplot");
  if (exe.empty()) throw io_error("cannot draw the figure '" + stem.string() + "': " + kMissing);
  write_file_atomic(dir / (name + ".dat"), dat);
  write_file_atomic(dir / (name + ".gp"), script);
  write_file_atomic(dir / (name + "-pgfplots.tex"), tex);  // not NAME.tex: its PDF would replace gnuplot's

  static std::atomic<unsigned> counter{0};
  const std::string tmp = "tristage-plot-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const fs::path png_tmp = dir / (tmp + ".png.part"), pdf_tmp = dir / (tmp + ".pdf.part");
  auto clean = [&] {
    std::error_code ec;
    fs::remove(png_tmp, ec);
    fs::remove(pdf_tmp, ec);
  };
  RunResult r;
  try {
    r = run_program(exe, {"-e", "out_png='" + tmp + ".png.part'; out_pdf='" + tmp + ".pdf.part'", "./" + name + ".gp"},
                    dir, "/dev/null");
  } catch (const Error& e) {
    clean();
    throw io_error(std::string(e.what()) + "; " + kMissing);
  }
  const bool ok = r.status == 0 && non_empty_file(png_tmp) && non_empty_file(pdf_tmp);
  if (!ok) {
    clean();
    std::string why = first_error(r.output);
    if (why.empty())
      why = r.status == 0 ? "it wrote no PNG or PDF" : "it exited with status " + std::to_string(r.status);
    throw io_error("gnuplot could not draw '" + stem.string() + "': " + why + " (run `gnuplot " + name +
                   ".gp` in '" + dir.string() + "' to see all of its messages)");
  }
  std::error_code ec;
  fs::rename(png_tmp, dir / (name + ".png"), ec);
  if (!ec) fs::rename(pdf_tmp, dir / (name + ".pdf"), ec);
  if (ec) {
    clean();
    throw io_error("cannot write the figure '" + stem.string() + "': " + ec.message());
  }
  g_last_warnings = r.output;
  if (const std::string pdflatex = find_pdflatex(); g_pdf_maker == PdfMaker::latex && !pdflatex.empty()) {
    const std::string why = typeset_pdf(pdflatex, dir, tmp, fitted, dir / (name + ".pdf"));
    if (!why.empty()) {  // the figure is still whole (gnuplot's PDF), so a warning, not an error
      g_last_warnings += why + "\n";
      std::cerr << "tristage: warning: " << why << " (run `pdflatex " << name << "-pgfplots.tex` in '" << dir.string()
                << "' to see LaTeX's messages)\n";
    }
  }
}

void check_name(const fs::path& stem) {
  const std::string name = stem.filename().string();
  if (name.empty() || name == "." || name == "..")
    throw usage_error("figure name '" + stem.string() + "' has no file name; give e.g. out/risk");
  if (one_line(name) != name)
    throw usage_error("figure name '" + stem.string() + "' contains control characters; choose a plain name");
}

}  // namespace

std::string last_gnuplot_warnings() { return g_last_warnings; }

std::size_t colour_owner(const Figure& f, std::size_t i) {
  if (!f.series[i].dashed) return i;
  auto first_word = [](const std::string& label) { return label.substr(0, label.find_first_of(", ")); };
  for (std::size_t k = 0; k < i; ++k)
    if (!f.series[k].dashed && first_word(f.series[k].label) == first_word(f.series[i].label)) return k;
  return i;
}

bool dotted(const Series& s) { return s.dashed && s.label.find("equivalent") != std::string::npos; }

void set_pdf_maker(PdfMaker maker) {
  if (maker == PdfMaker::latex && find_pdflatex().empty())
    throw io_error("PDFs typeset by LaTeX need pdflatex and pgfplots: apt-get install texlive-latex-base "
                   "texlive-latex-recommended texlive-pictures (or bash scripts/setup.sh --with-latex)");
  g_pdf_maker = maker;
}

void write_figure(const Figure& f, const std::filesystem::path& stem) {
  check_name(stem);
  const std::string name = stem.filename().string();
  std::string dat = data_header(name);
  int next = 0;
  const PanelData p = append_data(f, "", dat, next);
  const PanelScript ps = panel_script(f, p, "  ", false);
  const std::string gp = header(name, f.title) + styles() + "\n" + unindent(ps.settings) +
                         "\n# draw it twice: PNG for viewing, PDF for papers\ndo for [pass = 1:2] {\n" +
                         terminals("1000,650", "6in,4in") + ps.plot + "  unset output\n}\n";
  render(stem, dat, gp, pgfplots_document({f}, f.title), pgfplots_document({f}, f.title, PgfplotsPage::fitted));
}

void write_panels(const std::vector<Figure>& panels, const std::string& title, const std::filesystem::path& stem) {
  if (panels.empty()) throw usage_error("a figure with panels needs at least one panel");
  check_name(stem);
  const std::string name = stem.filename().string();
  const int n = static_cast<int>(panels.size());
  const int cols = n == 4 ? 2 : std::min(n, 3);
  const int rows = (n + cols - 1) / cols;
  // One y-range for all: the union of the panels' data, padded by 5% (of the decades, on a log axis).
  double lo = INFINITY, hi = -INFINITY;
  const bool log_y = panels.front().log_y;
  for (const auto& f : panels)
    for (const auto& s : f.series)
      for (double y : s.y)
        if (std::isfinite(y) && (!log_y || y > 0)) lo = std::min(lo, y), hi = std::max(hi, y);
  std::vector<Figure> shared = panels;
  if (lo < hi)
    for (auto& f : shared)
      if (!std::isfinite(f.ymin) && f.log_y == log_y) {
        const double pad = log_y ? std::pow(hi / lo, 0.05) : 0.05 * (hi - lo);
        f.ymin = log_y ? lo / pad : lo - pad;
        f.ymax = log_y ? hi * pad : hi + pad;
      }
  std::string dat = data_header(name);
  int next = 0;
  std::vector<PanelData> data;
  for (int i = 0; i < n; ++i) data.push_back(append_data(shared[i], " (panel " + std::to_string(i + 1) + ")", dat, next));

  const std::string png_size = std::to_string(std::max(1000, 480 * cols)) + "," + std::to_string(40 + 560 * rows);
  std::ostringstream pdf_size;
  pdf_size << std::max(6.0, 3.2 * cols) << "in," << 0.3 + 3.6 * rows << "in";
  std::string gp = header(name, title) + styles() + "\ndo for [pass = 1:2] {\n" + terminals(png_size, pdf_size.str()) +
                   "  set multiplot layout " + std::to_string(rows) + "," + std::to_string(cols) + " title " +
                   quoted(title) + " noenhanced font ',13'\n";
  for (int i = 0; i < n; ++i) {
    const PanelScript ps = panel_script(shared[i], data[i], "  ", true);
    gp += "\n  # panel " + std::to_string(i + 1) + "\n" + ps.settings + ps.plot;
  }
  gp += "  unset multiplot\n  unset output\n}\n";
  render(stem, dat, gp, pgfplots_document(shared, title),
         pgfplots_document(shared, title, PgfplotsPage::fitted));
}

}  // namespace tristage
