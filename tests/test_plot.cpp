// Figures through gnuplot: PNG and PDF are written whole, beside a data file and a script a user can rerun;
// gaps, log axes and special characters in labels do not break them.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>

#include "compare/pgfplots.hpp"
#include "compare/plot.hpp"
#include "core/error.hpp"

using namespace tristage;
namespace fs = std::filesystem;

namespace {

const double inf = std::numeric_limits<double>::infinity();
const double nan = std::numeric_limits<double>::quiet_NaN();

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("tristage-plot-test-" + std::to_string(::getpid()));
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// A risk-curve figure as the commands draw them: two simulated series, a theory curve, two stages.
Figure example_figure() {
  Figure f;
  f.title = "Test risk, d = 40 (\"exp\" kernel, sigma_2^2 = 0.1, path C:\\tmp)";
  f.xlabel = "time t / d^alpha";
  f.ylabel = "risk";
  f.log_x = true;
  Series train{"train_error", {}, {}, {}, false}, test{"test error's mean", {}, {}, {}, false};
  Series theory{"limit (theory)", {}, {}, {}, true};
  for (int i = 0; i <= 40; ++i) {
    const double t = std::pow(10.0, -2 + 0.1 * i);
    const double r = 0.3 + 0.7 / (1 + t);
    train.x.push_back(t);
    train.y.push_back(0.9 * r - 0.05 * std::log10(t + 1));
    test.x.push_back(t);
    test.y.push_back(i == 17 ? nan : r + 0.02 * std::sin(i));
    test.err.push_back(0.01 + 0.002 * (i % 5));
    theory.x.push_back(t);
    theory.y.push_back(r);
  }
  f.series = {train, test, theory};
  f.bands = {{0.01, 1.0, "stage 1"}, {1.0, inf, "stage 2"}};
  return f;
}

void check_files(const fs::path& stem) {
  const fs::path dir = stem.parent_path();
  const std::string name = stem.filename().string();
  const std::string png = slurp(dir / (name + ".png")), pdf = slurp(dir / (name + ".pdf"));
  CHECK(png.size() > 10000);
  CHECK(png.rfind("\x89PNG\r\n\x1a\n", 0) == 0);
  CHECK(pdf.size() > 5000);
  CHECK(pdf.rfind("%PDF", 0) == 0);
  CHECK(fs::exists(dir / (name + ".gp")));
  CHECK(fs::exists(dir / (name + ".dat")));
  for (const auto& e : fs::directory_iterator(dir)) {  // nothing half-written, no temporary (pdflatex's too) left
    INFO(e.path().string());
    CHECK(e.path().extension() != ".part");
    CHECK(e.path().extension() != ".partial");
    CHECK(e.path().filename().string().rfind("tristage-plot-", 0) != 0);
  }
}

}  // namespace

TEST_CASE("write_figure: PNG, PDF, script and data; NaN is a gap; quotes and underscores print") {
  TempDir tmp;
  const fs::path stem = tmp.path / "risk_d40";
  write_figure(example_figure(), stem);
  check_files(stem);
  CHECK(last_gnuplot_warnings() == "");

  const std::string dat = slurp(tmp.path / "risk_d40.dat");
  CHECK(dat.find("# x\ty\terr") != std::string::npos);
  CHECK(dat.find("nan") == std::string::npos);  // the NaN is a blank line, not a value
  const std::string gp = slurp(tmp.path / "risk_d40.gp");
  CHECK(gp.find("data = 'risk_d40.dat'") != std::string::npos);
  CHECK(gp.find("test error''s mean") != std::string::npos);  // a quote inside a gnuplot string is doubled
  CHECK(gp.find("noenhanced") != std::string::npos);
  CHECK(gp.find(tmp.path.string()) == std::string::npos);  // relative file names only

  if (const char* keep = std::getenv("TRISTAGE_PLOT_EXAMPLE")) fs::copy_file(tmp.path / "risk_d40.png", keep,
                                                                              fs::copy_options::overwrite_existing);
}

TEST_CASE("the script reruns by hand in its folder") {
  TempDir tmp;
  write_figure(example_figure(), tmp.path / "fig");
  fs::remove(tmp.path / "fig.png");
  fs::remove(tmp.path / "fig.pdf");
  const std::string cmd = "cd '" + tmp.path.string() + "' && gnuplot fig.gp 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  CHECK(fs::file_size(tmp.path / "fig.png") > 10000);
  CHECK(fs::file_size(tmp.path / "fig.pdf") > 5000);
}

TEST_CASE("log axes skip zero and negative values without errors or warnings") {
  TempDir tmp;
  Figure f;
  f.title = "log-log";
  f.xlabel = "x";
  f.ylabel = "y";
  f.log_x = f.log_y = true;
  f.series = {{"with zeros", {0, 1, 2, 4, 8, 16}, {1, 0.5, 0, 0.125, -1, 0.03}, {0.1, 0.1, 0.1, 0.2, 0.1, 0.1}, false},
              {"power law", {1, 2, 4, 8, 16}, {1, 0.5, 0.25, 0.125, 0.0625}, {}, true},
              {"nothing plottable", {0, 1}, {0, 0}, {}, false}};
  f.bands = {{0, 3, "early"}, {3, 1e9, "late"}};
  write_figure(f, tmp.path / "loglog");
  check_files(tmp.path / "loglog");
  CHECK(last_gnuplot_warnings() == "");
}

TEST_CASE("write_panels: three panels in one row, and four as 2x2") {
  TempDir tmp;
  std::vector<Figure> panels;
  for (int d : {20, 40, 80}) {
    Figure f = example_figure();
    f.title = "d = " + std::to_string(d);
    panels.push_back(f);
  }
  write_panels(panels, "Risk curves for the 'exp' kernel_1 (alpha^2)", tmp.path / "panels");
  check_files(tmp.path / "panels");
  CHECK(last_gnuplot_warnings() == "");
  if (const char* keep = std::getenv("TRISTAGE_PANELS_EXAMPLE")) fs::copy_file(tmp.path / "panels.png", keep,
                                                                               fs::copy_options::overwrite_existing);
  panels.push_back(panels.back());
  write_panels(panels, "four", tmp.path / "four");
  check_files(tmp.path / "four");
}

TEST_CASE("bad input and a missing gnuplot are errors that say what to do") {
  TempDir tmp;
  Figure f;
  f.series = {{"short", {1, 2, 3}, {1, 2}, {}, false}};
  CHECK_THROWS_AS(write_figure(f, tmp.path / "bad"), Error);
  CHECK_THROWS_AS(write_panels({}, "none", tmp.path / "none"), Error);

  const std::string path = std::getenv("PATH") ? std::getenv("PATH") : "";
  ::setenv("PATH", tmp.path.c_str(), 1);
  bool thrown = false;
  try {
    write_figure(example_figure(), tmp.path / "nognuplot");
  } catch (const Error& e) {
    thrown = true;
    CHECK(e.code() == Exit::io);
    CHECK(std::string(e.what()).find("apt-get install gnuplot-nox") != std::string::npos);
  }
  CHECK(thrown);
  CHECK(!fs::exists(tmp.path / "nognuplot.png"));

  // A gnuplot that fails: its first error line is reported and nothing is left under the final names.
  const fs::path fake = tmp.path / "gnuplot";
  std::ofstream(fake) << "#!/bin/sh\necho 'plot foo' >&2\necho '\"./failing.gp\" line 3: bogus failure' >&2\nexit 1\n";
  fs::permissions(fake, fs::perms::owner_all);
  thrown = false;
  try {
    write_figure(example_figure(), tmp.path / "failing");
  } catch (const Error& e) {
    thrown = true;
    CHECK(e.code() == Exit::io);
    CHECK(std::string(e.what()).find("line 3: bogus failure") != std::string::npos);
  }
  ::setenv("PATH", path.c_str(), 1);
  CHECK(thrown);
  CHECK(!fs::exists(tmp.path / "failing.png"));
  CHECK(!fs::exists(tmp.path / "failing.pdf"));
}

namespace {
bool latex_installed() { return std::system("command -v pdflatex >/dev/null && kpsewhich pgfplots.sty >/dev/null") == 0; }
bool made_by(const std::string& pdf, const std::string& producer) {
  return pdf.find("/Producer (" + producer) != std::string::npos;
}
struct LatexPdfs {  // --pdf latex for one test case
  LatexPdfs() { set_pdf_maker(PdfMaker::latex); }
  ~LatexPdfs() { set_pdf_maker(PdfMaker::gnuplot); }
};
}  // namespace

TEST_CASE("by default the PDF is gnuplot's") {
  TempDir tmp;
  write_figure(example_figure(), tmp.path / "g");
  CHECK(made_by(slurp(tmp.path / "g.pdf"), "cairo"));
}

TEST_CASE("--pdf latex: the PDF is the pgfplots figure typeset by LaTeX, the same bytes every time") {
  if (!latex_installed()) {
    MESSAGE("pdflatex or pgfplots is not installed (simulate_test checks the refusal)");
    return;
  }
  LatexPdfs latex;
  TempDir tmp;
  write_figure(example_figure(), tmp.path / "a");
  check_files(tmp.path / "a");
  CHECK(last_gnuplot_warnings() == "");
  const std::string pdf = slurp(tmp.path / "a.pdf");
  CHECK(made_by(pdf, "pdfTeX"));
  CHECK(pdf.find("/CreationDate") == std::string::npos);  // no dates, no random ID: reproducible
  write_figure(example_figure(), tmp.path / "b");
  check_files(tmp.path / "b");
  CHECK(slurp(tmp.path / "b.pdf") == pdf);
}

TEST_CASE("a figure LaTeX cannot typeset keeps gnuplot's PDF, with a warning that says so") {
  if (!latex_installed()) {
    MESSAGE("pdflatex or pgfplots is not installed");
    return;
  }
  LatexPdfs latex;
  TempDir tmp;
  Figure f = example_figure();
  f.series[0].latex_label = "\\nosuchcommand";  // raw LaTeX, as a caller may give it
  write_figure(f, tmp.path / "broken");
  check_files(tmp.path / "broken");
  CHECK(made_by(slurp(tmp.path / "broken.pdf"), "cairo"));
  CHECK(last_gnuplot_warnings().find("pdflatex could not typeset broken.pdf (! Undefined control sequence.") !=
        std::string::npos);
}

TEST_CASE("a theory curve takes the colour of the simulated series it belongs to, in both renderings") {
  Figure f;
  f.series = {{"train", {1}, {1}, {}, false}, {"test", {1}, {1}, {}, false}, {"test again", {1}, {1}, {}, false},
              {"test, equivalent at d", {1}, {1}, {}, true}, {"train, d → ∞", {1}, {1}, {}, true},
              {"risk, d → ∞", {1}, {1}, {}, true}};
  CHECK(colour_owner(f, 0) == 0);
  CHECK(colour_owner(f, 2) == 2);  // simulated series keep their own, even with a namesake's first word
  CHECK(colour_owner(f, 3) == 1);
  CHECK(colour_owner(f, 4) == 0);
  CHECK(colour_owner(f, 5) == 5);  // no simulated "risk": its own
  CHECK(dotted(f.series[3]));
  CHECK_FALSE(dotted(f.series[4]));
  CHECK_FALSE(dotted(f.series[1]));
  // The pgfplots source colours "test, equivalent at d" as "test", dotted.
  const std::string tex = pgfplots_document({f}, "colours");
  const auto colour_of = [&](const std::string& label) {
    const auto entry = tex.find("\\addlegendentry{{" + label + "}}");
    const auto plot = tex.rfind("\\addplot[color=", entry);
    return tex.substr(plot, tex.find_first_of(",]", plot) - plot);
  };
  CHECK(colour_of("test, equivalent at d") == colour_of("test"));
  CHECK(colour_of("train") != colour_of("test"));
  CHECK(tex.find("densely dotted") != std::string::npos);
}
