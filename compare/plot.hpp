#pragma once
// Figures through gnuplot: each is written as STEM.png and STEM.pdf (cairo terminals), from a gnuplot script and
// data files kept beside them (STEM.gp, STEM.dat) so that a user can restyle a figure for a paper; and as STEM-pgfplots.tex,
// the same figure in pgfplots with its data inline and LaTeX labels: it compiles on its own (pdflatex STEM-pgfplots.tex), and
// its tikzpicture goes into a paper that loads pgfplots. STEM.pdf is gnuplot's, or on request (set_pdf_maker) that
// pgfplots figure typeset by pdflatex.
#include <cmath>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tristage {

struct Series {
  std::string label;        // plain text (gnuplot); latex_label below, if given, in the pgfplots version
  std::vector<double> x, y;
  std::vector<double> err;  // optional error bars (same length as y), empty for none
  bool dashed = false;      // theory curves are dashed
  std::string latex_label = "";
};

struct Band {
  double from, to;          // shaded x-interval, e.g. a stage
  std::string label;        // e.g. "stage 2"
};

struct Figure {
  std::string title, xlabel, ylabel;
  std::string latex_title, latex_xlabel, latex_ylabel;  // the pgfplots version's; empty: the plain ones, escaped
  std::vector<Series> series;
  std::vector<Band> bands;
  bool log_x = false, log_y = false;
  double ymin = NAN, ymax = NAN;  // a fixed y-range (both finite), else gnuplot's own
};

// How both renderings (gnuplot, pgfplots) draw series i. Its colour is that of series colour_owner(f, i): a theory
// curve (dashed) takes the colour of the simulated series its label's first word names ("test, d → ∞" that of
// "test"), any other series its own. A dashed series is dotted when it is the deterministic equivalent (its label
// says "equivalent"), beside the dashed limits.
std::size_t colour_owner(const Figure& f, std::size_t i);
bool dotted(const Series& s);

// Who makes STEM.pdf from now on. gnuplot: its cairo PDF, beside the PNG (the default; fast). latex: pdflatex
// typesets STEM-pgfplots.tex (LaTeX's fonts and labels, the page cropped to the figure, no dates or random ID: the
// same bytes every run; 0.6 to 2 s a figure, 5 s for four panels, measured); if LaTeX fails on one figure, gnuplot's
// PDF stays and a warning on stderr says why. Choosing latex throws Error(Exit::io) at once when pdflatex or pgfplots
// is missing, saying how to install them.
enum class PdfMaker { gnuplot, latex };
void set_pdf_maker(PdfMaker maker);

// Writes stem.gp, stem.dat, stem.png, stem.pdf and stem-pgfplots.tex. Throws Error(Exit::io) when gnuplot is missing or fails
// (the message says how to install it: apt-get install gnuplot-nox).
void write_figure(const Figure& f, const std::filesystem::path& stem);

// Several panels side by side in one figure (e.g. one per d, or two kernels), same files as write_figure. The panels
// share one y-range (the union of their data, unless a panel fixes its own), so that they compare at a glance.
void write_panels(const std::vector<Figure>& panels, const std::string& title, const std::filesystem::path& stem);

// What gnuplot printed (warnings) during the last successful write_figure/write_panels of this thread; empty when
// it was silent.
std::string last_gnuplot_warnings();

}  // namespace tristage
