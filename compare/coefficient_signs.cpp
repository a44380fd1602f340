#include "compare/coefficient_signs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/cpu_time.hpp"
#include "core/error.hpp"
#include "core/time_limited.hpp"
#include "numeric/taylor_jet.hpp"

namespace tristage {
namespace {

// "a_25, a_27, a_29, ... (15 degrees)"
std::string degree_list(const std::vector<int>& degrees) {
  std::string out;
  for (size_t i = 0; i < degrees.size() && i < 3; ++i) out += (i ? ", a_" : "a_") + std::to_string(degrees[i]);
  if (degrees.size() > 3) out += fmt::format(", ... ({} degrees)", degrees.size());
  return out;
}

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

// The child's side: the exact signs, reported after each step of the series as one line "exact E j1 j2 ..." once
// a_0..a_E are exact, with the degrees j of the negative ones among them; first up to `target` (where floating
// point saw the first negative coefficient, if it did), then on to J unless a negative one was found.
void exact_signs(const theory::SymbolicKernel& h, int target, int J, double seconds, const Report& report) {
  int exact = -1;
  bool negative = false;
  auto send = [&](int reached) {
    exact = std::max(exact, reached);
    std::string line = fmt::format("exact {}", exact);
    for (int j : h.negative_coefficients(exact)) line += fmt::format(" {}", j), negative = true;
    report(line);
  };
  send(h.exact_within(J, 0));  // what the series has reached already
  if (!negative) send(h.exact_within(target, seconds, send));
  if (!negative && target < J) send(h.exact_within(J, seconds, send));
}

// Runs exact_signs on the kernel that make() returns, in a child process stopped when `seconds` are spent; then the
// floating-point signs (`rough`, computed by the caller) fill in the degrees the child did not reach.
CoefficientSigns bounded(const std::function<const theory::SymbolicKernel&()>& make, std::vector<int> rough, int J,
                         double seconds, double start) {
  CoefficientSigns r;
  r.degree = J;
  r.budget = seconds;
  const auto first = std::find(rough.begin(), rough.end(), -1);
  const int target = first == rough.end() ? J : int(first - rough.begin());
  const TimeLimitedRun run = run_time_limited(
      [&](const Report& report) {
        try {
          exact_signs(make(), target, J, seconds, report);
        } catch (const Error& e) {
          report(fmt::format("error {} {}", static_cast<int>(e.code()), one_line(e.what())));
        } catch (const std::exception& e) {
          report("failure " + one_line(e.what()));
        }
      },
      seconds);
  for (const auto& line : run.lines) {
    const auto space = line.find(' ');
    const std::string word = line.substr(0, space), rest = line.substr(space + 1);
    if (word == "exact") {
      std::istringstream in(rest);
      in >> r.exact_degree;
      r.negative.clear();
      for (int j; in >> j;) r.negative.push_back(j);
    } else if (word == "error") {
      const auto gap = rest.find(' ');
      throw Error(static_cast<Exit>(std::stoi(rest.substr(0, gap))), rest.substr(gap + 1));
    } else if (word == "failure") throw std::runtime_error(rest);
  }
  for (int j = r.exact_degree + 1; j <= J; ++j) {
    if (rough[j] < 0) r.negative.push_back(j);
    if (rough[j] == 0) r.unsettled.push_back(j);
  }
  r.seconds = thread_cpu_seconds() - start + run.cpu_seconds;
  return r;
}

}  // namespace

std::string CoefficientSigns::how_checked() const {
  if (proven) return "a_j >= 0 for every j (a theorem for this kernel)";
  if (all_exact()) return fmt::format("a_0..a_{} exactly", degree);
  std::string out;
  if (!negative.empty() && negative[0] <= exact_degree)
    out = fmt::format("a_0..a_{} exactly (GiNaC's series, as far as the first negative one) and ", exact_degree);
  else if (exact_degree >= 0)
    out = fmt::format("a_0..a_{} exactly (GiNaC's series, until the {:g} s budget for them was spent) and ",
                      exact_degree, budget);
  else
    out = fmt::format("none exactly (GiNaC's series did not reach a_0 in the {:g} s budget) and ", budget);
  out += fmt::format("a_{}..a_{} in floating point (Taylor jets in long double, a sign only beyond the rounding error)",
                     exact_degree + 1, degree);
  if (!unsettled.empty())
    out += "; there " + degree_list(unsettled) + " are zero within rounding, their signs unsettled";
  return out;
}

CoefficientSigns coefficient_signs(const KernelSpec& spec, int J, double seconds) {
  if (spec.kind != KernelSpec::Kind::expression)  // named and taylor: no series, symbolic at once
    return coefficient_signs(theory::SymbolicKernel(spec), J, seconds);
  // Floating point first (milliseconds for any expression), then the exact signs in the child, which builds the
  // symbolic kernel itself: GiNaC's exact arithmetic and series start there.
  const double start = thread_cpu_seconds();
  std::optional<theory::SymbolicKernel> h;
  return bounded([&]() -> const theory::SymbolicKernel& { return h.emplace(spec); },
                 numeric::taylor_signs(spec.expr, 0, J), J, seconds, start);
}

CoefficientSigns coefficient_signs(const theory::SymbolicKernel& h, int J, double seconds) {
  const double start = thread_cpu_seconds();
  CoefficientSigns r;
  r.degree = J;
  r.budget = seconds;
  if (h.coefficients_nonnegative_proven()) {
    r.proven = true;
    r.exact_degree = J;
    return r;
  }
  if (h.polynomial_degree()) {  // exact coefficients already, no series
    r.exact_degree = J;
    r.negative = h.negative_coefficients(J);
    r.seconds = thread_cpu_seconds() - start;
    return r;
  }
  return bounded([&]() -> const theory::SymbolicKernel& { return h; }, numeric::taylor_signs(h.spec().expr, 0, J), J,
                 seconds, start);
}

}  // namespace tristage
