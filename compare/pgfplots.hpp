#pragma once
// A figure as pgfplots source, for LaTeX papers: one tikzpicture per panel, the data inline (\addplot table), labels
// in LaTeX, the stages shaded, dashed theory curves, error bars. The document compiles on its own with pdflatex
// (article class, pgfplots from texlive-pictures); in a paper, load pgfplots and copy the tikzpicture.
#include <string>
#include <vector>

#include "compare/plot.hpp"

namespace tristage {

// article: a landscape page, for the user to compile, read and copy from (any LaTeX engine). fitted: the page is the
// figure's size (pdfTeX primitives), what NAME.pdf is made from.
enum class PgfplotsPage { article, fitted };

// panels share their y-range when write_panels gave them one (Figure::ymin, ymax).
std::string pgfplots_document(const std::vector<Figure>& panels, const std::string& title,
                              PgfplotsPage page = PgfplotsPage::article);

// Plain text as LaTeX text: the specials escaped, "d -> inf" as $d \to \infty$, "beta" as $\beta$.
std::string latex_text_of(const std::string& plain);

}  // namespace tristage
