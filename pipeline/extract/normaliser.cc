#include "pipeline/extract/normaliser.h"

#include <algorithm>
#include <pugixml.hpp>
#include <set>

#include "pipeline/core/enum_names.h"
#include "pipeline/core/text.h"
#include "pipeline/core/xml.h"

namespace pipeline::extract {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

constexpr EnumName<ParseStatus> kParseStatusNames[] = {
    {ParseStatus::kOk, "ok"},
    {ParseStatus::kEmpty, "empty"},
    {ParseStatus::kUnparsable, "unparsable"},
    {ParseStatus::kImpossible, "impossible"},
};

}  // namespace

const char* ParseStatusName(ParseStatus s) { return NameOf(kParseStatusNames, s, "unparsable"); }

void Normaliser::Sort(TokenList& list) {
  std::stable_sort(list.begin(), list.end(),
                   [](const Token& a, const Token& b) { return a.text.size() > b.text.size(); });
}

const Normaliser::Token* Normaliser::MatchAt(const TokenList& list, std::string_view s,
                                             std::size_t pos) {
  for (const Token& t : list) {
    if (s.compare(pos, t.text.size(), t.text) == 0) return &t;
  }
  return nullptr;
}

Result<Normaliser> Normaliser::FromXml(const std::string& xml, const std::string& file) {
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(file, xml, doc));
  pugi::xml_node root = doc.child("normalise");
  if (!root) return Status::InvalidData("missing <normalise> root element", file, 1);

  Normaliser n;
  Status error;
  // Reads the text of `node` as a token; records an error for an empty token.
  auto token_text = [&](pugi::xml_node node) -> std::string {
    std::string t = NormaliseCompact(node.text().get());
    if (t.empty() && error.ok()) {
      error = Status::InvalidData(std::string("empty token in <") + node.name() + ">", file,
                                  LineAtOffset(xml, node.offset_debug()));
    }
    return t;
  };
  auto int_attr = [&](pugi::xml_node node, int lo, int hi) -> int {
    const int v = node.attribute("value").as_int(lo - 1);  // missing: out of range
    if ((v < lo || v > hi) && error.ok()) {
      error = Status::InvalidData(std::string("<") + node.name() + "> value must be " +
                                      std::to_string(lo) + ".." + std::to_string(hi),
                                  file, LineAtOffset(xml, node.offset_debug()));
    }
    return v;
  };
  auto collect = [&](pugi::xml_node parent, const char* child, TokenList& out) {
    for (pugi::xml_node c : parent.children(child)) out.push_back({token_text(c), 0});
  };

  pugi::xml_node numerals = root.child("numerals");
  for (pugi::xml_node d : numerals.children("digit"))
    n.digits_.push_back({token_text(d), int_attr(d, 0, 9)});
  for (pugi::xml_node u : numerals.children("unit"))
    n.units_.push_back({token_text(u), int_attr(u, 10, 10000)});
  pugi::xml_node dates = root.child("dates");
  collect(dates, "year", n.year_marks_);
  collect(dates, "month", n.month_marks_);
  collect(dates, "day", n.day_marks_);
  pugi::xml_node counts = root.child("counts");
  collect(counts, "prefix", n.count_prefixes_);
  collect(counts, "suffix", n.count_suffixes_);
  pugi::xml_node levels = root.child("levels");
  for (pugi::xml_node l : levels.children("level")) {
    const int v = int_attr(l, -1, 5);  // -1 首席技师, 0 特级技师, 1 一级 .. 5 五级
    for (pugi::xml_node t : l.children("token")) n.level_tokens_.push_back({token_text(t), v});
  }
  collect(levels.child("range"), "token", n.range_tokens_);
  collect(levels.child("separator"), "token", n.level_separators_);
  collect(levels.child("and_below"), "token", n.level_and_below_);
  collect(root.child("check_marks"), "ticked", n.ticked_);
  collect(root.child("check_marks"), "unticked", n.unticked_);
  pugi::xml_node yes_no = root.child("yes_no");
  collect(yes_no, "yes", n.yes_);
  collect(yes_no, "no", n.no_);
  collect(root.child("list_separators"), "token", n.list_separators_);
  collect(root.child("not_applicable"), "token", n.not_applicable_);
  collect(root.child("occupation_marks"), "token", n.occupation_marks_);
  for (pugi::xml_node e : root.children("enum")) {
    const std::string field = e.attribute("field").value();
    if (field.empty() && error.ok()) {
      error = Status::InvalidData("<enum> without field attribute", file,
                                  LineAtOffset(xml, e.offset_debug()));
    }
    for (pugi::xml_node v : e.children("value")) {
      const std::string id = v.attribute("id").value();
      if (id.empty() && error.ok()) {
        error = Status::InvalidData("<value> without id attribute", file,
                                    LineAtOffset(xml, v.offset_debug()));
      }
      n.enums_[field].emplace_back(token_text(v), id);
    }
  }
  if (!error.ok()) return error;
  if (n.digits_.empty() || n.level_tokens_.empty() || n.year_marks_.empty() ||
      n.month_marks_.empty()) {
    return Status::InvalidData("normaliser needs <numerals>, <levels> and <dates> tokens", file, 1);
  }
  for (TokenList* l :
       {&n.digits_, &n.units_, &n.year_marks_, &n.month_marks_, &n.day_marks_, &n.count_prefixes_,
        &n.count_suffixes_, &n.level_tokens_, &n.range_tokens_, &n.level_separators_, &n.yes_,
        &n.no_, &n.list_separators_, &n.level_and_below_, &n.ticked_, &n.unticked_}) {
    Sort(*l);
  }
  for (auto& [field, values] : n.enums_) {
    std::stable_sort(values.begin(), values.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
  return n;
}

std::optional<int> Normaliser::NumberValue(std::string_view run) const {
  if (run.empty()) return std::nullopt;
  if (std::all_of(run.begin(), run.end(), IsAsciiDigit)) {
    if (run.size() > 6) return std::nullopt;
    return std::stoi(std::string(run));
  }
  // Chinese numerals: positional digits (二〇二五) and units (二十一, 一百零五).
  long total = 0;
  long cur = 0;
  bool any = false;
  std::size_t pos = 0;
  while (pos < run.size()) {
    if (const Token* d = MatchAt(digits_, run, pos)) {
      cur = cur * 10 + d->value;
      pos += d->text.size();
    } else if (const Token* u = MatchAt(units_, run, pos)) {
      total += (cur == 0 ? 1 : cur) * u->value;
      cur = 0;
      pos += u->text.size();
    } else {
      return std::nullopt;
    }
    any = true;
    if (total + cur > 1000000) return std::nullopt;
  }
  if (!any) return std::nullopt;
  return static_cast<int>(total + cur);
}

// The numeric runs of a date (2025年7月1日 -> 2025, 7, 1), each separated by one mark or
// separator; nullopt when anything else stands in it or follows a day mark. *status is
// kEmpty for blank text, else kUnparsable (what a failed parse reports).
std::optional<std::vector<std::string>> Normaliser::DateRuns(std::string_view text,
                                                             ParseStatus* status) const {
  const std::string s = UnifyDashes(NormaliseCompact(text));
  *status = s.empty() ? ParseStatus::kEmpty : ParseStatus::kUnparsable;
  if (s.empty()) return std::nullopt;
  // Split into numeric runs separated by one marker or separator each.
  std::vector<std::string> runs;
  std::string cur;
  std::size_t pos = 0;
  bool ended = false;  // a day mark was seen: nothing may follow
  while (pos < s.size()) {
    if (ended) return std::nullopt;
    const char c = s[pos];
    if (IsAsciiDigit(c)) {
      cur += c;
      ++pos;
      continue;
    }
    if (const Token* t = MatchAt(digits_, s, pos)) {
      cur += t->text;
      pos += t->text.size();
      continue;
    }
    if (const Token* t = MatchAt(units_, s, pos)) {
      cur += t->text;
      pos += t->text.size();
      continue;
    }
    std::size_t len = 0;
    if (c == '.' || c == '/' || c == '-') {
      len = 1;
    } else if (const Token* t = MatchAt(year_marks_, s, pos)) {
      len = t->text.size();
    } else if (const Token* t2 = MatchAt(month_marks_, s, pos)) {
      len = t2->text.size();
    } else if (const Token* t3 = MatchAt(day_marks_, s, pos)) {
      len = t3->text.size();
      ended = true;
    } else {
      return std::nullopt;
    }
    if (cur.empty()) return std::nullopt;
    runs.push_back(cur);
    cur.clear();
    pos += len;
  }
  if (!cur.empty()) runs.push_back(cur);
  return runs;
}

DateParse Normaliser::ParseDate(std::string_view text) const {
  DateParse r;
  std::optional<std::vector<std::string>> runs = DateRuns(text, &r.status);
  if (!runs || runs->size() != 3) return r;
  std::optional<int> y = NumberValue((*runs)[0]);
  std::optional<int> m = NumberValue((*runs)[1]);
  std::optional<int> d = NumberValue((*runs)[2]);
  if (!y || !m || !d || *y < 1000 || *y > 9999) return r;
  r.date = Date{*y, *m, *d};
  r.status = r.date.IsValid() ? ParseStatus::kOk : ParseStatus::kImpossible;
  return r;
}

DateParse Normaliser::ParseYearMonth(std::string_view text) const {
  DateParse r;
  std::optional<std::vector<std::string>> runs = DateRuns(text, &r.status);
  if (!runs || runs->size() != 2) return r;
  std::optional<int> y = NumberValue((*runs)[0]);
  std::optional<int> m = NumberValue((*runs)[1]);
  if (!y || !m || *y < 1000 || *y > 9999) return r;
  if (*m < 1 || *m > 12) {
    r.status = ParseStatus::kImpossible;
    return r;
  }
  r.date = Date{*y, *m, DaysInMonth(*y, *m)};
  r.status = ParseStatus::kOk;
  return r;
}

namespace {
constexpr std::size_t kMaxDateBytes = 64;
}  // namespace

std::optional<Date> Normaliser::FindDate(std::string_view text) const {
  const std::string s = UnifyDashes(NormaliseCompact(text));
  // Try every start position where a numeral begins and grow the candidate while the text
  // consists of date characters; the first candidate that parses wins.
  auto is_date_char_at = [&](std::size_t pos, std::size_t* len) {
    const char c = s[pos];
    if (IsAsciiDigit(c) || c == '.' || c == '/' || c == '-') {
      *len = 1;
      return true;
    }
    for (const TokenList* l : {&digits_, &units_, &year_marks_, &month_marks_, &day_marks_}) {
      if (const Token* t = MatchAt(*l, s, pos)) {
        *len = t->text.size();
        return true;
      }
    }
    return false;
  };
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t len = 0;
    if (!is_date_char_at(pos, &len)) {
      // Skip one code point.
      ++pos;
      while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) ++pos;
      continue;
    }
    std::size_t end = pos;
    while (end < s.size() && is_date_char_at(end, &len)) end += len;
    // Shrink from the right until it parses (drops trailing separators). A date is at most a few
    // dozen bytes (二〇二五年十二月三十一日 is 36), so only that much of a long run is tried:
    // trying every prefix of a 10 KB run of numerals took minutes (found by fuzzing).
    for (std::size_t e = std::min(end, pos + kMaxDateBytes); e > pos; --e) {
      DateParse p = ParseDate(std::string_view(s).substr(pos, e - pos));
      if (p.status == ParseStatus::kOk) return p.date;
    }
    pos = end;
  }
  return std::nullopt;
}

LevelsParse Normaliser::ParseLevels(std::string_view text) const {
  LevelsParse r;
  const std::string s = NormaliseCompact(text);
  if (s.empty()) return r;
  r.status = ParseStatus::kUnparsable;
  std::set<int> out;
  std::optional<int> prev;     // last level seen
  bool range_pending = false;  // a range token follows `prev`
  std::size_t pos = 0;
  while (pos < s.size()) {
    // Levels before separators: `一级` must win over `一` + `级`, and `-` is a range, not a
    // separator. Longest-token-first inside each list; levels are tried first.
    if (const Token* t = MatchAt(level_tokens_, s, pos)) {
      if (range_pending) {
        if (!prev) return r;
        for (int v = std::min(*prev, t->value); v <= std::max(*prev, t->value); ++v) out.insert(v);
        range_pending = false;
      }
      out.insert(t->value);
      prev = t->value;
      pos += t->text.size();
    } else if (const Token* below = MatchAt(level_and_below_, s, pos)) {
      if (!prev || range_pending) return r;
      for (int v = *prev; v <= 5; ++v) out.insert(v);
      pos += below->text.size();
    } else if (const Token* rt = MatchAt(range_tokens_, s, pos)) {
      if (!prev || range_pending) return r;
      range_pending = true;
      pos += rt->text.size();
    } else if (const Token* st = MatchAt(level_separators_, s, pos)) {
      if (range_pending) return r;
      pos += st->text.size();
    } else {
      return r;
    }
  }
  if (range_pending || out.empty()) return r;
  r.status = ParseStatus::kOk;
  r.levels.assign(out.begin(), out.end());
  return r;
}

CountParse Normaliser::ParseCount(std::string_view text) const {
  CountParse r;
  std::string s = NormaliseCompact(text);
  if (s.empty()) return r;
  r.status = ParseStatus::kUnparsable;
  for (const Token& p : count_prefixes_) {
    if (s.compare(0, p.text.size(), p.text) == 0) {
      s.erase(0, p.text.size());
      break;
    }
  }
  for (const Token& x : count_suffixes_) {
    if (s.size() >= x.text.size() &&
        s.compare(s.size() - x.text.size(), x.text.size(), x.text) == 0) {
      s.erase(s.size() - x.text.size());
      break;
    }
  }
  std::optional<int> v = NumberValue(s);
  if (!v) return r;
  r.status = ParseStatus::kOk;
  r.count = *v;
  return r;
}

model::YesNo Normaliser::ParseYesNo(std::string_view text) const {
  std::string s = NormaliseCompact(text);
  if (s.empty()) return model::YesNo::kUnknown;
  const std::string lower = AsciiLower(s);
  // The longest yes or no token at the start wins; an ASCII token must not run into a letter
  // ("n" must not match "NVR").
  std::size_t best = 0;
  model::YesNo answer = model::YesNo::kUnclear;
  auto consider = [&](const TokenList& list, model::YesNo v) {
    for (const Token& t : list) {
      if (t.text.size() <= best) break;
      if (lower.compare(0, t.text.size(), t.text) != 0) continue;
      const bool ascii = IsAsciiAlpha(t.text[0]);
      if (ascii && lower.size() > t.text.size() && IsAsciiAlpha(lower[t.text.size()])) continue;
      best = t.text.size();
      answer = v;
      break;
    }
  };
  consider(yes_, model::YesNo::kYes);
  consider(no_, model::YesNo::kNo);
  if (best > 0) return answer;
  // No answer at the start: a sentence such as `认定结果与岗位工资挂钩` states the fact. It is
  // a yes when a (non-ASCII) yes token occurs in it and no no-token does (`未与薪酬挂钩`).
  auto contains_any = [&](const TokenList& list) {
    for (const Token& t : list) {
      if (!IsAsciiAlpha(t.text[0]) && lower.find(t.text) != std::string::npos) return true;
    }
    return false;
  };
  if (contains_any(no_)) return model::YesNo::kUnclear;
  return contains_any(yes_) ? model::YesNo::kYes : model::YesNo::kUnclear;
}

std::optional<std::string> Normaliser::MatchEnum(std::string_view field,
                                                 std::string_view text) const {
  auto it = enums_.find(std::string(field));
  if (it == enums_.end()) return std::nullopt;
  const std::string s = NormaliseCompact(text);
  if (s.empty()) return std::nullopt;
  for (const auto& [token, id] : it->second) {
    if (s == token || s == id) return id;
  }
  for (const auto& [token, id] : it->second) {  // longest first
    if (s.find(token) != std::string::npos) return id;
  }
  return std::nullopt;
}

std::vector<std::string> Normaliser::EnumIdsIn(std::string_view field,
                                               std::string_view text) const {
  std::vector<std::string> ids;
  auto it = enums_.find(std::string(field));
  if (it == enums_.end()) return ids;
  const std::string s = NormaliseCompact(text);
  std::vector<bool> taken(s.size(), false);
  std::vector<std::pair<std::size_t, std::string>> found;  // position, id
  for (const auto& [token, id] : it->second) {             // longest first
    for (std::size_t at = s.find(token); at != std::string::npos; at = s.find(token, at + 1)) {
      if (std::any_of(taken.begin() + static_cast<std::ptrdiff_t>(at),
                      taken.begin() + static_cast<std::ptrdiff_t>(at + token.size()),
                      [](bool b) { return b; })) {
        continue;
      }
      std::fill(taken.begin() + static_cast<std::ptrdiff_t>(at),
                taken.begin() + static_cast<std::ptrdiff_t>(at + token.size()), true);
      found.emplace_back(at, id);
    }
  }
  std::sort(found.begin(), found.end());
  for (const auto& [at, id] : found) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

ChoiceParse Normaliser::ParseChoice(std::string_view field, std::string_view text) const {
  ChoiceParse r;
  const std::string s = NormaliseText(text);
  struct Mark {
    std::size_t begin, end;
    bool ticked;
  };
  std::vector<Mark> marks;
  for (std::size_t pos = 0; pos < s.size();) {
    const Token* t = MatchAt(ticked_, s, pos);
    const Token* u = t == nullptr ? MatchAt(unticked_, s, pos) : nullptr;
    if (t != nullptr || u != nullptr) {
      const std::size_t len = (t != nullptr ? t : u)->text.size();
      marks.push_back({pos, pos + len, t != nullptr});
      pos += len;
    } else {
      ++pos;
    }
  }
  if (marks.empty()) return r;
  // Marks before the options when the text starts with one, after them otherwise. The option
  // of a mark is the nearest word on its side, up to the neighbouring mark.
  const bool before = marks.front().begin == 0;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (!marks[i].ticked) continue;
    std::size_t from = before ? marks[i].end : (i == 0 ? 0 : marks[i - 1].end);
    std::size_t to =
        before ? (i + 1 < marks.size() ? marks[i + 1].begin : s.size()) : marks[i].begin;
    std::string option = s.substr(from, to - from);
    while (!option.empty() && option.front() == ' ') option.erase(0, 1);
    while (!option.empty() && option.back() == ' ') option.pop_back();
    if (before) {
      option = option.substr(0, option.find(' '));
    } else if (std::size_t sp = option.rfind(' '); sp != std::string::npos) {
      option = option.substr(sp + 1);
    }
    std::optional<std::string> id = MatchEnum(field, option);
    std::string value = id.value_or("");
    if (std::find(r.ticked.begin(), r.ticked.end(), value) == r.ticked.end()) {
      r.ticked.push_back(value);
    }
  }
  if (r.ticked.empty()) {
    r.kind = ChoiceParse::kNone;
  } else if (r.ticked.size() == 1) {
    r.kind = ChoiceParse::kOne;
    r.id = r.ticked.front();
  } else {
    r.kind = ChoiceParse::kSeveral;
  }
  return r;
}

bool Normaliser::IsNotApplicable(std::string_view text) const {
  // Dashes unified on both sides: a dash typed as ——, －－ or -- reads the same.
  const std::string s = AsciiLower(UnifyDashes(NormaliseCompact(text)));
  return std::any_of(not_applicable_.begin(), not_applicable_.end(),
                     [&](const Token& t) { return AsciiLower(UnifyDashes(t.text)) == s; });
}

std::string Normaliser::WithoutOccupationMark(std::string_view name) const {
  for (const Token& t : occupation_marks_) {
    const std::size_t n = t.text.size();
    if (name.size() <= n || name.compare(name.size() - n, n, t.text) != 0) continue;
    // Only after a Chinese character (a multi-byte UTF-8 sequence): never a Latin word's end.
    if ((static_cast<unsigned char>(name[name.size() - n - 1]) & 0x80) == 0) continue;
    return std::string(name.substr(0, name.size() - n));
  }
  return std::string(name);
}

std::vector<std::string> Normaliser::SplitList(std::string_view text) const {
  const std::string s = NormaliseKeepLines(text);
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    std::string item = NormaliseText(cur);
    if (!item.empty()) out.push_back(item);
    cur.clear();
  };
  std::size_t pos = 0;
  while (pos < s.size()) {
    if (s[pos] == '\n') {
      flush();
      ++pos;
      continue;
    }
    if (const Token* t = MatchAt(list_separators_, s, pos)) {
      flush();
      pos += t->text.size();
      continue;
    }
    cur += s[pos++];
  }
  flush();
  return out;
}

Result<Normaliser> LoadNormaliser(const FileSystem& fs, const std::string& path) {
  Result<std::string> xml = fs.ReadFile(path);
  if (!xml) return xml.error().WithContext("loading normaliser tokens");
  return Normaliser::FromXml(*xml, path);
}

}  // namespace pipeline::extract
