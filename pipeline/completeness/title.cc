#include "pipeline/completeness/title.h"

#include <re2/re2.h>

#include <algorithm>

#include "pipeline/core/text.h"

namespace pipeline::completeness {
namespace {

bool IsAsciiAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Removes one `.ext` (1-5 ASCII letters or digits, starting with a letter) when something
// precedes it.
bool StripExtension(std::string& t) {
  const std::size_t dot = t.rfind('.');
  if (dot == std::string::npos || dot == 0) return false;
  const std::size_t n = t.size() - dot - 1;
  if (n < 1 || n > 5 || t[dot + 1] < 'a' || t[dot + 1] > 'z') return false;
  for (std::size_t i = dot + 1; i < t.size(); ++i) {
    if (!IsAsciiAlnum(t[i])) return false;
  }
  t.resize(dot);
  return true;
}

bool StripNumbering(const TitleVocabulary& v, std::string& t) {
  if (!v.numbering) return false;
  re2::StringPiece rest(t);
  if (!re2::RE2::Consume(&rest, *v.numbering) || rest.empty() || rest.size() == t.size()) {
    return false;
  }
  t = std::string(rest);
  return true;
}

// A trailing bracket group (v.brackets): `(盖章)`, `(1)`, `【扫描件】`, `[终版]`.
bool StripTrailingBracket(const TitleVocabulary& v, std::string& t) {
  for (const auto& [open, close] : v.brackets) {
    if (!t.ends_with(close)) continue;
    const std::size_t at = t.rfind(open);
    if (at == std::string::npos || at == 0) return false;
    t.resize(at);
    return true;
  }
  return false;
}

// Separators and copy numbers or dates at the end: `_1`, `-2`, ` 20260301`.
bool StripTrailingNoise(std::string& t) {
  const std::size_t before = t.size();
  while (!t.empty() && std::string_view("-_.~+,#").find(t.back()) != std::string_view::npos) {
    t.pop_back();
  }
  std::size_t digits = 0;
  while (digits < t.size() && t[t.size() - 1 - digits] >= '0' && t[t.size() - 1 - digits] <= '9') {
    ++digits;
  }
  if (digits > 0 && digits < t.size()) {
    const char prev = t[t.size() - 1 - digits];
    if (digits >= 4 || std::string_view("-_.~+,#v").find(prev) != std::string_view::npos) {
      t.resize(t.size() - digits);
    }
  }
  return t.size() != before && !t.empty();
}

bool StripDecoration(const TitleVocabulary& v, std::string& t) {
  for (const std::string& d : v.decorations) {
    if (t.size() > d.size() && t.ends_with(d)) {
      t.resize(t.size() - d.size());
      return true;
    }
  }
  return false;
}

void EraseAll(std::string& s, const std::string& word) {
  if (word.empty()) return;
  for (std::size_t at = s.find(word); at != std::string::npos; at = s.find(word, at)) {
    s.erase(at, word.size());
  }
}

}  // namespace

void TitleVocabulary::Finish() {
  std::sort(heads.begin(), heads.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
  // Longest decorations first, so 盖章版 goes before 盖章.
  std::sort(decorations.begin(), decorations.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string NormaliseTitleText(std::string_view s) { return AsciiLower(NormaliseCompact(s)); }

Title AnalyseTitle(const TitleVocabulary& v, std::string_view name, bool is_file) {
  Title title;
  std::string t = NormaliseTitleText(name);
  if (is_file && StripExtension(t)) StripExtension(t);  // `申请表.docx.docx`
  while (StripNumbering(v, t)) {
  }
  // Each step keeps a non-empty title; a name that is all decoration stays as it is.
  for (bool changed = true; changed;) {
    std::string before = t;
    changed = StripTrailingBracket(v, t) || StripDecoration(v, t) || StripTrailingNoise(t);
    if (t.empty()) {
      t = std::move(before);
      break;
    }
  }
  title.text = t;
  for (const std::string& h : v.heads) {
    if (t.ends_with(h)) {
      title.head = h;
      break;
    }
  }
  std::string residue = t.substr(0, t.size() - title.head.size());
  // The owner's name: everything up to the last organisation ending.
  std::size_t owner_end = 0;
  for (const std::string& suffix : v.owner_suffixes) {
    const std::size_t at = residue.rfind(suffix);
    if (at != std::string::npos) owner_end = std::max(owner_end, at + suffix.size());
  }
  residue.erase(0, owner_end);
  for (const std::string& f : v.fillers) EraseAll(residue, f);
  title.residue = std::move(residue);
  return title;
}

}  // namespace pipeline::completeness
