#include "pipeline/report/mask.h"

#include <re2/re2.h>

namespace pipeline::report {
namespace {

// Each pattern captures (before)(kept head)(masked middle)(kept tail)(after); before/after are a
// text edge or a character that cannot continue the number.
struct MaskRule {
  const char* pattern;
  const char* stars;
};

constexpr MaskRule kRules[] = {
    // Resident ID (GB 11643): 6-digit region, 8-digit birth date, 3 digits, check digit or X.
    {R"((^|[^0-9A-Za-z])([1-9]\d{5})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3}[0-9Xx])($|[^0-9A-Za-z]))",
     "********"},
    // Mobile: 1[3-9]x xxxx xxxx.
    {R"((^|[^0-9A-Za-z])(1[3-9]\d)(\d{4})(\d{4})($|[^0-9A-Za-z]))", "****"},
    // Landline with area code: 0xx(x)-xxxxxxx(x), the hyphen optional.
    {R"((^|[^0-9A-Za-z])(0\d{2,3}-?)(\d{3,4})(\d{4})($|[^0-9A-Za-z]))", "****"},
};

}  // namespace

std::string MaskPersonalData(std::string_view text) {
  static const RE2* const patterns[] = {new RE2(kRules[0].pattern), new RE2(kRules[1].pattern),
                                        new RE2(kRules[2].pattern)};
  std::string out(text);
  for (std::size_t i = 0; i < std::size(kRules); ++i) {
    const std::string rewrite = std::string("\\1\\2") + kRules[i].stars + "\\4\\5";
    // A match consumes the character after it; a second pass catches a number that directly
    // follows another one ("13912345678,13812345678").
    for (int pass = 0; pass < 2; ++pass) RE2::GlobalReplace(&out, *patterns[i], rewrite);
  }
  return out;
}

}  // namespace pipeline::report
