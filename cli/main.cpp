// The `tristage` command: parses the subcommand and turns every error into a message and an exit code.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/error.hpp"
#include "core/expression.hpp"
#include "numeric/distributed_world.hpp"
#include "version.hpp"

namespace {

std::string command_line(int argc, char** argv) {
  std::string s = "tristage";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool quote = a.empty() || a.find_first_of(" \t'\"*()^$") != std::string::npos;
    s += " " + (quote ? "'" + a + "'" : a);
  }
  return s;
}

// A message on one line, whatever the text it quotes: stderr stays one line per error.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

// An error's line and exit code. Under MPI only rank 0 speaks; a tristage Error is met by every rank alike (their
// decisions all rest on the same reduced numbers), so they all finish MPI and stop with the same code. Anything
// else may have struck one rank while the others wait in a collective: then all are stopped.
int fail(tristage::Exit code, const std::string& message, bool every_rank_alike) {
  using namespace tristage::numeric;
  if (output_process()) std::cerr << "tristage: error: " << one_line(tristage::cli::worded(message)) << "\n";
  if (current_world().started && current_world().size > 1 && !every_rank_alike)
    abort_distributed(static_cast<int>(code));
  finish_distributed();
  return static_cast<int>(code);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tristage;
  CLI::App app{"tristage: the three stages of kernel gradient flow in high dimension (THEORY.md, docs/)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("tristage ") + version);
  const Provenance provenance{command_line(argc, argv)};
  cli::add_coeffs(app, provenance);
  cli::add_theory(app, provenance);
  cli::add_regress(app);
  cli::add_simulate(app, provenance);
  cli::add_verify(app, provenance);
  cli::add_table(app, provenance);
  cli::add_diff(app);
  if (argc > 1 && argv[1][0] != '-') {  // name the unknown word instead of CLI11's "a subcommand is required"
    bool known = false;
    for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; })) known |= sub->get_name() == argv[1];
    if (!known) {
      std::string names;
      for (const auto* sub : app.get_subcommands([](CLI::App*) { return true; }))
        names += (names.empty() ? "" : ", ") + sub->get_name();
      std::cerr << "tristage: error: unknown command '" << shown_text(argv[1]) << "'; the commands are " << names
                << " (see 'tristage --help')\n";
      return static_cast<int>(Exit::usage);
    }
    // The same one level down (`tristage table foo`), instead of CLI11's "A subcommand is required".
    CLI::App* sub = app.get_subcommand(argv[1]);
    const auto nested = sub->get_subcommands([](CLI::App*) { return true; });
    if (!nested.empty() && argc > 2 && argv[2][0] != '-') {
      std::string names;
      bool found = false;
      for (const auto* s : nested) {
        found |= s->get_name() == argv[2];
        names += (names.empty() ? "" : ", ") + s->get_name();
      }
      if (!found) {
        std::cerr << "tristage: error: unknown " << argv[1] << " '" << shown_text(argv[2]) << "'; choose one of "
                  << names << " (see 'tristage " << argv[1] << " --help')\n";
        return static_cast<int>(Exit::usage);
      }
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "tristage: error: " << one_line(e.what()) << " (see 'tristage --help' or 'tristage COMMAND --help')\n";
    return static_cast<int>(Exit::usage);
  } catch (const Error& e) {
    return fail(e.code(), e.what(), true);
  } catch (const std::bad_alloc&) {
    return fail(Exit::resources,
                "out of memory; reduce the problem size (--kmax and --order for coeffs, --n, --mc-points or "
                "--sgd-steps for simulate)",
                false);
  } catch (const std::exception& e) {
    return fail(Exit::numerical, e.what(), false);
  }
  numeric::finish_distributed();
  return 0;
}
