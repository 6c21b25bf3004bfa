// What the typesetter's block emitters produce and its paginator consumes: text shaped to
// glyphs, grid-line slots of drawing operations, and units (runs of slots that move between
// pages together). Internal to the typesetter.
#ifndef PIPELINE_RENDER_PDF_TYPESETTER_UNITS_H_
#define PIPELINE_RENDER_PDF_TYPESETTER_UNITS_H_

#include <string>
#include <vector>

#include "pipeline/render/pdf/font_set.h"
#include "pipeline/render/pdf/page.h"

namespace pipeline::render::pdf {

inline constexpr Rgb kBlack{0, 0, 0};

// Text of one paragraph/cell resolved to glyphs, with advances in points.
struct Shaped {
  std::u32string text;
  std::vector<GlyphRef> glyphs;
  std::vector<double> widths;
  double Width() const {
    double w = 0;
    for (double v : widths) w += v;
    return w;
  }
};

// Drawing operations of one grid line; y is relative to the slot's top edge (negative = down).
struct Slot {
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
};

// Whole grid lines that the paginator places together (one paragraph line, one table row, the
// signature block, ...), with the rules that keep it with its neighbours.
struct Unit {
  std::vector<Slot> slots;
  bool keep_with_next = false;
  bool keep_with_prev = false;
  bool splittable = false;   // table rows: may be cut between slots
  bool drop_at_top = false;  // blank lines vanish at the top of a page
  bool page_break_before = false;
  int table = -1;                                   // index of the table this row belongs to
  bool header = false;                              // a table's header row
  double rule_x1 = 0, rule_x2 = 0, rule_width = 0;  // table extent, to close a split row
};

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_TYPESETTER_UNITS_H_
