#pragma once
// One way to write a floating-point number in every LaTeX table: `digits` significant digits, the shortest form that
// keeps them, and scientific notation as 9.85 \times 10^{-5} (never "9.85e-05", which LaTeX typesets as a
// subtraction). For math mode; infinities and NaN as a dash.
#include <string>
#include <vector>

namespace tristage {

std::string latex_number(double x, int digits = 12);

// The same for a number already written as text (a table's cell): "9.85e-05" -> "9.85 \times 10^{-5}",
// "inf" -> "\infty"; anything else unchanged.
std::string latex_cell(const std::string& text);

// A table's rows, each cell in math mode through latex_cell, then the closing \bottomrule and \end{tabular}.
std::string latex_rows_and_end(const std::vector<std::vector<std::string>>& rows);

}  // namespace tristage
