#pragma once
// One way to write a floating-point number in every LaTeX table: `digits` significant digits, the shortest form that
// keeps them, and scientific notation as 9.85 \times 10^{-5} (never "9.85e-05", which LaTeX typesets as a
// subtraction). For math mode; infinities and NaN as a dash.
#include <optional>
#include <string>
#include <vector>

namespace tristage {

std::string latex_number(double x, int digits = 12);

// The significant digits of every LaTeX table from now on (`--digits N`): at most this many, wherever a table would
// show more (a table that shows fewer, such as verify's 3-digit rates, keeps its own). nullopt: each table's own.
void set_latex_digits(std::optional<int> digits);

// The same for a number already written as text (a table's cell): "9.85e-05" -> "9.85 \times 10^{-5}",
// "inf" -> "\infty", rounded to the digits set above if it is a decimal with a point or an exponent (integers and
// exact rationals are never rounded); anything else unchanged.
std::string latex_cell(const std::string& text);

// A table's header from machine column names: "t", "beta", "lambda", "kappa", "gamma" as symbols; a name "P_rest" whose
// prefix P is in `groups` goes under that group's title (a \multicolumn with a \cmidrule), labelled by its rest
// ("limit_train" -> "train" under "limit, $d \to \infty$"); other underscores become spaces. The \toprule is
// included, the \midrule after the header too.
std::string latex_header(const std::vector<std::string>& names, const std::vector<std::pair<std::string, std::string>>& groups);

// A table's rows, each cell in math mode through latex_cell, then the closing \bottomrule and \end{tabular}.
std::string latex_rows_and_end(const std::vector<std::vector<std::string>>& rows);

}  // namespace tristage
