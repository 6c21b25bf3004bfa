#include "pipeline/core/xml.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace pipeline {

int LineAtOffset(std::string_view text, std::ptrdiff_t offset) {
  if (offset < 0) offset = 0;
  std::size_t end = std::min(text.size(), static_cast<std::size_t>(offset));
  return 1 + static_cast<int>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n'));
}

Status ParseXml(const std::string& path, const std::string& text, pugi::xml_document& doc) {
  pugi::xml_parse_result parsed =
      doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    return Status::InvalidData(std::string("XML parse error: ") + parsed.description(), path,
                               LineAtOffset(text, parsed.offset));
  }
  return Status::Ok();
}

Result<double> NumberAttribute(const pugi::xml_node& node, const char* name, double fallback,
                               const std::string& path, std::string_view text) {
  pugi::xml_attribute attr = node.attribute(name);
  if (!attr) return fallback;
  const char* value = attr.value();
  const char* end = value + std::strlen(value);
  double out = 0;
  auto [ptr, ec] = std::from_chars(value, end, out);
  if (ec != std::errc() || ptr != end) {
    return Status::InvalidData(
        std::string("attribute ") + name + "=\"" + value + "\" is not a number", path,
        LineAtOffset(text, node.offset_debug()));
  }
  return out;
}

std::string EscapeMarkup(std::string_view s, bool apostrophe) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += apostrophe ? "&#39;" : "'";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace pipeline
