#include "core/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/error.hpp"

namespace tristage {

void write_file_atomic(const std::filesystem::path& path, const std::string& content) {
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
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw io_error("cannot replace '" + path.string() + "': " + ec.message());
  }
}

}  // namespace tristage
