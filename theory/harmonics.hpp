#pragma once
// Spherical harmonics on the sphere of radius sqrt(d) (THEORY.md 2): dimensions B(d,k) and the normalised
// Gegenbauer polynomials Q_k, exactly.
#include <ginac/ginac.h>

namespace tristage::theory {

const GiNaC::symbol& d_symbol();

// B(d,k) = (2k + d - 2)/k * C(k + d - 3, k - 1), B(d,0) = 1. `d` may be a number or the symbol d.
GiNaC::ex harmonic_dimension(const GiNaC::ex& d, int k);

// Q_k(s) as an exact polynomial in u = s/d, by the three-term recurrence; Q_k(d) = 1.
GiNaC::ex gegenbauer_q(const GiNaC::ex& d, int k, const GiNaC::symbol& u);

}  // namespace tristage::theory
