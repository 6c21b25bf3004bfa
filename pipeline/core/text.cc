#include "pipeline/core/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <vector>

#include "pipeline/core/utf8.h"

namespace pipeline {
namespace {

// A letter or digit of a script written with spaces between words (not CJK, not wide).
bool IsSpacedWordChar(char32_t cp) {
  const auto c = static_cast<UChar32>(cp);
  const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return u_isalnum(c) && ea != U_EA_WIDE && ea != U_EA_FULLWIDTH;
}

// A value typed over two lines: the break is a space only between two words of a spaced
// script (`Road\nNo. 5`); inside Chinese text (「中培华测\n（北京）」) it is nothing.
bool LineBreakIsSpace(char32_t before, char32_t after) {
  return IsSpacedWordChar(before) && IsSpacedWordChar(after);
}

// mode 0: collapse to ' '; 1: remove; 2: keep line breaks, collapse the rest.
std::string Whitespace(std::string_view nfkc, int mode) {
  std::string out;
  bool pending_space = false;
  bool pending_newline = false;
  bool run_has_break = false;  // the pending run holds a line break
  char32_t last = 0;
  for (char32_t cp : DecodeUtf8(nfkc)) {
    if (IsWhiteSpace(cp)) {
      if (cp == U'\n' && mode == 2)
        pending_newline = true;
      else
        pending_space = true;
      run_has_break = run_has_break || IsLineBreak(cp);
      continue;
    }
    if (!out.empty()) {
      if (pending_newline) {
        out += '\n';
      } else if (pending_space && mode != 1) {
        // A run that is only a line break inside CJK text joins the lines.
        if (!run_has_break || LineBreakIsSpace(last, cp) || mode == 2) out += ' ';
      }
    }
    pending_space = pending_newline = run_has_break = false;
    AppendUtf8(cp, out);
    last = cp;
  }
  return out;
}

}  // namespace

bool IsWhiteSpace(char32_t cp) {
  return u_isUWhiteSpace(static_cast<UChar32>(cp)) || cp == 0x200B || cp == 0x200C ||
         cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

bool IsLineBreak(char32_t cp) {
  return cp == U'\n' || cp == U'\r' || cp == 0x2028 || cp == 0x2029 || cp == 0x0B || cp == 0x0C ||
         cp == 0x85;
}

std::string Nfkc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  // fromUTF8 replaces invalid sequences with U+FFFD, so any input is accepted.
  icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_FAILURE(status) || nfkc == nullptr) {
    std::string out;
    in.toUTF8String(out);
    return out;
  }
  icu::UnicodeString norm = nfkc->normalize(in, status);
  std::string out;
  (U_FAILURE(status) ? in : norm).toUTF8String(out);
  return out;
}

std::string TrimSpace(std::string_view s) {
  std::vector<char32_t> cps = DecodeUtf8(s);
  std::size_t b = 0;
  std::size_t e = cps.size();
  while (b < e && IsWhiteSpace(cps[b])) ++b;
  while (e > b && IsWhiteSpace(cps[e - 1])) --e;
  if (b == 0 && e == cps.size()) return std::string(s);  // keep invalid bytes as they are
  std::string out;
  for (std::size_t i = b; i < e; ++i) AppendUtf8(cps[i], out);
  return out;
}

std::string NormaliseText(std::string_view s) { return Whitespace(Nfkc(s), 0); }

std::string DisplayText(std::string_view s) {
  std::vector<char32_t> cps = DecodeUtf8(s);
  std::size_t b = 0;
  std::size_t e = cps.size();
  while (b < e && IsWhiteSpace(cps[b])) ++b;
  while (e > b && IsWhiteSpace(cps[e - 1])) --e;
  std::string out;
  for (std::size_t i = b; i < e;) {
    if (!IsWhiteSpace(cps[i])) {
      AppendUtf8(cps[i++], out);
      continue;
    }
    std::size_t j = i;
    bool has_break = false;
    for (; j < e && IsWhiteSpace(cps[j]); ++j) {
      if (IsLineBreak(cps[j])) has_break = true;
    }
    if (!has_break) {
      for (std::size_t k = i; k < j; ++k) AppendUtf8(cps[k], out);  // spaces as written
    } else if (LineBreakIsSpace(cps[i - 1], cps[j])) {
      out += ' ';
    }
    i = j;
  }
  return out;
}
std::string NormaliseCompact(std::string_view s) { return Whitespace(Nfkc(s), 1); }
std::string NormaliseKeepLines(std::string_view s) { return Whitespace(Nfkc(s), 2); }

std::string UnifyDashes(std::string_view s) {
  std::string out;
  for (char32_t cp : DecodeUtf8(s)) {
    switch (cp) {
      case 0x2010:
      case 0x2011:
      case 0x2012:
      case 0x2013:
      case 0x2014:
      case 0x2015:
      case 0x2212:
      case 0xFE63:
      case 0xFF0D:
      case 0x30FC:
        out += '-';
        break;
      default:
        AppendUtf8(cp, out);
    }
  }
  return out;
}

std::string JoinListArg(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

std::string ReplaceAll(std::string s, std::string_view from, std::string_view to) {
  if (from.empty()) return s;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

NameAndWorkType SplitWorkType(std::string_view normalised) {
  NameAndWorkType r;
  std::string s(normalised);
  if (!s.empty() && s.back() == ')') {
    std::size_t open = s.rfind('(');
    if (open != std::string::npos && open > 0) {
      r.name = s.substr(0, open);
      r.work_type = s.substr(open + 1, s.size() - open - 2);
      return r;
    }
  }
  r.name = std::move(s);
  return r;
}

std::size_t EditDistance(std::string_view a, std::string_view b) {
  const std::vector<char32_t> x = DecodeUtf8(a);
  const std::vector<char32_t> y = DecodeUtf8(b);
  std::vector<std::size_t> prev(y.size() + 1);
  std::vector<std::size_t> cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[y.size()];
}

double BigramSimilarity(std::string_view a, std::string_view b) {
  auto grams = [](std::string_view s) {
    std::map<std::pair<char32_t, char32_t>, int> m;
    const std::vector<char32_t> cps = DecodeUtf8(s);
    if (cps.size() == 1) m[{cps[0], 0}] = 1;
    for (std::size_t i = 0; i + 1 < cps.size(); ++i) ++m[{cps[i], cps[i + 1]}];
    return m;
  };
  const auto ga = grams(a);
  const auto gb = grams(b);
  int total = 0;
  int common = 0;
  for (const auto& [g, n] : ga) {
    total += n;
    auto it = gb.find(g);
    if (it != gb.end()) common += std::min(n, it->second);
  }
  for (const auto& [g, n] : gb) total += n;
  if (total == 0) return 0.0;
  return 2.0 * common / total;
}

}  // namespace pipeline
