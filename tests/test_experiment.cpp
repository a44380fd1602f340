// Experiment files: the embedded default is experiments/default.toml as built, every field round-trips, and every
// kind of bad input is a usage error naming the file, the line and the key.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compare/experiment.hpp"
#include "core/error.hpp"

#ifndef TRISTAGE_SOURCE_DIR
#error "tests/meson.build defines TRISTAGE_SOURCE_DIR, the project's source root"
#endif

using namespace tristage;

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open ", path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The smallest valid experiment; the catalogue below replaces its lines or appends to it.
const std::vector<std::string> base = {
    "[experiment]",            // 1
    "name = \"t\"",            // 2
    "kernels = [\"exp\"]",     // 3
    "alpha = 1.5",             // 4
    "d = [50, 100]",           // 5
    "energies = [0, 1, 1, 1]", // 6
};

std::string text_of(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

std::string replaced(int line, const std::string& with) {
  auto lines = base;
  lines.at(line - 1) = with;
  return text_of(lines);
}

std::string appended(const std::vector<std::string>& more) {
  auto lines = base;
  lines.insert(lines.end(), more.begin(), more.end());
  return text_of(lines);
}

struct Bad {
  const char* what;
  std::string text;
  std::string key;  // must appear in the message
  int line;         // the message starts with bad.toml:<line>:
};

}  // namespace

TEST_CASE("the embedded default is experiments/default.toml and says what the issue says") {
  const std::string on_disk = read_text(std::string(TRISTAGE_SOURCE_DIR) + "/experiments/default.toml");
  CHECK(default_experiment_toml() == on_disk);

  const Experiment e = default_experiment();
  CHECK(e.origin == "embedded default");
  CHECK(e.source == on_disk);
  CHECK(e.name == "default");
  CHECK(!e.description.empty());
  CHECK(e.kernels == std::vector<std::string>{"exp"});
  CHECK(e.alpha == 1.5);
  CHECK(e.dims == std::vector<long>{50, 100, 200, 400});
  CHECK(e.seeds == 4);
  CHECK(e.seed == 1);
  CHECK(e.energies == std::vector<double>{0, 1, 1, 1});
  CHECK(e.noise == 0.5);
  CHECK(e.beta_min == 0);
  CHECK(e.beta_max == 3.5);
  CHECK(e.points == 57);
  CHECK(e.method == "flow");
  CHECK(e.convention == "half");
  REQUIRE(e.claims.size() == 8);
  for (const auto& name : claim_names()) {
    CAPTURE(name);
    REQUIRE(e.claims.count(name) == 1);
    CHECK(e.claims.at(name).enabled == (name != "integer_alpha"));  // alpha = 1.5: every claim but that one
    CHECK(e.claims.at(name).shift == 0);
  }
  CHECK(e.claims.at("train_gamma_n").points == std::vector<double>{0.5, 1, 2});
  CHECK(e.claims.at("boundary").points == std::vector<double>{1.0});
  CHECK(e.claims.at("stage1").points.empty());

  // The file on disk parses to the same experiment.
  const Experiment f = load_experiment(std::string(TRISTAGE_SOURCE_DIR) + "/experiments/default.toml");
  CHECK(f.origin == std::string(TRISTAGE_SOURCE_DIR) + "/experiments/default.toml");
  CHECK(f.source == e.source);
  CHECK(f.dims == e.dims);
  CHECK(f.energies == e.energies);
}

TEST_CASE("claim names in report order") {
  CHECK(claim_names() == std::vector<std::string>{"stage1", "deep_bootstrap", "bootstrap_gap", "train_gamma_n", "stage3",
                                                 "progressive", "boundary", "integer_alpha"});

}

TEST_CASE("every field round-trips") {
  const std::string text = R"toml(# every key, none at its default
[experiment]
name = "pair-A_vs_B"
description = "exp against 1 + 3(e^u - 1 - u)"
kernels = ["exp", "1 + 3*(exp(u) - 1 - u)"]
alpha = 2.5
d = [3, 20, 100000]
seeds = 1000
seed = 9223372036854775807
energies = [1e-3, 2, 0.25]
noise = 0
[time]
beta_min = -1.5
beta_max = 6
points = 10001
[engine]
method = "gd"
convention = "plain"
[claims]
stage1 = { shift = 0.05 }
deep_bootstrap = { enabled = false, shift = -0.2 }
train_gamma_n = { gammas = [0.25, 4] }
[claims.boundary]
shift = 1
taus = [0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9]
)toml";
  const Experiment e = parse_experiment(text, "all.toml");
  CHECK(e.origin == "all.toml");
  CHECK(e.source == text);
  CHECK(e.name == "pair-A_vs_B");
  CHECK(e.description == "exp against 1 + 3(e^u - 1 - u)");
  CHECK(e.kernels == std::vector<std::string>{"exp", "1 + 3*(exp(u) - 1 - u)"});
  CHECK(e.alpha == 2.5);
  CHECK(e.dims == std::vector<long>{3, 20, 100000});
  CHECK(e.seeds == 1000);
  CHECK(e.seed == 9223372036854775807ull);
  CHECK(e.energies == std::vector<double>{1e-3, 2, 0.25});
  CHECK(e.noise == 0);
  CHECK(e.beta_min == -1.5);
  CHECK(e.beta_max == 6);
  CHECK(e.points == 10001);
  CHECK(e.method == "gd");
  CHECK(e.convention == "plain");
  REQUIRE(e.claims.size() == 8);
  CHECK(e.claims.at("stage1").enabled);
  CHECK(e.claims.at("stage1").shift == 0.05);
  CHECK(!e.claims.at("deep_bootstrap").enabled);
  CHECK(e.claims.at("deep_bootstrap").shift == -0.2);
  CHECK(e.claims.at("train_gamma_n").enabled);
  CHECK(e.claims.at("train_gamma_n").shift == 0);  // the default
  CHECK(e.claims.at("train_gamma_n").points == std::vector<double>{0.25, 4});
  CHECK(e.claims.at("boundary").enabled);
  CHECK(e.claims.at("boundary").shift == 1);
  CHECK(e.claims.at("boundary").points == std::vector<double>{0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  // Left out of a [claims] table: not checked.
  CHECK(!e.claims.at("stage3").enabled);
  CHECK(!e.claims.at("progressive").enabled);
}

TEST_CASE("defaults of optional keys") {
  const Experiment e = parse_experiment(text_of(base), "min.toml");
  CHECK(e.description.empty());
  CHECK(e.seeds == 4);
  CHECK(e.seed == 1);
  CHECK(e.noise == 0);
  CHECK(e.beta_min == 0);
  CHECK(e.beta_max == 3.5);  // floor(1.5) + 2.5
  CHECK(e.points == 57);
  CHECK(e.method == "flow");
  CHECK(e.convention == "half");
  // No [claims] table: all eight, unshifted; n = d^alpha (c = 1).
  CHECK(e.c == 1);
  REQUIRE(e.claims.size() == 8);
  for (const auto& [name, c] : e.claims) {
    CHECK(c.enabled);
    CHECK(c.shift == 0);
  }

  // beta_max = 0 means floor(alpha) + 2.5; integers are numbers.
  const Experiment g = parse_experiment(replaced(4, "alpha = 2") + "[time]\nbeta_max = 0\n", "zero.toml");
  CHECK(g.alpha == 2);
  CHECK(g.beta_max == 4.5);

  // The tolerance of the first verdicts is ignored, with a warning that says why and where.
  const Experiment old = parse_experiment(appended({"[claims]", "stage1 = { tolerance = 0.1 }"}), "old.toml");
  REQUIRE(old.warnings.size() == 1);
  CHECK(old.warnings[0].find("old.toml:8:") == 0);
  CHECK(old.warnings[0].find("claims.stage1.tolerance is no longer used") != std::string::npos);

  // An empty [claims] table checks nothing.
  const Experiment h = parse_experiment(appended({"[claims]"}), "none.toml");
  for (const auto& [name, c] : h.claims) CHECK(!c.enabled);
}

TEST_CASE("a catalogue of bad experiments: usage errors naming file, line and key") {
  std::vector<Bad> bad = {
      {"syntax error", replaced(4, "alpha = 1.5.2"), "TOML syntax", 4},
      {"syntax error: unterminated string", replaced(2, "name = \"t"), "TOML syntax", 2},
      {"duplicate key", appended({"alpha = 2"}), "TOML syntax", 7},
      {"unknown key", replaced(4, "alpah = 1.5"), "experiment.alpah", 4},
      {"unknown table", appended({"[engin]", "method = \"gd\""}), "engin", 7},
      {"top-level key", "alpha = 1.5\n" + text_of(base), "alpha", 1},
      {"unknown claim", appended({"[claims]", "stage4 = { tolerance = 0.1 }"}), "claims.stage4", 8},
      {"unknown key in a claim", appended({"[claims]", "stage1 = { tolerence = 0.1 }"}), "claims.stage1.tolerence", 8},
      {"taus on stage1", appended({"[claims]", "stage1 = { taus = [1] }"}), "claims.stage1.taus", 8},
      {"claim not a table", appended({"[claims]", "stage1 = 0.1"}), "claims.stage1", 8},
      {"enabled not a boolean", appended({"[claims]", "stage3 = { enabled = \"no\" }"}), "claims.stage3.enabled", 8},
      {"wrong type", replaced(4, "alpha = \"1.5\""), "experiment.alpha", 4},
      {"a date for a number", replaced(4, "alpha = 1979-05-27"), "experiment.alpha", 4},
      {"NaN", replaced(4, "alpha = nan"), "experiment.alpha", 4},
      {"inf", appended({"noise = inf"}), "experiment.noise", 7},
      {"-inf", appended({"[time]", "beta_min = -inf"}), "time.beta_min", 8},
      {"negative noise", appended({"noise = -0.5"}), "experiment.noise", 7},
      {"alpha 0", replaced(4, "alpha = 0"), "experiment.alpha", 4},
      {"alpha above 4", replaced(4, "alpha = 4.5"), "experiment.alpha", 4},
      {"missing alpha", replaced(4, "# no alpha"), "experiment.alpha", 1},
      {"missing [experiment]", "[time]\npoints = 5\n", "experiment", 1},
      {"d not increasing", replaced(5, "d = [100, 50]"), "experiment.d[1]", 5},
      {"d repeated", replaced(5, "d = [50, 50]"), "experiment.d[1]", 5},
      {"d = 2", replaced(5, "d = [2, 100]"), "experiment.d[0]", 5},
      {"d too large", replaced(5, "d = [50, 100001]"), "experiment.d[1]", 5},
      {"d fractional", replaced(5, "d = [50.5, 100]"), "experiment.d[0]", 5},
      {"one d", replaced(5, "d = [50]"), "experiment.d", 5},
      {"too many d", replaced(5, "d = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]"), "experiment.d", 5},
      {"d nested", replaced(5, "d = [[50], [100]]"), "experiment.d[0]", 5},
      {"d a number", replaced(5, "d = 50"), "experiment.d", 5},
      {"empty energies", replaced(6, "energies = []"), "experiment.energies", 6},
      {"all-zero energies", replaced(6, "energies = [0, 0.0]"), "experiment.energies", 6},
      {"negative energy", replaced(6, "energies = [0, -1]"), "experiment.energies[1]", 6},
      {"too many energies", replaced(6, [] {
         std::string s = "energies = [1";
         for (int i = 0; i < 50; ++i) s += ", 1";
         return s + "]";
       }()),
       "experiment.energies", 6},
      {"seeds 0", appended({"seeds = 0"}), "experiment.seeds", 7},
      {"seeds too many", appended({"seeds = 1001"}), "experiment.seeds", 7},
      {"negative seed", appended({"seed = -1"}), "experiment.seed", 7},
      {"kernel malformed", replaced(3, "kernels = [\"poly:x\"]"), "experiment.kernels[0]", 3},
      {"kernel unknown", replaced(3, "kernels = [\"gauss:1\"]"), "experiment.kernels[0]", 3},
      {"kernel with a bad column", replaced(3, "kernels = [\"exp\", \"1 + * u\"]"), "experiment.kernels[1]", 3},
      {"kernel empty", replaced(3, "kernels = [\"\"]"), "experiment.kernels[0]", 3},
      {"kernel not a string", replaced(3, "kernels = [1]"), "experiment.kernels[0]", 3},
      {"kernels a string", replaced(3, "kernels = \"exp\""), "experiment.kernels", 3},
      {"three kernels", replaced(3, "kernels = [\"exp\", \"poly:2\", \"poly:3\"]"), "experiment.kernels", 3},
      {"no kernels", replaced(3, "kernels = []"), "experiment.kernels", 3},
      {"same kernel twice", replaced(3, "kernels = [\"exp\", \"exp\"]"), "experiment.kernels[1]", 3},
      {"empty name", replaced(2, "name = \"\""), "experiment.name", 2},
      {"name with a space", replaced(2, "name = \"my run\""), "experiment.name", 2},
      {"name too long", replaced(2, "name = \"" + std::string(65, 'a') + "\""), "experiment.name", 2},
      {"gammas empty", appended({"[claims]", "train_gamma_n = { gammas = [] }"}), "claims.train_gamma_n.gammas", 8},
      {"gamma 0", appended({"[claims]", "train_gamma_n = { gammas = [1, 0] }"}), "claims.train_gamma_n.gammas[1]", 8},
      {"taus too many", appended({"[claims]", "boundary = { taus = [1,2,3,4,5,6,7,8,9,10,11] }"}), "claims.boundary.taus", 8},
      {"c 0", replaced(4, "alpha = 2\nc = 0"), "experiment.c", 5},
      {"c above 100", replaced(4, "alpha = 2\nc = 101"), "experiment.c", 5},
      {"shift -1", appended({"[claims]", "stage1 = { shift = -1 }"}), "claims.stage1.shift", 8},
      {"shift above 1", appended({"[claims.progressive]", "shift = 1.5"}), "claims.progressive.shift", 8},
      {"shift nan", appended({"[claims]", "boundary = { shift = nan }"}), "claims.boundary.shift", 8},
      {"shift not a number", appended({"[claims]", "boundary = { shift = \"5%\" }"}), "claims.boundary.shift", 8},
      {"beta_max < beta_min", appended({"[time]", "beta_min = 2", "beta_max = 1"}), "time.beta_max", 9},
      {"beta_min above the default beta_max", appended({"[time]", "beta_min = 3.5"}), "time.beta_min", 8},
      {"beta_min enormous", appended({"[time]", "beta_min = 1e300"}), "time.beta_min", 8},
      {"points 1", appended({"[time]", "points = 1"}), "time.points", 8},
      {"points too many", appended({"[time]", "points = 10002"}), "time.points", 8},
      {"unknown key in [time]", appended({"[time]", "beta = 1"}), "time.beta", 8},
      {"huge string", appended({"description = \"" + std::string(1001, 'x') + "\""}), "experiment.description", 7},
      {"bad method", appended({"[engine]", "method = \"sgd\""}), "engine.method", 8},
      {"bad convention", appended({"[engine]", "convention = \"squared\""}), "engine.convention", 8},
      {"engine not a table", appended({"engine = \"flow\""}), "experiment.engine", 7},
      {"time not a table", "time = 3\n" + text_of(base), "time", 1},
      {"control characters in a key", appended({"\"a\\nb\" = 1"}), "experiment.a\\x0ab", 7},
      // The theory's checks, before any work: a second kernel is refused before the first one runs.
      {"kernel not analytic at 0", replaced(3, "kernels = [\"exp\", \"sqrt(u^2)\"]"), "experiment.kernels[1]", 3},
      {"indefinite kernel (negative h''(0))", replaced(3, "kernels = [\"exp\", \"cos(u)\"]"), "experiment.kernels[1]", 3},
      {"negative Taylor coefficient with positive xi at small d", replaced(3, "kernels = [\"taylor:1,0,-0.001,1\"]"),
       "experiment.kernels[0]", 3},
      {"kernel with a huge exponent", replaced(3, "kernels = [\"u^(2^(2^(2^5)))\"]"), "experiment.kernels[0]", 3},
      {"kernel too large on [-1, 1]", replaced(3, "kernels = [\"exp(300*u)\"]"), "experiment.kernels[0]", 3},
      {"kernel nested too deep", replaced(3, "kernels = [\"" + std::string(101, '(') + "u" + std::string(101, ')') + "\"]"),
       "experiment.kernels[0]", 3},
      {"-inf", replaced(4, "alpha = -inf"), "experiment.alpha", 4},
      {"nan inside an array", replaced(6, "energies = [0, nan]"), "experiment.energies[1]", 6},
      {"a string for a whole number", appended({"seeds = \"4\""}), "experiment.seeds", 7},
      {"a boolean for a number", appended({"noise = true"}), "experiment.noise", 7},
      {"seed beyond 64 bits", appended({"seed = 99999999999999999999"}), "TOML syntax", 7},
      {"energy above 1e6", replaced(6, "energies = [0, 1e7]"), "experiment.energies[1]", 6},
      {"d enormous", replaced(5, "d = [50, 1000000000000]"), "experiment.d[1]", 5},
  };
  CHECK(bad.size() >= 25);
  for (const auto& b : bad) {
    CAPTURE(b.what);
    CAPTURE(b.text);
    try {
      parse_experiment(b.text, "bad.toml");
      FAIL_CHECK("accepted: ", b.what);
    } catch (const Error& e) {
      const std::string m = e.what();
      CAPTURE(m);
      CHECK(e.code() == Exit::usage);
      CHECK(m.find("bad.toml:" + std::to_string(b.line) + ":") == 0);
      CHECK(m.find(b.key) != std::string::npos);
      CHECK(m.find('\n') == std::string::npos);
      CHECK(m.find("; ") != std::string::npos);  // what is wrong; what is accepted
    }
  }
}

TEST_CASE("messages are helpful") {
  auto message = [](const std::string& text) {
    try {
      parse_experiment(text, "x.toml");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(message(replaced(4, "alpah = 1.5")).find("did you mean experiment.alpha?") != std::string::npos);
  CHECK(message("alpha = 1.5\n" + text_of(base)).find("belongs in [experiment]") != std::string::npos);
  CHECK(message(replaced(3, "kernels = [\"exp\", \"1 + * u\"]")).find("column") != std::string::npos);
  CHECK(message(replaced(5, "d = [100, 50]")).find("increasing") != std::string::npos);
  CHECK(message(replaced(4, "alpha = nan")).find("nan") != std::string::npos);
}

TEST_CASE("load_experiment: missing, a directory, too large, and a file") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "tristage-experiment-test";
  fs::remove_all(dir);
  fs::create_directories(dir);

  auto code_and_message = [](const std::string& path) -> std::pair<Exit, std::string> {
    try {
      load_experiment(path);
    } catch (const Error& e) {
      return {e.code(), e.what()};
    }
    return {Exit::ok, ""};
  };

  auto [c1, m1] = code_and_message((dir / "missing.toml").string());
  CHECK(c1 == Exit::usage);
  CHECK(m1.find("missing.toml") != std::string::npos);
  CHECK(m1.find("does not exist") != std::string::npos);

  auto [c2, m2] = code_and_message(dir.string());
  CHECK(c2 == Exit::usage);
  CHECK(m2.find("not a regular file") != std::string::npos);

  const fs::path big = dir / "big.toml";
  {
    std::ofstream out(big);
    out << text_of(base) << "# " << std::string((1 << 20) + 10, 'x') << "\n";
  }
  auto [c3, m3] = code_and_message(big.string());
  CHECK(c3 == Exit::usage);
  CHECK(m3.find("1 MB") != std::string::npos);
  CHECK_THROWS_AS(parse_experiment(read_text(big.string()), "big.toml"), Error);

  const fs::path good = dir / "good.toml";
  {
    std::ofstream out(good);
    out << text_of(base);
  }
  const Experiment e = load_experiment(good.string());
  CHECK(e.origin == good.string());
  CHECK(e.source == text_of(base));
  CHECK(e.dims == std::vector<long>{50, 100});

  const fs::path broken = dir / "broken.toml";
  {
    std::ofstream out(broken);
    out << replaced(4, "alpha = -1");
  }
  auto [c4, m4] = code_and_message(broken.string());
  CHECK(c4 == Exit::usage);
  CHECK(m4.find(broken.string() + ":4:") == 0);
  fs::remove_all(dir);
}

TEST_CASE("alpha at or near an integer: a warning citing THEORY.md section 6, not an error") {
  CHECK(integer_alpha_warning(1.5).empty());
  CHECK(integer_alpha_warning(2.1).empty());
  CHECK(integer_alpha_warning(1.95).empty());  // 0.05 away: no longer "near"
  for (double a : {2.0, 2.001, 1.97, 3.0}) {
    CAPTURE(a);
    const std::string w = integer_alpha_warning(a);
    CHECK(w.find("THEORY.md section 6") != std::string::npos);
    CHECK(w.find("try alpha = ") != std::string::npos);
    CHECK(w.find('\n') == std::string::npos);
  }
  CHECK(integer_alpha_warning(2).find("is an integer") != std::string::npos);
  CHECK(integer_alpha_warning(2.001).find("within 0.001 of the integer 2") != std::string::npos);
  CHECK(integer_alpha_warning(0.02).find("close to 0") != std::string::npos);

  const Experiment e = parse_experiment(replaced(4, "alpha = 2.001"), "near.toml");
  REQUIRE(e.warnings.size() == 1);
  CHECK(e.warnings[0].find("near.toml:4:9: experiment.alpha: alpha = 2.001") == 0);
  CHECK(parse_experiment(text_of(base), "ok.toml").warnings.empty());
  CHECK(default_experiment().warnings.empty());
}

TEST_CASE("the kernels' sign check keeps to its budget and says what it checked how") {
  std::string energies = "energies = [1";
  for (int k = 1; k < 50; ++k) energies += ", 1";
  energies += "]";
  auto with_kernel = [&](const std::string& kernel) {
    auto lines = base;
    lines.at(2) = "kernels = [\"" + kernel + "\"]";
    lines.at(5) = energies;
    return text_of(lines);
  };
  // Valid, slow to expand: exact as far as the budget goes, the rest in floating point, and a warning saying so.
  const Experiment slow = parse_experiment(with_kernel("cosh(sinh(tan(u/2)))"), "slow.toml");
  REQUIRE(slow.warnings.size() == 1);
  CHECK(slow.warnings[0].find("slow.toml:3:") == 0);
  CHECK(slow.warnings[0].find("exactly (GiNaC's series, until the 2 s budget") != std::string::npos);
  CHECK(slow.warnings[0].find("..a_53 in floating point") != std::string::npos);
  // Negative a_4, once minutes of series: refused, exactly.
  try {
    parse_experiment(with_kernel("tan(sin(atan(cosh(u/3))))"), "slow.toml");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("negative Taylor coefficient at degree 4 (h^(4)(0) < 0)") != std::string::npos);
  }
  // No series at all within the budget: refused, with what to do.
  std::string deep = "u/9";
  for (int i = 0; i < 20; ++i) deep = "tan(" + deep + ")";
  try {
    parse_experiment(with_kernel(deep + " + 1"), "deep.toml");
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(std::string(e.what()).find("did not reach a_0 within the 2 s budget") != std::string::npos);
    CHECK(std::string(e.what()).find("simplify the kernel") != std::string::npos);
  }
}
