#include "numeric/kernel_eval.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace tristage::numeric {

namespace {
constexpr std::size_t block = 256;
constexpr double pi = std::numbers::pi;

inline double arccos0(double u) { return 1 - std::acos(u) / pi; }
inline double arccos1(double u) { return (std::sqrt(std::max(0.0, 1 - u * u)) + (pi - std::acos(u)) * u) / pi; }
}  // namespace

KernelEvaluator::KernelEvaluator(const KernelSpec& spec) : spec_(spec) {
  if (spec.kind == KernelSpec::Kind::expression) compile(spec.expr);
}

void KernelEvaluator::compile(const Expr& e) {
  for (const auto& a : e.args) compile(a);
  Instr in{e.op, e.func, 0};
  if (e.op == Expr::Op::number) in.value = e.value;
  if (e.op == Expr::Op::pi) in = {Expr::Op::number, e.func, pi};
  if (e.op == Expr::Op::e) in = {Expr::Op::number, e.func, std::numbers::e};
  program_.push_back(in);
}

void KernelEvaluator::run_program(double* u, std::size_t n) const {
  // A stack of blocks; depth is bounded by the expression's depth.
  std::vector<std::array<double, block>> stack(program_.size() + 1);
  for (std::size_t start = 0; start < n; start += block) {
    const std::size_t m = std::min(block, n - start);
    double* x = u + start;
    std::size_t top = 0;
    for (const Instr& in : program_) {
      switch (in.op) {
        case Expr::Op::number: std::fill_n(stack[top++].data(), m, in.value); break;
        case Expr::Op::var: std::copy_n(x, m, stack[top++].data()); break;
        case Expr::Op::neg: for (std::size_t i = 0; i < m; ++i) stack[top - 1][i] = -stack[top - 1][i]; break;
        case Expr::Op::add:
        case Expr::Op::sub:
        case Expr::Op::mul:
        case Expr::Op::div:
        case Expr::Op::pow: {
          double* a = stack[top - 2].data();
          const double* b = stack[top - 1].data();
          switch (in.op) {
            case Expr::Op::add: for (std::size_t i = 0; i < m; ++i) a[i] += b[i]; break;
            case Expr::Op::sub: for (std::size_t i = 0; i < m; ++i) a[i] -= b[i]; break;
            case Expr::Op::mul: for (std::size_t i = 0; i < m; ++i) a[i] *= b[i]; break;
            case Expr::Op::div: for (std::size_t i = 0; i < m; ++i) a[i] /= b[i]; break;
            default: for (std::size_t i = 0; i < m; ++i) a[i] = std::pow(a[i], b[i]); break;
          }
          --top;
          break;
        }
        case Expr::Op::call: {
          double* a = stack[top - 1].data();
          switch (in.func) {
            case Func::exp: for (std::size_t i = 0; i < m; ++i) a[i] = std::exp(a[i]); break;
            case Func::log: for (std::size_t i = 0; i < m; ++i) a[i] = std::log(a[i]); break;
            case Func::sqrt: for (std::size_t i = 0; i < m; ++i) a[i] = std::sqrt(a[i]); break;
            case Func::sin: for (std::size_t i = 0; i < m; ++i) a[i] = std::sin(a[i]); break;
            case Func::cos: for (std::size_t i = 0; i < m; ++i) a[i] = std::cos(a[i]); break;
            case Func::tan: for (std::size_t i = 0; i < m; ++i) a[i] = std::tan(a[i]); break;
            case Func::sinh: for (std::size_t i = 0; i < m; ++i) a[i] = std::sinh(a[i]); break;
            case Func::cosh: for (std::size_t i = 0; i < m; ++i) a[i] = std::cosh(a[i]); break;
            case Func::tanh: for (std::size_t i = 0; i < m; ++i) a[i] = std::tanh(a[i]); break;
            case Func::asin: for (std::size_t i = 0; i < m; ++i) a[i] = std::asin(a[i]); break;
            case Func::acos: for (std::size_t i = 0; i < m; ++i) a[i] = std::acos(a[i]); break;
            case Func::atan: for (std::size_t i = 0; i < m; ++i) a[i] = std::atan(a[i]); break;
          }
          break;
        }
        default: break;
      }
    }
    std::copy_n(stack[0].data(), m, x);
  }
}

void KernelEvaluator::apply(double* u, std::size_t n) const {
  for (std::size_t i = 0; i < n; ++i) u[i] = std::clamp(u[i], -1.0, 1.0);
  using K = KernelSpec::Kind;
  switch (spec_.kind) {
    case K::exp: for (std::size_t i = 0; i < n; ++i) u[i] = std::exp(u[i]); break;
    case K::poly:
      for (std::size_t i = 0; i < n; ++i) {
        const double b = 1 + u[i];
        double p = 1;
        for (int j = 0; j < spec_.power; ++j) p *= b;
        u[i] = p;
      }
      break;
    case K::taylor:
      for (std::size_t i = 0; i < n; ++i) {
        double h = 0;
        for (auto it = spec_.taylor_value.rbegin(); it != spec_.taylor_value.rend(); ++it) h = h * u[i] + *it;
        u[i] = h;
      }
      break;
    case K::arccos0: for (std::size_t i = 0; i < n; ++i) u[i] = arccos0(u[i]); break;
    case K::arccos1: for (std::size_t i = 0; i < n; ++i) u[i] = arccos1(u[i]); break;
    case K::relu_ntk: for (std::size_t i = 0; i < n; ++i) u[i] = u[i] * arccos0(u[i]) + arccos1(u[i]); break;
    case K::expression: run_program(u, n); break;
  }
}

double KernelEvaluator::operator()(double u) const {
  apply(&u, 1);
  return u;
}

}  // namespace tristage::numeric
