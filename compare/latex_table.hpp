#pragma once
// The booktabs tabular of every LaTeX table: a header (with group titles over columns), rows, rules.
//
// A column of numbers is aligned on its decimal point and on its exponent: it is three tabular columns (integer part
// right-aligned, then the fraction, then "\times 10^{k}", joined by @{}). A column whose numbers need an exponent
// writes all of its decimals in scientific notation, mantissa and exponent each lined up, so that alignment never
// makes the column wider than its widest number (as dcolumn's fixed split of 0.0001843 against 2.1 x 10^-5 would).
// Only packages every paper loads: booktabs, amsmath.
#include <string>
#include <utility>
#include <vector>

namespace tristage {

struct LatexColumn {
  std::string label;        // LaTeX (text mode)
  std::string group = "";   // a title over consecutive columns of the same group (\multicolumn and \cmidrule), or ""
  char align = 'n';         // 'n': numbers, aligned; 'l', 'r', 'c': text
};

// One cell. In a number column: a number as text ("9.85e-05", "12", "inf", "nan"), or any other math ("\frac{1}{3}",
// centred over the column); in a text column: LaTeX text, as given. A cell with span > 1 covers that many columns
// and is LaTeX text, as given, left-aligned.
struct LatexCell {
  std::string text;
  int span = 1;
  LatexCell(std::string t, int s = 1) : text(std::move(t)), span(s) {}  // NOLINT: implicit from a string
  LatexCell(const char* t) : text(t) {}                                  // NOLINT
};

class LatexTable {
 public:
  explicit LatexTable(std::vector<LatexColumn> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<LatexCell> cells);
  void add_rows(const std::vector<std::vector<std::string>>& rows);  // a TextTable's rows, say
  void add_midrule();
  std::string str() const;  // from \begin{tabular} to \end{tabular}

 private:
  std::vector<LatexColumn> columns_;
  std::vector<std::vector<LatexCell>> rows_;  // an empty row is a \midrule
};

// Columns from machine names: "t", "beta", "lambda", "kappa", "gamma" as symbols; a name "P_rest" whose prefix P is in
// `groups` goes under that group's title, labelled by its rest ("limit_train" -> "train" under "limit, $d \to
// \infty$"); other underscores become spaces. Every column holds numbers.
std::vector<LatexColumn> number_columns(const std::vector<std::string>& names,
                                        const std::vector<std::pair<std::string, std::string>>& groups);

}  // namespace tristage
