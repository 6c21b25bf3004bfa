#include "pipeline/render/pdf/typesetter.h"

#include <algorithm>
#include <variant>

#include "pipeline/core/utf8.h"

namespace pipeline::render::pdf {

Result<std::vector<Page>> Typesetter::Typeset(const render::Document& doc) {
  std::vector<Unit> units;
  std::vector<Unit> headers;  // per table
  bool break_pending = false;
  for (const render::Block& block : doc.blocks) {
    if (std::holds_alternative<render::PageBreak>(block)) {
      break_pending = true;
      continue;
    }
    const std::size_t first_new = units.size();
    PIPELINE_RETURN_IF_ERROR(AddBlock(block, units, headers));
    if (break_pending && first_new < units.size()) {
      units[first_new].page_break_before = true;
      break_pending = false;
    }
  }
  const std::size_t lines = static_cast<std::size_t>(layout_.lines_per_page);
  Pagination pagination = Paginate(units, headers, lines);

  // 版记 at the foot of the last, even face (GB/T 9704 7.5).
  Result<Unit> banji = MakeBanji(doc);
  if (!banji) return banji.error();
  const std::size_t numbered = PlaceBanjiFace(pagination, banji->slots.size(), lines);
  const std::size_t banji_first_line = lines - std::min(lines, banji->slots.size());

  std::vector<Page> out;
  out.reserve(pagination.pages.size());
  for (std::size_t p = 0; p < pagination.pages.size(); ++p) {
    Page page = ComposePage(pagination.pages[p]);
    if (p + 1 == pagination.pages.size()) {
      for (std::size_t s = 0; s < banji->slots.size(); ++s) {
        PlaceSlot(banji->slots[s], banji_first_line + s, page);
      }
    }
    if (p < numbered) PIPELINE_RETURN_IF_ERROR(AddPageNumber(doc, p, page));
    if (!doc.watermark.empty()) PIPELINE_RETURN_IF_ERROR(AddWatermark(doc.watermark, page));
    out.push_back(std::move(page));
  }
  return out;
}

std::size_t PlaceBanjiFace(Pagination& pagination, std::size_t banji_lines, std::size_t lines) {
  const std::size_t pages = pagination.pages.size();
  if (banji_lines == 0) return pages;
  if (pages % 2 == 1) {  // the text ends on an odd face: the 版记 goes on its back
    pagination.pages.emplace_back();
    return pages + 1;
  }
  if (pagination.used_on_last + banji_lines <= lines) return pages;
  // An even face too full for it: a blank face, then the 版记 on the next even face; neither
  // of them is numbered.
  pagination.pages.emplace_back();
  pagination.pages.emplace_back();
  return pages;
}

Result<Shaped> Typesetter::Shape(const std::string& text, const std::string& role, double size,
                                 double scale) {
  Shaped s;
  for (char32_t cp : DecodeUtf8(text)) {
    if (cp == U'\n' || cp == U'\r' || cp == U'\t') cp = U' ';
    s.text.push_back(cp);
  }
  s.glyphs.reserve(s.text.size());
  s.widths.reserve(s.text.size());
  for (char32_t& cp : s.text) {
    Result<GlyphRef> g = fonts_.Resolve(role, cp);
    if (!g) return g.error();
    if (g->geta) cp = 0x3013;  // the text layer says 〓 too, as drawn
    const Font& font = fonts_.font(g->font);
    s.glyphs.push_back(*g);
    s.widths.push_back(font.Advance(g->gid) * size / font.units_per_em() * scale);
  }
  return s;
}

void Typesetter::EmitLine(const Shaped& shaped, std::size_t begin, const std::vector<double>& xs,
                          double x0, double baseline, double size, Rgb color,
                          std::vector<TextRun>& out) const {
  TextRun* run = nullptr;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    const GlyphRef& g = shaped.glyphs[begin + k];
    char32_t cp = shaped.text[begin + k];
    if (cp == U' ' && (k + 1 == xs.size())) continue;  // trailing space: nothing to draw
    if (run == nullptr || run->font != g.font) {
      out.push_back(TextRun{});
      run = &out.back();
      run->font = g.font;
      run->size = size;
      run->color = color;
      run->x = x0 + xs[k];
      run->y = baseline;
    }
    run->glyphs.push_back(PlacedGlyph{g.gid, cp, x0 + xs[k] - run->x});
  }
}

void Typesetter::EmitWhole(const Shaped& shaped, double x0, double baseline, double size, Rgb color,
                           std::vector<TextRun>& out) const {
  std::vector<double> xs = LineBreaker::Positions(shaped.text, shaped.widths,
                                                  {0, shaped.text.size()}, shaped.Width(), false);
  EmitLine(shaped, 0, xs, x0, baseline, size, color, out);
}

double Typesetter::Baseline(double size) const {
  const double pitch = layout_.LinePitch();
  return -pitch + (pitch - size) / 2 + layout_.baseline_ratio * size;
}

}  // namespace pipeline::render::pdf
