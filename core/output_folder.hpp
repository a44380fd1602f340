#pragma once
// An output folder that appears whole or not at all, and the checkpoint that lets a long run producing it resume.
//
// OutputFolder: results are written into a hidden sibling folder, which is renamed into place by commit(). An
// existing folder is replaced only with force, and only at commit, so an interrupted or failed run never leaves a
// half-written result nor damages a previous one. SIGINT and SIGTERM while a folder is staged remove the staging
// folder and exit with code 130.
//
// Checkpoint: the finished pieces of the work, kept beside the output (DIR.checkpoint) until the result is committed,
// so that an interrupted run loses only what was in progress. They live in the same file as OutputFolder because the
// interrupt handler serves both: it removes the staging folder, keeps a checkpoint that holds finished pieces (and
// says so), and removes one that holds none, so that a run interrupted before finishing anything leaves nothing.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tristage {

class OutputFolder {
 public:
  // Checks now (before any work) that the folder can be created: parent exists and is writable, and the target
  // does not exist unless force. Throws Error(Exit::io) saying what to change.
  OutputFolder(std::filesystem::path target, bool force);
  ~OutputFolder();  // removes the staging folder if commit() was not reached
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Where `name` (possibly "sub/name") goes while staged; write() creates the subfolders it needs.
  std::filesystem::path file(const std::string& name) const { return staging_ / name; }
  void write(const std::string& name, const std::string& content) const;
  std::filesystem::path subfolder(const std::string& name) const;  // created inside the staging folder
  void commit();
  const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_, staging_;
  bool force_;
  bool committed_ = false;
};

// A folder of pieces of finished work that belong to one configuration, named by its fingerprint (the file
// fingerprint.json). Every piece is written to a temporary file, flushed to the disk and renamed, so a piece is
// either whole or absent, whenever the process stops (signal, kill -9, crash). The process that opens a checkpoint
// holds an exclusive lock on it (flock, released by the system however the process ends), so two runs never write
// the same checkpoint.
class Checkpoint {
 public:
  static std::filesystem::path beside(const std::filesystem::path& output);  // DIR -> DIR.checkpoint

  // Opens the folder, or creates it (empty) if it does not exist, and locks it; nothing in it is changed. The
  // temporary file of a write that was interrupted is no piece: it is overwritten when that piece is written again.
  // Throws Error(Exit::io) when another process holds it or it cannot be created.
  explicit Checkpoint(std::filesystem::path folder);
  // Removes the folder if it holds no piece (nothing finished, nothing to lose); keeps it otherwise.
  ~Checkpoint();
  Checkpoint(const Checkpoint&) = delete;
  Checkpoint& operator=(const Checkpoint&) = delete;

  bool existed() const { return existed_; }  // the folder was there before this run
  const std::filesystem::path& folder() const { return folder_; }
  std::optional<std::string> fingerprint() const;  // none: a fresh checkpoint (or one stopped before it had one)
  void start(const std::string& fingerprint);      // removes every piece and records this fingerprint
  std::vector<std::string> pieces() const;         // names of the finished pieces, sorted
  std::optional<std::string> read(const std::string& piece) const;
  void write(const std::string& piece, const std::string& content);  // atomic and durable
  // The line printed on standard error when SIGINT or SIGTERM stops the run while pieces are kept.
  void set_interrupt_note(const std::string& line);
  void discard();  // removes the folder: once the result it was for is committed

 private:
  std::filesystem::path folder_;
  int lock_fd_ = -1;
  bool existed_ = false, discarded_ = false;
};

}  // namespace tristage
