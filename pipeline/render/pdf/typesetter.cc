#include "pipeline/render/pdf/typesetter.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "pipeline/core/utf8.h"

namespace pipeline::render::pdf {

// Text of one paragraph/cell resolved to glyphs, with advances in points.
struct Typesetter::Shaped {
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
struct Typesetter::Slot {
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
};

struct Typesetter::Unit {
  std::vector<Slot> slots;
  bool keep_with_next = false;
  bool keep_with_prev = false;
  bool splittable = false;    // table rows: may be cut between slots
  bool drop_at_top = false;   // blank lines vanish at the top of a page
  bool page_break_before = false;
  int table = -1;             // index of the table this row belongs to
  bool header = false;        // a table's header row
  double rule_x1 = 0, rule_x2 = 0, rule_width = 0;  // table extent, to close a split row
};

namespace {

constexpr Rgb kBlack{0, 0, 0};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  std::size_t pos = 0;
  while ((pos = s.find(from, pos)) != std::string::npos) {
    s.replace(pos, from.size(), to);
    pos += to.size();
  }
  return s;
}

}  // namespace

Result<Typesetter::Shaped> Typesetter::Shape(const std::string& text, const std::string& role,
                                             double size, double scale) {
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

double Typesetter::Baseline(double size) const {
  const double pitch = layout_.LinePitch();
  return -pitch + (pitch - size) / 2 + layout_.baseline_ratio * size;
}

Status Typesetter::AddParagraph(const render::Paragraph& p, std::vector<Unit>& units) {
  const double size = p.size > 0 ? p.size : layout_.body_size;
  const double cell = layout_.CharPitch();
  const double scale = cell / layout_.body_size;
  Result<Shaped> shaped = Shape(p.text, p.role, size, scale);
  if (!shaped) return shaped.error();
  const double width = layout_.BodyWidth();
  const double first_indent = p.indent_chars * cell;
  const double rest_indent = p.rest_indent_chars * cell;
  std::vector<LineSpan> lines =
      breaker_.Fill(shaped->text, shaped->widths, width - first_indent, width - rest_indent);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const double indent = i == 0 ? first_indent : rest_indent;
    const double avail = width - indent;
    const bool last = i + 1 == lines.size();
    const bool justify = p.align == render::Align::kJustify && !last;
    std::vector<double> xs =
        LineBreaker::Positions(shaped->text, shaped->widths, lines[i], avail, justify);
    double line_width = LineBreaker::SpanWidth(shaped->text, shaped->widths, lines[i]);
    double x0 = layout_.BodyLeft() + indent;
    if (p.align == render::Align::kCenter) x0 += (avail - line_width) / 2;
    if (p.align == render::Align::kRight) x0 += avail - line_width;
    Unit unit;
    unit.slots.resize(1);
    EmitLine(*shaped, lines[i].begin, xs, x0, Baseline(size), size, kBlack, unit.slots[0].runs);
    unit.keep_with_next = p.keep_with_next;
    units.push_back(std::move(unit));
  }
  return Status::Ok();
}

Result<Typesetter::Unit> Typesetter::MakeTableRow(const render::Table& t,
                                                  const std::vector<std::string>& cells,
                                                  bool header) {
  const double size = t.size > 0 ? t.size : layout_.table_size;
  const double scale = layout_.CharPitch() / layout_.body_size;
  const double pad = layout_.table_padding_mm * kPointsPerMm;
  double total = 0;
  for (const render::TableColumn& c : t.columns) total += c.width_mm * kPointsPerMm;
  const double left = layout_.BodyLeft() + std::max(0.0, (layout_.BodyWidth() - total) / 2);

  struct CellLines {
    Shaped shaped;
    std::vector<LineSpan> lines;
  };
  std::vector<CellLines> laid(t.columns.size());
  std::size_t row_lines = 1;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const std::string& text = c < cells.size() ? cells[c] : std::string();
    Result<Shaped> shaped = Shape(text, header ? t.header_role : t.role, size, scale);
    if (!shaped) return shaped.error();
    laid[c].shaped = std::move(*shaped);
    double inner = t.columns[c].width_mm * kPointsPerMm - 2 * pad;
    laid[c].lines = breaker_.Fill(laid[c].shaped.text, laid[c].shaped.widths, inner, inner);
    row_lines = std::max(row_lines, laid[c].lines.size());
  }
  Unit unit;
  unit.slots.resize(row_lines);
  unit.splittable = !header;
  unit.header = header;
  unit.keep_with_next = header;
  unit.rule_x1 = left;
  unit.rule_x2 = left + total;
  unit.rule_width = layout_.table_rule_width;
  const double pitch = layout_.LinePitch();
  for (std::size_t k = 0; k < row_lines; ++k) {
    Slot& slot = unit.slots[k];
    double x = left;
    for (std::size_t c = 0; c <= t.columns.size(); ++c) {
      slot.rules.push_back(Rule{x, 0, x, -pitch, layout_.table_rule_width, kBlack});
      if (c < t.columns.size()) x += t.columns[c].width_mm * kPointsPerMm;
    }
    if (k == 0) slot.rules.push_back(Rule{left, 0, left + total, 0, unit.rule_width, kBlack});
    if (k + 1 == row_lines) {
      slot.rules.push_back(Rule{left, -pitch, left + total, -pitch, unit.rule_width, kBlack});
    }
    x = left;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
      const double col_w = t.columns[c].width_mm * kPointsPerMm;
      const CellLines& cl = laid[c];
      if (k < cl.lines.size()) {
        const double inner = col_w - 2 * pad;
        std::vector<double> xs = LineBreaker::Positions(cl.shaped.text, cl.shaped.widths,
                                                        cl.lines[k], inner, false);
        double w = LineBreaker::SpanWidth(cl.shaped.text, cl.shaped.widths, cl.lines[k]);
        render::Align align = header ? render::Align::kCenter : t.columns[c].align;
        double x0 = x + pad;
        if (align == render::Align::kCenter) x0 += (inner - w) / 2;
        if (align == render::Align::kRight) x0 += inner - w;
        EmitLine(cl.shaped, cl.lines[k].begin, xs, x0, Baseline(size), size, kBlack, slot.runs);
      }
      x += col_w;
    }
  }
  return unit;
}

Status Typesetter::AddTable(const render::Table& t, int table_index, std::vector<Unit>& units,
                            std::vector<Unit>& headers) {
  bool has_header = std::any_of(t.header.begin(), t.header.end(),
                                [](const std::string& s) { return !s.empty(); });
  Unit header_unit;
  if (has_header) {
    Result<Unit> header = MakeTableRow(t, t.header, true);
    if (!header) return header.error();
    header->table = table_index;
    header_unit = *header;
    units.push_back(std::move(*header));
  }
  headers.push_back(std::move(header_unit));  // empty slots when the table has no header
  for (const std::vector<std::string>& row : t.rows) {
    Result<Unit> unit = MakeTableRow(t, row, false);
    if (!unit) return unit.error();
    unit->table = table_index;
    units.push_back(std::move(*unit));
  }
  return Status::Ok();
}

Result<std::vector<Page>> Typesetter::Typeset(const render::Document& doc) {
  const double pitch = layout_.LinePitch();
  const double cell = layout_.CharPitch();
  const double left = layout_.BodyLeft();
  const double width = layout_.BodyWidth();
  const double grid_scale = cell / layout_.body_size;
  std::vector<Unit> units;
  std::vector<Unit> headers;  // per table
  bool break_pending = false;

  for (const render::Block& block : doc.blocks) {
    std::size_t first_new = units.size();
    if (const auto* mark = std::get_if<render::IssuerMark>(&block)) {
      double size = layout_.issuer_mark_size;
      Result<Shaped> shaped = Shape(mark->text, "issuer_mark", size, 1.0);
      if (!shaped) return shaped.error();
      double w = shaped->Width();
      if (w > width && w > 0) {
        double factor = width / w;
        size *= factor;
        for (double& v : shaped->widths) v *= factor;
        w = width;
      }
      Unit unit;
      int lines = std::max(1, layout_.issuer_mark_lines);
      unit.slots.resize(static_cast<std::size_t>(lines));
      double height = lines * pitch;
      double baseline = -height + (height - size) / 2 + layout_.baseline_ratio * size;
      std::vector<double> xs = LineBreaker::Positions(shaped->text, shaped->widths,
                                                      {0, shaped->text.size()}, w, false);
      EmitLine(*shaped, 0, xs, left + (width - w) / 2, baseline, size, layout_.red,
               unit.slots[0].runs);
      units.push_back(std::move(unit));
    } else if (const auto* number = std::get_if<render::DocNumber>(&block)) {
      const double size = layout_.body_size;
      Result<Shaped> shaped = Shape(number->text, "doc_number", size, grid_scale);
      if (!shaped) return shaped.error();
      double w = shaped->Width();
      Unit unit;
      unit.slots.resize(static_cast<std::size_t>(1 + std::max(0, layout_.doc_number_lines_after)));
      std::vector<double> xs = LineBreaker::Positions(shaped->text, shaped->widths,
                                                      {0, shaped->text.size()}, w, false);
      double baseline = Baseline(size);
      EmitLine(*shaped, 0, xs, left + (width - w) / 2, baseline, size, kBlack,
               unit.slots[0].runs);
      double rule_y = baseline - layout_.baseline_ratio * size -
                      layout_.doc_number_rule_offset_mm * kPointsPerMm;
      unit.slots[0].rules.push_back(
          Rule{left, rule_y, left + width, rule_y, layout_.doc_number_rule_width, layout_.red});
      units.push_back(std::move(unit));
    } else if (const auto* title = std::get_if<render::Title>(&block)) {
      const double size = layout_.title_size;
      Result<Shaped> shaped = Shape(title->text, "title", size, 1.0);
      if (!shaped) return shaped.error();
      std::vector<LineSpan> lines = breaker_.Balance(shaped->text, shaped->widths, width);
      for (const LineSpan& span : lines) {
        double w = LineBreaker::SpanWidth(shaped->text, shaped->widths, span);
        std::vector<double> xs = LineBreaker::Positions(shaped->text, shaped->widths, span, w,
                                                        false);
        Unit unit;
        unit.slots.resize(1);
        EmitLine(*shaped, span.begin, xs, left + (width - w) / 2, Baseline(size), size, kBlack,
                 unit.slots[0].runs);
        unit.keep_with_next = true;
        units.push_back(std::move(unit));
      }
      for (int i = 0; i < layout_.title_lines_after; ++i) {
        Unit blank;
        blank.slots.resize(1);
        blank.drop_at_top = true;
        units.push_back(std::move(blank));
      }
    } else if (const auto* paragraph = std::get_if<render::Paragraph>(&block)) {
      PIPELINE_RETURN_IF_ERROR(AddParagraph(*paragraph, units));
    } else if (const auto* blank = std::get_if<render::Blank>(&block)) {
      for (int i = 0; i < blank->lines; ++i) {
        Unit unit;
        unit.slots.resize(1);
        unit.drop_at_top = true;
        units.push_back(std::move(unit));
      }
    } else if (const auto* table = std::get_if<render::Table>(&block)) {
      PIPELINE_RETURN_IF_ERROR(
          AddTable(*table, static_cast<int>(headers.size()), units, headers));
    } else if (const auto* signature = std::get_if<render::Signature>(&block)) {
      const double size = layout_.body_size;
      Result<Shaped> date = Shape(signature->date, "body", size, grid_scale);
      if (!date) return date.error();
      double date_w = date->Width();
      double right = left + width - layout_.date_right_chars * cell;
      double date_x = right - date_w;
      double center = date_x + date_w / 2;
      Unit unit;
      unit.slots.resize(signature->signers.size() + 1);
      unit.keep_with_prev = true;
      for (std::size_t i = 0; i < signature->signers.size(); ++i) {
        Result<Shaped> signer = Shape(signature->signers[i], "body", size, grid_scale);
        if (!signer) return signer.error();
        double w = signer->Width();
        double x = std::min(center - w / 2, left + width - w);
        std::vector<double> xs = LineBreaker::Positions(signer->text, signer->widths,
                                                        {0, signer->text.size()}, w, false);
        EmitLine(*signer, 0, xs, x, Baseline(size), size, kBlack, unit.slots[i].runs);
      }
      std::vector<double> xs =
          LineBreaker::Positions(date->text, date->widths, {0, date->text.size()}, date_w, false);
      EmitLine(*date, 0, xs, date_x, Baseline(size), size, kBlack, unit.slots.back().runs);
      units.push_back(std::move(unit));
    } else if (std::holds_alternative<render::PageBreak>(block)) {
      break_pending = true;
      continue;
    }
    if (break_pending && first_new < units.size()) {
      units[first_new].page_break_before = true;
      break_pending = false;
    }
  }

  // Pagination: assign units (or parts of split units) to pages of `lines` slots.
  struct Placement {
    const Unit* unit;
    std::size_t unit_index;  // index in `units`; SIZE_MAX for a repeated header
    std::size_t first, last;  // slot range [first, last)
    bool close_bottom;        // a split row: draw its bottom border on this page
  };
  const std::size_t lines = static_cast<std::size_t>(layout_.lines_per_page);
  const std::size_t kRepeat = static_cast<std::size_t>(-1);
  std::vector<std::vector<Placement>> pages(1);
  std::size_t used = 0;
  std::size_t page_first_unit = 0;
  auto new_page = [&](std::size_t next_unit) {
    pages.emplace_back();
    used = 0;
    page_first_unit = next_unit;
    const Unit& next = units[next_unit];
    if (next.table >= 0 && !next.header) {
      const Unit& header = headers[static_cast<std::size_t>(next.table)];
      if (!header.slots.empty() && header.slots.size() < lines) {
        pages.back().push_back(Placement{&header, kRepeat, 0, header.slots.size(), false});
        used = header.slots.size();
      }
    }
  };
  std::size_t i = 0;
  std::size_t resume_slot = 0;  // first slot of units[i] still to place (split rows)
  while (i < units.size()) {
    const Unit& u = units[i];
    if (u.page_break_before && resume_slot == 0 && used > 0) new_page(i);
    if (u.drop_at_top && used == 0) {
      ++i;
      continue;
    }
    const std::size_t need = u.slots.size() - resume_slot;
    if (used + need <= lines) {
      pages.back().push_back(Placement{&u, i, resume_slot, u.slots.size(), false});
      used += need;
      ++i;
      resume_slot = 0;
      continue;
    }
    // Does not fit on this page.
    if (u.drop_at_top) {
      // A blank line at the foot of a page vanishes on the next one, unless what follows the
      // blanks must stay with the text above it (the signature block: GB/T 9704 7.3.5 forbids a
      // page holding only the signature); then the search below pulls that text along.
      std::size_t next = i;
      while (next < units.size() && units[next].drop_at_top) ++next;
      if (next == units.size() || !units[next].keep_with_prev) {
        new_page(i);
        continue;
      }
    }
    if (u.splittable && (need > lines / 2 || resume_slot > 0) && used < lines) {
      std::size_t take = lines - used;
      pages.back().push_back(Placement{&u, i, resume_slot, resume_slot + take, true});
      resume_slot += take;
      new_page(i);
      continue;
    }
    std::size_t start = i;
    while (start > page_first_unit &&
           (units[start].keep_with_prev || units[start - 1].keep_with_next ||
            units[start].drop_at_top)) {
      --start;
    }
    if (start > page_first_unit && resume_slot == 0) {
      auto& current = pages.back();
      current.erase(std::remove_if(current.begin(), current.end(),
                                   [&](const Placement& p) {
                                     return p.unit_index != kRepeat && p.unit_index >= start;
                                   }),
                    current.end());
      new_page(start);
      i = start;
      continue;
    }
    if (used == 0) {  // taller than a page and not splittable: place what fits
      pages.back().push_back(Placement{&u, i, resume_slot, std::min(u.slots.size(), lines), false});
      ++i;
      resume_slot = 0;
      if (i < units.size()) new_page(i);
      continue;
    }
    new_page(i);
  }
  if (pages.size() > 1 && pages.back().empty()) pages.pop_back();

  // 版记 at the foot of the last page.
  Unit banji;
  if (!doc.banji.empty()) {
    const double size = layout_.banji_size;
    banji.slots.resize(doc.banji.size());
    for (std::size_t r = 0; r < doc.banji.size(); ++r) {
      Slot& slot = banji.slots[r];
      double inset = layout_.banji_indent_chars * cell;
      Result<Shaped> l = Shape(doc.banji[r].left, "banji", size, grid_scale);
      if (!l) return l.error();
      std::vector<double> xs =
          LineBreaker::Positions(l->text, l->widths, {0, l->text.size()}, l->Width(), false);
      EmitLine(*l, 0, xs, left + inset, Baseline(size), size, kBlack, slot.runs);
      if (!doc.banji[r].right.empty()) {
        Result<Shaped> rt = Shape(doc.banji[r].right, "banji", size, grid_scale);
        if (!rt) return rt.error();
        std::vector<double> rxs =
            LineBreaker::Positions(rt->text, rt->widths, {0, rt->text.size()}, rt->Width(), false);
        EmitLine(*rt, 0, rxs, left + width - inset - rt->Width(), Baseline(size), size, kBlack,
                 slot.runs);
      }
      double rule = r == 0 ? layout_.banji_outer_rule : layout_.banji_inner_rule;
      slot.rules.push_back(Rule{left, 0, left + width, 0, rule, kBlack});
      if (r + 1 == doc.banji.size()) {
        slot.rules.push_back(
            Rule{left, -pitch, left + width, -pitch, layout_.banji_outer_rule, kBlack});
      }
    }
  }
  std::size_t banji_first_slot = 0;
  if (!banji.slots.empty()) {
    if (used + banji.slots.size() > lines) {
      pages.emplace_back();
      used = 0;
    }
    banji_first_slot = lines - std::min(lines, banji.slots.size());
  }

  // Materialise pages.
  std::vector<Page> out;
  out.reserve(pages.size());
  const double top = layout_.BodyTop();
  auto place_slot = [&](const Slot& slot, std::size_t k, Page& page) {
    double dy = top - static_cast<double>(k) * pitch;
    for (TextRun run : slot.runs) {
      run.y += dy;
      page.runs.push_back(std::move(run));
    }
    for (Rule rule : slot.rules) {
      rule.y1 += dy;
      rule.y2 += dy;
      page.rules.push_back(rule);
    }
  };
  for (std::size_t p = 0; p < pages.size(); ++p) {
    Page page;
    page.width = layout_.PageWidth();
    page.height = layout_.PageHeight();
    page.background_gray = layout_.watermark_gray;
    std::size_t k = 0;
    for (const Placement& placement : pages[p]) {
      for (std::size_t s = placement.first; s < placement.last; ++s, ++k) {
        place_slot(placement.unit->slots[s], k, page);
      }
      if (placement.close_bottom) {
        double y = top - static_cast<double>(k) * pitch;
        page.rules.push_back(Rule{placement.unit->rule_x1, y, placement.unit->rule_x2, y,
                                  placement.unit->rule_width, kBlack});
      }
    }
    if (p + 1 == pages.size()) {
      for (std::size_t s = 0; s < banji.slots.size(); ++s) {
        place_slot(banji.slots[s], banji_first_slot + s, page);
      }
    }
    // Page number: odd pages right, even pages left, one character in.
    const double size = layout_.page_number_size;
    std::string label = Replace(doc.page_number_format, "{page}", std::to_string(p + 1));
    Result<Shaped> num = Shape(label, "page_number", size, 1.0);
    if (!num) return num.error();
    double w = num->Width();
    double inset = layout_.page_number_indent_chars * cell;
    double x = (p % 2 == 0) ? left + width - inset - w : left + inset;
    double y = layout_.BodyBottom() - layout_.page_number_offset_mm * kPointsPerMm -
               layout_.page_number_dash_ratio * size;
    std::vector<double> xs =
        LineBreaker::Positions(num->text, num->widths, {0, num->text.size()}, w, false);
    EmitLine(*num, 0, xs, x, y, size, kBlack, page.runs);
    // Watermark, centred on the page and rotated.
    if (!doc.watermark.empty()) {
      const double wsize = layout_.watermark_size;
      Result<Shaped> mark = Shape(doc.watermark, "watermark", wsize, 1.0);
      if (!mark) return mark.error();
      double mw = mark->Width();
      const double kPi = 3.14159265358979323846;
      double a = layout_.watermark_angle * kPi / 180.0;
      double lift = (0.5 - layout_.baseline_ratio) * wsize;  // em box centre above baseline
      double cx = page.width / 2, cy = page.height / 2;
      double ox = cx - std::cos(a) * mw / 2 + std::sin(a) * lift;
      double oy = cy - std::sin(a) * mw / 2 - std::cos(a) * lift;
      std::vector<double> mxs =
          LineBreaker::Positions(mark->text, mark->widths, {0, mark->text.size()}, mw, false);
      std::vector<TextRun> runs;
      EmitLine(*mark, 0, mxs, 0, 0, wsize, kBlack, runs);
      for (TextRun& run : runs) {
        // Runs were laid out from origin (0,0); rotate their start offsets onto the baseline.
        double along = run.x;
        run.x = ox + std::cos(a) * along;
        run.y = oy + std::sin(a) * along;
        run.angle_deg = layout_.watermark_angle;
        page.background.push_back(std::move(run));
      }
    }
    out.push_back(std::move(page));
  }
  return out;
}

}  // namespace pipeline::render::pdf
