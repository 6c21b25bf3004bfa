#include "pipeline/ingest/text_util.h"

#include <unicode/uchar.h>

#include <vector>

#include "pipeline/core/utf8.h"

namespace pipeline::ingest {
namespace {

bool IsTrimmed(char32_t c) {
  return c == 0x200B || c == 0xFEFF || c == 0x00A0 || u_isUWhiteSpace(static_cast<UChar32>(c));
}

}  // namespace

std::string TrimSpace(std::string_view s) {
  std::vector<char32_t> cps = DecodeUtf8(s);
  std::size_t b = 0;
  std::size_t e = cps.size();
  while (b < e && IsTrimmed(cps[b])) ++b;
  while (e > b && IsTrimmed(cps[e - 1])) --e;
  if (b == 0 && e == cps.size() && !s.empty()) return std::string(s);  // keep invalid bytes as-is
  std::string out;
  for (std::size_t i = b; i < e; ++i) AppendUtf8(cps[i], out);
  return out;
}

}  // namespace pipeline::ingest
