#include "pipeline/ingest/name_decoding.h"

#include <unicode/ucnv.h>

#include <memory>
#include <optional>
#include <vector>

#include "pipeline/core/utf8.h"

namespace pipeline::ingest {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Decodes `raw` with the ICU converter `name`, failing on any byte sequence it cannot map.
std::optional<std::u32string> DecodeWith(const char* name, std::string_view raw) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(name, &status));
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::vector<UChar> units(raw.size() * 2 + 4);
  const int32_t n = ucnv_toUChars(conv.get(), units.data(), static_cast<int32_t>(units.size()),
                                  raw.data(), static_cast<int32_t>(raw.size()), &status);
  if (U_FAILURE(status)) return std::nullopt;
  std::u32string out;
  for (int32_t i = 0; i < n;) {
    char32_t c = units[static_cast<std::size_t>(i++)];
    const char32_t next = i < n ? units[static_cast<std::size_t>(i)] : 0;
    if (c >= 0xD800 && c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
      ++i;
    }
    out.push_back(c);
  }
  return out;
}

// Characters a Chinese file name is made of: printable ASCII, CJK ideographs, CJK and general
// punctuation, full-width forms, circled and Roman numerals, and the middle dot.
bool IsChineseNameChar(char32_t c) {
  return (c >= 0x20 && c < 0x7F) || c == 0xB7 || c == 0xD7 || (c >= 0x2010 && c <= 0x206F) ||
         (c >= 0x2160 && c <= 0x217F) || (c >= 0x2460 && c <= 0x24FF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF01 && c <= 0xFFEF);
}

std::string CodePointsToUtf8(const std::u32string& cps) {
  std::string out;
  for (char32_t c : cps) AppendUtf8(c, out);
  return out;
}

std::optional<std::string> CleanGb18030(std::string_view raw) {
  std::optional<std::u32string> cps = DecodeWith("GB18030", raw);
  if (!cps) return std::nullopt;
  for (char32_t c : *cps) {
    if (!IsChineseNameChar(c)) return std::nullopt;
  }
  return CodePointsToUtf8(*cps);
}

}  // namespace

DecodedName DecodeDiskName(std::string_view raw) {
  if (IsValidUtf8(raw)) return {std::string(raw), "utf-8"};
  if (std::optional<std::string> gb = CleanGb18030(raw)) return {std::move(*gb), "gb18030"};
  return {DisplayPath(raw), "unknown"};
}

DecodedName DecodeZipName(std::string_view raw, bool utf8_flag) {
  if (IsValidUtf8(raw)) return {std::string(raw), "utf-8"};
  if (utf8_flag) return {DisplayPath(raw), "unknown"};  // flagged, yet not UTF-8
  if (std::optional<std::string> gb = CleanGb18030(raw)) return {std::move(*gb), "gb18030"};
  if (std::optional<std::u32string> cps = DecodeWith("ibm-437", raw))
    return {CodePointsToUtf8(*cps), "cp437"};
  return {DisplayPath(raw), "unknown"};
}

}  // namespace pipeline::ingest
