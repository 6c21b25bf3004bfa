#include "pipeline/core/atomic_dir.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "pipeline/core/fault.h"
#include "pipeline/core/file_system.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;

bool Exists(const std::string& path) {
  std::error_code ec;
  return fs::symlink_status(fs::path(path), ec).type() != fs::file_type::not_found && !ec;
}

}  // namespace

Status RemoveTree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(fs::path(path), ec);
  if (ec) return Status::IoError("cannot remove: " + ec.message(), path);
  return Status::Ok();
}

Status ReplaceDir(const std::string& staged, const std::string& target) {
  if (!Exists(target)) {
    if (::rename(staged.c_str(), target.c_str()) != 0) {
      return Status::IoError(std::strerror(errno), target);
    }
    return Status::Ok();
  }
  // The no_exchange fault plays a file system without RENAME_EXCHANGE (CIFS, NFS before 4.2).
  const bool exchanged =
      FaultRequested("no_exchange", target)
          ? (errno = EINVAL, false)
          : ::renameat2(AT_FDCWD, staged.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0;
  if (exchanged) return RemoveTree(staged);  // now holds the old contents
  if (errno != EINVAL && errno != ENOSYS) return Status::IoError(std::strerror(errno), target);
  // No exchange on this file system: rename the old folder aside, then the new one in. A crash
  // in between leaves no case folder (the state journal has not recorded it: it is redone).
  const std::string aside = staged + ".old";
  if (::rename(target.c_str(), aside.c_str()) != 0) {
    return Status::IoError(std::strerror(errno), target);
  }
  if (::rename(staged.c_str(), target.c_str()) != 0) {
    return Status::IoError(std::strerror(errno), target);
  }
  return RemoveTree(aside);
}

Status MoveDir(const std::string& from, const std::string& to) {
  std::error_code ec;
  fs::create_directories(fs::path(DirName(to)), ec);
  if (ec) return Status::IoError("cannot create directory: " + ec.message(), DirName(to));
  PIPELINE_RETURN_IF_ERROR(RemoveTree(to));
  if (::rename(from.c_str(), to.c_str()) != 0) return Status::IoError(std::strerror(errno), to);
  return Status::Ok();
}

}  // namespace pipeline
