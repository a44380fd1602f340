#pragma once
// A number for a message: %g, six significant digits ("1000", "2.5e+06"), not std::to_string's "1000.000000".
#include <cstdio>
#include <string>

namespace tristage {

inline std::string number_text(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

}  // namespace tristage
