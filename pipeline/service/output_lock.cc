#include "pipeline/service/output_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "pipeline/core/file_system.h"

namespace pipeline::service {
namespace {

long ReadHolder(int fd) {
  char buf[32] = {};
  ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  if (n <= 0) return 0;
  return std::strtol(buf, nullptr, 10);
}

// True when `fd` is still the file at `path` (another process may have removed the lock file
// after we opened it and before we locked it; then we must lock the new one).
bool StillLinked(int fd, const std::string& path) {
  struct stat a {
  }, b{};
  if (::fstat(fd, &a) != 0 || ::stat(path.c_str(), &b) != 0) return false;
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

Result<std::unique_ptr<OutputLock>> OutputLock::Acquire(const std::string& out_dir, long* holder) {
  *holder = 0;
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Status::IoError("cannot create directory: " + ec.message(), out_dir);
  const std::string path = JoinPath(out_dir, kLockFileName);
  for (int attempt = 0; attempt < 100; ++attempt) {
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) return Status::IoError(std::strerror(errno), path);
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      *holder = ReadHolder(fd);
      ::close(fd);
      if (err == EWOULDBLOCK) return Status::Unsupported("locked by another process", path);
      return Status::IoError(std::strerror(err), path);
    }
    if (!StillLinked(fd, path)) {
      ::close(fd);
      continue;
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
      const int err = errno;
      ::close(fd);
      return Status::IoError(std::strerror(err), path);
    }
    return std::unique_ptr<OutputLock>(new OutputLock(fd, path));
  }
  return Status::IoError("the lock file keeps being replaced", path);
}

OutputLock::~OutputLock() {
  ::unlink(path_.c_str());  // while still locked: a waiting process then locks a new file
  ::close(fd_);
}

}  // namespace pipeline::service
