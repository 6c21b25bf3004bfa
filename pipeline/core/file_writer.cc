#include "pipeline/core/file_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "pipeline/core/fault.h"
#include "pipeline/core/file_system.h"

namespace pipeline {
namespace {

constexpr std::size_t kBufferSize = 1 << 16;

}  // namespace

Result<std::unique_ptr<FileWriter>> FileWriter::Open(const std::string& path) {
  const std::string parent = DirName(path);
  RealFileSystem fs;
  if (!parent.empty()) PIPELINE_RETURN_IF_ERROR(fs.MakeDirs(parent));
  std::string tmp =
      JoinPath(parent, "." + BaseName(path) + "." + std::to_string(::getpid()) + ".tmp");
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    return Status::IoError(std::string("cannot open for writing: ") + std::strerror(errno), path);
  }
  return std::unique_ptr<FileWriter>(new FileWriter(path, std::move(tmp), fd));
}

FileWriter::~FileWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tmp_.c_str());
  }
}

void FileWriter::Write(std::string_view data) {
  if (buffer_.size() + data.size() < kBufferSize) {
    buffer_.append(data);
    return;
  }
  Flush();
  WriteNow(data);  // a large piece goes to the file without a copy
}

void FileWriter::Flush() {
  WriteNow(buffer_);
  buffer_.clear();
}

void FileWriter::WriteNow(std::string_view data) {
  if (error_ == 0) error_ = WriteAllTo(fd_, data);
}

Status FileWriter::Commit() {
  Flush();
  // A full disk is injected here for the tests (pipeline/core/fault.h).
  if (error_ == 0 && DiskFullInjected(path_)) error_ = ENOSPC;
  if (::close(fd_) != 0 && error_ == 0) error_ = errno;
  fd_ = -1;
  if (error_ == 0 && std::rename(tmp_.c_str(), path_.c_str()) != 0) error_ = errno;
  if (error_ != 0) {
    ::unlink(tmp_.c_str());
    return Status::IoError(std::string("write failed: ") + std::strerror(error_), path_);
  }
  return Status::Ok();
}

}  // namespace pipeline
