#pragma once
// One way to write a floating-point number in LaTeX: `digits` significant digits, the shortest form that keeps them,
// and scientific notation as 9.85 \times 10^{-5} (never "9.85e-05", which LaTeX typesets as a subtraction). For math
// mode; infinities and NaN as a dash. Tables align their columns of numbers through compare/latex_table.
#include <algorithm>
#include <optional>
#include <string>

namespace tristage {

std::string latex_number(double x, int digits = 12);

// The significant digits of every LaTeX output from now on (`--digits N`): at most this many, wherever a table would
// show more (a table that shows fewer, such as verify's 3-digit rates, keeps its own). nullopt: each table's own.
void set_latex_digits(std::optional<int> digits);
std::optional<int> latex_digits();
inline int latex_digits_at_most(int own) { return latex_digits() ? std::min(own, *latex_digits()) : own; }

}  // namespace tristage
