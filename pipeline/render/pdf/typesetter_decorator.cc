// Page decorator: turns the paginator's placements into pages and adds what every page or the
// last one carries: the 版记, the page number and the watermark.
#include <algorithm>
#include <cmath>

#include "pipeline/core/text.h"
#include "pipeline/render/pdf/typesetter.h"

namespace pipeline::render::pdf {

// The 版记 rows (抄送, 印发机关和印发日期) as one unit, ruled above, between and below; no
// slots when the document has none.
Result<Unit> Typesetter::MakeBanji(const render::Document& doc) {
  Unit banji;
  const double left = layout_.BodyLeft();
  const double width = layout_.BodyWidth();
  const double pitch = layout_.LinePitch();
  const double cell = layout_.CharPitch();
  const double grid_scale = cell / layout_.body_size;
  const double size = layout_.banji_size;
  banji.slots.resize(doc.banji.size());
  for (std::size_t r = 0; r < doc.banji.size(); ++r) {
    Slot& slot = banji.slots[r];
    Result<Shaped> l = Shape(doc.banji[r].left, "banji", size, grid_scale);
    if (!l) return l.error();
    Result<Shaped> rt = Shape(doc.banji[r].right, "banji", size, grid_scale);
    if (!rt) return rt.error();
    // 空一字 at both ends (GB/T 9704 7.4), less when a long 印发机关 would meet the date; the two
    // stay at least one character apart.
    const double room = width - l->Width() - rt->Width() - cell;
    const double inset = std::clamp(room / 2, 0.0, layout_.banji_indent_chars * cell);
    EmitWhole(*l, left + inset, Baseline(size), size, kBlack, slot.runs);
    if (!doc.banji[r].right.empty()) {
      EmitWhole(*rt, left + width - inset - rt->Width(), Baseline(size), size, kBlack, slot.runs);
    }
    double rule = r == 0 ? layout_.banji_outer_rule : layout_.banji_inner_rule;
    slot.rules.push_back(Rule{left, 0, left + width, 0, rule, kBlack});
    if (r + 1 == doc.banji.size()) {
      slot.rules.push_back(
          Rule{left, -pitch, left + width, -pitch, layout_.banji_outer_rule, kBlack});
    }
  }
  return banji;
}

// Draws `slot` on grid line `line` (0 = the top line of the type area).
void Typesetter::PlaceSlot(const Slot& slot, std::size_t line, Page& page) const {
  double dy = layout_.BodyTop() - static_cast<double>(line) * layout_.LinePitch();
  for (TextRun run : slot.runs) {
    run.y += dy;
    page.runs.push_back(std::move(run));
  }
  for (Rule rule : slot.rules) {
    rule.y1 += dy;
    rule.y2 += dy;
    page.rules.push_back(rule);
  }
}

// A page holding `placements` from the top line down; a split table row gets its bottom border.
Page Typesetter::ComposePage(const std::vector<Placement>& placements) const {
  Page page;
  page.width = layout_.PageWidth();
  page.height = layout_.PageHeight();
  page.background_gray = layout_.watermark_gray;
  const double top = layout_.BodyTop();
  const double pitch = layout_.LinePitch();
  std::size_t k = 0;
  for (const Placement& placement : placements) {
    for (std::size_t s = placement.first; s < placement.last; ++s, ++k) {
      PlaceSlot(placement.unit->slots[s], k, page);
    }
    if (placement.close_bottom) {
      double y = top - static_cast<double>(k) * pitch;
      page.rules.push_back(Rule{placement.unit->rule_x1, y, placement.unit->rule_x2, y,
                                placement.unit->rule_width, kBlack});
    }
  }
  return page;
}

// Page number of page `index` (0-based): odd pages right, even pages left, one character in.
Status Typesetter::AddPageNumber(const render::Document& doc, std::size_t index, Page& page) {
  const double left = layout_.BodyLeft();
  const double width = layout_.BodyWidth();
  const double size = layout_.page_number_size;
  std::string label = ReplaceAll(doc.page_number_format, "{page}", std::to_string(index + 1));
  Result<Shaped> num = Shape(label, "page_number", size, 1.0);
  if (!num) return num.error();
  double w = num->Width();
  double inset = layout_.page_number_indent_chars * layout_.CharPitch();
  double x = (index % 2 == 0) ? left + width - inset - w : left + inset;
  double y = layout_.BodyBottom() - layout_.page_number_offset_mm * kPointsPerMm -
             layout_.page_number_dash_ratio * size;
  EmitWhole(*num, x, y, size, kBlack, page.runs);
  return Status::Ok();
}

// The watermark, centred on the page and rotated, in the page's background layer.
Status Typesetter::AddWatermark(const std::string& watermark, Page& page) {
  const double wsize = layout_.watermark_size;
  Result<Shaped> mark = Shape(watermark, "watermark", wsize, 1.0);
  if (!mark) return mark.error();
  double mw = mark->Width();
  const double kPi = 3.14159265358979323846;
  double a = layout_.watermark_angle * kPi / 180.0;
  double lift = (0.5 - layout_.baseline_ratio) * wsize;  // em box centre above baseline
  double cx = page.width / 2, cy = page.height / 2;
  double ox = cx - std::cos(a) * mw / 2 + std::sin(a) * lift;
  double oy = cy - std::sin(a) * mw / 2 - std::cos(a) * lift;
  std::vector<TextRun> runs;
  EmitWhole(*mark, 0, 0, wsize, kBlack, runs);
  for (TextRun& run : runs) {
    // Runs were laid out from origin (0,0); rotate their start offsets onto the baseline.
    double along = run.x;
    run.x = ox + std::cos(a) * along;
    run.y = oy + std::sin(a) * along;
    run.angle_deg = layout_.watermark_angle;
    page.background.push_back(std::move(run));
  }
  return Status::Ok();
}

}  // namespace pipeline::render::pdf
