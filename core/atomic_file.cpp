#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/error.hpp"

namespace tristage {

namespace {

// fsync of a file or folder by name; false (errno set) when it cannot be opened or synced.
bool sync_path(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

void write_file_atomic(const std::filesystem::path& path, const std::string& content, bool durable) {
  namespace fs = std::filesystem;
  const fs::path tmp = path.string() + ".partial";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      throw io_error("cannot write '" + tmp.string() + "': " + std::strerror(errno) +
                     "; choose a folder you can write to");
    out << content;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw io_error("writing '" + path.string() + "' failed (disk full?); nothing was changed");
    }
  }
  if (durable && !sync_path(tmp, O_RDONLY)) {
    const std::string why = std::strerror(errno);
    std::error_code ec;
    fs::remove(tmp, ec);
    throw io_error("cannot flush '" + tmp.string() + "' to the disk: " + why + "; nothing was changed");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw io_error("cannot replace '" + path.string() + "': " + ec.message());
  }
  // The rename is in the folder's entries: flush them too. The file is already whole; a failure here only weakens
  // the guarantee against a machine crash, so it is not an error.
  if (durable) sync_path(fs::absolute(path).parent_path(), O_RDONLY | O_DIRECTORY);
}

}  // namespace tristage
