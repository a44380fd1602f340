#pragma once
// Work that cannot be interrupted, run where it can be stopped: in a forked child process, killed when its CPU time
// passes a limit (or its wall time three times that, on a loaded machine). GiNaC's series is such work: one call
// can run for hours (tan(tan(...(u))) twenty deep, at order 1), and no check between calls can stop it.
// The child reports lines of text as it goes; what it reported before the kill is kept.
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tristage {

struct TimeLimitedRun {
  std::vector<std::string> lines;  // reported by the child, in order
  bool finished = false;           // the work returned; otherwise it was stopped at the limit
  double cpu_seconds = 0;          // CPU time of the child, as last measured
};

using Report = std::function<void(const std::string& line)>;

// The child could not be started, crashed, or leaked: a bug to see, never the input's fault.
class TimeLimitedFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs work(report) in a child process for at most cpu_seconds of CPU time. The work must catch its own exceptions
// and report them. Throws TimeLimitedFailure when no child can be started, or when the child dies of something
// other than the limit (a crash in the work is a bug to see, not a timeout), or, under AddressSanitizer, leaks
// (the child's exit skips LeakSanitizer's own check: it is run before, at 0.3 s a time in the fuzzers). POSIX only.
TimeLimitedRun run_time_limited(const std::function<void(const Report&)>& work, double cpu_seconds);

}  // namespace tristage
