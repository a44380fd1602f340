#pragma once
// h applied to many arguments at once, for kernel matrices. Named kernels have hand-written loops; an expression
// is compiled once into a short postfix program run over blocks of arguments, so that it costs about what the
// same formula written by hand would (each operation is one tight loop over a block).
#include <cstddef>
#include <vector>

#include "core/kernel_spec.hpp"

namespace tristage::numeric {

class KernelEvaluator {
 public:
  explicit KernelEvaluator(const KernelSpec& spec);
  // u[i] <- h(u[i]) for i < n. Arguments are clamped to [-1, 1] first (rounding of <x,x'>/d can exceed 1).
  void apply(double* u, std::size_t n) const;
  double operator()(double u) const;

 private:
  struct Instr {
    Expr::Op op;
    Func func;
    double value;  // constants
  };
  KernelSpec spec_;
  std::vector<Instr> program_;

  void compile(const Expr& e);
  void run_program(double* u, std::size_t n) const;
};

}  // namespace tristage::numeric
