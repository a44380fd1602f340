#pragma once
// One function per subcommand: each adds its options and its callback to the app. No mathematics here.
#include <CLI/CLI.hpp>

#include "compare/provenance.hpp"

namespace tristage::cli {

void add_coeffs(CLI::App& app, const Provenance& provenance);
void add_theory(CLI::App& app, const Provenance& provenance);
void add_regress(CLI::App& app);
void add_simulate(CLI::App& app, const Provenance& provenance);
void add_verify(CLI::App& app, const Provenance& provenance);
void add_table(CLI::App& app, const Provenance& provenance);
void add_diff(CLI::App& app);

}  // namespace tristage::cli
