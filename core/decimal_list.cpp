#include "core/decimal_list.hpp"

#include <cstdlib>

#include "core/error.hpp"
#include "core/expression.hpp"

namespace tristage {

std::vector<std::string> parse_nonnegative_list(const std::string& text, const std::string& option) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    size_t p = text.find(',', start);
    std::string item = text.substr(start, p == std::string::npos ? std::string::npos : p - start);
    Decimal d;
    try {
      d = parse_decimal(item);
    } catch (const Error& e) {
      if (std::string(e.what()).find("out of range") != std::string::npos)
        throw usage_error(option + ": '" + shown_text(item) + "' is out of range; energies and variances are 0 to 1e6");
      throw usage_error(option + ": '" + shown_text(item) +
                        "' is not a number; write a comma-separated list such as 0,1,1,1");
    }
    if (d.digits.starts_with("-"))
      throw usage_error(option + ": '" + shown_text(item) + "' is negative; energies and variances are >= 0");
    // As in experiment files: larger values only scale every error, and squares of them overflow in simulate.
    if (std::strtod(item.c_str(), nullptr) > 1e6)
      throw usage_error(option + ": '" + shown_text(item) + "' is above 1e6; energies and variances are 0 to 1e6 "
                        "(rescale the target)");
    out.push_back(item);
    if (p == std::string::npos) break;
    start = p + 1;
  }
  if (out.size() > 200) throw usage_error(option + ": at most 200 values");
  return out;
}

}  // namespace tristage
