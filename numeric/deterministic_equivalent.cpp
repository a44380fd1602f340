#include "numeric/deterministic_equivalent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "numeric/xi_quadrature.hpp"

namespace tristage::numeric {

namespace {

using cplx = std::complex<double>;
constexpr double eps = std::numeric_limits<double>::epsilon();
constexpr double pi = std::numbers::pi;
constexpr double infinity = std::numeric_limits<double>::infinity();

// The ellipse parameter of the real point x for foci c -+ rho: cosh r = |x - c| / rho.
double parameter_of(double x, double c, double rho) {
  const double q = std::abs(x - c) / rho;
  return q <= 1 ? 0.0 : std::acosh(q);
}

// Trapezoid nodes so that the fine sum's error, about e^{-N r} (r the distance, in ellipse parameter, to the nearest
// singularity on either side), starts below the tolerance; the coarse sum beside it (every other node) usually asks
// for one doubling. A power of two, at least 8; capped (the caller refuses a contour over its node budget before
// allocating anything).
int starting_nodes(double r, double tolerance) {
  const double needed = (std::log(1 / tolerance) + std::log(10.0)) / r;
  int n = 8;
  while (n < needed && n < (1 << 24)) n *= 2;
  return n;
}

}  // namespace

DeterministicEquivalent::DeterministicEquivalent(EquivalentSpectrum spectrum, double noise, EquivalentOptions options)
    : spectrum_(std::move(spectrum)), noise_(noise), options_(options), ridge_map_(spectrum_) {
  if (!(noise >= 0) || !std::isfinite(noise)) throw usage_error("the noise variance must be a finite number >= 0");
  const double n = double(spectrum_.n);
  scale_ = noise;
  double unlearnable = 0;  // energy of degrees with xi_k = 0: no estimator ever learns it
  for (size_t k = 0; k < spectrum_.size(); ++k) {
    scale_ += spectrum_.energy[k];
    if (spectrum_.xi[k] == 0) unlearnable += spectrum_.energy[k];
  }
  if (!(scale_ > 0)) throw usage_error("the target and the noise are both 0: there is nothing to predict");
  // With rank P < n (a finite-rank kernel, or a spectrum resolved to finitely many degrees), n - P eigenvalues of K
  // equal the pure ridge: an atom of the spectrum, where the noise and the unlearnable energy of y sit and decay at
  // that rate. Without a ridge it is the null space: kappa_0 = 0, and at P = n the ridgeless estimator does not exist.
  if (spectrum_.rank < n) {
    atom_ = spectrum_.ridge;
    atom_mass_ = (1 - spectrum_.rank / n) * (noise + unlearnable);
  }
  if (spectrum_.rank <= n && spectrum_.ridge == 0) {
    if (spectrum_.rank == n)
      throw numerical_error("the kernel has rank " + number_text(spectrum_.rank) + " = n: the ridgeless interpolant "
                            "sits at the interpolation threshold, where its test error is infinite; change n");
    kappa0_ = 0;
  } else {
    kappa0_ = ridge_map_.kappa(0.0);
  }

  // One ellipse per group of clusters. Clusters start in groups of one; two neighbours share an ellipse when that
  // costs fewer nodes (a gap too narrow to pass through is better gone round: n = 10 at d = 3 has one of width 6e-3
  // between clusters 8 wide).
  std::vector<EffectiveRidge::Interval> groups = ridge_map_.clusters();
  const double floor = atom_mass_ > 0 ? atom_ : 0.0;  // 0, the pole of r(z)/z, or the atom, a pole of G
  auto cost = [&](const std::vector<EffectiveRidge::Interval>& g, size_t j) { return 1 / ellipse(g, j, floor).r; };
  for (bool merged = true; merged && groups.size() > 1;) {
    merged = false;
    size_t best = 0;
    double saving = 0;
    for (size_t j = 0; j + 1 < groups.size(); ++j) {
      std::vector<EffectiveRidge::Interval> joined = groups;
      joined[j].hi = joined[j + 1].hi;
      joined.erase(joined.begin() + static_cast<long>(j) + 1);
      const double gain = cost(groups, j) + cost(groups, j + 1) - cost(joined, j);
      if (gain > saving) {
        saving = gain;
        best = j;
      }
    }
    if (saving > 0) {
      groups[best].hi = groups[best + 1].hi;
      groups.erase(groups.begin() + static_cast<long>(best) + 1);
      merged = true;
    }
  }
  for (size_t j = 0; j < groups.size(); ++j) {
    Geometry g = ellipse(groups, j, floor);
    if (!(g.r > 0))
      throw numerical_error("the clusters of the spectrum at " + number_text(groups[j].lo) + " .. " +
                            number_text(groups[j].hi) + " touch their neighbours: no contour separates them");
    g.nodes = starting_nodes(g.r, options_.tolerance);
    geometry_.push_back(g);
  }
  long total = 0;
  for (const Geometry& g : geometry_) total += g.nodes;
  if (total > options_.max_nodes)
    throw numerical_error("the deterministic equivalent needs about " + std::to_string(total) + " contour nodes (budget " +
                          std::to_string(options_.max_nodes) + "): clusters of K's spectrum lie too close to each other "
                          "or to 0 for its tolerance " + number_text(options_.tolerance) + "; loosen it or change n");
  kappa_min_ = kappa0_ > 0 ? kappa0_ : infinity;
  for (const Node& x : contour(0)) kappa_min_ = std::min(kappa_min_, std::abs(x.kappa));
}

// The ellipse around group j, in z or in log z, whichever keeps it farther (in ellipse parameter) from its obstacles:
// the neighbouring groups, the floor (0 or the atom) below the first, and the imaginary axis (beyond it e^{-tz/n}
// grows). It sits half way to the nearest obstacle.
DeterministicEquivalent::Geometry DeterministicEquivalent::ellipse(const std::vector<EffectiveRidge::Interval>& c,
                                                                  size_t j, double floor) {
  const double left = j > 0 ? c[j - 1].hi : std::max(0.0, floor);
  const double right = j + 1 < c.size() ? c[j + 1].lo : infinity;
  const double mid = (c[j].lo + c[j].hi) / 2, half = (c[j].hi - c[j].lo) / 2;
  const double r_plain = std::min(parameter_of(left, mid, half), parameter_of(right, mid, half));
  Geometry g{false, mid, half, r_plain / 2, 0};
  if (c[j].lo > 0) {
    const double a = std::log(c[j].lo), b = std::log(c[j].hi), lmid = (a + b) / 2, lhalf = (b - a) / 2;
    double r_log = std::asinh(pi / 2 / lhalf);  // where the ellipse reaches the imaginary axis: Im log z = pi/2
    if (left > 0) r_log = std::min(r_log, parameter_of(std::log(left), lmid, lhalf));
    if (std::isfinite(right)) r_log = std::min(r_log, parameter_of(std::log(right), lmid, lhalf));
    if (r_log > r_plain) g = {true, lmid, lhalf, r_log / 2, 0};
  }
  return g;
}

// Kappa at the nodes theta_i = 2 pi i / N, i = 0..N/2 (the upper half and the two real crossings), by continuation
// from the left crossing (theta = pi, a real z in the gap below the cluster), checked against the right crossing.
void DeterministicEquivalent::solve_upper_half(const Geometry& g, int N, std::vector<Node>& out) const {
  const double ch = std::cosh(g.r), sh = std::sinh(g.r), step = 2 * pi / N;
  auto point = [&](double theta) {
    const cplx w(g.center + g.radius * ch * std::cos(theta), g.radius * sh * std::sin(theta));
    const cplx dw(-g.radius * ch * std::sin(theta), g.radius * sh * std::cos(theta));
    if (!g.logarithmic) return std::pair{w, dw};
    const cplx z = std::exp(w);
    return std::pair{cplx(z.real(), w.imag() == 0 ? 0.0 : z.imag()), z * dw};
  };
  std::vector<Node> half(N / 2 + 1);
  // Newton from kappa at the previous node; where it does not settle on the branch, walk there in smaller steps.
  auto follow = [&](cplx kappa, double from, double to) {
    for (int parts = 1; parts <= 1024; parts *= 2) {
      std::optional<cplx> k = kappa;
      for (int p = 1; p <= parts && k; ++p) k = ridge_map_.kappa(point(from + (to - from) * p / parts).first, *k);
      if (k) return *k;
    }
    const cplx z = point(to).first;
    throw numerical_error("the effective ridge kappa(z) could not be followed along the contour near z = " +
                          number_text(z.real()) + " + " + number_text(z.imag()) + "i");
  };
  cplx kappa = ridge_map_.kappa(point(pi).first.real());
  for (int i = N / 2; i >= 0; --i) {
    const double theta = step * i;
    auto [z, dz] = point(theta);
    if (i == 0 || i == N / 2) z = z.real();  // the crossings of the real axis, in gaps of the spectrum
    if (i < N / 2) kappa = follow(kappa, theta + step, theta);
    if (i == 0) {  // the right crossing has its own real solution: the walk must have stayed on the branch
      const double real_kappa = ridge_map_.kappa(z.real());
      if (std::abs(real_kappa - kappa) > 1e-8 * std::abs(real_kappa))
        throw numerical_error("the effective ridge kappa(z) left its branch along the contour around " +
                              number_text(z.real()));
      kappa = real_kappa;
    }
    half[i] = {z, dz * step, kappa};
  }
  // theta in (pi, 2 pi): the mirror images, run through in the opposite direction (dz -> -conj(dz)).
  for (int i = 0; i < N; ++i) {
    const Node& h = half[i <= N / 2 ? i : N - i];
    out.push_back(i <= N / 2 ? h : Node{std::conj(h.z), -std::conj(h.dz), std::conj(h.kappa)});
  }
}

std::vector<DeterministicEquivalent::Node> DeterministicEquivalent::contour(int level) const {
  std::vector<Node> nodes;
  for (const Geometry& g : geometry_) solve_upper_half(g, g.nodes << level, nodes);
  return nodes;
}

template <class Residual>
EquivalentCurves DeterministicEquivalent::curves(size_t T, const Residual& residual,
                                                 const std::vector<bool>& zero_at) const {
  const EquivalentSpectrum& s = spectrum_;
  const double n = double(s.n);
  EquivalentCurves out;
  for (int level = 0;; ++level) {
    const std::vector<Node> nodes = contour(level);
    const long M = static_cast<long>(nodes.size());
    // Row 0: the ridgeless point z = 0; rows 1..M: the contour.
    std::vector<cplx> kappa{kappa0_};
    for (const Node& x : nodes) kappa.push_back(x.kappa);
    double kappa_min = kappa_min_;
    for (const Node& x : nodes) kappa_min = std::min(kappa_min, std::abs(x.kappa));

    // Df = A A^T, bias = U U^T (transposes, not adjoints: both are analytic in each argument).
    std::vector<size_t> spectral, learned;
    for (size_t k = 0; k < s.size(); ++k) {
      if (s.xi[k] > 0 && s.w[k] > 0) spectral.push_back(k);
      if (s.energy[k] > 0) learned.push_back(k);
    }
    Eigen::MatrixXcd A(M + 1, spectral.size()), U(M + 1, learned.size());
    for (long i = 0; i <= M; ++i) {
      for (size_t c = 0; c < spectral.size(); ++c) {
        const size_t k = spectral[c];
        A(i, c) = std::sqrt(s.w[k] * s.xi[k]) / (s.xi[k] + kappa[i]);
      }
      for (size_t c = 0; c < learned.size(); ++c) {
        const size_t k = learned[c];
        const cplx unlearned = s.xi[k] == 0 ? cplx(1) : kappa[i] / (s.xi[k] + kappa[i]);
        U(i, c) = std::sqrt(s.energy[k]) * unlearned;
      }
    }
    // The matrices are a few hundred nodes wide: coefficient-based products (lazyProduct), single-threaded and cheap,
    // where BLAS would spend more on waking its threads than on the work (measured 5x slower at d = 400).
    const Eigen::MatrixXcd Df = A.lazyProduct(A.transpose()) / n;
    Eigen::MatrixXcd C = U.lazyProduct(U.transpose());
    Eigen::MatrixXd roundoff(M + 1, M + 1);  // |C| weighted by the cancellation in 1 - Df/n
    double amplification = 0;
    for (long j = 0; j <= M; ++j)
      for (long i = 0; i <= M; ++i) {
        const cplx gap = 1.0 - Df(i, j);
        C(i, j) = (C(i, j) + noise_ * Df(i, j)) / gap;
        roundoff(i, j) = std::abs(C(i, j)) * (1 + std::abs(Df(i, j)) / std::abs(gap));
        amplification = std::max(amplification, 1 / std::abs(gap));
      }
    std::vector<cplx> G(M);
    for (long i = 0; i < M; ++i) {
      cplx g = noise_ / (n * kappa[i + 1]);
      for (size_t k : learned) g += s.energy[k] / (n * (s.xi[k] + kappa[i + 1]));
      G[i] = g;
    }

    // Per time: weights on the fine nodes, and on the coarse ones (every other node of each cluster, twice the step).
    std::vector<bool> coarse(M, false);
    {
      long at = 0;
      for (const Geometry& g : geometry_) {
        const long N = g.nodes << level;
        for (long i = 0; i < N; i += 2) coarse[at + i] = true;
        at += N;
      }
    }
    const cplx to_integral = 1.0 / cplx(0, 2 * pi);
    Eigen::MatrixXcd W(M, T), Wc(M, T);
    Eigen::MatrixXd Wabs(M, T);
    std::vector<double> train(T), train_coarse(T), train_rounding(T);
    for (size_t t = 0; t < T; ++t) {
      cplx tr = 0, trc = 0;
      double tra = 0;
      for (long i = 0; i < M; ++i) {
        const cplx r = zero_at[t] ? cplx(0) : residual(t, nodes[i].z);
        const cplx term = -to_integral * r * r * G[i] * nodes[i].dz;
        tr += term;
        tra += std::abs(term);
        if (coarse[i]) trc += 2.0 * term;
        W(i, t) = to_integral * r / nodes[i].z * nodes[i].dz;
        Wc(i, t) = coarse[i] ? 2.0 * W(i, t) : cplx(0);
        Wabs(i, t) = std::abs(W(i, t));
      }
      const double atom = atom_mass_ * (zero_at[t] ? (atom_ == 0 ? 1.0 : 0.0) : std::norm(residual(t, cplx(atom_))));
      train[t] = atom + tr.real();
      train_coarse[t] = atom + trc.real();
      train_rounding[t] = 16 * eps * tra;
    }
    const Eigen::MatrixXcd Cc = C.bottomRightCorner(M, M);
    const Eigen::MatrixXcd CW = Cc.lazyProduct(W), CWc = Cc.lazyProduct(Wc);
    const Eigen::MatrixXd RW = roundoff.bottomRightCorner(M, M).lazyProduct(Wabs);
    const Eigen::RowVectorXcd C0W = C.row(0).tail(M).lazyProduct(W), C0Wc = C.row(0).tail(M).lazyProduct(Wc);
    const double tail = s.tail_bound(kappa_min) * scale_ * amplification;

    out.train.assign(T, 0);
    out.test.assign(T, 0);
    double discretisation = 0, rounding = 0;
    for (size_t t = 0; t < T; ++t) {
      // Bilinear forms (no conjugation): the weights are complex, C is complex symmetric.
      const cplx fine = C(0, 0) + 2.0 * C0W(t) + W.col(t).cwiseProduct(CW.col(t)).sum();
      const cplx rough = C(0, 0) + 2.0 * C0Wc(t) + Wc.col(t).cwiseProduct(CWc.col(t)).sum();
      out.test[t] = std::max(0.0, fine.real());  // both are >= 0; below, only the sums' rounding
      out.train[t] = std::max(0.0, train[t]);
      double r0 = 0;
      for (long i = 0; i < M; ++i) r0 += roundoff(0, i + 1) * Wabs(i, t);
      discretisation = std::max({discretisation, std::abs(fine - rough), std::abs(train[t] - train_coarse[t])});
      rounding = std::max({rounding, 16 * eps * (roundoff(0, 0) + 2 * r0 + Wabs.col(t).dot(RW.col(t))),
                           train_rounding[t]});
    }
    // The check that the contour encloses the whole spectrum: at t = 0 the training error is ||y||^2 / n, whose
    // expectation sum E_k + sigma^2 is the mass of G: a missing cluster would show here.
    cplx mass = 0, mass_coarse = 0;
    for (long i = 0; i < M; ++i) {
      const cplx term = -to_integral * G[i] * nodes[i].dz;
      mass += term;
      if (coarse[i]) mass_coarse += 2.0 * term;
    }
    discretisation = std::max(discretisation, std::abs(mass - mass_coarse));
    out.error = discretisation + rounding + tail;
    out.nodes = static_cast<int>(M);
    const double tolerance = options_.tolerance * scale_;
    if (out.error <= tolerance) {
      if (std::abs(atom_mass_ + mass.real() - scale_) > tolerance + out.error)
        throw numerical_error("the deterministic equivalent's contour does not enclose the whole spectrum (its mass " +
                              number_text(atom_mass_ + mass.real()) + ", not sum E_k + sigma^2 = " +
                              number_text(scale_) + ")");
      return out;
    }
    if (rounding + tail > tolerance || 2 * M > options_.max_nodes)
      throw numerical_error(
          "the deterministic equivalent reached an error estimate of " + number_text(out.error / scale_) +
          " (relative to sum E_k + sigma^2 = " + number_text(scale_) + "; tolerance " + number_text(options_.tolerance) +
          ") with " + std::to_string(M) + " contour nodes: " +
          (tail > tolerance ? "the spectrum needs more explicit degrees"
           : rounding > tolerance ? "rounding in the sums dominates (K is too close to singular at this n)"
                                  : "the node budget is spent") +
          "; loosen the tolerance (tristage theory --tol) or change n");
  }
}

EquivalentCurves DeterministicEquivalent::flow(const std::vector<double>& times) const {
  const double n = double(spectrum_.n);
  std::vector<bool> zero_at;
  for (double t : times) {
    if (!(t >= 0)) throw usage_error("times must be >= 0, got " + number_text(t));
    zero_at.push_back(std::isinf(t));
  }
  return curves(times.size(), [&](size_t t, cplx z) { return std::exp(-times[t] * z / n); }, zero_at);
}

EquivalentCurves DeterministicEquivalent::gd(const std::vector<double>& times, double eta) const {
  if (!(eta > 0) || !std::isfinite(eta)) throw usage_error("the step eta must be a finite number > 0");
  const double n = double(spectrum_.n);
  std::vector<bool> zero_at;
  std::vector<double> steps;
  for (double t : times) {
    if (!(t >= 0)) throw usage_error("times must be >= 0, got " + number_text(t));
    zero_at.push_back(std::isinf(t));
    steps.push_back(std::isinf(t) ? 0.0 : std::floor(t / eta));
  }
  return curves(
      times.size(), [&](size_t t, cplx z) { return std::exp(steps[t] * std::log(1.0 - eta * z / n)); }, zero_at);
}

EquivalentCurves DeterministicEquivalent::filter(
    size_t T, const std::function<std::complex<double>(size_t, std::complex<double>)>& residual) const {
  return curves(T, residual, std::vector<bool>(T, false));
}

std::vector<double> DeterministicEquivalent::oracle(const std::vector<double>& times) const {
  std::vector<double> out;
  for (double t : times) {
    double r = 0;
    for (size_t k = 0; k < spectrum_.size(); ++k)
      if (spectrum_.energy[k] > 0)
        r += spectrum_.energy[k] * (std::isinf(t) ? (spectrum_.xi[k] > 0 ? 0.0 : 1.0) : std::exp(-2 * t * spectrum_.xi[k]));
    out.push_back(r);
  }
  return out;
}

RidgeEquivalent DeterministicEquivalent::ridge(double lambda) const {
  if (!(lambda >= 0) || !std::isfinite(lambda)) throw usage_error("the ridge lambda must be a finite number >= 0");
  const EquivalentSpectrum& s = spectrum_;
  const double n = double(s.n);
  RidgeEquivalent out;
  out.kappa = lambda == 0 ? kappa0_ : ridge_map_.kappa(-n * lambda);
  const double k = out.kappa;
  // C(z, z) and, for the training error, lambda^2 [sigma^2/kappa^2 + sum E_k/(xi_k + kappa)^2] / (1 - Df_2/n).
  double df2 = 0, bias = 0, train = noise_ / (k * k);
  for (size_t j = 0; j < s.size(); ++j) {
    if (s.xi[j] > 0) df2 += s.w[j] * s.xi[j] / ((s.xi[j] + k) * (s.xi[j] + k));
    const double unlearned = s.xi[j] == 0 ? 1.0 : k / (s.xi[j] + k);
    bias += s.energy[j] * unlearned * unlearned;
    if (s.energy[j] > 0) train += s.energy[j] / ((s.xi[j] + k) * (s.xi[j] + k));
  }
  out.test = (bias + noise_ * df2 / n) / (1 - df2 / n);
  out.train = lambda == 0 ? (atom_ == 0 ? atom_mass_ : 0.0) : lambda * lambda * train / (1 - df2 / n);
  return out;
}

}  // namespace tristage::numeric

namespace tristage::numeric {

DeterministicEquivalent deterministic_equivalent(const KernelSpec& h, long d, long n, const std::vector<double>& energies,
                                                 double noise, EquivalentOptions options) {
  const int ell = static_cast<int>(std::floor(std::log(double(n)) / std::log(double(d)) + 1e-12));
  const double square = mean_square(h, d);
  for (int kmax = std::max(static_cast<int>(energies.size()) - 1, ell + 2) + 2;; kmax *= 2) {
    Spectrum s = spectrum_by_quadrature(h, d, std::min(kmax, 400));
    s.mean_square = square;
    DeterministicEquivalent de(equivalent_spectrum(s, n, energies), noise, options);
    if (de.tail_error() <= options.tolerance / 10 || kmax >= 400) return de;
  }
}

}  // namespace tristage::numeric
