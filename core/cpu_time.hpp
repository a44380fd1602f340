#pragma once
// CPU time of the calling thread: what a time budget counts, since load on the machine changes it far less than
// wall time (a budget of work, not of waiting).
#include <time.h>

namespace tristage {

inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

}  // namespace tristage
