// Chinese line breaking: break opportunities from ICU's line BreakIterator (zh_CN, UAX #14),
// tightened by the layout's 禁则 lists (no line starts with a closing mark, none ends with an
// opening one), then a greedy fill and full justification.
//
// The ICU iterator is created once per LineBreaker (creating it loads ICU's break rules and
// dictionaries, which costs far more than breaking a paragraph); one LineBreaker serves every
// paragraph of every document of a process. Not thread-safe.
#ifndef PIPELINE_RENDER_PDF_LINE_BREAKER_H_
#define PIPELINE_RENDER_PDF_LINE_BREAKER_H_

#include <unicode/uversion.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace pipeline::render::pdf {

// One line of a broken paragraph: characters [begin, end) of the paragraph.
struct LineSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

class LineBreaker {
 public:
  // `no_line_start` / `no_line_end` are UTF-8 strings of characters (禁则 from layout.xml).
  // Internal when ICU cannot create the iterator.
  static Result<std::unique_ptr<LineBreaker>> Create(const std::string& no_line_start,
                                                     const std::string& no_line_end);
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // allowed[i] (0 < i < text.size()) is true when a line may start at character i. Entries 0 and
  // text.size() are true.
  std::vector<bool> BreakOpportunities(const std::u32string& text);

  // Greedy fill of `widths` (points per character) into lines no wider than `first_width` (first
  // line) and `rest_width` (others). Spaces at a line's end do not count toward its width and
  // spaces at the start of a continuation line are dropped. A segment wider than a whole line is
  // cut between characters, respecting 禁则 where it can. A long Latin/digit run (8 or more,
  // e.g. a credit code) that would leave over 15% of a line empty is split instead, so the
  // line before it is not letter-spaced across the full width.
  std::vector<LineSpan> Fill(const std::u32string& text, const std::vector<double>& widths,
                             double first_width, double rest_width);

  // Titles (GB/T 9704 7.3.1: 词意完整、排列对称): as many lines as the greedy fill needs (one
  // more when the words need it), with the breaks chosen among the break opportunities so the
  // line widths are as even as possible (least squared deviation from the mean; on a tie the
  // earlier line is the longer). No break falls inside a title word (SetTitleWords) or a `keep`
  // span (the institution's name) where a choice without one fits; none inside a credit code.
  // Falls back to Fill() when no such choice fits `width`.
  std::vector<LineSpan> Balance(const std::u32string& text, const std::vector<double>& widths,
                                double width, const std::vector<std::u32string>& keep = {});

  // Words a title line never breaks inside (templates/title_words.txt), e.g. 职业技能等级认定.
  void SetTitleWords(std::vector<std::u32string> words) { title_words_ = std::move(words); }

  // x offsets (from the line start) of characters [span.begin, span.end) so the line fills
  // `width`: the remaining space is spread evenly over the gaps between characters, except gaps
  // inside a run of Latin letters/digits (unless those are the only gaps). With `justify` false
  // the characters keep their natural advances.
  static std::vector<double> Positions(const std::u32string& text,
                                       const std::vector<double>& widths, LineSpan span,
                                       double width, bool justify);

  // Natural width of a span, trailing spaces excluded.
  static double SpanWidth(const std::u32string& text, const std::vector<double>& widths,
                          LineSpan span);

 private:
  LineBreaker() = default;

  // Balance's choice in exactly `lines` lines among the breaks `allowed`; empty when none fits.
  static std::vector<LineSpan> BalanceIn(const std::u32string& text,
                                         const std::vector<double>& widths, double width,
                                         const std::vector<bool>& allowed, std::size_t lines);

  // The line [start, best) as the greedy fill chose it, or a later end inside a long Latin or
  // digit run that follows, when keeping the run whole would leave the line mostly empty. An
  // 18-character credit code is never split.
  std::size_t SplitLongRun(const std::u32string& text, const std::vector<double>& widths,
                           std::size_t start, std::size_t best, double limit) const;

  std::unique_ptr<icu::BreakIterator> iterator_;
  std::u32string no_line_start_;
  std::u32string no_line_end_;
  std::vector<std::u32string> title_words_;
};

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_LINE_BREAKER_H_
