// FakeFileSystem: an in-memory FileSystem for unit tests. Paths are '/'-separated strings;
// directories are implied by the files below them or added with AddDir.
#ifndef TESTS_TESTING_FAKE_FILE_SYSTEM_H_
#define TESTS_TESTING_FAKE_FILE_SYSTEM_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"

namespace pipeline::testing {

class FakeFileSystem : public FileSystem {
 public:
  void AddFile(const std::string& path, const std::string& data);
  void AddDir(const std::string& path);
  void AddSymlink(const std::string& path);

  Result<std::vector<DirEntry>> ListDir(const std::string& dir) const override;
  Result<DirEntry> Stat(const std::string& path) const override;
  Result<std::string> ReadFile(const std::string& path, std::uint64_t max_bytes) const override;
  Status WriteFile(const std::string& path, const std::string& data) override;
  Status MakeDirs(const std::string& path) override;
  Status RemoveFile(const std::string& path) override {
    files_.erase(path);
    return Status::Ok();
  }
  // Paths in the fake are already canonical.
  Result<std::string> Canonical(const std::string& path) const override { return path; }

  const std::map<std::string, std::string>& files() const { return files_; }

 private:
  std::map<std::string, std::string> files_;
  std::set<std::string> dirs_;
  std::set<std::string> symlinks_;
};

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_FAKE_FILE_SYSTEM_H_
