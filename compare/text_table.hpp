#pragma once
// Plain-text and CSV tables: columns aligned for a terminal, or comma-separated for a spreadsheet.
#include <string>
#include <vector>

namespace tristage {

struct TextTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  std::string aligned() const;
  std::string markdown() const;  // a pipe table (GitHub, pandoc); '|' in a cell escaped
  std::string text(bool as_markdown) const { return as_markdown ? markdown() : aligned(); }
  std::string csv() const;  // RFC 4180 quoting where a cell needs it
};

std::string format_number(double x, int significant = 12);  // shortest of %g that keeps `significant` digits
std::string csv_comment(const std::string& text);           // "# ..." lines, one per line of text

}  // namespace tristage
