// FileWriter: a file written piece by piece and put in place whole, for outputs too large to
// build in memory first (OUT/summary.json, OUT/index.html of a large batch). The bytes go to a
// hidden temporary beside the file (".<name>.<pid>.tmp", the name RealFileSystem::WriteFile
// uses, so an output folder's clean-up knows it), which Commit renames over the file: a reader
// sees the old file or the new one, never half of one. Without Commit (an error, a return on
// the way) the temporary is removed. A full disk can be injected like WriteFile's
// (pipeline/core/fault.h, enospc:TEXT).
#ifndef PIPELINE_CORE_FILE_WRITER_H_
#define PIPELINE_CORE_FILE_WRITER_H_

#include <memory>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace pipeline {

class FileWriter {
 public:
  // Creates the parent folder if needed and opens the temporary.
  static Result<std::unique_ptr<FileWriter>> Open(const std::string& path);
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // Appends `data` (buffered); an error is kept and returned by Commit.
  void Write(std::string_view data);
  // Writes what is buffered, closes and renames the temporary over the file. REQUIRES: once.
  Status Commit();

 private:
  FileWriter(std::string path, std::string tmp, int fd)
      : path_(std::move(path)), tmp_(std::move(tmp)), fd_(fd) {}
  void Flush();
  void WriteNow(std::string_view data);

  std::string path_, tmp_;
  int fd_ = -1;
  int error_ = 0;  // the first errno of a failed write
  std::string buffer_;
};

}  // namespace pipeline

#endif  // PIPELINE_CORE_FILE_WRITER_H_
