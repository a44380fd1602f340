#include "core/output_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace tristage {
namespace fs = std::filesystem;

namespace {

// What an interrupted run must remove or keep. Kept in fixed storage so that the signal handler needs only
// async-signal-safe calls (_Fork, execv, waitpid, write, _exit): a child runs rm -rf.
char staged_dir[4096];
volatile sig_atomic_t staging_active = 0;
char checkpoint_dir[4096];
volatile sig_atomic_t checkpoint_active = 0;
volatile sig_atomic_t checkpoint_empty = 1;  // no finished piece: removed on interrupt, like the staging folder
char interrupt_note[4096];
volatile sig_atomic_t interrupt_note_length = 0;

extern "C" void clean_up_and_exit(int) {
  char rm[] = "/bin/rm", flags[] = "-rf";
  char* argv[] = {rm, flags, nullptr, nullptr, nullptr};
  int argc = 2;
  if (staging_active) argv[argc++] = staged_dir;
  if (checkpoint_active && checkpoint_empty) argv[argc++] = checkpoint_dir;
  if (argc > 2) {
    const pid_t child = _Fork();  // not fork(): no atfork handlers (OpenBLAS has some), async-signal-safe
    if (child == 0) {
      execv(rm, argv);
      _exit(127);
    }
    if (child > 0) waitpid(child, nullptr, 0);
  }
  if (checkpoint_active && !checkpoint_empty && interrupt_note_length > 0) {
    const ssize_t ignored = write(STDERR_FILENO, interrupt_note, static_cast<size_t>(interrupt_note_length));
    (void)ignored;
  }
  _exit(static_cast<int>(Exit::interrupted));
}

void handle_interrupts() {
  std::signal(SIGINT, clean_up_and_exit);
  std::signal(SIGTERM, clean_up_and_exit);
}

// Copies a path into fixed storage for the handler; the fence keeps the copy before the flag that publishes it.
void publish(char (&buffer)[4096], const std::string& text, const char* what) {
  if (text.size() >= sizeof buffer)
    throw io_error(std::string("the ") + what + " is too long: " + text.substr(0, 80) + "...; choose a shorter --out");
  std::memcpy(buffer, text.c_str(), text.size() + 1);
  std::atomic_signal_fence(std::memory_order_seq_cst);
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
  publish(staged_dir, staging_.string(), "output path");  // before creating it: may throw
  std::error_code ec;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec))
    throw io_error("cannot create the output folder '" + target_.string() + "' (its staging folder: " + ec.message() +
                   "); choose a folder you can write to");
  staging_active = 1;
  handle_interrupts();
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


// ---- Checkpoint ----

namespace {

constexpr const char* fingerprint_file = "fingerprint.json";

bool is_temporary(const fs::path& p) { return p.extension() == ".partial"; }

bool same_file(int fd, const fs::path& p) {
  struct stat a, b;
  return fstat(fd, &a) == 0 && stat(p.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

fs::path Checkpoint::beside(const fs::path& output) {
  fs::path p = output;
  if (p.filename().empty()) p = p.parent_path();  // "dir/" -> "dir"
  return p.string() + ".checkpoint";
}

Checkpoint::Checkpoint(fs::path folder) : folder_(std::move(folder)) {
  publish(checkpoint_dir, folder_.string(), "checkpoint path");  // first: may throw, before anything is held
  // Create or open, then lock; if the holder we waited for removed the folder meanwhile, our descriptor is of a
  // deleted folder: start over with the new one.
  for (int attempt = 0;; ++attempt) {
    std::error_code ec;
    if (fs::exists(folder_, ec) && !fs::is_directory(folder_, ec))
      throw io_error("'" + folder_.string() + "' exists and is not a checkpoint folder; move it away or choose "
                     "another --out");
    const bool created = fs::create_directory(folder_, ec);
    if (ec) throw io_error("cannot create the checkpoint '" + folder_.string() + "': " + ec.message());
    existed_ = !created;
    lock_fd_ = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lock_fd_ < 0) throw io_error("cannot open the checkpoint '" + folder_.string() + "': " + std::strerror(errno));
    if (flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      const int why = errno;
      ::close(lock_fd_);
      lock_fd_ = -1;
      if (why == EWOULDBLOCK)
        throw io_error("'" + folder_.string() + "' is in use by another tristage run that is still going; wait for "
                       "it to finish, or choose another --out");
      throw io_error("cannot lock the checkpoint '" + folder_.string() + "': " + std::strerror(why));
    }
    if (same_file(lock_fd_, folder_)) break;
    ::close(lock_fd_);
    lock_fd_ = -1;
    if (attempt == 3)
      throw io_error("the checkpoint '" + folder_.string() + "' keeps changing; is another run using it?");
  }
  checkpoint_empty = pieces().empty() ? 1 : 0;
  checkpoint_active = 1;
  handle_interrupts();
}

Checkpoint::~Checkpoint() {
  if (!discarded_) {
    checkpoint_active = 0;
    std::error_code ec;
    if (lock_fd_ >= 0 && pieces().empty()) fs::remove_all(folder_, ec);
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::optional<std::string> Checkpoint::fingerprint() const { return read(fingerprint_file); }

void Checkpoint::start(const std::string& fingerprint) {
  checkpoint_empty = 1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    fs::remove_all(entry.path(), ec);
    if (ec) throw io_error("cannot empty the checkpoint '" + folder_.string() + "': " + ec.message());
  }
  write_file_atomic(folder_ / fingerprint_file, fingerprint, true);
}

std::vector<std::string> Checkpoint::pieces() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(ec) && name != fingerprint_file && !is_temporary(entry.path())) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> Checkpoint::read(const std::string& piece) const {
  std::ifstream in(folder_ / piece, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return text;
}

void Checkpoint::write(const std::string& piece, const std::string& content) {
  if (piece.empty() || piece == fingerprint_file || piece.find('/') != std::string::npos || is_temporary(piece))
    throw std::logic_error("Checkpoint::write: bad piece name '" + piece + "'");
  // Not empty from the moment the first piece may land: an interrupt during this write keeps the folder (with at
  // worst a temporary file, removed on the next open) rather than risk removing a piece that was just renamed.
  checkpoint_empty = 0;
  write_file_atomic(folder_ / piece, content, true);
}

void Checkpoint::set_interrupt_note(const std::string& line) {
  interrupt_note_length = 0;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  const std::string text = line.substr(0, sizeof interrupt_note - 1);
  std::memcpy(interrupt_note, text.data(), text.size());
  std::atomic_signal_fence(std::memory_order_seq_cst);
  interrupt_note_length = static_cast<sig_atomic_t>(text.size());
}

void Checkpoint::discard() {
  checkpoint_active = 0;
  discarded_ = true;
  std::error_code ec;
  fs::remove_all(folder_, ec);
  if (ec)
    throw io_error("cannot remove the checkpoint '" + folder_.string() + "': " + ec.message() + "; remove it by hand");
}

}  // namespace tristage
