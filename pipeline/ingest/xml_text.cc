#include "pipeline/ingest/xml_text.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "pipeline/core/text.h"

namespace pipeline::ingest {
namespace {

// The encoding named by the XML declaration at the start of ASCII-compatible `bytes`, or "".
std::string DeclaredEncoding(std::string_view bytes) {
  if (bytes.substr(0, 5) != "<?xml") return {};
  std::size_t end = bytes.find("?>");
  if (end == std::string_view::npos || end > 512) return {};
  std::string_view decl = bytes.substr(0, end);
  std::size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return {};
  std::size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return {};
  std::size_t close = decl.find(decl[q], q + 1);
  if (close == std::string_view::npos) return {};
  return std::string(decl.substr(q + 1, close - q - 1));
}

bool IsUtf8Name(const std::string& lower) {
  return lower.empty() || lower == "utf-8" || lower == "utf8" || lower == "us-ascii" ||
         lower == "ascii";
}

Result<std::string> Convert(std::string_view bytes, const std::string& encoding) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding.c_str(), &err);
  if (U_FAILURE(err) || conv == nullptr) {
    return Status::InvalidData("XML declares an unknown encoding \"" + encoding + "\"");
  }
  // Stop at invalid input rather than inventing characters.
  ucnv_setToUCallBack(conv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::vector<UChar> utf16(bytes.size() + 1);
  int32_t n16 = ucnv_toUChars(conv, utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                              static_cast<int32_t>(bytes.size()), &err);
  ucnv_close(conv);
  if (U_FAILURE(err)) {
    return Status::InvalidData("bytes not valid in the declared encoding \"" + encoding + "\"");
  }
  std::string out;
  out.resize(static_cast<std::size_t>(n16) * 3 + 4);
  err = U_ZERO_ERROR;
  UConverter* utf8 = ucnv_open("UTF-8", &err);
  int32_t n8 =
      ucnv_fromUChars(utf8, out.data(), static_cast<int32_t>(out.size()), utf16.data(), n16, &err);
  ucnv_close(utf8);
  if (U_FAILURE(err)) return Status::InvalidData("cannot convert \"" + encoding + "\" to UTF-8");
  out.resize(static_cast<std::size_t>(n8));
  if (out.compare(0, 3, "\xEF\xBB\xBF") == 0) out.erase(0, 3);
  return out;
}

}  // namespace

Result<std::string> XmlToUtf8(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") return std::string(bytes.substr(3));
  if (bytes.size() > std::size_t{0x7FFFFFF0}) return Status::InvalidData("XML too large");
  if (bytes.substr(0, 2) == "\xFF\xFE") return Convert(bytes, "UTF-16LE");
  if (bytes.substr(0, 2) == "\xFE\xFF") return Convert(bytes, "UTF-16BE");
  if (bytes.size() >= 2 && bytes[0] == '<' && bytes[1] == '\0') return Convert(bytes, "UTF-16LE");
  if (bytes.size() >= 2 && bytes[0] == '\0' && bytes[1] == '<') return Convert(bytes, "UTF-16BE");
  std::string declared = DeclaredEncoding(bytes);
  if (IsUtf8Name(AsciiLower(declared))) return std::string(bytes);
  std::string lower = AsciiLower(declared);
  // GB2312 text is often really GBK (the same bytes, more characters); GB18030 reads both.
  if (lower == "gb2312" || lower == "gbk" || lower == "cp936") declared = "GB18030";
  return Convert(bytes, declared);
}

Status ParseXmlText(const std::string& text, const std::string& what, pugi::xml_document& doc) {
  pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return Status::InvalidData(what + "malformed XML at offset " + std::to_string(parsed.offset) +
                               ": " + parsed.description());
  }
  return Status::Ok();
}

bool NestsDeeperThan(const pugi::xml_node& root, int max_depth) {
  if (!root) return false;
  int depth = 1;
  pugi::xml_node n = root;
  while (true) {
    if (depth > max_depth) return true;
    if (pugi::xml_node child = n.first_child()) {
      n = child;
      ++depth;
      continue;
    }
    while (n != root && !n.next_sibling()) {
      n = n.parent();
      --depth;
    }
    if (n == root) return false;
    n = n.next_sibling();
  }
}

std::string_view LocalName(std::string_view name) {
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace pipeline::ingest
