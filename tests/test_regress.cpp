// A golden folder: its manifest is read and checked, every case is run (here by a stand-in for tristage that writes
// known outputs) and compared field by field; a user's case is checked like the project's, a number moved beyond
// its case's tolerance fails naming the field, one within it passes, and --update writes only in the folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "compare/regress.hpp"
#include "core/error.hpp"

using namespace tristage;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct Folder {
  fs::path dir = fs::temp_directory_path() / "tristage-regress-test";
  Folder() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Folder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(dir / name) << text; }
};

// Stands in for tristage: `value X` prints {"x": X, "label": "1/3"}; `folder DIR X` writes DIR/run.json alike.
void fake(const std::vector<std::string>& args, const fs::path& out) {
  if (args.at(0) == "fail") throw Error(Exit::usage, "no such thing");
  const json j = {{"x", std::stod(args.back())}, {"label", "1/3"}, {"tristage", {{"version", "any"}}}};
  if (args.at(0) == "folder") {
    fs::create_directories(args.at(1));
    std::ofstream(fs::path(args.at(1)) / "run.json") << j.dump();
  } else {
    std::ofstream(out) << j.dump();
  }
}

const char* manifest = R"([[case]]
name = "mine"
command = ["value", "0.5"]
golden = "mine.json"
rtol = 1e-6

[[case]]
name = "in-a-folder"
command = ["folder", "{out}", "2.0"]
output = "run.json"
golden = "folder.json"
)";

}  // namespace

TEST_CASE("a user's golden folder: missing, written by --update, equal, moved within and beyond the tolerance") {
  Folder f;
  f.write("manifest.toml", manifest);
  const RegressOutcome missing = run_regress(f.dir, false, fake);
  CHECK(missing.cases == 2);
  CHECK(missing.differing == 2);
  CHECK(missing.report.find("MISSING   mine") != std::string::npos);

  const RegressOutcome updated = run_regress(f.dir, true, fake);
  CHECK(updated.differing == 0);
  CHECK(fs::is_regular_file(f.dir / "mine.json"));
  CHECK(fs::is_regular_file(f.dir / "folder.json"));
  CHECK(run_regress(f.dir, false, fake).differing == 0);

  // Within the case's rtol (1e-6): the same; beyond it: the field is named with both values.
  f.write("mine.json", R"({"x": 0.5000001, "label": "1/3"})");
  CHECK(run_regress(f.dir, false, fake).differing == 0);
  f.write("mine.json", R"({"x": 0.51, "label": "1/3"})");
  RegressOutcome moved = run_regress(f.dir, false, fake);
  CHECK(moved.differing == 1);
  CHECK(moved.report.find("DIFFERENT mine: 1 of 2 fields") != std::string::npos);
  CHECK(moved.report.find("x: golden 0.51, now 0.5") != std::string::npos);
  // An exact rational is compared exactly, whatever the tolerance.
  f.write("mine.json", R"({"x": 0.5, "label": "1/4"})");
  moved = run_regress(f.dir, false, fake);
  CHECK(moved.report.find("label: golden 1/4, now 1/3") != std::string::npos);
  // The second case's default rtol (1e-12) holds a 1e-9 change.
  f.write("folder.json", R"({"x": 2.000000002, "label": "1/3"})");
  CHECK(run_regress(f.dir, false, fake).report.find("DIFFERENT in-a-folder") != std::string::npos);
}

TEST_CASE("a case whose command fails is reported with the command's message") {
  Folder f;
  f.write("manifest.toml", "[[case]]\nname = \"broken\"\ncommand = [\"fail\"]\ngolden = \"b.json\"\n");
  const RegressOutcome r = run_regress(f.dir, false, fake);
  CHECK(r.differing == 1);
  CHECK(r.report.find("FAILED    broken: no such thing") != std::string::npos);
}

TEST_CASE("a malformed manifest is refused naming the file, line and what to fix") {
  Folder f;
  auto refusal = [&](const std::string& text) {
    f.write("manifest.toml", text);
    try {
      (void)load_manifest(f.dir);
    } catch (const Error& e) {
      CHECK(e.code() == Exit::usage);
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  CHECK(refusal("[[case]]\nname = \"a\"\ncommand = [\"x\"]\n").find("needs name, command and golden") != std::string::npos);
  CHECK(refusal("[[case]]\nname = \"a\"\ncommand = [\"x\"]\ngolden = \"../g.json\"\n").find("not a path") !=
        std::string::npos);
  CHECK(refusal("[[case]]\nname = \"a\"\ncommand = [\"x\"]\ngolden = \"g\"\nrtol = -1\n").find(":5:") !=
        std::string::npos);
  CHECK(refusal("[[case]]\nname = \"a\"\ncommand = [\"x\", \"{out}\"]\ngolden = \"g\"\n").find("output = ") !=
        std::string::npos);
  CHECK(refusal("[[case]]\nname = \"a\"\ncommand = [\"x\"]\ngolden = \"g\"\ncolour = 1\n").find("unknown key 'colour'") !=
        std::string::npos);
  CHECK(refusal("").find("no [[case]]") != std::string::npos);
  fs::remove(f.dir / "manifest.toml");
  try {
    (void)load_manifest(f.dir);
    FAIL("a folder without a manifest");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("has no manifest.toml") != std::string::npos);
  }
}
