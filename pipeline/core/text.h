// Text helpers shared by every stage: the one whitespace set, the one NFKC normaliser, edit
// distance and the FNV-1a hash.
//
// Form cells are typed by hand: full-width digits and letters (４－０３), ideographic spaces,
// non-breaking spaces and stray line breaks are common. Everything beian compares goes through
// NFKC (ICU), which maps full-width forms to ASCII and （） to (); then whitespace is collapsed.
// Invalid UTF-8 is replaced (U+FFFD) rather than rejected: these functions never fail.
#ifndef PIPELINE_CORE_TEXT_H_
#define PIPELINE_CORE_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pipeline {

// The one whitespace set: Unicode White_Space (ASCII spaces and controls, NBSP, U+3000 and the
// other typographic spaces, line and paragraph separators) plus the invisible format characters
// typed text carries (zero-width space and joiners, word joiner, BOM).
bool IsWhiteSpace(char32_t cp);

// A code point that ends a line (LF, CR, VT, FF, NEL, U+2028, U+2029).
bool IsLineBreak(char32_t cp);

// Unicode NFKC (ICU). Invalid UTF-8 becomes U+FFFD; if ICU is unavailable the decoded text is
// returned unchanged.
std::string Nfkc(std::string_view s);

// `s` without leading/trailing whitespace (IsWhiteSpace); inner text unchanged, and `s` returned
// byte for byte (invalid UTF-8 included) when there is nothing to trim.
std::string TrimSpace(std::string_view s);

// NFKC, then every run of whitespace (incl. U+3000, NBSP, CR/LF) becomes one ASCII space and
// the ends are trimmed; a run holding a line break inside CJK text (a value typed over two
// lines) becomes nothing. 「  ４－０３　」 -> `4-03`. For matching; show DisplayText.
std::string NormaliseText(std::string_view s);

// What the applicant wrote, for reports and documents (no NFKC: （） stay full-width):
// trimmed, and a line break (with the spaces around it) removed inside CJK text or replaced by
// one space between two words of a spaced script. Other spaces stay as written.
// 「  中培华测\n（北京）　」 -> 「中培华测（北京）」.
std::string DisplayText(std::string_view s);

// NormaliseText without any whitespace at all (`中式 烹调师` -> `中式烹调师`), for names and codes.
std::string NormaliseCompact(std::string_view s);

// NormaliseText but keeps line breaks (as '\n'), for multi-line cells that list items.
std::string NormaliseKeepLines(std::string_view s);

// Dash-like code points (‐ ‑ ‒ – — ― − ﹣ －) replaced by '-'. Used for codes only: in free text
// a dash may mean something else.
std::string UnifyDashes(std::string_view s);

// `s` with every occurrence of `from` (not empty) replaced by `to`, left to right; what `to`
// brings in is not searched again.
std::string ReplaceAll(std::string s, std::string_view from, std::string_view to);

// `items` joined by "; ": the value of a message argument shown as a list (`{files|list}`,
// report/messages.h).
std::string JoinListArg(const std::vector<std::string>& items);

// ASCII upper / lower case; other bytes unchanged.
std::string AsciiUpper(std::string_view s);
std::string AsciiLower(std::string_view s);

// Splits `中式烹调师(药膳制作师)` into {`中式烹调师`, `药膳制作师`}; brackets must be the last
// thing in the text (after NormaliseCompact, so （） are already ASCII). No brackets -> {s, ``}.
struct NameAndWorkType {
  std::string name;
  std::string work_type;
};
NameAndWorkType SplitWorkType(std::string_view normalised);

// Levenshtein distance over code points.
std::size_t EditDistance(std::string_view a, std::string_view b);

// Dice coefficient over code-point bigrams (0..1; 1 = same bigram multiset). Single-code-point
// strings are compared as unigrams.
double BigramSimilarity(std::string_view a, std::string_view b);

// FNV-1a, 64 bits: a content-derived, run-independent hash (case ids, font subset tags).
// The start value is 1469598103934665603, one digit short of the published offset basis; case
// ids already issued depend on it, so it stays.
class Fnv1a64 {
 public:
  // Mixes in one value (a byte, or a whole number such as a glyph id).
  void Add(std::uint64_t v) {
    hash_ ^= v;
    hash_ *= 1099511628211ull;
  }
  // Mixes in every byte of `bytes`.
  void AddBytes(std::string_view bytes) {
    for (char c : bytes) Add(static_cast<unsigned char>(c));
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 1469598103934665603ull;
};

}  // namespace pipeline

#endif  // PIPELINE_CORE_TEXT_H_
