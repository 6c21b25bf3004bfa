// FileSystem: the only door between the pipeline and the disk.
//
// Stages take a `FileSystem&` instead of calling std::filesystem, so tests can run them over an
// in-memory FakeFileSystem (tests/testing/fake_file_system.h). Paths are byte strings as the OS
// gives them ('/'-separated); on Linux they are usually UTF-8 but need not be (GBK names from a
// Windows zip): callers that show a path to a person use DisplayPath() from core/utf8.h.
//
// Reads never modify anything. Symbolic links are reported as kSymlink and never followed by
// ListDir/Stat; ReadFile refuses them, so a link leading out of the intake is never read.
#ifndef PIPELINE_CORE_FILE_SYSTEM_H_
#define PIPELINE_CORE_FILE_SYSTEM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline {

enum class EntryType { kFile, kDirectory, kSymlink, kOther };

struct DirEntry {
  std::string name;  // the entry's own name (raw bytes), not a path
  EntryType type = EntryType::kOther;
  std::uint64_t size = 0;  // bytes, for kFile; 0 otherwise
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // Entries of `dir`, sorted by name (byte order) so that every run sees the same order.
  // Fails with NotFound when `dir` does not exist or is not a directory.
  virtual Result<std::vector<DirEntry>> ListDir(const std::string& dir) const = 0;

  // Type and size of `path` without following a final symlink.
  virtual Result<DirEntry> Stat(const std::string& path) const = 0;

  // Whole contents of a regular file; fails (Unsupported) on a symlink and (InvalidData) when the
  // file is larger than `max_bytes`.
  virtual Result<std::string> ReadFile(const std::string& path,
                                       std::uint64_t max_bytes = kDefaultMaxRead) const = 0;

  // Creates `path` (and parents) if needed, then writes `data` to it, replacing any old content.
  virtual Status WriteFile(const std::string& path, const std::string& data) = 0;

  // Creates the directory and its parents; OK if it exists.
  virtual Status MakeDirs(const std::string& path) = 0;

  // Removes the regular file `path`; OK if it does not exist.
  virtual Status RemoveFile(const std::string& path) = 0;

  // An absolute path without `.`, `..` or symlinks in the part that exists (the rest is appended
  // lexically), for comparing two locations; fails only when the OS refuses.
  virtual Result<std::string> Canonical(const std::string& path) const = 0;

  static constexpr std::uint64_t kDefaultMaxRead = 256ull << 20;
};

// The real disk, through std::filesystem and POSIX calls; exceptions stay inside.
class RealFileSystem : public FileSystem {
 public:
  Result<std::vector<DirEntry>> ListDir(const std::string& dir) const override;
  Result<DirEntry> Stat(const std::string& path) const override;
  Result<std::string> ReadFile(const std::string& path, std::uint64_t max_bytes) const override;
  Status WriteFile(const std::string& path, const std::string& data) override;
  Status MakeDirs(const std::string& path) override;
  Status RemoveFile(const std::string& path) override;
  Result<std::string> Canonical(const std::string& path) const override;
};

// True when `inner` is `outer` or lies below it (both canonical, '/'-separated).
bool IsSameOrInside(const std::string& inner, const std::string& outer);

// "a/b" + "c" -> "a/b/c" (no normalisation beyond avoiding a doubled '/').
std::string JoinPath(const std::string& a, const std::string& b);
// Last component of a '/'-separated path ("a/b/c.pdf" -> "c.pdf").
std::string BaseName(const std::string& path);
// Parent of a '/'-separated path ("a/b/c.pdf" -> "a/b"; "c.pdf" -> "").
std::string DirName(const std::string& path);

// Writes all of `data` to the open descriptor `fd` (a file or a pipe), again after a signal or
// a short write: 0, or the errno of the write that failed.
int WriteAllTo(int fd, std::string_view data);
// Reads `size` bytes from the open descriptor `fd` into `data`, again after a signal or a short
// read, stopping early at end of file: 0 (with `*got` bytes read), or the errno of the read that
// failed.
int ReadAllFrom(int fd, char* data, std::size_t size, std::size_t* got);

// Writes to its disk everything the machine holds unwritten for the file system of the folder
// `dir` (syncfs): what was written there before the call survives a power cut once it returns.
Status SyncFileSystem(const std::string& dir);

// Makes the file or folder `path`, written just before, and its name survive a power cut:
// fsyncs it and every folder from its parent up to `root` (inclusive; `root` must contain
// `path`), since a folder created on the way holds its own name in its parent.
Status SyncToDisk(const std::string& path, const std::string& root);

// The identifier of this boot of the machine (/proc/sys/kernel/random/boot_id); "" when the
// system does not say. A file written under the current boot can be read back as written even
// when it is not on the disk yet (the page cache survives a killed process, not a power cut).
std::string BootId();

}  // namespace pipeline

#endif  // PIPELINE_CORE_FILE_SYSTEM_H_
