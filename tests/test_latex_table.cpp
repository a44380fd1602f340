// LaTeX tables: numbers aligned on the decimal point and the exponent without changing their value (each cell read back
// from its three parts is the number it was given, to the digits it showed), whole rows (one cell per physical
// column), group rules over the right columns, --digits applied to decimals and never to integers. tests/latex_test.sh
// compiles every table the CLI writes.
#include <doctest/doctest.h>

#include <cmath>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "compare/latex_number.hpp"
#include "compare/latex_table.hpp"

using namespace tristage;

namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The body rows: the lines after the header's \midrule that end in \\ .
std::vector<std::string> body_rows(const std::string& table) {
  std::vector<std::string> rows;
  bool body = false;
  for (const auto& line : lines_of(table)) {
    if (line == "\\midrule") body = true;
    else if (body && line.size() > 2 && line.substr(line.size() - 2) == "\\\\") rows.push_back(line);
  }
  return rows;
}

// A number column's three cells read back: "$9$ & $.851$ & ${}\times 10^{-5}$" -> 9.851e-5.
double read_back(const std::string& three) {
  static const std::regex parts(R"(\$(-?[0-9]+)\$ & (?:\$(\.[0-9]+)\$)? & (?:\$\{\}\\times 10\^\{(-?[0-9]+)\}\$)?)");
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_match(three, m, parts), three);
  const double mantissa = std::stod(m[1].str() + m[2].str());
  return m[3].matched ? mantissa * std::pow(10.0, std::stoi(m[3].str())) : mantissa;
}

std::vector<std::string> split_cells(const std::string& row) {
  std::vector<std::string> cells;
  std::string body = row.substr(0, row.size() - 2), cell;
  std::istringstream in(body);
  while (std::getline(in, cell, '&')) {
    while (!cell.empty() && cell.front() == ' ') cell.erase(0, 1);
    while (!cell.empty() && cell.back() == ' ') cell.pop_back();
    cells.push_back(cell);
  }
  return cells;
}

std::string number_cell(const std::vector<std::string>& cells, size_t first) {
  return cells[first] + " & " + cells[first + 1] + " & " + cells[first + 2];
}

struct DigitsGuard {
  explicit DigitsGuard(std::optional<int> d) { set_latex_digits(d); }
  ~DigitsGuard() { set_latex_digits(std::nullopt); }
};

}  // namespace

TEST_CASE("a column that needs an exponent writes every decimal in scientific notation, values unchanged") {
  LatexTable t({{"$k$", "", 'r'}, {"$\\xi$"}});
  const std::vector<std::string> xi{"1.00501227456", "0.0100491376289", "9.85116714434e-05", "8.2720062504e-11", "0"};
  for (size_t i = 0; i < xi.size(); ++i) t.add_row({std::to_string(i), xi[i]});
  const std::string s = t.str();
  CHECK(s.find("\\begin{tabular}{rr@{}l@{}l}") != std::string::npos);
  const auto rows = body_rows(s);
  REQUIRE(rows.size() == xi.size());
  for (size_t i = 0; i < xi.size(); ++i) {
    const auto cells = split_cells(rows[i]);
    REQUIRE(cells.size() == 4);  // one per physical column
    const double given = std::stod(xi[i]), shown = read_back(number_cell(cells, 1));
    CHECK_MESSAGE(std::abs(shown - given) <= 1e-15 * std::abs(given), xi[i] << " shown as " << rows[i]);
  }
  CHECK(rows[0].find("$1$ & $.00501227456$ &  \\\\") != std::string::npos);  // 10^0: no exponent
  CHECK(rows[1].find("$1$ & $.00491376289$ & ${}\\times 10^{-2}$") != std::string::npos);
  CHECK(rows[2].find("$9$ & $.85116714434$ & ${}\\times 10^{-5}$") != std::string::npos);
  CHECK(rows[4].find("$0$ &  & ") != std::string::npos);
}

TEST_CASE("a column without exponents stays fixed, aligned on the point; integers are never rounded") {
  DigitsGuard digits(3);
  LatexTable t({{"$B$"}, {"$\\kappa$"}});
  t.add_row({"1604922825", "1.71326955389"});
  t.add_row({"100", "0.000184253859745"});
  t.add_row({"7", "-12.5"});
  const auto rows = body_rows(t.str());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "$1604922825$ &  &  & $1$ & $.71$ &  \\\\");
  CHECK(rows[1] == "$100$ &  &  & $0$ & $.000184$ &  \\\\");
  CHECK(rows[2] == "$7$ &  &  & $-12$ & $.5$ &  \\\\");
}

TEST_CASE("--digits in a scientific column: at most N digits, no trailing zeros; exact integers keep theirs") {
  DigitsGuard digits(4);
  LatexTable t({{"$t$"}});
  for (const char* x : {"1", "56.2341325190349", "3162.27766016838", "177827.941003892", "10000000", "2.42999"}) t.add_row({x});
  const auto rows = body_rows(t.str());
  REQUIRE(rows.size() == 6);
  CHECK(rows[0] == "$1$ &  &  \\\\");
  CHECK(rows[1] == "$5$ & $.623$ & ${}\\times 10^{1}$ \\\\");
  CHECK(rows[2] == "$3$ & $.162$ & ${}\\times 10^{3}$ \\\\");
  CHECK(rows[3] == "$1$ & $.778$ & ${}\\times 10^{5}$ \\\\");
  CHECK(rows[4] == "$1$ &  & ${}\\times 10^{7}$ \\\\");
  CHECK(rows[5] == "$2$ & $.43$ &  \\\\");
}

TEST_CASE("cells that are not numbers span their column; groups and spans count physical columns") {
  LatexTable t({{"$d$", "", 'r'}, {"train", "limit"}, {"test", "limit"}, {"gap"}});
  t.add_row({"100", "inf", "\\frac{1}{3}", "nan"});
  t.add_midrule();
  t.add_row({"$\\infty$", {"$\\to$ limits", 2}, "0.5"});
  const std::string s = t.str();
  CHECK(s.find("\\multicolumn{6}{c}{limit}") != std::string::npos);
  CHECK(s.find("\\cmidrule(lr){2-7}") != std::string::npos);
  const auto rows = body_rows(s);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == "100 & \\multicolumn{3}{c}{$\\infty$} & \\multicolumn{3}{c}{$\\frac{1}{3}$} & \\multicolumn{3}{c}{--} \\\\");
  CHECK(rows[1] == "$\\infty$ & \\multicolumn{6}{l}{$\\to$ limits} & $0$ & $.5$ &  \\\\");
  CHECK(s.find("\\midrule\n$\\infty$") != std::string::npos);
}

TEST_CASE("number_columns: machine names to symbols and groups") {
  const auto c = number_columns({"t", "limit_train", "predicted_test", "bootstrap_gap"},
                                {{"limit", "limit"}, {"predicted", "equivalent"}});
  REQUIRE(c.size() == 4);
  CHECK(c[0].label == "$t$");
  CHECK(c[1].label == "train");
  CHECK(c[1].group == "limit");
  CHECK(c[2].group == "equivalent");
  CHECK(c[3].label == "bootstrap gap");
  CHECK(c[3].group.empty());
  for (const auto& col : c) CHECK(col.align == 'n');
}
