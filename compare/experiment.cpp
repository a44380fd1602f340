#include "compare/experiment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "compare/coefficient_signs.hpp"
#include "core/error.hpp"
#include "core/kernel_spec.hpp"
#include "core/time_limited.hpp"

namespace tristage {

namespace {

constexpr size_t max_text = 1 << 20;  // bytes of an experiment file
constexpr size_t max_string = 1000;   // characters of any string value
constexpr size_t max_name = 64;
constexpr double max_value = 1e6;     // energies, noise, gammas, taus

// A user's text echoed in a message: printable, one line, short.
std::string shown(std::string_view s, size_t limit = 60) {
  std::string out;
  for (size_t i = 0; i < s.size() && i < limit; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  if (s.size() > limit) out += "...";
  return out;
}

std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a floating-point number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}

ClaimSpec default_claim(const std::string& name) {
  ClaimSpec c;
  if (name == "train_gamma_n") c.points = {0.5, 1, 2};
  if (name == "boundary") c.points = {1.0};
  if (name == "integer_alpha") c.points = {0.1, 0.3, 1, 3, 10};
  return c;
}

class Parser {
 public:
  explicit Parser(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const toml::source_region& where, const std::string& key, const std::string& what,
                         const std::string& accepted) const {
    const auto line = where.begin.line ? where.begin.line : 1;
    const auto column = where.begin.line ? where.begin.column : 1;
    throw usage_error(one_line(fmt::format("{}:{}:{}: {}: {}; {}", origin_, line, column, key, what, accepted)));
  }
  const std::string& origin() const { return origin_; }

  // The keys of a table, each checked against the accepted ones.
  // `retired`: keys still read (with a warning by the caller) but neither listed nor suggested.
  void check_keys(const toml::table& t, const std::string& path, const std::vector<std::string>& accepted,
                  const std::string& accepted_text, const std::vector<std::string>& retired = {}) const {
    for (auto&& [k, v] : t) {
      const std::string key(k.str());
      if (std::find(accepted.begin(), accepted.end(), key) != accepted.end()) continue;
      if (std::find(retired.begin(), retired.end(), key) != retired.end()) continue;
      std::string what = path.empty() ? "unknown table or key at the top level" : "unknown key";
      for (const auto& a : accepted)
        if (edit_distance(key, a) <= 2 && key.size() > 2) {
          what += " (did you mean " + (path.empty() ? a : path + "." + a) + "?)";
          break;
        }
      if (path.empty())
        for (const char* table : {"experiment", "time", "engine"})
          if (belongs_to(key, table)) what += fmt::format(" ({} belongs in [{}])", shown(key), table);
      fail(k.source(), path.empty() ? shown(key) : path + "." + shown(key), what, accepted_text);
    }
  }

  const toml::table* table(const toml::table& parent, const std::string& name, const std::string& path) const {
    const toml::node* n = parent.get(name);
    if (!n) return nullptr;
    if (!n->is_table())
      fail(n->source(), path, "is " + type_name(*n) + ", expected a table",
           "write [" + path + "] on a line of its own followed by its keys");
    return n->as_table();
  }

  const toml::node& required(const toml::table& t, const std::string& name, const std::string& path,
                             const std::string& accepted) const {
    const toml::node* n = t.get(name);
    if (!n) fail(t.source(), path, "is missing", accepted);
    return *n;
  }

  std::string string(const toml::node& n, const std::string& key, const std::string& accepted,
                     size_t limit = max_string) const {
    if (!n.is_string()) fail(n.source(), key, "is " + type_name(n) + ", expected a string", accepted);
    const std::string& s = n.as_string()->get();
    if (s.size() > limit) fail(n.source(), key, fmt::format("is {} characters long", s.size()), accepted);
    return s;
  }

  int64_t integer(const toml::node& n, const std::string& key, int64_t lo, int64_t hi,
                  const std::string& accepted) const {
    if (n.is_floating_point())
      fail(n.source(), key, fmt::format("is the floating-point number {}, expected a whole number", n.as_floating_point()->get()),
           accepted + " (written without a decimal point)");
    if (!n.is_integer()) fail(n.source(), key, "is " + type_name(n) + ", expected a whole number", accepted);
    const int64_t v = n.as_integer()->get();
    if (v < lo || v > hi) fail(n.source(), key, fmt::format("is {}, out of range", v), accepted);
    return v;
  }

  // A finite number (integer or floating point) with lo < v (lo_open) or lo <= v, and v <= hi.
  double number(const toml::node& n, const std::string& key, double lo, bool lo_open, double hi,
                const std::string& accepted) const {
    double v = 0;
    if (n.is_integer()) v = static_cast<double>(n.as_integer()->get());
    else if (n.is_floating_point()) v = n.as_floating_point()->get();
    else fail(n.source(), key, "is " + type_name(n) + ", expected a number", accepted);
    if (std::isnan(v)) fail(n.source(), key, "is nan, expected a finite number", accepted);
    if (std::isinf(v)) fail(n.source(), key, fmt::format("is {}, expected a finite number", v), accepted);
    if (v < lo || (lo_open && v == lo) || v > hi) fail(n.source(), key, fmt::format("is {}, out of range", v), accepted);
    return v;
  }

  const toml::array& array(const toml::node& n, const std::string& key, size_t lo, size_t hi,
                           const std::string& accepted) const {
    if (!n.is_array()) fail(n.source(), key, "is " + type_name(n) + ", expected an array [...]", accepted);
    const toml::array& a = *n.as_array();
    if (a.size() < lo || a.size() > hi)
      fail(n.source(), key, a.empty() ? "is empty" : fmt::format("has {} entries", a.size()), accepted);
    return a;
  }

  std::vector<double> numbers(const toml::node& n, const std::string& key, size_t lo, size_t hi, double min,
                              bool min_open, double max, const std::string& accepted) const {
    std::vector<double> out;
    const toml::array& a = array(n, key, lo, hi, accepted);
    for (size_t i = 0; i < a.size(); ++i)
      out.push_back(number(a[i], fmt::format("{}[{}]", key, i), min, min_open, max, accepted));
    return out;
  }

 private:
  std::string origin_;

  static bool belongs_to(const std::string& key, const std::string& table) {
    static const std::map<std::string, std::vector<std::string>> keys = {
        {"experiment", {"name", "description", "kernels", "alpha", "c", "d", "seeds", "seed", "energies", "noise"}},
        {"time", {"beta_min", "beta_max", "points"}},
        {"engine", {"method", "convention"}}};
    const auto& v = keys.at(table);
    return std::find(v.begin(), v.end(), key) != v.end();
  }
};

void read_experiment_table(const Parser& p, const toml::table& t, Experiment& e) {
  p.check_keys(t, "experiment", {"name", "description", "kernels", "alpha", "c", "d", "seeds", "seed", "energies", "noise"},
               "accepted keys in [experiment]: name, description, kernels, alpha, c, d, seeds, seed, energies, noise");

  const std::string name_ok = "a short identifier of 1 to 64 letters, digits, - and _, e.g. name = \"default\"";
  e.name = p.string(p.required(t, "name", "experiment.name", name_ok), "experiment.name", name_ok, max_name);
  const bool name_chars = std::all_of(e.name.begin(), e.name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (e.name.empty() || !name_chars)
    p.fail(t.get("name")->source(), "experiment.name", e.name.empty() ? "is empty" : "'" + shown(e.name) + "' has other characters",
           name_ok);

  if (const toml::node* n = t.get("description"))
    e.description = p.string(*n, "experiment.description", "a string of at most 1000 characters");

  const std::string kernels_ok = "1 or 2 kernel strings, e.g. kernels = [\"exp\"] or [\"exp\", \"1 + 3*(exp(u) - 1 - u)\"]";
  const toml::array& ks = p.array(p.required(t, "kernels", "experiment.kernels", kernels_ok), "experiment.kernels", 1, 2,
                                  kernels_ok);
  e.kernels.clear();
  for (size_t i = 0; i < ks.size(); ++i) {
    const std::string key = fmt::format("experiment.kernels[{}]", i);
    const std::string text = p.string(ks[i], key, "a kernel string: " + kernel_forms());
    if (text.empty()) p.fail(ks[i].source(), key, "is empty", "a kernel string: " + kernel_forms());
    try {
      parse_kernel(text);
    } catch (const Error& err) {
      const std::string what = err.what();
      const auto semicolon = what.find("; ");
      if (semicolon == std::string::npos) p.fail(ks[i].source(), key, what, "a kernel string: " + kernel_forms());
      p.fail(ks[i].source(), key, what.substr(0, semicolon), what.substr(semicolon + 2));
    }
    if (std::find(e.kernels.begin(), e.kernels.end(), text) != e.kernels.end())
      p.fail(ks[i].source(), key, "is the same kernel as experiment.kernels[0]", "two different kernels, or just one");
    e.kernels.push_back(text);
  }

  const std::string alpha_ok = "a number with 0 < alpha <= 4 (n = round(d^alpha)), e.g. alpha = 1.5";
  e.alpha = p.number(p.required(t, "alpha", "experiment.alpha", alpha_ok), "experiment.alpha", 0, true, 4, alpha_ok);
  e.c = 1;
  if (const toml::node* n = t.get("c"))
    e.c = p.number(*n, "experiment.c", 0, true, 100,
                   "a number with 0 < c <= 100: n = round(c d^alpha), for the integer-alpha regime, e.g. c = 0.5");

  const std::string d_ok = "2 to 12 whole numbers from 3 to 100000, increasing, e.g. d = [50, 100, 200, 400]";
  const toml::array& ds = p.array(p.required(t, "d", "experiment.d", d_ok), "experiment.d", 2, 12, d_ok);
  e.dims.clear();
  for (size_t i = 0; i < ds.size(); ++i) {
    const std::string key = fmt::format("experiment.d[{}]", i);
    const long d = static_cast<long>(p.integer(ds[i], key, 3, 100000, d_ok));
    if (!e.dims.empty() && d <= e.dims.back())
      p.fail(ds[i].source(), key, fmt::format("is {}, not larger than the d before it ({})", d, e.dims.back()), d_ok);
    e.dims.push_back(d);
  }

  if (const toml::node* n = t.get("seeds"))
    e.seeds = static_cast<int>(p.integer(*n, "experiment.seeds", 1, 1000, "a whole number from 1 to 1000"));
  if (const toml::node* n = t.get("seed"))
    e.seed = static_cast<uint64_t>(
        p.integer(*n, "experiment.seed", 0, std::numeric_limits<int64_t>::max(), "a whole number >= 0"));

  const std::string energies_ok = "1 to 50 finite numbers from 0 to 1e6, at least one > 0 (E_k for k = 0, 1, ...), "
                                  "e.g. energies = [0, 1, 1, 1]";
  const toml::node& en = p.required(t, "energies", "experiment.energies", energies_ok);
  e.energies = p.numbers(en, "experiment.energies", 1, 50, 0, false, max_value, energies_ok);
  if (std::none_of(e.energies.begin(), e.energies.end(), [](double x) { return x > 0; }))
    p.fail(en.source(), "experiment.energies", "are all 0 (the target would be 0)", energies_ok);

  if (const toml::node* n = t.get("noise"))
    e.noise = p.number(*n, "experiment.noise", 0, false, max_value, "a finite number from 0 to 1e6 (sigma^2)");

  // The theory's checks, here so that a second kernel is refused before the first one's hours of work: a Taylor
  // series at 0, and no negative coefficient in the degrees simulate looks at (the target's, ell + 1, and 4 more),
  // within compare/coefficient_signs.hpp's time budget per kernel.
  const int degrees = std::max(static_cast<int>(e.energies.size()) - 1, static_cast<int>(std::floor(e.alpha)) + 1) + 4;
  for (size_t i = 0; i < ks.size(); ++i) {
    const std::string key = fmt::format("experiment.kernels[{}]", i);
    CoefficientSigns signs;
    try {
      signs = coefficient_signs(parse_kernel(e.kernels[i]), degrees);
    } catch (const Error& err) {
      const std::string what = err.what();
      const auto semicolon = what.find("; ");
      p.fail(ks[i].source(), key, what.substr(0, semicolon),
             semicolon == std::string::npos ? "a kernel with a Taylor series at 0" : what.substr(semicolon + 2));
    } catch (const TimeLimitedFailure&) {  // the check's child crashed or leaked: a bug, not the kernel's fault
      throw;
    } catch (const std::exception& err) {  // anything else from the symbolic side is still this kernel's fault
      p.fail(ks[i].source(), key, "kernel '" + shown(e.kernels[i]) + "' cannot be expanded (" + shown(err.what(), 80) + ")",
             "a kernel with a Taylor series at 0, e.g. exp or poly:3");
    }
    if (signs.exact_degree < 0)
      p.fail(ks[i].source(), key,
             fmt::format("kernel '{}' could not be expanded at u = 0: GiNaC's exact series did not reach a_0 within "
                         "the {:g} s budget, so neither its analyticity nor the theory's limits can be computed",
                         shown(e.kernels[i]), signs.budget),
             "simplify the kernel: nested functions cost the series most (tan(tan(...)) twenty deep takes hours)");
    if (!signs.negative.empty()) {
      const int j = signs.negative[0];
      p.fail(ks[i].source(), key,
             fmt::format("kernel '{}' has a negative Taylor coefficient at degree {} (h^({})(0) < 0{}), so it is not "
                         "positive definite in high dimension and gradient flow diverges",
                         shown(e.kernels[i]), j, j, j > signs.exact_degree ? ", in floating point beyond rounding" : ""),
             "a kernel whose derivatives at 0 are >= 0 up to degree " + std::to_string(degrees) +
                 ", e.g. exp or poly:3");
    }
    if (!signs.all_exact())
      e.warnings.push_back(fmt::format("{}:{}:{}: {}: kernel '{}': Taylor coefficients checked for signs: {}",
                                       p.origin(), ks[i].source().begin.line, ks[i].source().begin.column, key,
                                       shown(e.kernels[i]), signs.how_checked()));
  }
  // An exact integer is the integer-alpha regime: its claim applies and the others say why they do not.
  if (const std::string w = integer_alpha_warning(e.alpha); !w.empty() && e.alpha != std::round(e.alpha))
    e.warnings.push_back(fmt::format("{}:{}:{}: experiment.alpha: {}", p.origin(), t.get("alpha")->source().begin.line,
                                     t.get("alpha")->source().begin.column, w));
}

void read_time_table(const Parser& p, const toml::table* t, Experiment& e) {
  const double beta_max_default = std::floor(e.alpha) + 2.5;
  e.beta_min = 0;
  e.beta_max = beta_max_default;
  if (!t) return;
  p.check_keys(*t, "time", {"beta_min", "beta_max", "points"}, "accepted keys in [time]: beta_min, beta_max, points");
  if (const toml::node* n = t->get("beta_min"))
    e.beta_min = p.number(*n, "time.beta_min", -10, false, 40, "a finite number from -10 to 40");
  if (const toml::node* n = t->get("beta_max")) {
    const std::string ok = fmt::format("a finite number > beta_min ({}) and <= 40, or 0 for floor(alpha) + 2.5 = {}",
                                       e.beta_min, beta_max_default);
    const double b = p.number(*n, "time.beta_max", -10, false, 40, ok);
    if (b != 0) e.beta_max = b;
    if (e.beta_max <= e.beta_min)
      p.fail(n->source(), "time.beta_max", fmt::format("is {}, not larger than beta_min = {}", e.beta_max, e.beta_min), ok);
  } else if (e.beta_max <= e.beta_min) {
    p.fail(t->get("beta_min")->source(), "time.beta_min",
           fmt::format("is {}, not below the default beta_max = floor(alpha) + 2.5 = {}", e.beta_min, beta_max_default),
           "a smaller beta_min, or set beta_max");
  }
  if (const toml::node* n = t->get("points"))
    e.points = static_cast<int>(p.integer(*n, "time.points", 2, 10001, "a whole number from 2 to 10001"));
}

void read_engine_table(const Parser& p, const toml::table* t, Experiment& e) {
  if (!t) return;
  p.check_keys(*t, "engine", {"method", "convention"}, "accepted keys in [engine]: method, convention");
  if (const toml::node* n = t->get("method")) {
    e.method = p.string(*n, "engine.method", "\"flow\" or \"gd\"");
    if (e.method != "flow" && e.method != "gd")
      p.fail(n->source(), "engine.method", "'" + shown(e.method) + "' is not a method", "\"flow\" or \"gd\"");
  }
  if (const toml::node* n = t->get("convention")) {
    e.convention = p.string(*n, "engine.convention", "\"half\" or \"plain\"");
    if (e.convention != "half" && e.convention != "plain")
      p.fail(n->source(), "engine.convention", "'" + shown(e.convention) + "' is not a convention", "\"half\" or \"plain\"");
  }
}

void read_claims_table(const Parser& p, const toml::table* t, Experiment& e) {
  e.claims.clear();
  for (const auto& name : claim_names()) {
    e.claims[name] = default_claim(name);
    e.claims[name].enabled = (t == nullptr);
  }
  if (!t) return;
  p.check_keys(*t, "claims", claim_names(), "the claims are: " + join(claim_names()));
  for (const auto& name : claim_names()) {
    const std::string path = "claims." + name;
    const toml::table* c = p.table(*t, name, path);
    if (!c) continue;
    const std::string points_key =
        name == "train_gamma_n" || name == "integer_alpha" ? "gammas" : name == "boundary" ? "taus" : "";
    std::vector<std::string> keys = {"enabled", "shift"};
    if (!points_key.empty()) keys.push_back(points_key);
    p.check_keys(*c, path, keys, "accepted keys in " + path + ": " + join(keys), {"tolerance"});
    ClaimSpec& spec = e.claims[name];
    spec.enabled = true;
    if (const toml::node* n = c->get("enabled")) {
      if (!n->is_boolean()) p.fail(n->source(), path + ".enabled", "is " + type_name(*n) + ", expected a boolean", "true or false");
      spec.enabled = n->as_boolean()->get();
    }
    if (const toml::node* n = c->get("shift"))
      spec.shift = p.number(*n, path + ".shift", -1, true, 1, "a relative amount with -1 < shift <= 1, e.g. 0.05");
    if (const toml::node* n = c->get("tolerance"))
      e.warnings.push_back(fmt::format("{}:{}:{}: {}.tolerance is no longer used and is ignored: verdicts compare the "
                                       "simulation with the deterministic equivalent within its seed noise, and the "
                                       "equivalent's extrapolated limit with the claim's (docs/verify.md); remove it",
                                       p.origin(), n->source().begin.line, n->source().begin.column, path));
    if (!points_key.empty())
      if (const toml::node* n = c->get(points_key))
        spec.points = p.numbers(*n, path + "." + points_key, 1, 10, 0, true, max_value,
                                "1 to 10 finite numbers with 0 < x <= 1e6, e.g. " + points_key + " = [0.5, 1, 2]");
  }
}

}  // namespace

std::string integer_alpha_warning(double alpha) {
  const double nearest = std::round(alpha), gap = std::abs(alpha - nearest);
  if (!std::isfinite(alpha) || gap >= 0.05) return "";
  if (nearest < 1)  // n = d^alpha is then a handful of samples
    return fmt::format("alpha = {:g} is close to 0: n = d^alpha is a few samples, and THEORY.md section 6 needs "
                       "alpha away from the integers; try alpha = 0.5 or more", alpha);
  const std::string fix = fmt::format(
      "try alpha = {:g} or {:g}, or the limits at n = c d^{:g} (THEORY.md 10): tristage theory --alpha {:g} --c C; "
      "at a finite d the deterministic equivalent holds at any alpha: tristage theory --d D --alpha {:g}",
      nearest - 0.1, nearest + 0.1, nearest, nearest, alpha);
  if (gap < 1e-9)
    return fmt::format("alpha = {:g} is an integer, which THEORY.md section 6 excludes (n = d^{:g} sits on the "
                       "boundary where degree {:g} is learned); the limits are not the theorem's; {}",
                       alpha, nearest, nearest, fix);
  return fmt::format("alpha = {:g} is within {:.2g} of the integer {:g}, which THEORY.md section 6 excludes: the "
                     "stage boundaries beta = alpha and beta = {:g} nearly meet, and no reachable d separates them; {}",
                     alpha, gap, nearest, nearest, fix);
}

const std::vector<std::string>& claim_names() {
  static const std::vector<std::string> names = {"stage1",      "deep_bootstrap", "bootstrap_gap", "train_gamma_n",
                                                 "stage3",      "progressive",    "boundary",      "integer_alpha"};
  return names;
}

Experiment parse_experiment(const std::string& toml_text, const std::string& origin) {
  const Parser p(origin);
  if (toml_text.size() > max_text)
    throw usage_error(fmt::format("{}:1:1: file: is {} bytes; an experiment file of at most 1 MB", origin, toml_text.size()));
  toml::table root;
  try {
    root = toml::parse(toml_text, origin);
  } catch (const toml::parse_error& err) {
    p.fail(err.source(), "TOML syntax", std::string(err.description()),
           "the file must be valid TOML 1.0 (https://toml.io), like experiments/default.toml");
  }

  Experiment e;
  e.source = toml_text;
  e.origin = origin;
  p.check_keys(root, "", {"experiment", "time", "engine", "claims"},
               "accepted at the top level: the tables [experiment], [time], [engine], [claims]");
  const toml::table* ex = p.table(root, "experiment", "experiment");
  if (!ex)
    p.fail(root.source(), "experiment", "the table [experiment] is missing",
           "an [experiment] table with at least name, kernels, alpha, d and energies");
  read_experiment_table(p, *ex, e);
  read_time_table(p, p.table(root, "time", "time"), e);
  read_engine_table(p, p.table(root, "engine", "engine"), e);
  read_claims_table(p, p.table(root, "claims", "claims"), e);
  return e;
}

Experiment load_experiment(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw usage_error("experiment file '" + shown(path, 200) + "' does not exist; give the path of a TOML file such as "
                      "experiments/default.toml");
  if (!fs::is_regular_file(status))
    throw usage_error("experiment file '" + shown(path, 200) + "' is not a regular file; give the path of a TOML file");
  const auto size = fs::file_size(path, ec);
  if (!ec && size > max_text)
    throw usage_error(fmt::format("experiment file '{}' is {} bytes; an experiment file of at most 1 MB", shown(path, 200),
                                  size));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw usage_error("experiment file '" + shown(path, 200) + "' cannot be read; check its permissions");
  std::string text;
  text.resize(max_text + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw usage_error("experiment file '" + shown(path, 200) + "' cannot be read; check the file");
  text.resize(static_cast<size_t>(in.gcount()));
  Experiment e = parse_experiment(text, path);
  for (const auto& w : e.warnings) std::cerr << "tristage: warning: " << w << "\n";
  return e;
}

Experiment default_experiment() { return parse_experiment(default_experiment_toml(), "embedded default"); }

}  // namespace tristage
