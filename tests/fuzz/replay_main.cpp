// Replays fuzz inputs without libFuzzer, so that every compiler and build (g++, the sanitizer build) runs the seed
// corpus and the kept crash reproducers as regular tests. Usage: replay_TARGET [--max-seconds=S] DIR_OR_FILE...
// With --max-seconds each input must finish within S seconds of CPU time, its child processes included (the kernel
// sign check runs GiNaC in one): a slow input is a finding too, and CPU time barely changes with the machine's load.
// S is for an optimised build; under AddressSanitizer, which slows these inputs 5-10x, it is multiplied by 10.
#include <sys/resource.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr double slowdown = 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double slowdown = 10;
#else
constexpr double slowdown = 1;
#endif
#else
constexpr double slowdown = 1;
#endif

double cpu_seconds() {
  auto seconds = [](const timeval& t) { return double(t.tv_sec) + 1e-6 * double(t.tv_usec); };
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);  // those waited for: the sign check waits for its child
  return seconds(self.ru_utime) + seconds(self.ru_stime) + seconds(children.ru_utime) + seconds(children.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  double limit = 0;  // none
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--max-seconds=")) {
      limit = std::atof(argv[i] + 14) * slowdown;
    } else if (fs::is_directory(argv[i])) {
      for (const auto& entry : fs::directory_iterator(argv[i]))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else if (fs::is_regular_file(argv[i])) {
      files.emplace_back(argv[i]);
    } else {
      std::fprintf(stderr, "replay: '%s' is neither a file nor a folder; give fuzz inputs or folders of them\n", argv[i]);
      return 2;
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "replay: no inputs; give the corpus folder tests/fuzz/corpus/TARGET\n");
    return 2;
  }
  int slow = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay: %s (%zu bytes)\n", f.c_str(), data.size());  // the last one named is the culprit
    const double start = cpu_seconds();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    const double used = cpu_seconds() - start;
    if (limit > 0 && used > limit) {
      std::fprintf(stderr, "replay: %s took %.2f s of CPU time, over the limit of %.2f s: a slow input is a finding "
                   "(tests/fuzz/findings/README.md)\n", f.c_str(), used, limit);
      ++slow;
    }
  }
  std::printf("replayed %zu inputs\n", files.size());
  if (slow) std::fprintf(stderr, "replay: %d of %zu inputs over the time limit\n", slow, files.size());
  return slow ? 1 : 0;
}
