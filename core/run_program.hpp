#pragma once
// Other programs (gnuplot, pdflatex, tristage itself for regress), run without a shell: no quoting, no PATH lookup
// beyond find_program, standard input from /dev/null.
#include <filesystem>
#include <string>
#include <vector>

namespace tristage {

// Full path of `program` on PATH, or empty.
std::string find_program(const std::string& program);

struct RunResult {
  int status = -1;     // exit status, or 128 + the signal that ended it
  std::string output;  // what it wrote on stderr, and on stdout unless that went to a file
};

// Runs `exe args...` in `dir` and waits for it. stdout_file: where its standard output goes (e.g. "/dev/null");
// empty: into `output` with its stderr. Throws Error(Exit::io) only when it cannot be started.
RunResult run_program(const std::string& exe, const std::vector<std::string>& args, const std::filesystem::path& dir,
                      const std::filesystem::path& stdout_file = {});

}  // namespace tristage
