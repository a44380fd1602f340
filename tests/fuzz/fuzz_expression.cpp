// libFuzzer target: the kernel grammar (core/expression, core/kernel_spec). Any input may be refused with a
// tristage::Error; anything else (a crash, UB, a leak, another exception, a hang) is a finding.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "core/expression.hpp"
#include "core/kernel_spec.hpp"

namespace {

// The same tree must give the same value (NaN included) however it was reached.
void check_same(double a, double b) {
  if (std::isnan(a) != std::isnan(b) || (!std::isnan(a) && a != b)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    tristage::parse_decimal(text);
  } catch (const tristage::Error&) {
  }
  try {
    const tristage::Expr e = tristage::parse_expression(text);
    for (double u : {-1.0, -0.5, 0.0, 0.5, 1.0}) (void)e.eval(u);
  } catch (const tristage::Error&) {
  }
  try {
    const tristage::KernelSpec k = tristage::parse_kernel(text);
    // parse_kernel promised a kernel finite on [-1, 1]; expression() must spell out the same kernel.
    const tristage::Expr tree = k.expression();
    // Taylor kernels are summed by Horner in operator() and by powers in the tree: equal only up to rounding.
    for (double u : {-1.0, 0.0, 1.0}) {
      if (!std::isfinite(k(u))) std::abort();
      if (k.kind != tristage::KernelSpec::Kind::taylor) check_same(k(u), tree.eval(u));
    }
  } catch (const tristage::Error&) {
  }
  return 0;
}
