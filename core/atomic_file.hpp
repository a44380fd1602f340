#pragma once
// Results are written whole or not at all: to a temporary file beside the target, then renamed over it.
#include <filesystem>
#include <string>

namespace tristage {

// Writes `content` to `path` atomically. Throws Error(Exit::io) saying what failed and what to do.
void write_file_atomic(const std::filesystem::path& path, const std::string& content);

}  // namespace tristage
