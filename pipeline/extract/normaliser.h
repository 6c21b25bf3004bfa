// Normaliser: turns hand-typed form text into typed values (dates, levels, counts, yes/no,
// enumerations). The Chinese tokens it needs (年月日, numerals, level names, 至, 有/无, enum
// labels) are data in checklists/normalise.xml, loaded once at start-up by LoadNormaliser.
//
// Every parser takes raw cell text, applies NormaliseText (NFKC, whitespace) itself and never
// fails: an empty or unparsable input yields an explicit status the caller turns into a Finding.
// A Normaliser is immutable after loading and may be shared across threads.
#ifndef PIPELINE_EXTRACT_NORMALISER_H_
#define PIPELINE_EXTRACT_NORMALISER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/application.h"

namespace pipeline::extract {

enum class ParseStatus {
  kOk,
  kEmpty,       // nothing but whitespace
  kUnparsable,  // text present but not understood
  kImpossible,  // dates: understood but not a real date (2025年2月30日)
};
const char* ParseStatusName(ParseStatus s);  // "ok" | "empty" | "unparsable" | "impossible"

struct DateParse {
  ParseStatus status = ParseStatus::kEmpty;
  Date date;  // valid only when status == kOk
};

struct LevelsParse {
  ParseStatus status = ParseStatus::kEmpty;
  std::vector<int> levels;  // ascending, distinct, each -1..5 (kOk only; see occupation.h)
};

struct CountParse {
  ParseStatus status = ParseStatus::kEmpty;
  int count = 0;
};

// A choice on the form (申请类型, 机构类型, 隶属关系) read from its check marks.
struct ChoiceParse {
  enum Kind {
    kNoMarks,  // no check mark in the text: an option typed as text (use MatchEnum)
    kOne,      // exactly one option ticked: `id` (empty when the ticked text is no known option)
    kNone,     // marks present, none ticked: the field is not filled
    kSeveral,  // several different options ticked: `ticked` lists them
  };
  Kind kind = kNoMarks;
  std::string id;
  std::vector<std::string> ticked;  // the ticked options' ids
};

class Normaliser {
 public:
  // Builds a Normaliser from the XML text of checklists/normalise.xml. `file` names the source in
  // errors ("checklists/normalise.xml:12: ..."). Fails on malformed XML, unknown values or an
  // empty token.
  static Result<Normaliser> FromXml(const std::string& xml, const std::string& file);

  // Dates: 2025年7月1日, 2025.7.1, 2025/07/01, 2025-7-1, 二〇二五年七月一日 (and full-width forms).
  DateParse ParseDate(std::string_view text) const;
  // A month without a day (2026年3月, 2026.3, 2026-03): kOk with the month's last day;
  // kImpossible for month 13; otherwise as ParseDate.
  DateParse ParseYearMonth(std::string_view text) const;
  // The first date inside free text (`2025年6月1日在官网公布` -> 2025-06-01), or nullopt.
  std::optional<Date> FindDate(std::string_view text) const;
  // Levels: 五级, 初级工, 五级至三级, 三级-一级, 初级、中级、高级工, 四级/中级工 -> {…}.
  LevelsParse ParseLevels(std::string_view text) const;
  // Counts: 12, 12人, 十二人, 共12名.
  CountParse ParseCount(std::string_view text) const;
  // 有/无 style answers, read from the start of the text; failing that, a sentence holding a yes
  // token and no no-token is a yes (`认定结果与岗位工资挂钩`). kUnknown for empty text,
  // kUnclear when neither is recognised.
  model::YesNo ParseYesNo(std::string_view text) const;
  // The English id of an enumerated field value (`applicant_type`, `用人单位` -> `employer`).
  // Exact token match first, then the longest token contained in the text. The id itself is
  // also accepted. nullopt when nothing matches or the field is unknown.
  std::optional<std::string> MatchEnum(std::string_view field, std::string_view text) const;
  // Every distinct id of `field` whose token occurs in `text` (occurrences inside a longer
  // token's occurrence do not count), in order of first occurrence. 「首次申请 增加职业（工种）」
  // gives {initial, add_occupation}: an option list with nothing chosen.
  std::vector<std::string> EnumIdsIn(std::string_view field, std::string_view text) const;
  // Check marks (☑ ☒ ■ √ ✓ ticked, ☐ □ not; tokens in <check_marks>), before or after each
  // option: 「☑首次申请 □增加职业（工种）」, 「首次申请√ 增加职业（工种）□」, 「☑ 省属」.
  ChoiceParse ParseChoice(std::string_view field, std::string_view text) const;

  // A cell saying it does not apply (/, 无, ——, 不适用; <not_applicable> tokens): the whole
  // text, compacted, is one of them.
  bool IsNotApplicable(std::string_view text) const;

  // An occupation name without 大典's trailing mark (<occupation_marks>: S a 数字职业, L a
  // 绿色职业) after a Chinese character: `电子商务师S` -> `电子商务师`. `name` is compacted.
  std::string WithoutOccupationMark(std::string_view name) const;

  // Splits a multi-item cell (newlines and the configured separators), each item normalised,
  // empty items dropped.
  std::vector<std::string> SplitList(std::string_view text) const;

 private:
  // The numeric runs of a date (see normaliser.cc); nullopt when it is not one.
  std::optional<std::vector<std::string>> DateRuns(std::string_view text,
                                                   ParseStatus* status) const;
  struct Token {
    std::string text;
    int value = 0;
  };
  // Sorted longest-first.
  using TokenList = std::vector<Token>;

  // Value of a run of numerals (ASCII digits or Chinese digits/units), nullopt if not a number.
  std::optional<int> NumberValue(std::string_view run) const;
  static const Token* MatchAt(const TokenList& list, std::string_view s, std::size_t pos);
  static void Sort(TokenList& list);

  TokenList digits_;  // value 0..9
  TokenList units_;   // value 10, 100
  TokenList year_marks_, month_marks_, day_marks_;
  TokenList count_prefixes_, count_suffixes_;
  TokenList level_tokens_;  // value 1..5
  TokenList range_tokens_;
  TokenList level_separators_;
  TokenList yes_, no_;  // value unused
  TokenList list_separators_;
  TokenList level_and_below_;    // 四级及以下: the level and every lower one (down to 5)
  TokenList ticked_, unticked_;  // check marks
  TokenList not_applicable_;
  TokenList occupation_marks_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>>
      enums_;  // field -> (token, id)
};

// Reads and parses `path` (normally "checklists/normalise.xml") through `fs`.
Result<Normaliser> LoadNormaliser(const FileSystem& fs, const std::string& path);

}  // namespace pipeline::extract

#endif  // PIPELINE_EXTRACT_NORMALISER_H_
