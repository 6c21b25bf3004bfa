// Text normalisation shared by extraction and the cross-checks.
//
// Form cells are typed by hand: full-width digits and letters (４－０３), ideographic spaces,
// non-breaking spaces and stray line breaks are common. Everything beian compares goes through
// NFKC (ICU), which maps full-width forms to ASCII and （） to (); then whitespace is collapsed.
// Invalid UTF-8 is replaced (U+FFFD) rather than rejected: these functions never fail.
#ifndef PIPELINE_EXTRACT_TEXT_H_
#define PIPELINE_EXTRACT_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace pipeline::extract {

// NFKC, then every run of whitespace (incl. U+3000, NBSP, CR/LF) becomes one ASCII space and
// the ends are trimmed; a run holding a line break inside CJK text (a value typed over two
// lines) becomes nothing. "  ４－０３　" -> "4-03". For matching; show DisplayText.
std::string NormaliseText(std::string_view s);

// What the applicant wrote, for reports and documents (no NFKC: （） stay full-width):
// trimmed, and a line break (with the spaces around it) removed inside CJK text or replaced by
// one space between two words of a spaced script. Other spaces stay as written.
// "  中培华测\n（北京）　" -> "中培华测（北京）".
std::string DisplayText(std::string_view s);

// NormaliseText without any whitespace at all (`中式 烹调师` -> `中式烹调师`), for names and codes.
std::string NormaliseCompact(std::string_view s);

// NormaliseText but keeps line breaks (as '\n'), for multi-line cells that list items.
std::string NormaliseKeepLines(std::string_view s);

// Dash-like code points (‐ ‑ ‒ – — ― − ﹣ －) replaced by '-'. Used for codes only: in free text
// a dash may mean something else.
std::string UnifyDashes(std::string_view s);

// ASCII upper case; other bytes unchanged.
std::string AsciiUpper(std::string_view s);

// Splits `中式烹调师(药膳制作师)` into {`中式烹调师`, `药膳制作师`}; brackets must be the last
// thing in the text (after NormaliseCompact, so （） are already ASCII). No brackets -> {s, ""}.
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

}  // namespace pipeline::extract

#endif  // PIPELINE_EXTRACT_TEXT_H_
