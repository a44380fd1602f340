#pragma once
// Canonical text and LaTeX for the exact results. GiNaC's own printer orders terms by hash values that depend on
// symbol creation order, so the same formula could print differently from one code path to another; golden files
// and papers need one spelling. Constants are written in the basis pi^a e^b with rational coefficients.
#include <ginac/ginac.h>

#include <string>

#include "theory/expansion.hpp"

namespace tristage::theory {

std::string exact_text(const GiNaC::ex& value);   // e.g. "1/2+3/(2*pi)"
std::string exact_latex(const GiNaC::ex& value);  // e.g. "\frac{1}{2}+\frac{3}{2\pi}"

// A polynomial or rational function of the symbol d, numerator and denominator expanded in falling powers.
std::string rational_text(const GiNaC::ex& f, const GiNaC::symbol& d);
std::string rational_latex(const GiNaC::ex& f, const GiNaC::symbol& d);

// sum_j c_j d^{-j} + O(d^{-J-1}).
std::string series_text(const InverseDSeries& s);
std::string series_latex(const InverseDSeries& s);

// Floating-point value of an exact constant.
double to_double(const GiNaC::ex& value);
std::string approx_text(double x, int digits);  // `digits` significant digits, the shortest form ("%g"), for "\approx"

}  // namespace tristage::theory
