#include "compare/latex_number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include "compare/text_table.hpp"

namespace tristage {

namespace {
std::optional<int> digits_set;
}

void set_latex_digits(std::optional<int> digits) { digits_set = digits; }

std::string latex_number(double x, int digits) {
  if (!std::isfinite(x)) return "\\text{--}";
  if (digits_set) digits = std::min(digits, *digits_set);
  const std::string s = format_number(x, digits);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  const std::string mantissa = s.substr(0, e), exponent = std::to_string(std::stoi(s.substr(e + 1)));
  return (mantissa == "1" ? "" : mantissa + " \\times ") + "10^{" + exponent + "}";
}

std::string latex_cell(const std::string& text) {
  if (text == "inf") return "\\infty";
  if (text == "-inf") return "-\\infty";
  const bool decimal = text.find_first_of(".e") != std::string::npos;
  if (digits_set && decimal && text.find_first_not_of("0123456789.+-e") == std::string::npos) {
    char* end = nullptr;
    const double x = std::strtod(text.c_str(), &end);
    if (end && *end == '\0') return latex_number(x, *digits_set);
  }
  const auto e = text.find('e');
  if (e == std::string::npos || e == 0 || text.find_first_not_of("0123456789.+-e") != std::string::npos) return text;
  const std::string mantissa = text.substr(0, e), exponent = std::to_string(std::stoi(text.substr(e + 1)));
  return (mantissa == "1" ? "" : mantissa + " \\times ") + "10^{" + exponent + "}";
}

std::string latex_header(const std::vector<std::string>& names,
                         const std::vector<std::pair<std::string, std::string>>& groups) {
  const std::vector<std::pair<std::string, std::string>> symbols{
      {"t", "$t$"}, {"beta", "$\\beta$"}, {"lambda", "$\\lambda$"}, {"kappa", "$\\kappa$"}, {"gamma", "$\\gamma$"}};
  std::vector<std::string> group(names.size()), label(names.size());
  for (size_t c = 0; c < names.size(); ++c) {
    label[c] = names[c];
    for (const auto& [prefix, title] : groups)
      if (names[c].rfind(prefix + "_", 0) == 0) {
        group[c] = title;
        label[c] = names[c].substr(prefix.size() + 1);
      }
    for (const auto& [name, symbol] : symbols)
      if (label[c] == name) label[c] = symbol;
    for (char& ch : label[c])
      if (ch == '_') ch = ' ';
  }
  std::ostringstream o, rules;
  o << "\\toprule\n";
  const bool grouped = std::any_of(group.begin(), group.end(), [](const std::string& g) { return !g.empty(); });
  if (grouped) {
    for (size_t c = 0; c < names.size();) {
      size_t end = c + 1;
      while (end < names.size() && group[end] == group[c]) ++end;
      o << (c ? " & " : "");
      if (group[c].empty()) {
        for (size_t k = c + 1; k < end; ++k) o << " & ";
      } else {
        o << "\\multicolumn{" << end - c << "}{c}{" << group[c] << "}";
        rules << "\\cmidrule(lr){" << c + 1 << "-" << end << "}";
      }
      c = end;
    }
    o << " \\\\\n" << rules.str() << "\n";
  }
  for (size_t c = 0; c < names.size(); ++c) o << (c ? " & " : "") << label[c];
  o << " \\\\\n\\midrule\n";
  return o.str();
}

std::string latex_rows_and_end(const std::vector<std::vector<std::string>>& rows) {
  std::ostringstream o;
  for (const auto& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) o << (c ? " & " : "") << "$" << latex_cell(row[c]) << "$";
    o << " \\\\\n";
  }
  o << "\\bottomrule\n\\end{tabular}\n";
  return o.str();
}

}  // namespace tristage
