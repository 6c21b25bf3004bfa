#include "tests/testing/fake_file_system.h"

namespace pipeline::testing {

void FakeFileSystem::AddDir(const std::string& path) {
  std::string p = path;
  while (!p.empty() && p != "/") {
    dirs_.insert(p);
    p = DirName(p);
  }
}

void FakeFileSystem::AddFile(const std::string& path, const std::string& data) {
  files_[path] = data;
  AddDir(DirName(path));
}

void FakeFileSystem::AddSymlink(const std::string& path) {
  symlinks_.insert(path);
  AddDir(DirName(path));
}

Result<DirEntry> FakeFileSystem::Stat(const std::string& path) const {
  DirEntry e;
  e.name = BaseName(path);
  if (auto it = files_.find(path); it != files_.end()) {
    e.type = EntryType::kFile;
    e.size = it->second.size();
    return e;
  }
  if (symlinks_.count(path)) {
    e.type = EntryType::kSymlink;
    return e;
  }
  if (dirs_.count(path)) {
    e.type = EntryType::kDirectory;
    return e;
  }
  return Status::NotFound("no such file", path);
}

Result<std::vector<DirEntry>> FakeFileSystem::ListDir(const std::string& dir) const {
  if (!dirs_.count(dir)) return Status::NotFound("not a directory", dir);
  std::map<std::string, DirEntry> children;
  auto consider = [&](const std::string& p) {
    if (DirName(p) != dir) return;
    Result<DirEntry> e = Stat(p);
    if (e) children[e->name] = *e;
  };
  for (const auto& [p, _] : files_) consider(p);
  for (const auto& p : dirs_) consider(p);
  for (const auto& p : symlinks_) consider(p);
  std::vector<DirEntry> out;
  for (auto& [_, e] : children) out.push_back(e);
  return out;
}

Result<std::string> FakeFileSystem::ReadFile(const std::string& path,
                                             std::uint64_t max_bytes) const {
  if (symlinks_.count(path)) return Status::Unsupported("symbolic link not followed", path);
  auto it = files_.find(path);
  if (it == files_.end()) return Status::NotFound("no such file", path);
  if (it->second.size() > max_bytes) {
    return Status::InvalidData("file larger than " + std::to_string(max_bytes) + " bytes", path);
  }
  return it->second;
}

Status FakeFileSystem::WriteFile(const std::string& path, const std::string& data) {
  AddFile(path, data);
  return Status::Ok();
}

Status FakeFileSystem::MakeDirs(const std::string& path) {
  AddDir(path);
  return Status::Ok();
}

}  // namespace pipeline::testing
