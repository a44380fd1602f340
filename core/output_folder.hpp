#pragma once
// An output folder that appears whole or not at all: results are written into a hidden sibling folder, which is
// renamed into place by commit(). An existing folder is replaced only with force, and only at commit, so an
// interrupted or failed run never leaves a half-written result nor damages a previous one. SIGINT and SIGTERM while
// a folder is staged remove the staging folder and exit with code 130.
#include <filesystem>
#include <string>

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

}  // namespace tristage
