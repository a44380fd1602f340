#include "core/output_folder.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <fstream>

#include "core/error.hpp"

namespace tristage {
namespace fs = std::filesystem;

namespace {

// What an interrupted run must remove: the staging folder, whatever it holds by then. Kept in fixed storage so that
// the signal handler needs only async-signal-safe calls (_Fork, execv, waitpid, _exit): a child runs rm -rf.
char staged_dir[4096];
volatile sig_atomic_t staging_active = 0;

extern "C" void remove_staging_and_exit(int) {
  if (staging_active) {
    const pid_t child = _Fork();  // not fork(): no atfork handlers (OpenBLAS has some), async-signal-safe
    if (child == 0) {
      char rm[] = "/bin/rm", flags[] = "-rf";
      char* argv[] = {rm, flags, staged_dir, nullptr};
      execv(rm, argv);
      _exit(127);
    }
    if (child > 0) waitpid(child, nullptr, 0);
  }
  _exit(static_cast<int>(Exit::interrupted));
}

}  // namespace

OutputFolder::OutputFolder(fs::path target, bool force) : target_(std::move(target)), force_(force) {
  if (target_.empty()) throw io_error("the output folder name is empty; pass --out DIR");
  if (target_.filename().empty()) target_ = target_.parent_path();  // "dir/" -> "dir"
  const fs::path parent = fs::absolute(target_).parent_path();
  if (!fs::is_directory(parent))
    throw io_error("cannot create '" + target_.string() + "': folder '" + parent.string() +
                   "' does not exist; create it first or choose another --out");
  if (access(parent.c_str(), W_OK) != 0)
    throw io_error("cannot write in '" + parent.string() + "' (permission denied); choose another --out");
  if (fs::exists(target_) && !force_)
    throw io_error("'" + target_.string() + "' exists; choose another --out, or add --force to replace it");
  staging_ = parent / ("." + target_.filename().string() + ".partial-" + std::to_string(getpid()));
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec))
    throw io_error("cannot create '" + staging_.string() + "': " + ec.message());
  const std::string dir = staging_.string();
  if (dir.size() >= sizeof staged_dir) throw io_error("the output path is too long: " + dir.substr(0, 80) + "...");
  std::memcpy(staged_dir, dir.c_str(), dir.size() + 1);
  staging_active = 1;
  std::signal(SIGINT, remove_staging_and_exit);
  std::signal(SIGTERM, remove_staging_and_exit);
}

OutputFolder::~OutputFolder() {
  staging_active = 0;
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

void OutputFolder::write(const std::string& name, const std::string& content) const {
  std::error_code ec;
  fs::create_directories(file(name).parent_path(), ec);
  std::ofstream out(file(name), std::ios::binary);
  out << content;
  out.flush();
  if (!out) throw io_error("writing '" + file(name).string() + "' failed (disk full?); nothing was changed");
}

std::filesystem::path OutputFolder::subfolder(const std::string& name) const {
  std::error_code ec;
  fs::create_directories(staging_ / name, ec);
  if (ec) throw io_error("cannot create '" + (staging_ / name).string() + "': " + ec.message());
  return staging_ / name;
}

void OutputFolder::commit() {
  staging_active = 0;  // from here on the rename decides; an interrupt leaves either the old or the new result
  std::error_code ec;
  fs::path old;
  if (fs::exists(target_)) {
    old = target_.string() + ".replaced-" + std::to_string(getpid());
    fs::rename(target_, old, ec);
    if (ec) throw io_error("cannot replace '" + target_.string() + "': " + ec.message());
  }
  fs::rename(staging_, target_, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, target_, ec);  // put the previous result back
    throw io_error("cannot create '" + target_.string() + "': " + ec.message());
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace tristage
