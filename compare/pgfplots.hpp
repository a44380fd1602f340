#pragma once
// A figure as pgfplots source, for LaTeX papers: one tikzpicture per panel, the data inline (\addplot table), labels
// in LaTeX, the stages shaded, dashed theory curves, error bars. The document compiles on its own with pdflatex
// (article class, pgfplots from texlive-pictures); in a paper, load pgfplots and copy the tikzpicture.
#include <string>
#include <vector>

#include "compare/plot.hpp"

namespace tristage {

// panels share their y-range when write_panels gave them one (Figure::ymin, ymax).
std::string pgfplots_document(const std::vector<Figure>& panels, const std::string& title);

// Plain text as LaTeX text: the specials escaped, "d -> inf" as $d \to \infty$, "beta" as $\beta$.
std::string latex_text_of(const std::string& plain);

}  // namespace tristage
