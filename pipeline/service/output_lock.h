// OutputLock: an output folder belongs to one beian process at a time (run or watch). The lock
// is an flock(2) on OUT/.beian.lock, never anything in the intake; the file holds the owner's
// process id for the message the second process prints. The kernel drops the lock when the
// owner dies, however it dies, so a crash never leaves the folder locked.
#ifndef PIPELINE_SERVICE_OUTPUT_LOCK_H_
#define PIPELINE_SERVICE_OUTPUT_LOCK_H_

#include <memory>
#include <string>

#include "pipeline/core/status.h"

namespace pipeline::service {

inline constexpr const char* kLockFileName = ".beian.lock";

class OutputLock {
 public:
  // Creates `out_dir` if needed and takes its lock. When another process holds it, fails
  // without waiting and sets *holder to that process's id (0 when unknown).
  static Result<std::unique_ptr<OutputLock>> Acquire(const std::string& out_dir, long* holder);
  // Removes the lock file and releases the lock.
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  OutputLock(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
};

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_OUTPUT_LOCK_H_
