#include "pipeline/core/fault.h"

#include <sys/stat.h>

#include <cstdlib>
#include <string>

namespace pipeline {

bool FaultRequested(std::string_view kind, std::string_view subject) {
  const char* env = std::getenv("BEIAN_FAULT");
  if (env == nullptr) return false;
  const std::string_view want(env);
  if (want.size() <= kind.size() + 1 || want.substr(0, kind.size()) != kind ||
      want[kind.size()] != ':') {
    return false;
  }
  return subject.find(want.substr(kind.size() + 1)) != std::string_view::npos;
}

bool DiskFullInjected(std::string_view path) {
  if (FaultRequested("enospc", path)) return true;
  const char* env = std::getenv("BEIAN_FAULT");
  const std::string_view want = env == nullptr ? "" : env;
  constexpr std::string_view kFullWhile = "full_while:";
  if (want.substr(0, kFullWhile.size()) != kFullWhile) return false;
  struct stat st {};
  return ::stat(std::string(want.substr(kFullWhile.size())).c_str(), &st) == 0;
}

}  // namespace pipeline
