// The Python module's compiled half (_tristage): each function calls the C++ library and returns its JSON document as
// text; tristage/__init__.py turns it into dicts, lists and numpy arrays. Errors become tristage.Error (a ValueError
// with the command's exit code in .code).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "core/error.hpp"
#include "tristage.hpp"

namespace py = pybind11;

namespace {

template <class F>
std::string call(F&& f) {
  try {
    return f().dump();
  } catch (const tristage::Error& e) {
    throw py::value_error(std::to_string(static_cast<int>(e.code())) + "\t" + e.what());
  }
}

}  // namespace

PYBIND11_MODULE(_tristage, m) {
  m.doc() = "tristage's C++ library; use the tristage package, not this module";
  m.def("version", &tristage::library_version);
  m.def("coefficients", [](const std::string& kernel, std::optional<long> d, int kmax, int order, double tol,
                           bool series_only) {
    return call([&] { return tristage::coefficients(kernel, d, {kmax, order, tol, series_only}); });
  });
  m.def("stage_limits", [](const std::string& kernel, double alpha, const std::string& energies,
                           const std::string& noise, const std::string& convention, double beta_min,
                           std::optional<double> beta_max, int grid) {
    return call([&] {
      return tristage::stage_limits(kernel, alpha, energies, {noise, convention, beta_min, beta_max, grid});
    });
  });
  m.def("deterministic_equivalent", [](const std::string& kernel, long d, long n, const std::string& energies,
                                       const std::string& noise, double beta_min, std::optional<double> beta_max,
                                       int grid, double tolerance) {
    tristage::EquivalentOptions o;
    o.noise = noise;
    o.beta_min = beta_min;
    o.beta_max = beta_max;
    o.grid = grid;
    o.tolerance = tolerance;
    return call([&] { return tristage::deterministic_equivalent(kernel, d, n, energies, o); });
  });
  m.def("simulate", [](const std::string& kernel, long d, long n, const std::string& energies,
                       const std::string& noise, int seeds, unsigned long seed, double beta_min,
                       std::optional<double> beta_max, int grid, const std::string& method, const std::string& test,
                       const std::string& engine) {
    tristage::SimulationOptions o{noise, seeds, seed, beta_min, beta_max, grid, method, test, engine};
    py::gil_scoped_release release;
    return call([&] { return tristage::simulate(kernel, d, n, energies, o); });
  });
  m.def("verify", [](const std::string& file, const std::string& out, bool force) {
    py::gil_scoped_release release;
    return call([&] { return tristage::verify(file, out, force); });
  });
}
