#pragma once
// Errors a user can act on. Every message says what is wrong and how to fix it; the exit code says which kind.
#include <stdexcept>
#include <string>

namespace tristage {

// Exit codes of the `tristage` command (docs/usage.md lists them).
enum class Exit : int {
  ok = 0,
  not_verified = 1,  // a claim was checked and did not hold
  usage = 2,         // bad option, bad value, malformed kernel or input file
  numerical = 3,     // a computation could not reach its stated accuracy
  resources = 4,     // memory or time budget cannot be met
  io = 5,            // output cannot be written, or a result would be overwritten
  interrupted = 130,
};

class Error : public std::runtime_error {
 public:
  Error(Exit code, const std::string& message) : std::runtime_error(message), code_(code) {}
  Exit code() const { return code_; }

 private:
  Exit code_;
};

// A setting that a message asks the user to change, named by what it is ("{krylov_basis}"), not by a command's
// option: numeric/ serves several commands, and each words the setting as its own option when it prints the
// message (cli/output.hpp, worded).
inline std::string setting(const std::string& name) { return "{" + name + "}"; }

inline Error usage_error(const std::string& m) { return Error(Exit::usage, m); }
inline Error numerical_error(const std::string& m) { return Error(Exit::numerical, m); }
inline Error io_error(const std::string& m) { return Error(Exit::io, m); }

}  // namespace tristage
