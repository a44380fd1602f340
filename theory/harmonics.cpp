#include "theory/harmonics.hpp"

namespace tristage::theory {
using namespace GiNaC;

const symbol& d_symbol() {
  static const symbol d("d");
  return d;
}

ex harmonic_dimension(const ex& d, int k) {
  if (k == 0) return 1;
  // (2k + d - 2) prod_{i=1}^{k-1} (d - 2 + i) / k!: a polynomial in d of degree k, exact for numeric d.
  ex b = 2 * k + d - 2;
  for (int i = 1; i < k; ++i) b *= d - 2 + i;
  return (b / factorial(numeric(k))).expand();
}

ex gegenbauer_q(const ex& d, int k, const symbol& u) {
  ex prev = 1, cur = u;
  if (k == 0) return prev;
  for (int j = 1; j < k; ++j) {
    ex next = normal(((2 * j + d - 2) * u * cur - j * prev) / (j + d - 2));
    prev = cur;
    cur = next;
  }
  return cur.expand();
}

}  // namespace tristage::theory
