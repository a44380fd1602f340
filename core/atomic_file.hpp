#pragma once
// Results are written whole or not at all: to a temporary file beside the target, then renamed over it.
#include <filesystem>
#include <string>

namespace tristage {

// Writes `content` to `path` atomically. With `durable`, the data and the rename are also flushed to the disk
// (fsync of the file, then of its folder) before returning, so that a crash of the machine keeps the file whole:
// for checkpoints, which must outlive the process. Throws Error(Exit::io) saying what failed and what to do.
void write_file_atomic(const std::filesystem::path& path, const std::string& content, bool durable = false);

}  // namespace tristage
