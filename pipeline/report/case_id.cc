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

bool IsDossierFingerprint(std::string_view text) {
  if (text.size() != 13 || text.substr(0, 3) != "JL-") return false;
  return text.find_first_not_of("0123456789abcdef", 3) == std::string_view::npos;
}

}  // namespace pipeline::report
