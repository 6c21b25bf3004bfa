// Identifier normalisers and check-digit validators that need no data files:
// 统一社会信用代码 (GB 32100-2015), 居民身份证号码 (GB 11643-1999), occupation codes and phone
// numbers. Each normaliser applies NFKC first, so full-width input (９１３５…, ４－０３) works.
#ifndef PIPELINE_EXTRACT_CODES_H_
#define PIPELINE_EXTRACT_CODES_H_

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/model/application.h"
#include "pipeline/model/occupation.h"

namespace pipeline::extract {

// Trims, removes inner spaces, maps full-width forms to ASCII and upper-cases.
std::string NormaliseUscc(std::string_view text);
// REQUIRES: `code` already normalised. kBadFormat for length/alphabet errors (the first 8
// characters must be digits; no I, O, S, V, Z), kBadChecksum for a wrong 18th character.
model::CodeCheck CheckUscc(std::string_view code);
// The check character a well-formed 17-character prefix needs ('\0' when malformed).
char UsccCheckChar(std::string_view first17);

// Same normalisation as NormaliseUscc ('x' -> 'X').
std::string NormaliseResidentId(std::string_view text);
// 18-character resident ID: 17 digits + check (0-9 or X), digits 7-14 a real date.
model::CodeCheck CheckResidentId(std::string_view id);

// A code typed before the name in one cell (`4-03-02-01中式烹调师`, `4030201 中式烹调师`):
// the code (as NormaliseOccupationCode gives it) and the compacted rest. nullopt when the text
// does not start with a code or nothing follows it.
struct CodeAndName {
  std::string code;
  std::string name;
};
std::optional<CodeAndName> SplitLeadingCode(std::string_view text);

// Phone: digits only ("0431-8888 8888" -> "043188888888", "+86 139…" -> "139…"). Accepts a
// mainland mobile (11 digits starting 1[3-9]) or a landline with area code (0 + 9..11 digits).
// When the cell holds several numbers (separated by / , ; 、) the first valid one is returned.
// nullopt when none is valid.
std::optional<std::string> NormalisePhone(std::string_view text);

}  // namespace pipeline::extract

#endif  // PIPELINE_EXTRACT_CODES_H_
