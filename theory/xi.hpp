#pragma once
// Gegenbauer coefficients xi_{d,k} of a kernel by the exact series of THEORY.md 2:
//   xi_{d,k} = sum_{m>=0} a_{k+2m} (k+2m)! / (2^m m!) * prod_{i=0}^{k+m-1} 1/(d + 2i).
// A polynomial kernel gives a finite sum: an exact rational function of d. Otherwise the series is summed at a
// numeric d until a proven bound on its tail meets the requested accuracy (see xi_at).
#include <ginac/ginac.h>

#include <string>

#include "theory/symbolic_kernel.hpp"

namespace tristage::theory {

// The weight of a_{k+2m} in the series, (k+2m)!/(2^m m!) / prod_{i<k+m} (d + 2i), for numeric or symbolic d.
GiNaC::ex xi_series_weight(const GiNaC::ex& d, int k, int m);

// Exact xi_{d,k} as a rational function of d (a number when d is a number). Only for polynomial kernels:
// throws Error(Exit::usage) otherwise.
GiNaC::ex xi_exact(const SymbolicKernel& h, const GiNaC::ex& d, int k);

struct XiValue {
  enum class Status {
    exact,             // finite sum (polynomial kernel), or zero by the kernel's parity structure
    series,            // series with a tail bound that meets the tolerance
    needs_quadrature,  // the bound could not be met within the term budget: use numeric/ quadrature
    quadrature,        // filled in by numeric/ quadrature; error_bound is its estimate, not a proof
  };
  Status status = Status::exact;
  double value = 0;        // xi_{d,k} (the partial sum when the bound was not met)
  double error_bound = 0;  // |xi - value| <= error_bound, proven when bound_proven
  bool bound_proven = true;
  long terms = 0;          // series terms summed
  GiNaC::ex exact;         // the exact value when status == exact
  std::string note;        // why the status is what it is, for the output
};

const char* status_name(XiValue::Status s);

struct XiOptions {
  double rel_tol = 1e-13;    // stop when error_bound <= rel_tol * value
  long max_terms = 1000000;  // budget: milliseconds of work, 2e6 cached coefficients (32 MB)
};

// xi_{d,k} at a numeric d >= 3.
//
// Tail bound (for kernels with a_j >= 0): the series weight w_m = xi_series_weight(d,k,m) satisfies
// w_{m+1}/w_m = (k+2m+2)(k+2m+1) / (2(m+1)(d+2k+2m)), which is <= 1 for every m >= m0 once it is at m0 (the
// difference of the two sides is increasing in m). Hence sum_{m>M} a_{k+2m} w_m <= w_{M+1} * R_M where R_M is the
// sum of the remaining a_j of the parity of k, R_M = (h(1) + (-1)^k h(-1))/2 - sum_{j<=k+2M, j=k mod 2} a_j.
XiValue xi_at(const SymbolicKernel& h, long d, int k, const XiOptions& opt = {});

}  // namespace tristage::theory
