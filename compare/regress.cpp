#include "compare/regress.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "compare/coeff_writer.hpp"
#include "compare/stage_writer.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "theory/format.hpp"
#include "theory/symbolic_kernel.hpp"

namespace tristage {
using nlohmann::json;

namespace {

json coeffs_case(const std::string& kernel, std::optional<long> d) {
  theory::SymbolicKernel h(parse_kernel(kernel));
  return coeffs_json(theory::coefficient_report(h, d, 6, 4));
}

json stages_case(const std::string& kernel, double alpha, const std::vector<std::string>& energies,
                 const std::string& noise) {
  theory::SymbolicKernel h(parse_kernel(kernel));
  theory::StageInput in;
  in.alpha = alpha;
  for (const auto& e : energies) in.energies.push_back(theory::exact_decimal(e));
  in.noise = theory::exact_decimal(noise);
  StageReport r{kernel, theory::stage_curves(h, in), {}, theory::to_double(in.noise)};
  r.grid = theory::stage_grid(r.curves, 0, std::floor(alpha) + 2.5, 21);
  return stages_json(r);
}

void differences(const json& g, const json& n, const std::string& path, double tol, std::vector<std::string>& out) {
  auto show = [](const json& v) {
    std::string s = v.dump();
    return s.size() > 120 ? s.substr(0, 117) + "..." : s;
  };
  if (g.is_number() && n.is_number()) {
    double a = g.get<double>(), b = n.get<double>();
    double scale = std::max(std::abs(a), std::abs(b));
    if (std::abs(a - b) > tol * scale)
      out.push_back(path + ": golden " + show(g) + " now " + show(n) + " (relative difference " +
                    std::to_string(std::abs(a - b) / scale) + ")");
    return;
  }
  if (g.type() != n.type()) {
    out.push_back(path + ": golden " + show(g) + " now " + show(n));
    return;
  }
  if (g.is_object()) {
    for (auto it = g.begin(); it != g.end(); ++it) {
      const std::string p = path.empty() ? it.key() : path + "." + it.key();
      if (!n.contains(it.key())) out.push_back(p + ": in golden, missing now");
      else differences(it.value(), n[it.key()], p, tol, out);
    }
    for (auto it = n.begin(); it != n.end(); ++it)
      if (!g.contains(it.key())) out.push_back((path.empty() ? "" : path + ".") + it.key() + ": new, not in golden");
    return;
  }
  if (g.is_array()) {
    if (g.size() != n.size())
      out.push_back(path + ": golden has " + std::to_string(g.size()) + " entries, now " + std::to_string(n.size()));
    for (size_t i = 0; i < std::min(g.size(), n.size()); ++i)
      differences(g[i], n[i], path + "[" + std::to_string(i) + "]", tol, out);
    return;
  }
  if (g != n) out.push_back(path + ":\n    golden " + show(g) + "\n    now    " + show(n));
}

}  // namespace

std::vector<RegressCase> regress_cases() {
  std::vector<RegressCase> cases;
  for (std::string k : {"exp", "poly:3", "relu-ntk", "arccos0", "arccos1"}) {
    std::string stem = k == "poly:3" ? "poly3" : k;
    cases.push_back({"coeffs-" + stem + "-symbolic", [k] { return coeffs_case(k, std::nullopt); }});
    cases.push_back({"coeffs-" + stem + "-d100", [k] { return coeffs_case(k, 100); }});
  }
  cases.push_back({"stages-exp-alpha1.5", [] { return stages_case("exp", 1.5, {"0", "1", "1", "1"}, "0.5"); }});
  cases.push_back(
      {"stages-relu-ntk-alpha2.5", [] { return stages_case("relu-ntk", 2.5, {"1", "1", "0.5", "0", "0.25"}, "0.1"); }});
  return cases;
}

std::vector<std::string> json_differences(const json& golden, const json& now, double rel_tol) {
  std::vector<std::string> out;
  differences(golden, now, "", rel_tol, out);
  return out;
}

RegressOutcome run_regress(const std::filesystem::path& golden_dir, bool update) {
  RegressOutcome r;
  std::ostringstream report;
  for (const auto& c : regress_cases()) {
    ++r.cases;
    const json now = c.derive();
    const auto file = golden_dir / (c.name + ".json");
    if (update) {
      write_file_atomic(file, now.dump(2) + "\n");
      report << "updated " << file.string() << "\n";
      continue;
    }
    std::ifstream in(file);
    if (!in) {
      ++r.differing;
      report << c.name << ": no golden file " << file.string() << " (run 'tristage regress --update' to create it)\n";
      continue;
    }
    json golden;
    try {
      golden = json::parse(in);
    } catch (const json::exception& e) {
      ++r.differing;
      report << c.name << ": golden file " << file.string() << " is not valid JSON: " << e.what() << "\n";
      continue;
    }
    auto diff = json_differences(golden, now);
    if (diff.empty()) {
      report << "same      " << c.name << "\n";
      continue;
    }
    ++r.differing;
    report << "DIFFERENT " << c.name << " (" << diff.size() << " differences)\n";
    for (size_t i = 0; i < diff.size() && i < 40; ++i) report << "  " << diff[i] << "\n";
    if (diff.size() > 40) report << "  ... and " << diff.size() - 40 << " more\n";
  }
  r.report = report.str();
  return r;
}

}  // namespace tristage
