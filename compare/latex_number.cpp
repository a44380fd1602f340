#include "compare/latex_number.hpp"

#include <algorithm>
#include <cmath>

#include "compare/text_table.hpp"

namespace tristage {

namespace {
std::optional<int> digits_set;
}

void set_latex_digits(std::optional<int> digits) { digits_set = digits; }
std::optional<int> latex_digits() { return digits_set; }

std::string latex_number(double x, int digits) {
  if (!std::isfinite(x)) return "\\text{--}";
  digits = latex_digits_at_most(digits);
  const std::string s = format_number(x, digits);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  const std::string mantissa = s.substr(0, e), exponent = std::to_string(std::stoi(s.substr(e + 1)));
  return (mantissa == "1" ? "" : mantissa + " \\times ") + "10^{" + exponent + "}";
}

}  // namespace tristage
