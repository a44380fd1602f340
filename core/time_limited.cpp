#include "core/time_limited.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define TRISTAGE_LEAK_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRISTAGE_LEAK_CHECK 1
#endif
#endif
#ifdef TRISTAGE_LEAK_CHECK
#include <sanitizer/lsan_interface.h>
#endif

#include <cerrno>
#include <chrono>
#include <cstring>

namespace tristage {
namespace {

void write_all(int fd, const std::string& text) {
  for (size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(71);  // the parent is gone: nobody is waiting for the rest
    done += static_cast<size_t>(n);
  }
}

double seconds_of(const timeval& t) { return double(t.tv_sec) + 1e-6 * double(t.tv_usec); }

constexpr int leaked = 72;  // the child's exit status when LeakSanitizer found a leak

// The child ends with _exit, which skips LeakSanitizer's check at exit: under ASan it runs here, so that a leak in
// the work (GiNaC's, for the sign check) is still a finding of the sanitizer builds and the fuzzers.
[[noreturn]] void end_child(int status) {
#ifdef TRISTAGE_LEAK_CHECK
  if (status == 0 && __lsan_do_recoverable_leak_check() != 0) _exit(leaked);
#endif
  _exit(status);
}

}  // namespace

TimeLimitedRun run_time_limited(const std::function<void(const Report&)>& work, double cpu_seconds) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw TimeLimitedFailure(std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw TimeLimitedFailure(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {  // the child: _exit, never exit, so that nothing of the parent's (stdio buffers, atexit) runs twice
    ::close(fds[0]);
    try {
      work([fd = fds[1]](const std::string& line) { write_all(fd, line + "\n"); });
    } catch (...) {
      end_child(70);
    }
    end_child(0);
  }
  ::close(fds[1]);

  TimeLimitedRun run;
  clockid_t child_clock;
  const bool have_clock = ::clock_getcpuclockid(pid, &child_clock) == 0;
  const auto start = std::chrono::steady_clock::now();
  std::string pending;
  bool stopped = false;
  for (;;) {
    pollfd p{fds[0], POLLIN, 0};
    const int ready = ::poll(&p, 1, 10);  // 10 ms: how far past the limit the child can run
    bool failed = ready < 0 && errno != EINTR;
    if (ready > 0) {
      char buffer[4096];
      const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
      if (n == 0) break;  // the child has ended
      failed = n < 0 && errno != EINTR;
      if (n > 0) pending.append(buffer, static_cast<size_t>(n));
      for (size_t end; (end = pending.find('\n')) != std::string::npos; pending.erase(0, end + 1))
        run.lines.push_back(pending.substr(0, end));
    }
    timespec used{};
    if (have_clock && ::clock_gettime(child_clock, &used) == 0)
      run.cpu_seconds = double(used.tv_sec) + 1e-9 * double(used.tv_nsec);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (failed || run.cpu_seconds > cpu_seconds || wall > 3 * cpu_seconds) {  // a broken pipe: stop it too
      ::kill(pid, SIGKILL);
      stopped = true;
      break;
    }
  }
  ::close(fds[0]);
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  run.cpu_seconds = seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime);
  if (stopped) return run;
  run.finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  const std::string bug = "; a bug: please report it with the input";
  if (WIFSIGNALED(status))
    throw TimeLimitedFailure("a time-limited computation crashed (signal " + std::to_string(WTERMSIG(status)) + ")" +
                             bug);
  if (WIFEXITED(status) && WEXITSTATUS(status) == leaked)
    throw TimeLimitedFailure("a time-limited computation leaked memory (LeakSanitizer's report is above)" + bug);
  if (!run.finished)
    throw TimeLimitedFailure("a time-limited computation failed (exit status " + std::to_string(WEXITSTATUS(status)) +
                             ")" + bug);
  return run;
}

}  // namespace tristage
