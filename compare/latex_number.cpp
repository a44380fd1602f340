#include "compare/latex_number.hpp"

#include <cmath>
#include <sstream>

#include "compare/text_table.hpp"

namespace tristage {

std::string latex_number(double x, int digits) {
  if (!std::isfinite(x)) return "\\text{--}";
  const std::string s = format_number(x, digits);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  const std::string mantissa = s.substr(0, e), exponent = std::to_string(std::stoi(s.substr(e + 1)));
  return (mantissa == "1" ? "" : mantissa + " \\times ") + "10^{" + exponent + "}";
}

std::string latex_cell(const std::string& text) {
  if (text == "inf") return "\\infty";
  if (text == "-inf") return "-\\infty";
  const auto e = text.find('e');
  if (e == std::string::npos || e == 0 || text.find_first_not_of("0123456789.+-e") != std::string::npos) return text;
  const std::string mantissa = text.substr(0, e), exponent = std::to_string(std::stoi(text.substr(e + 1)));
  return (mantissa == "1" ? "" : mantissa + " \\times ") + "10^{" + exponent + "}";
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
