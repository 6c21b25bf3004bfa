#include "pipeline/render/pdf/line_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"

namespace pipeline::render::pdf {
namespace {

// Letters and digits of Latin-like scripts: gaps inside such a run are not stretched.
bool IsWordChar(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z') ||
         (c >= 0xC0 && c <= 0x24F) || c == U'.' || c == U'-' || c == U'/' || c == U'_' ||
         c == U'%' || c == U'@' || c == U':';
}

bool Contains(const std::u32string& set, char32_t c) { return set.find(c) != std::u32string::npos; }

// A run of at least this many letters/digits (a credit code, an ID number) may be split across
// lines when keeping it whole would leave more than kMaxSlack of the line empty, to be
// letter-spaced by justification. Shorter runs (years, short words) are never split.
constexpr std::size_t kLongRun = 8;
constexpr double kMaxSlack = 0.15;

// 统一社会信用代码 (GB 32100): 18 digits and capital letters.
constexpr std::size_t kCreditCodeLength = 18;

bool IsCodeChar(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z'); }

// Length of the run of code characters starting at `i`.
std::size_t CodeRunLength(const std::u32string& text, std::size_t i) {
  std::size_t end = i;
  while (end < text.size() && IsCodeChar(text[end])) ++end;
  return end - i;
}

// Clears the break opportunities inside every occurrence of `word` in `text`.
void KeepTogether(const std::u32string& text, const std::u32string& word,
                  std::vector<bool>& allowed) {
  if (word.size() < 2) return;
  for (std::size_t at = text.find(word); at != std::u32string::npos; at = text.find(word, at + 1)) {
    for (std::size_t i = at + 1; i < at + word.size(); ++i) allowed[i] = false;
  }
}

// Clears the break opportunities inside every 18-character credit code of `text`.
void KeepCreditCodes(const std::u32string& text, std::vector<bool>& allowed) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t run = CodeRunLength(text, i);
    if (run == kCreditCodeLength) {
      KeepTogether(text, text.substr(i, run), allowed);
    }
    i += std::max<std::size_t>(run, 1);
  }
}

}  // namespace

Result<std::unique_ptr<LineBreaker>> LineBreaker::Create(const std::string& no_line_start,
                                                         const std::string& no_line_end) {
  std::unique_ptr<LineBreaker> breaker(new LineBreaker());
  UErrorCode status = U_ZERO_ERROR;
  breaker->iterator_.reset(icu::BreakIterator::createLineInstance(icu::Locale("zh", "CN"), status));
  if (U_FAILURE(status) || !breaker->iterator_) {
    return Status::Internal(std::string("ICU line break iterator: ") + u_errorName(status));
  }
  for (char32_t c : DecodeUtf8(no_line_start)) breaker->no_line_start_ += c;
  for (char32_t c : DecodeUtf8(no_line_end)) breaker->no_line_end_ += c;
  return breaker;
}

LineBreaker::~LineBreaker() = default;

std::vector<bool> LineBreaker::BreakOpportunities(const std::u32string& text) {
  const std::size_t n = text.size();
  std::vector<bool> allowed(n + 1, false);
  allowed[0] = true;
  allowed[n] = true;
  if (n == 0) return allowed;
  icu::UnicodeString u16 = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(text.data()), static_cast<int32_t>(n));
  // UTF-16 offset -> code point index.
  std::vector<std::size_t> index_of(static_cast<std::size_t>(u16.length()) + 1, n);
  {
    std::size_t unit = 0;
    for (std::size_t i = 0; i < n; ++i) {
      index_of[unit] = i;
      unit += text[i] >= 0x10000 ? 2u : 1u;
    }
    index_of[unit] = n;
  }
  iterator_->setText(u16);
  for (int32_t pos = iterator_->first(); pos != icu::BreakIterator::DONE; pos = iterator_->next()) {
    std::size_t i = index_of[static_cast<std::size_t>(pos)];
    if (i > 0 && i < n) allowed[i] = true;
  }
  for (std::size_t i = 1; i < n; ++i) {
    if (!allowed[i]) continue;
    if (Contains(no_line_start_, text[i]) || Contains(no_line_end_, text[i - 1])) {
      allowed[i] = false;
    }
  }
  return allowed;
}

double LineBreaker::SpanWidth(const std::u32string& text, const std::vector<double>& widths,
                              LineSpan span) {
  std::size_t end = span.end;
  while (end > span.begin && IsWhiteSpace(text[end - 1])) --end;
  double w = 0;
  for (std::size_t i = span.begin; i < end; ++i) w += widths[i];
  return w;
}

std::vector<LineSpan> LineBreaker::Fill(const std::u32string& text,
                                        const std::vector<double>& widths, double first_width,
                                        double rest_width) {
  std::vector<LineSpan> lines;
  const std::size_t n = text.size();
  if (n == 0) return lines;
  std::vector<bool> allowed = BreakOpportunities(text);
  const double kEpsilon = 0.01;
  std::size_t start = 0;
  while (start < n) {
    if (!lines.empty()) {
      while (start < n && IsWhiteSpace(text[start])) ++start;  // no leading spaces on later lines
      if (start >= n) break;
    }
    const double limit = (lines.empty() ? first_width : rest_width) + kEpsilon;
    std::size_t best = start;  // last break position that fits
    std::size_t i = start;
    for (; i < n; ++i) {
      if (allowed[i + 1]) {
        if (SpanWidth(text, widths, {start, i + 1}) <= limit) {
          best = i + 1;
        } else {
          break;
        }
      }
    }
    if (best == start) {
      // The first segment alone is too wide: cut it where it overflows, preferring a position
      // that does not violate 禁则.
      double w = 0;
      std::size_t cut = start;
      while (cut < n && w + widths[cut] <= limit) w += widths[cut++];
      if (cut == start) cut = start + 1;
      std::size_t good = cut;
      while (good > start + 1 && good < n &&
             (Contains(no_line_start_, text[good]) || Contains(no_line_end_, text[good - 1]))) {
        --good;
      }
      best = good;
    }
    best = SplitLongRun(text, widths, start, best, limit);
    lines.push_back({start, best});
    start = best;
  }
  return lines;
}

std::size_t LineBreaker::SplitLongRun(const std::u32string& text, const std::vector<double>& widths,
                                      std::size_t start, std::size_t best, double limit) const {
  const std::size_t n = text.size();
  if (best <= start || best >= n) return best;
  if (limit - SpanWidth(text, widths, {start, best}) <= kMaxSlack * limit) return best;
  // The run starts at `best`, or just after an opening bracket there (which cannot end a line
  // alone, so it moves with the run's first part).
  std::size_t run = best;
  if (Contains(no_line_end_, text[run]) && run + 1 < n) ++run;
  std::size_t run_end = run;
  while (run_end < n && IsWordChar(text[run_end])) ++run_end;
  if (run_end - run < kLongRun) return best;
  if (CodeRunLength(text, run) == kCreditCodeLength) return best;  // a credit code stays whole
  // The last cut inside the run that fits, leaving at least two characters on each side.
  std::size_t cut = best;
  for (std::size_t p = run + 2; p + 2 <= run_end; ++p) {
    if (SpanWidth(text, widths, {start, p}) > limit) break;
    cut = p;
  }
  return cut;
}

std::vector<LineSpan> LineBreaker::Balance(const std::u32string& text,
                                           const std::vector<double>& widths, double width,
                                           const std::vector<std::u32string>& keep) {
  std::vector<LineSpan> greedy = Fill(text, widths, width, width);
  const std::size_t lines = greedy.size();
  if (lines <= 1) return greedy;
  const std::vector<bool> allowed = BreakOpportunities(text);
  // Strictest first: the title words, the keep spans and credit codes; then without the keep
  // spans (a name too long for a line); then ICU's breaks alone.
  std::vector<bool> words = allowed;
  for (const std::u32string& word : title_words_) KeepTogether(text, word, words);
  KeepCreditCodes(text, words);
  std::vector<bool> names = words;
  for (const std::u32string& span : keep) KeepTogether(text, span, names);
  for (const std::vector<bool>* breaks : {&names, &words}) {
    for (std::size_t n = lines; n <= lines + 1; ++n) {
      std::vector<LineSpan> out = BalanceIn(text, widths, width, *breaks, n);
      if (!out.empty()) return out;
    }
  }
  std::vector<LineSpan> out = BalanceIn(text, widths, width, allowed, lines);
  return out.empty() ? greedy : out;
}

std::vector<LineSpan> LineBreaker::BalanceIn(const std::u32string& text,
                                             const std::vector<double>& widths, double width,
                                             const std::vector<bool>& allowed, std::size_t lines) {
  std::vector<std::size_t> cuts;  // candidate line starts, 0 and text.size() included
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (allowed[i]) cuts.push_back(i);
  }
  const double limit = width + 0.01;
  const double mean = SpanWidth(text, widths, {0, text.size()}) / static_cast<double>(lines);
  // best[k][j]: least cost of setting text[0, cuts[j]) in k lines; from[k][j]: previous cut.
  constexpr double kInf = 1e300;
  const std::size_t m = cuts.size();
  std::vector<std::vector<double>> best(lines + 1, std::vector<double>(m, kInf));
  std::vector<std::vector<std::size_t>> from(lines + 1, std::vector<std::size_t>(m, 0));
  best[0][0] = 0;
  for (std::size_t k = 1; k <= lines; ++k) {
    for (std::size_t j = 1; j < m; ++j) {
      for (std::size_t i = 0; i < j; ++i) {
        if (best[k - 1][i] >= kInf) continue;
        std::size_t begin = cuts[i];
        while (k > 1 && begin < cuts[j] && IsWhiteSpace(text[begin])) ++begin;
        const double w = SpanWidth(text, widths, {begin, cuts[j]});
        if (w > limit || begin == cuts[j]) continue;
        const double cost = best[k - 1][i] + (w - mean) * (w - mean);
        // `<=` keeps the latest previous cut on ties: earlier lines end up the longer ones.
        if (cost <= best[k][j]) {
          best[k][j] = cost;
          from[k][j] = i;
        }
      }
    }
  }
  if (best[lines][m - 1] >= kInf) return {};
  std::vector<LineSpan> out(lines);
  std::size_t j = m - 1;
  for (std::size_t k = lines; k > 0; --k) {
    std::size_t i = from[k][j];
    std::size_t begin = cuts[i];
    while (k > 1 && begin < cuts[j] && IsWhiteSpace(text[begin])) ++begin;
    out[k - 1] = {begin, cuts[j]};
    j = i;
  }
  return out;
}

std::vector<double> LineBreaker::Positions(const std::u32string& text,
                                           const std::vector<double>& widths, LineSpan span,
                                           double width, bool justify) {
  std::vector<double> x;
  x.reserve(span.end - span.begin);
  std::size_t visible_end = span.end;
  while (visible_end > span.begin && IsWhiteSpace(text[visible_end - 1])) --visible_end;
  double extra = justify ? width - SpanWidth(text, widths, span) : 0;
  if (extra < 0) extra = 0;
  // Gaps after character i (i in [begin, visible_end - 1)).
  std::size_t stretchable = 0, all_gaps = 0;
  for (std::size_t i = span.begin; i + 1 < visible_end; ++i) {
    ++all_gaps;
    if (!(IsWordChar(text[i]) && IsWordChar(text[i + 1]))) ++stretchable;
  }
  bool word_gaps_too = stretchable == 0;
  std::size_t gaps = word_gaps_too ? all_gaps : stretchable;
  double per_gap = gaps > 0 ? extra / static_cast<double>(gaps) : 0;
  double pos = 0;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    x.push_back(pos);
    pos += widths[i];
    if (i + 1 < visible_end &&
        (word_gaps_too || !(IsWordChar(text[i]) && IsWordChar(text[i + 1])))) {
      pos += per_gap;
    }
  }
  return x;
}

}  // namespace pipeline::render::pdf
