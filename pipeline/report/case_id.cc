#include "pipeline/report/case_id.h"

#include <cstdint>
#include <cstdio>

#include "pipeline/core/text.h"

namespace pipeline::report {

std::string CaseIdFor(std::string_view folder_name) {
  Fnv1a64 hash;
  hash.AddBytes(folder_name);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%010llx",
                static_cast<unsigned long long>(hash.value() & 0xFFFFFFFFFFull));
  return std::string("JL-") + buf;
}

}  // namespace pipeline::report
