#include "pipeline/report/case_id.h"

#include <cstdint>
#include <cstdio>

namespace pipeline::report {

std::string CaseIdFor(std::string_view folder_name) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : folder_name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%010llx",
                static_cast<unsigned long long>(h & 0xFFFFFFFFFFull));
  return std::string("JL-") + buf;
}

}  // namespace pipeline::report
