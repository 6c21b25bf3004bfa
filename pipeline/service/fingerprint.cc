#include "pipeline/service/fingerprint.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

#include "pipeline/core/fault.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/sha256.h"

namespace pipeline::service {
namespace {

// Bounds of the walk, far above the ingest limits so they never decide what is seen first.
constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxEntries = 1'000'000;

struct Walk {
  Sha256 hash;
  std::size_t entries = 0;
};

void Line(Walk* w, const std::string& rel, const struct stat& st) {
  std::string line = rel + '\0' + std::to_string(st.st_mode & S_IFMT) + ' ' +
                     std::to_string(st.st_size) + ' ' + std::to_string(st.st_mtim.tv_sec) + '.' +
                     std::to_string(st.st_mtim.tv_nsec) + '\n';
  w->hash.Update(line);
}

void Visit(Walk* w, const std::string& path, const std::string& rel, int depth) {
  if (++w->entries > kMaxEntries) return;
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    w->hash.Update(rel + '\0' + std::strerror(errno) + '\n');
    return;
  }
  Line(w, rel, st);
  if (!S_ISDIR(st.st_mode) || depth >= kMaxDepth) return;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    w->hash.Update(rel + '\0' + std::strerror(errno) + '\n');
    return;
  }
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(dir)) {
    const std::string name = e->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    Visit(w, JoinPath(path, name), rel.empty() ? name : rel + "/" + name, depth + 1);
  }
}

}  // namespace

std::string Fingerprint(const std::string& path) {
  if (FaultRequested("slow_fingerprint", path)) {  // a cold first read (core/fault.h)
    static std::set<std::string> slowed;
    if (slowed.insert(path).second) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  }
  Walk w;
  Visit(&w, path, "", 0);
  return w.hash.HexDigest();
}

}  // namespace pipeline::service
