#include "pipeline/core/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "pipeline/core/file_writer.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;

EntryType TypeOf(const struct stat& st) {
  if (S_ISLNK(st.st_mode)) return EntryType::kSymlink;
  if (S_ISDIR(st.st_mode)) return EntryType::kDirectory;
  if (S_ISREG(st.st_mode)) return EntryType::kFile;
  return EntryType::kOther;
}

}  // namespace

Result<DirEntry> RealFileSystem::Stat(const std::string& path) const {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return Status::NotFound("no such file", path);
    return Status::IoError(std::strerror(errno), path);
  }
  DirEntry e;
  e.name = BaseName(path);
  e.type = TypeOf(st);
  e.size = e.type == EntryType::kFile ? static_cast<std::uint64_t>(st.st_size) : 0;
  return e;
}

Result<std::vector<DirEntry>> RealFileSystem::ListDir(const std::string& dir) const {
  Result<DirEntry> self = Stat(dir);
  if (!self) return self.error();
  if (self->type != EntryType::kDirectory) return Status::NotFound("not a directory", dir);
  std::vector<DirEntry> out;
  std::error_code ec;
  fs::directory_iterator it(fs::path(dir), ec);
  if (ec) return Status::IoError(ec.message(), dir);
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) return Status::IoError(ec.message(), dir);
    std::string name = it->path().filename().string();
    Result<DirEntry> e = Stat(JoinPath(dir, name));
    if (!e) continue;  // vanished between listing and stat
    out.push_back(*e);
    out.back().name = name;
  }
  std::sort(out.begin(), out.end(),
            [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
  return out;
}

Result<std::string> RealFileSystem::ReadFile(const std::string& path,
                                             std::uint64_t max_bytes) const {
  Result<DirEntry> e = Stat(path);
  if (!e) return e.error();
  if (e->type == EntryType::kSymlink)
    return Status::Unsupported("symbolic link not followed", path);
  if (e->type != EntryType::kFile) return Status::InvalidData("not a regular file", path);
  if (e->size > max_bytes) {
    return Status::InvalidData("file larger than " + std::to_string(max_bytes) + " bytes", path);
  }
  // O_NONBLOCK and the fstat below: a file swapped for a FIFO or device after the lstat above
  // must neither block the run nor be read.
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return Status::IoError(std::strerror(errno), path);
  struct stat opened {};
  if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode)) {
    ::close(fd);
    return Status::InvalidData("not a regular file", path);
  }
  std::string data;
  data.resize(static_cast<std::size_t>(e->size));
  std::size_t got = 0;
  const int err = ReadAllFrom(fd, data.data(), data.size(), &got);
  ::close(fd);
  if (err != 0) return Status::IoError(std::strerror(err), path);
  data.resize(got);
  return data;
}

Status RealFileSystem::MakeDirs(const std::string& path) {
  std::error_code ec;
  fs::create_directories(fs::path(path), ec);
  if (ec) return Status::IoError("cannot create directory: " + ec.message(), path);
  return Status::Ok();
}

Status RealFileSystem::WriteFile(const std::string& path, const std::string& data) {
  // Written to a hidden temporary name unique per process and renamed, so a reader never sees
  // half a file; a failed write removes it (core/file_writer.h).
  Result<std::unique_ptr<FileWriter>> file = FileWriter::Open(path);
  if (!file) return file.error();
  (*file)->Write(data);
  return (*file)->Commit();
}

Status RealFileSystem::RemoveFile(const std::string& path) {
  if (std::remove(path.c_str()) != 0 && errno != ENOENT) {
    return Status::IoError(std::strerror(errno), path);
  }
  return Status::Ok();
}

Result<std::string> RealFileSystem::Canonical(const std::string& path) const {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(fs::path(path), ec), ec);
  if (ec) return Status::IoError(ec.message(), path);
  return p.string();
}

bool IsSameOrInside(const std::string& inner, const std::string& outer) {
  if (inner == outer) return true;
  std::string prefix = outer.empty() || outer.back() == '/' ? outer : outer + "/";
  return inner.rfind(prefix, 0) == 0;
}

std::string JoinPath(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  if (a.back() == '/') return a + b;
  return a + "/" + b;
}

std::string BaseName(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  std::size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string DirName(const std::string& path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

int ReadAllFrom(int fd, char* data, std::size_t size, std::size_t* got) {
  *got = 0;
  while (*got < size) {
    const ssize_t n = ::read(fd, data + *got, size - *got);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (n == 0) break;
    *got += static_cast<std::size_t>(n);
  }
  return 0;
}

int WriteAllTo(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return 0;
}

namespace {

// Opens `path` with `flags`, calls `sync` (fsync, syncfs: `what`) on it and closes it.
Status SyncThrough(const std::string& path, int flags, int (*sync)(int), const char* what) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return Status::IoError(std::strerror(errno), path);
  const int rc = sync(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) return Status::IoError(std::string(what) + " failed: " + std::strerror(err), path);
  return Status::Ok();
}

}  // namespace

Status SyncFileSystem(const std::string& dir) {
  return SyncThrough(dir, O_RDONLY | O_DIRECTORY, ::syncfs, "syncfs");
}

Status SyncToDisk(const std::string& path, const std::string& root) {
  PIPELINE_RETURN_IF_ERROR(SyncThrough(path, O_RDONLY, ::fsync, "fsync"));
  std::string top = root;
  while (top.size() > 1 && top.back() == '/') top.pop_back();
  std::string dir = path;
  while (dir != top) {
    dir = DirName(dir);
    if (dir.empty() || !IsSameOrInside(dir, top)) break;
    PIPELINE_RETURN_IF_ERROR(SyncThrough(dir, O_RDONLY | O_DIRECTORY, ::fsync, "fsync"));
  }
  return Status::Ok();
}

std::string BootId() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

}  // namespace pipeline
