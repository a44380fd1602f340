#pragma once
// Random numbers with no global state: every stream is derived from the run seed and a purpose, so a run is
// reproduced exactly from (seed, configuration), on any platform (no std:: distributions, whose output is
// implementation-defined).
#include <cstdint>

namespace tristage::numeric {

enum class Stream : uint64_t { points = 1, noise = 2, test_points = 3, sgd = 4, direction = 5 };

// xoshiro256** seeded by SplitMix64 from (seed, replicate, stream).
class Rng {
 public:
  Rng(uint64_t seed, uint64_t replicate, Stream stream);
  uint64_t next();
  double uniform();   // in (0, 1)
  double normal();    // standard Gaussian, Box-Muller

 private:
  uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace tristage::numeric
