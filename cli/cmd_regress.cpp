// tristage regress: run the cases of a golden folder's manifest again and compare them with their golden files.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "compare/regress.hpp"
#include "core/error.hpp"

namespace tristage::cli {

namespace {

// tristage itself (/proc/self/exe) with args, standard output to `out`; its stderr's last line is the error if it
// fails, with its exit code.
void run_self(const std::vector<std::string>& args, const std::filesystem::path& out) {
  const std::filesystem::path err = out.parent_path() / "stderr";
  std::vector<std::string> words{"tristage"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  std::cout.flush();
  const pid_t child = fork();
  if (child < 0) throw Error(Exit::resources, "cannot start a process for a regression case (fork failed)");
  if (child == 0) {
    const int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0 || dup2(o, STDOUT_FILENO) < 0 || dup2(e, STDERR_FILENO) < 0) _exit(127);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  std::ifstream in(err);
  std::string line, last;
  while (std::getline(in, line))
    if (!line.empty()) last = line;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  throw Error(Exit::usage, "'tristage " + [&] {
    std::string s;
    for (const auto& a : args) s += (s.empty() ? "" : " ") + a;
    return s;
  }() + "' exited with " + std::to_string(code) + (last.empty() ? "" : ": " + last));
}

}  // namespace

void add_regress(CLI::App& app) {
  struct Options {
    std::string golden;
    bool update = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "regress", "run the cases of a golden folder (its manifest.toml: tristage commands and their golden outputs) "
                 "and compare each output with its golden file, numbers within the case's tolerance; exit 1 naming "
                 "every field that moved");
  cmd->add_option("--golden", opt->golden, "the golden folder (the project's own cases: tests/golden)")->required();
  cmd->add_flag("--update", opt->update,
                "write the golden files from the current outputs, in the golden folder only (a deliberate act)");
  cmd->callback([opt] {
    if (!std::filesystem::is_directory(opt->golden))
      throw usage_error("golden folder '" + opt->golden + "' does not exist; give a folder with a manifest.toml");
    const auto r = run_regress(opt->golden, opt->update, run_self);
    std::cout << r.report;
    if (opt->update && r.differing == 0) return;
    std::cout << r.cases - r.differing << " same, " << r.differing << (opt->update ? " failed" : " different") << "\n";
    if (r.differing)
      throw Error(Exit::not_verified, std::to_string(r.differing) + " of " + std::to_string(r.cases) +
                                          " cases " + (opt->update ? "failed to run" : "differ from their golden files") +
                                          " (see above)" + (opt->update ? "" : "; if the change is intended, run "
                                                                                "'tristage regress --golden " +
                                                                                opt->golden + " --update'"));
  });
}

}  // namespace tristage::cli
