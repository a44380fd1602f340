#include "compare/curves_figure.hpp"

#include <algorithm>

#include "compare/pgfplots.hpp"

namespace tristage {

Figure curves_figure(const std::string& kernel, long d, long n, const std::vector<double>& beta,
                     const numeric::RunOutput& o, double noise, const theory::StageCurves* limits) {
  const size_t T = beta.size();
  Figure f;
  f.title = kernel + ", d = " + std::to_string(d) + ", n = " + std::to_string(n);
  f.xlabel = "β   (t = d^β)";  // UTF-8: cairo draws it; the pgfplots version has LaTeX
  f.ylabel = "error";
  f.latex_title = "\\texttt{" + latex_text_of(kernel) + "}, $d = " + std::to_string(d) + "$, $n = " + std::to_string(n) + "$";
  f.latex_xlabel = "$\\beta$ \\quad ($t = d^{\\beta}$)";
  f.latex_ylabel = "error";
  auto head = [&](const std::vector<double>& v, double shift) {
    std::vector<double> out(v.begin(), v.begin() + static_cast<long>(std::min(T, v.size())));
    for (auto& x : out) x += shift;
    return out;
  };
  f.series.push_back({"train", beta, head(o.train.mean, 0), head(o.train.standard_error, 0), false, "train"});
  f.series.push_back({"test", beta, head(o.test.mean, noise), head(o.test.standard_error, 0), false, "test"});
  f.series.push_back({"oracle", beta, head(o.oracle, noise), {}, false, "oracle"});
  const auto& q = o.predicted;
  if (q.train.size() >= T && q.test.size() >= T) {
    f.series.push_back({"train, equivalent at d", beta, head(q.train, 0), {}, true, "train, equivalent at $d$"});
    f.series.push_back({"test, equivalent at d", beta, head(q.test, noise), {}, true, "test, equivalent at $d$"});
  }
  if (!limits) return f;
  Series lt{"train, d → ∞", {}, {}, {}, true, "train, $d \\to \\infty$"},
      ls{"test, d → ∞", {}, {}, {}, true, "test, $d \\to \\infty$"},
      lo{"oracle, d → ∞", {}, {}, {}, true, "oracle, $d \\to \\infty$"};
  const double b0 = beta.front(), b1 = beta.back();
  for (int i = 0; i <= 400; ++i) {
    const double b = b0 + (b1 - b0) * i / 400;
    const auto p = theory::stage_point(*limits, b);
    for (auto* s : {&lt, &ls, &lo}) s->x.push_back(b);
    lt.y.push_back(p.train);
    ls.y.push_back(p.test + noise);
    lo.y.push_back(p.oracle + noise);
  }
  f.series.push_back(lt);
  f.series.push_back(ls);
  f.series.push_back(lo);
  f.bands.push_back({limits->alpha, std::min(limits->boundary_23, b1), "stage 2"});
  if (limits->boundary_23 < b1) f.bands.push_back({limits->boundary_23, b1, "stage 3"});
  return f;
}

}  // namespace tristage
