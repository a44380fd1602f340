#include "compare/output_diff.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compare/text_table.hpp"
#include "core/error.hpp"

namespace tristage {

namespace {

using nlohmann::json;

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io_error("cannot read '" + path + "'; give the path of a tristage output (JSON or CSV)");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A whole string read as a finite number, or none.
bool as_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(value);
}

class Differ {
 public:
  explicit Differ(const DiffOptions& o) : o_(o) {}
  DiffResult result;

  void numbers(const std::string& field, double a, double b, const std::string& ta, const std::string& tb) {
    ++result.compared;
    const double scale = std::max(std::abs(a), std::abs(b));
    if (std::abs(a - b) <= o_.atol + o_.rtol * scale) return;
    result.differences.push_back({field, ta, tb, scale > 0 ? std::abs(a - b) / scale : 0.0});
  }

  void texts(const std::string& field, const std::string& a, const std::string& b) {
    ++result.compared;
    if (a != b) result.differences.push_back({field, a, b, -1});
  }

  void values(const std::string& field, const json& a, const json& b) {
    if (a.is_object() && b.is_object()) {
      std::vector<std::string> keys;
      for (const auto& [k, v] : a.items()) keys.push_back(k);
      for (const auto& [k, v] : b.items())
        if (!a.contains(k)) keys.push_back(k);
      for (const auto& k : keys) {
        if (std::find(o_.ignore.begin(), o_.ignore.end(), k) != o_.ignore.end()) continue;
        const std::string f = field.empty() ? k : field + "." + k;
        if (!a.contains(k) || !b.contains(k)) {
          ++result.compared;
          result.differences.push_back({f, a.contains(k) ? shown(a.at(k)) : "(absent)",
                                        b.contains(k) ? shown(b.at(k)) : "(absent)", -1});
          continue;
        }
        values(f, a.at(k), b.at(k));
      }
      return;
    }
    if (a.is_array() && b.is_array()) {
      if (a.size() != b.size()) {
        ++result.compared;
        result.differences.push_back({field + " (length)", std::to_string(a.size()), std::to_string(b.size()), -1});
      }
      for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) values(field + "[" + std::to_string(i) + "]", a[i], b[i]);
      return;
    }
    if (a.is_number() && b.is_number()) return numbers(field, a.get<double>(), b.get<double>(), shown(a), shown(b));
    texts(field, shown(a), shown(b));
  }

  void csv(const TextTable& a, const TextTable& b) {
    if (a.header != b.header) {
      std::string ha, hb;
      for (const auto& h : a.header) ha += (ha.empty() ? "" : ",") + h;
      for (const auto& h : b.header) hb += (hb.empty() ? "" : ",") + h;
      texts("header", ha, hb);
      return;
    }
    if (a.rows.size() != b.rows.size())
      texts("rows (count)", std::to_string(a.rows.size()), std::to_string(b.rows.size()));
    for (size_t r = 0; r < std::min(a.rows.size(), b.rows.size()); ++r)
      for (size_t c = 0; c < a.header.size(); ++c) {
        const std::string ca = c < a.rows[r].size() ? a.rows[r][c] : "", cb = c < b.rows[r].size() ? b.rows[r][c] : "";
        const std::string field = "row " + std::to_string(r + 1) + ", column " + a.header[c];
        double x = 0, y = 0;
        if (as_number(ca, x) && as_number(cb, y)) numbers(field, x, y, ca, cb);
        else texts(field, ca, cb);
      }
  }

 private:
  static std::string shown(const json& v) {
    std::string s = v.is_string() ? v.get<std::string>() : v.dump();
    return s.size() > 80 ? s.substr(0, 77) + "..." : s;
  }
  const DiffOptions& o_;
};

// CSV with a header row (RFC 4180 quoting); a first "# " provenance line (--csv-comment) is skipped.
TextTable parse_csv(const std::string& text, const std::string& path) {
  TextTable t;
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false, any = false;
  size_t i = 0;
  if (text.rfind("# ", 0) == 0) i = text.find('\n') == std::string::npos ? text.size() : text.find('\n') + 1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
      continue;
    }
    if (c == '"') quoted = any = true;
    else if (c == ',') row.push_back(cell), cell.clear(), any = true;
    else if (c == '\n') {
      if (any || !cell.empty()) row.push_back(cell);
      if (!row.empty()) lines.push_back(row);
      row.clear(), cell.clear(), any = false;
    } else if (c != '\r') cell += c, any = true;
  }
  if (any || !cell.empty()) row.push_back(cell), lines.push_back(row);
  if (quoted || lines.empty())
    throw usage_error("'" + path + "' is neither JSON nor CSV with a header row; compare two tristage outputs");
  t.header = lines.front();
  t.rows.assign(lines.begin() + 1, lines.end());
  return t;
}

}  // namespace

DiffResult diff_outputs(const std::string& path_a, const std::string& path_b, const DiffOptions& options) {
  const std::string a = read_all(path_a), b = read_all(path_b);
  Differ d(options);
  const json ja = json::parse(a, nullptr, false), jb = json::parse(b, nullptr, false);
  if (!ja.is_discarded() || !jb.is_discarded()) {
    if (ja.is_discarded() || jb.is_discarded())
      throw usage_error("'" + (ja.is_discarded() ? path_b : path_a) + "' is JSON and '" +
                        (ja.is_discarded() ? path_a : path_b) + "' is not; compare two outputs of the same kind");
    d.values("", ja, jb);
    return d.result;
  }
  d.csv(parse_csv(a, path_a), parse_csv(b, path_b));
  return d.result;
}

}  // namespace tristage
