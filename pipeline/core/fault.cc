#include "pipeline/core/fault.h"

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

}  // namespace pipeline
