#include "pipeline/service/fingerprint.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>
#include <utility>
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

// The SHA-256 of a regular file's bytes (an archive dossier: a changed archive is a changed
// dossier even when its size and time are not). Remembered per path for as long as lstat
// says the same (inode, size, modification and change times), so a watcher polling the intake
// does not read every archive again on every look. "" when it cannot be read.
std::string ContentHash(const std::string& path, const struct stat& st) {
  static std::mutex guard;
  static std::map<std::string, std::pair<std::string, std::string>> known;
  const std::lock_guard<std::mutex> lock(guard);
  const std::string key = std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino) + ' ' +
                          std::to_string(st.st_size) + ' ' + std::to_string(st.st_mtim.tv_sec) +
                          '.' + std::to_string(st.st_mtim.tv_nsec) + ' ' +
                          std::to_string(st.st_ctim.tv_sec) + '.' +
                          std::to_string(st.st_ctim.tv_nsec);
  auto it = known.find(path);
  if (it != known.end() && it->second.first == key) return it->second.second;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return "";
  Sha256 hash;
  std::vector<char> buf(1 << 16);
  bool read_all = false;
  for (;;) {
    const ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      read_all = n == 0;
      break;
    }
    hash.Update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
  }
  ::close(fd);
  if (!read_all) return "";
  std::string digest = hash.HexDigest();
  known[path] = {key, digest};
  return digest;
}

}  // namespace

std::string Fingerprint(const std::string& path) {
  if (FaultRequested("slow_fingerprint", path)) {  // a cold first read (core/fault.h)
    static std::set<std::string> slowed;
    if (slowed.insert(path).second) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  }
  Walk w;
  Visit(&w, path, "", 0);
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    w.hash.Update("content " + ContentHash(path, st) + '\n');
  }
  return w.hash.HexDigest();
}

}  // namespace pipeline::service
