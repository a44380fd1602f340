#include "compare/latex_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <regex>
#include <sstream>

#include "compare/latex_number.hpp"
#include "compare/text_table.hpp"

namespace tristage {

namespace {

int width(const LatexColumn& c) { return c.align == 'n' ? 3 : 1; }

bool is_number(const std::string& s) {
  static const std::regex number(R"([+-]?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?)");
  return std::regex_match(s, number);
}
bool is_integer(const std::string& s) { return s.find_first_of(".eE") == std::string::npos; }

// A decimal rounded to --digits when that is set (integers, exact by nature, never are).
std::string rounded(const std::string& s) {
  const auto digits = latex_digits();
  return digits && !is_integer(s) ? format_number(std::strtod(s.c_str(), nullptr), *digits) : s;
}

// The significant digits a number's text shows: without its leading zeros, and for an integer without its trailing
// ones (1000 is 1 x 10^3, exactly).
int significant_digits(const std::string& s) {
  std::string m = s.substr(0, s.find_first_of("eE"));
  m.erase(std::remove_if(m.begin(), m.end(), [](char c) { return c == '.' || c == '-' || c == '+'; }), m.end());
  if (is_integer(s)) m.erase(m.find_last_not_of('0') + 1);
  const auto first = m.find_first_not_of('0');
  return first == std::string::npos ? 1 : static_cast<int>(m.size() - first);
}

struct Parts {
  std::string integer, fraction, exponent;
};

Parts fixed_parts(const std::string& s) {
  const auto point = s.find('.');
  if (point == std::string::npos) return {s, "", ""};
  return {s.substr(0, point), s.substr(point), ""};
}

// The digits `s` shows (at most --digits for a decimal; no trailing zeros) as d.ddd and an exponent (none for 10^0); zero stays 0.
Parts scientific_parts(const std::string& s) {
  const double x = std::strtod(s.c_str(), nullptr);
  if (x == 0) return fixed_parts(rounded(s));
  int digits = significant_digits(s);
  if (latex_digits() && !is_integer(s)) digits = std::min(digits, *latex_digits());
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", digits - 1, x);
  const std::string text = buf;
  const auto e = text.find('e');
  std::string mantissa = text.substr(0, e);  // shortest, as %g writes the fixed ones: 2.43, not 2.430
  if (mantissa.find('.') != std::string::npos) mantissa.erase(mantissa.find_last_not_of("0.") + 1);
  Parts p = fixed_parts(mantissa);
  const int k = std::stoi(text.substr(e + 1));
  if (k != 0) p.exponent = "{}\\times 10^{" + std::to_string(k) + "}";
  return p;
}

std::string math(const std::string& s) { return s.empty() ? "" : "$" + s + "$"; }

// The header row of group titles (with their \cmidrule), if any column has a group.
std::string group_row(const std::vector<LatexColumn>& columns) {
  if (std::all_of(columns.begin(), columns.end(), [](const LatexColumn& c) { return c.group.empty(); })) return "";
  std::ostringstream o, rules;
  int physical = 1;
  for (size_t c = 0; c < columns.size();) {
    size_t end = c;
    int w = 0;
    for (; end < columns.size() && columns[end].group == columns[c].group; ++end) w += width(columns[end]);
    o << (c ? " & " : "") << (w > 1 ? "\\multicolumn{" + std::to_string(w) + "}{c}{" + columns[c].group + "}" : columns[c].group);
    if (!columns[c].group.empty()) rules << "\\cmidrule(lr){" << physical << "-" << physical + w - 1 << "}";
    physical += w;
    c = end;
  }
  o << " \\\\\n" << rules.str() << "\n";
  return o.str();
}

}  // namespace

void LatexTable::add_row(std::vector<LatexCell> cells) { rows_.push_back(std::move(cells)); }
void LatexTable::add_rows(const std::vector<std::vector<std::string>>& rows) {
  for (const auto& row : rows) rows_.emplace_back(row.begin(), row.end());
}
void LatexTable::add_midrule() { rows_.emplace_back(); }

std::string LatexTable::str() const {
  const size_t n = columns_.size();
  // Each number column's style: scientific if any of its numbers needs an exponent.
  std::vector<bool> scientific(n, false);
  for (const auto& row : rows_)
    for (size_t c = 0, col = 0; c < row.size() && col < n; col += row[c].span, ++c)
      if (columns_[col].align == 'n' && row[c].span == 1 && is_number(row[c].text))
        scientific[col] = scientific[col] || rounded(row[c].text).find_first_of("eE") != std::string::npos;

  std::ostringstream o;
  o << "\\begin{tabular}{";
  for (const auto& c : columns_) o << (c.align == 'n' ? std::string("r@{}l@{}l") : std::string(1, c.align));
  o << "}\n\\toprule\n" << group_row(columns_);
  for (size_t c = 0; c < n; ++c)
    o << (c ? " & " : "")
      << (columns_[c].align == 'n' ? "\\multicolumn{3}{c}{" + columns_[c].label + "}" : columns_[c].label);
  o << " \\\\\n\\midrule\n";

  for (const auto& row : rows_) {
    if (row.empty()) {
      o << "\\midrule\n";
      continue;
    }
    size_t col = 0;
    for (size_t c = 0; c < row.size() && col < n; ++c) {
      const LatexCell& cell = row[c];
      o << (c ? " & " : "");
      if (cell.span > 1) {
        int w = 0;
        for (int s = 0; s < cell.span && col + s < n; ++s) w += width(columns_[col + s]);
        o << "\\multicolumn{" << w << "}{l}{" << cell.text << "}";
      } else if (columns_[col].align != 'n') {
        o << cell.text;
      } else if (is_number(cell.text)) {
        const Parts p = scientific[col] ? scientific_parts(cell.text) : fixed_parts(rounded(cell.text));
        o << math(p.integer) << " & " << math(p.fraction) << " & " << math(p.exponent);
      } else {
        const std::string& t = cell.text;
        const std::string shown = t == "inf" ? "$\\infty$" : t == "-inf" ? "$-\\infty$" : t == "nan" ? "--" : math(t);
        o << "\\multicolumn{3}{c}{" << shown << "}";
      }
      col += cell.span;
    }
    o << " \\\\\n";
  }
  o << "\\bottomrule\n\\end{tabular}\n";
  return o.str();
}

std::vector<LatexColumn> number_columns(const std::vector<std::string>& names,
                                        const std::vector<std::pair<std::string, std::string>>& groups) {
  const std::vector<std::pair<std::string, std::string>> symbols{
      {"t", "$t$"}, {"beta", "$\\beta$"}, {"lambda", "$\\lambda$"}, {"kappa", "$\\kappa$"}, {"gamma", "$\\gamma$"}};
  std::vector<LatexColumn> columns;
  for (const auto& name : names) {
    LatexColumn c{name};
    for (const auto& [prefix, title] : groups)
      if (name.rfind(prefix + "_", 0) == 0) {
        c.group = title;
        c.label = name.substr(prefix.size() + 1);
      }
    for (const auto& [word, symbol] : symbols)
      if (c.label == word) c.label = symbol;
    std::replace(c.label.begin(), c.label.end(), '_', ' ');
    columns.push_back(c);
  }
  return columns;
}

}  // namespace tristage
