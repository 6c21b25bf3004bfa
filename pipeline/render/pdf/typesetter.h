// Typesetter: lays a render::Document out on GB/T 9704 pages.
//
// The type area is a grid of `lines_per_page` line slots (default 22, pitch 637.8/22 pt). Every
// block is turned into "units" of whole slots (one unit per paragraph line, one per table row,
// the signature block as one unit, ...), then units are paginated: headings stay with the next
// line, the signature block stays with the line above it, a table's header row is repeated on
// every page it reaches, and a table row that does not fit moves to the next page whole (or, if
// it is taller than half a page, is split at a line boundary with the border closed). Running text
// sits on a 28-character grid: each CJK character takes one cell (156 mm / 28), Latin text keeps
// its proportion, and a line broken early is justified to the full width.
//
// Block emitters (typesetter_blocks.cc) turn blocks into units, the paginator
// (typesetter_paginator.h) places them on pages and the page decorator (typesetter_decorator.cc)
// adds the 版记, the page numbers and the watermark.
//
// The Typesetter borrows the Layout, FontSet and LineBreaker; they must outlive it.
#ifndef PIPELINE_RENDER_PDF_TYPESETTER_H_
#define PIPELINE_RENDER_PDF_TYPESETTER_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/render/pdf/document.h"
#include "pipeline/render/pdf/font_set.h"
#include "pipeline/render/pdf/layout.h"
#include "pipeline/render/pdf/line_breaker.h"
#include "pipeline/render/pdf/page.h"
#include "pipeline/render/pdf/typesetter_paginator.h"
#include "pipeline/render/pdf/typesetter_units.h"

namespace pipeline::render::pdf {

// GB/T 9704 7.5: the 版记 (`banji_lines` grid lines; none: nothing to do) sits at the foot of
// the last page, which must be an even face. Adds the pages that takes to `pagination`: the back
// of an odd last face, or a blank face and a 版记 face when the last even face is too full.
// Returns how many pages, from the first, carry a page number (a blank face and the 版记 face
// after it carry none).
std::size_t PlaceBanjiFace(Pagination& pagination, std::size_t banji_lines, std::size_t lines);

class Typesetter {
 public:
  Typesetter(const Layout& layout, FontSet& fonts, LineBreaker& breaker)
      : layout_(layout), fonts_(fonts), breaker_(breaker) {}

  // Pages of `doc`. Fails (NotFound) when a character is in no configured font, or when a font
  // cannot be loaded; the message names the character or the font file.
  Result<std::vector<Page>> Typeset(const render::Document& doc);

 private:
  // Shaping and drawing one line (typesetter.cc).
  Result<Shaped> Shape(const std::string& text, const std::string& role, double size, double scale);
  void EmitLine(const Shaped& shaped, std::size_t begin, const std::vector<double>& xs, double x0,
                double baseline, double size, Rgb color, std::vector<TextRun>& out) const;
  // All of `shaped` as one unjustified line starting at x0.
  void EmitWhole(const Shaped& shaped, double x0, double baseline, double size, Rgb color,
                 std::vector<TextRun>& out) const;
  double Baseline(double size) const;

  // Block emitters: one render::Block -> units of whole grid lines (typesetter_blocks.cc).
  Status AddBlock(const render::Block& block, std::vector<Unit>& units, std::vector<Unit>& headers);
  Status AddIssuerMark(const render::IssuerMark& mark, std::vector<Unit>& units);
  Status AddDocNumber(const render::DocNumber& number, std::vector<Unit>& units);
  Status AddTitle(const render::Title& title, std::vector<Unit>& units);
  Status AddParagraph(const render::Paragraph& p, std::vector<Unit>& units);
  void AddBlankLines(int count, std::vector<Unit>& units) const;
  Status AddTable(const render::Table& t, int table_index, std::vector<Unit>& units,
                  std::vector<Unit>& headers);
  Result<Unit> MakeTableRow(const render::Table& t, const std::vector<std::string>& cells,
                            bool header);
  Status AddSignature(const render::Signature& signature, std::vector<Unit>& units);

  // Page decorator: what is drawn on the paginated pages (typesetter_decorator.cc).
  Result<Unit> MakeBanji(const render::Document& doc);
  void PlaceSlot(const Slot& slot, std::size_t line, Page& page) const;
  Page ComposePage(const std::vector<Placement>& placements) const;
  Status AddPageNumber(const render::Document& doc, std::size_t index, Page& page);
  Status AddWatermark(const std::string& watermark, Page& page);

  const Layout& layout_;
  FontSet& fonts_;
  LineBreaker& breaker_;
};

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_TYPESETTER_H_
