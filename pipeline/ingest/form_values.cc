#include "pipeline/ingest/form_values.h"

#include <algorithm>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"

namespace pipeline::ingest {
namespace {

// One code point as matching sees it: its NFKC form when that is a single code point
// (full-width brackets and low lines become ASCII), else itself.
char32_t Fold(char32_t c) {
  if (c < 0x80) return c;
  std::string one;
  AppendUtf8(c, one);
  std::vector<char32_t> folded = DecodeUtf8(Nfkc(one));
  return folded.size() == 1 ? folded.front() : c;
}

// Opening and closing brackets after Fold: ( [ and the lenticular 【】 and tortoise-shell 〔〕.
bool IsOpen(char32_t c) { return c == '(' || c == '[' || c == 0x3010 || c == 0x3014; }
bool IsClose(char32_t c) { return c == ')' || c == ']' || c == 0x3011 || c == 0x3015; }

std::string Encode(const std::vector<char32_t>& cps, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) AppendUtf8(cps[i], out);
  return out;
}

// Removes every bracketed group whose inside names a seal or signature.
void DropSignatureGroups(std::vector<char32_t>& cps, const FormLabels& labels) {
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (!IsOpen(Fold(cps[i]))) continue;
    std::size_t j = i + 1;
    while (j < cps.size() && !IsClose(Fold(cps[j])) && !IsOpen(Fold(cps[j]))) ++j;
    if (j >= cps.size() || !IsClose(Fold(cps[j]))) continue;
    if (!labels.NamesSignature(Encode(cps, i + 1, j))) continue;
    cps.erase(cps.begin() + static_cast<std::ptrdiff_t>(i),
              cps.begin() + static_cast<std::ptrdiff_t>(j + 1));
    --i;  // look again at what moved into place i
  }
}

}  // namespace

std::string TidyValue(std::string_view value, const FormLabels& labels) {
  if (value.empty()) return std::string();
  std::vector<char32_t> cps = DecodeUtf8(value);
  const std::size_t decoded = cps.size();
  DropSignatureGroups(cps, labels);
  auto blank = [&](char32_t c) { return IsWhiteSpace(c) || labels.IsBlankChar(Fold(c)); };
  std::size_t b = 0;
  std::size_t e = cps.size();
  while (b < e && blank(cps[b])) ++b;
  while (e > b && blank(cps[e - 1])) --e;
  std::string kept = Encode(cps, b, e);
  if (labels.IsPlaceholder(kept)) return std::string();
  // Nothing to tidy: the value byte for byte (invalid UTF-8 included).
  if (b == 0 && e == decoded) return std::string(value);
  return kept;
}

void TidyFormValues(model::FormData& form, const FormLabels& labels) {
  std::vector<model::FormCell> kept;
  kept.reserve(form.cells.size());
  for (model::FormCell& c : form.cells) {
    c.value = TidyValue(c.value, labels);
    const bool seen = std::any_of(kept.begin(), kept.end(),
                                  [&](const model::FormCell& k) { return k.field == c.field; });
    if (seen && labels.NamesSignature(c.label)) continue;  // a signature line, not the field
    kept.push_back(std::move(c));
  }
  form.cells = std::move(kept);
  for (model::OccupationRow& o : form.occupations) {
    for (std::string* s : {&o.seq, &o.code, &o.name, &o.levels}) *s = TidyValue(*s, labels);
  }
  for (model::ChangeRow& c : form.changes) {
    for (std::string* s : {&c.item, &c.before, &c.after}) *s = TidyValue(*s, labels);
  }
}

}  // namespace pipeline::ingest
