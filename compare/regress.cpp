#include "compare/regress.hpp"

#include <toml++/toml.h>
#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/number_text.hpp"

namespace tristage {

namespace fs = std::filesystem;

namespace {

std::string where(const fs::path& file, const toml::source_region& at) {
  return file.string() + ":" + std::to_string(at.begin.line ? at.begin.line : 1) + ":" +
         std::to_string(at.begin.line ? at.begin.column : 1);
}

[[noreturn]] void bad(const fs::path& file, const toml::node& at, const std::string& what) {
  throw usage_error(where(file, at.source()) + ": " + what +
                    " (a case is [[case]] with name, command, golden and optionally output, rtol, atol, ignore)");
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A private folder for one case's output, removed when the case is done.
struct Scratch {
  fs::path path;
  Scratch() {
    std::string pattern = (fs::temp_directory_path() / "tristage-regress-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw io_error("cannot create a temporary folder in " + fs::temp_directory_path().string());
    path = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

std::vector<RegressCase> load_manifest(const fs::path& folder) {
  const fs::path file = folder / "manifest.toml";
  if (!fs::is_regular_file(file))
    throw usage_error("'" + folder.string() + "' has no manifest.toml: a golden folder lists its cases there "
                      "(docs/usage.md, regress; the project's own: tests/golden/manifest.toml)");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw usage_error(where(file, e.source()) + ": " + std::string(e.description()));
  }
  for (auto&& [key, value] : root)
    if (key.str() != "case") bad(file, value, "unknown key '" + std::string(key.str()) + "' at the top level");
  const toml::array* list = root["case"].as_array();
  if (!list || list->empty()) throw usage_error(file.string() + ": no [[case]]: list at least one case");
  std::vector<RegressCase> cases;
  for (const toml::node& node : *list) {
    const toml::table* t = node.as_table();
    if (!t) bad(file, node, "each case is a table [[case]]");
    RegressCase c;
    for (auto&& [key, value] : *t) {
      const std::string k(key.str());
      if (k == "name" || k == "golden" || k == "output") {
        const auto s = value.value<std::string>();
        if (!s || s->empty()) bad(file, value, k + " must be a non-empty string");
        (k == "name" ? c.name : k == "golden" ? c.golden : c.output) = *s;
      } else if (k == "command" || k == "ignore") {
        const toml::array* a = value.as_array();
        if (!a) bad(file, value, k + " must be an array of strings");
        std::vector<std::string> words;
        for (const toml::node& w : *a) {
          const auto s = w.value<std::string>();
          if (!s) bad(file, w, k + " must be an array of strings");
          words.push_back(*s);
        }
        if (k == "command") c.command = words;
        else c.diff.ignore.insert(c.diff.ignore.end(), words.begin(), words.end());
      } else if (k == "rtol" || k == "atol") {
        const auto x = value.value<double>();
        if (!x || !(*x >= 0) || !std::isfinite(*x)) bad(file, value, k + " must be a number >= 0");
        (k == "rtol" ? c.diff.rtol : c.diff.atol) = *x;
      } else {
        bad(file, value, "unknown key '" + k + "' in a case");
      }
    }
    if (c.name.empty() || c.command.empty() || c.golden.empty())
      bad(file, node, "a case needs name, command and golden");
    if (!std::regex_match(c.name, std::regex("[A-Za-z0-9._-]+")))
      bad(file, node, "name '" + c.name + "' has characters other than letters, digits, '-', '_' and '.'");
    if (fs::path(c.golden).has_parent_path() || c.golden == "." || c.golden == "..")
      bad(file, node, "golden '" + c.golden + "' must be a file name in the folder, not a path");
    const bool has_out = std::find(c.command.begin(), c.command.end(), "{out}") != c.command.end();
    if (c.output.empty() == has_out)
      bad(file, node, has_out ? "the command writes a folder at {out}: name the file to compare with output = ..."
                              : "output = ... compares a file in the command's folder: put \"{out}\" in the command");
    for (const auto& other : cases)
      if (other.name == c.name) bad(file, node, "two cases are named '" + c.name + "'");
    cases.push_back(std::move(c));
  }
  return cases;
}

RegressOutcome run_regress(const fs::path& folder, bool update, const RunTristage& run) {
  const std::vector<RegressCase> cases = load_manifest(folder);
  RegressOutcome r;
  std::ostringstream report;
  for (const RegressCase& c : cases) {
    ++r.cases;
    Scratch scratch;
    std::vector<std::string> args = c.command;
    for (auto& a : args)
      if (a == "{out}") a = (scratch.path / "out").string();
    const fs::path printed = scratch.path / "stdout";
    const fs::path produced = c.output.empty() ? printed : scratch.path / "out" / c.output;
    const fs::path golden = folder / c.golden;
    try {
      run(args, printed);
      if (!fs::is_regular_file(produced))
        throw io_error("the command wrote no '" + c.output + "' in its folder");
    } catch (const Error& e) {
      ++r.differing;
      report << "FAILED    " << c.name << ": " << e.what() << "\n";
      continue;
    }
    if (update) {
      write_file_atomic(golden, read_text(produced));
      report << "updated   " << golden.string() << "\n";
      continue;
    }
    if (!fs::is_regular_file(golden)) {
      ++r.differing;
      report << "MISSING   " << c.name << ": no golden file " << golden.string()
             << " (run 'tristage regress --golden " << folder.string() << " --update' to create it)\n";
      continue;
    }
    DiffResult d;
    try {
      d = diff_outputs(golden.string(), produced.string(), c.diff);
    } catch (const Error& e) {
      ++r.differing;
      report << "FAILED    " << c.name << ": " << e.what() << "\n";
      continue;
    }
    if (d.differences.empty()) {
      report << "same      " << c.name << " (" << d.compared << " fields)\n";
      continue;
    }
    ++r.differing;
    report << "DIFFERENT " << c.name << ": " << d.differences.size() << " of " << d.compared << " fields (rtol "
           << number_text(c.diff.rtol) << ", atol " << number_text(c.diff.atol) << ")\n";
    for (size_t i = 0; i < d.differences.size() && i < 40; ++i) {
      const auto& f = d.differences[i];
      report << "  " << f.field << ": golden " << f.a << ", now " << f.b;
      if (f.relative >= 0) report << " (relative difference " << number_text(f.relative) << ")";
      report << "\n";
    }
    if (d.differences.size() > 40) report << "  ... and " << d.differences.size() - 40 << " more\n";
  }
  r.report = report.str();
  return r;
}

}  // namespace tristage
