#include "pipeline/report/case_id.h"

#include <cstdint>
#include <cstdio>

#include "pipeline/core/hash.h"

namespace pipeline::report {

std::string CaseIdFor(std::string_view folder_name) {
  const std::uint64_t h = Fnv1a64(folder_name);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%010llx",
                static_cast<unsigned long long>(h & 0xFFFFFFFFFFull));
  return std::string("JL-") + buf;
}

}  // namespace pipeline::report
