#include "pipeline/report/case_id.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"

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

namespace {

constexpr std::size_t kMaxFolderBytes = 200;

bool Unsafe(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == '/' || cp == '\\' || cp == ':' ||
         cp == '*' || cp == '?' || cp == '"' || cp == '<' || cp == '>' || cp == '|' ||
         (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xFFFD;
}

bool Trimmed(char32_t cp) { return cp == '_' || cp == '.' || cp == '-'; }

// `name` cleaned for a file system (CaseFolderName), as code points.
std::vector<char32_t> CleanName(std::string_view name) {
  std::vector<char32_t> out;
  for (char32_t cp : DecodeUtf8(name)) {
    if (IsWhiteSpace(cp) || Unsafe(cp)) {
      if (!out.empty() && out.back() == '_') continue;
      cp = '_';
    }
    out.push_back(cp);
  }
  std::size_t begin = 0;
  while (begin < out.size() && Trimmed(out[begin])) ++begin;
  out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(begin));
  while (!out.empty() && Trimmed(out.back())) out.pop_back();
  return out;
}

}  // namespace

std::string CaseFolderName(std::string_view number, std::string_view institution,
                           std::string_view dossier, std::size_t max_chars) {
  std::vector<char32_t> name = CleanName(TrimSpace(institution));
  if (name.empty()) name = CleanName(dossier);
  std::string out(number);
  std::size_t chars = Utf8Length(number) + 1;  // with the "-"
  std::string tail;
  for (char32_t cp : name) {
    std::string next = tail;
    AppendUtf8(cp, next);
    if (chars + 1 > max_chars || out.size() + 1 + next.size() > kMaxFolderBytes) break;
    tail = std::move(next);
    ++chars;
  }
  // A cut may leave a separator at the end.
  while (!tail.empty() && Trimmed(static_cast<char32_t>(tail.back()))) tail.pop_back();
  return tail.empty() ? out : out + "-" + tail;
}

}  // namespace pipeline::report
