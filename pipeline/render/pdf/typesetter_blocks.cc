// Block emitters: each render::Block becomes units of whole grid lines.
#include <algorithm>
#include <variant>

#include "pipeline/core/utf8.h"
#include "pipeline/render/pdf/typesetter.h"

namespace pipeline::render::pdf {

Status Typesetter::AddBlock(const render::Block& block, std::vector<Unit>& units,
                            std::vector<Unit>& headers) {
  if (const auto* mark = std::get_if<render::IssuerMark>(&block)) {
    return AddIssuerMark(*mark, units);
  }
  if (const auto* number = std::get_if<render::DocNumber>(&block)) {
    return AddDocNumber(*number, units);
  }
  if (const auto* title = std::get_if<render::Title>(&block)) return AddTitle(*title, units);
  if (const auto* paragraph = std::get_if<render::Paragraph>(&block)) {
    return AddParagraph(*paragraph, units);
  }
  if (const auto* blank = std::get_if<render::Blank>(&block)) {
    AddBlankLines(blank->lines, units);
    return Status::Ok();
  }
  if (const auto* table = std::get_if<render::Table>(&block)) {
    return AddTable(*table, static_cast<int>(headers.size()), units, headers);
  }
  if (const auto* signature = std::get_if<render::Signature>(&block)) {
    return AddSignature(*signature, units);
  }
  return Status::Ok();  // render::PageBreak: handled by Typeset
}

// The issuer's red mark (发文机关标志), centred, shrunk to the body width when wider.
Status Typesetter::AddIssuerMark(const render::IssuerMark& mark, std::vector<Unit>& units) {
  const double left = layout_.BodyLeft();
  const double width = layout_.BodyWidth();
  double size = layout_.issuer_mark_size;
  Result<Shaped> shaped = Shape(mark.text, "issuer_mark", size, 1.0);
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
  double height = lines * layout_.LinePitch();
  double baseline = -height + (height - size) / 2 + layout_.baseline_ratio * size;
  EmitWhole(*shaped, left + (width - w) / 2, baseline, size, layout_.red, unit.slots[0].runs);
  units.push_back(std::move(unit));
  return Status::Ok();
}

// The document number (发文字号), centred, over the red separator rule; with a 签发人 (上行文),
// the number one character in from the left and the 签发人 one in from the right.
Status Typesetter::AddDocNumber(const render::DocNumber& number, std::vector<Unit>& units) {
  const double left = layout_.BodyLeft();
  const double width = layout_.BodyWidth();
  const double size = layout_.body_size;
  Result<Shaped> shaped =
      Shape(number.text, "doc_number", size, layout_.CharPitch() / layout_.body_size);
  if (!shaped) return shaped.error();
  double w = shaped->Width();
  Unit unit;
  unit.slots.resize(static_cast<std::size_t>(1 + std::max(0, layout_.doc_number_lines_after)));
  double baseline = Baseline(size);
  if (number.signer.empty()) {
    EmitWhole(*shaped, left + (width - w) / 2, baseline, size, kBlack, unit.slots[0].runs);
  } else {
    Result<Shaped> signer =
        Shape(number.signer, "doc_number", size, layout_.CharPitch() / layout_.body_size);
    if (!signer) return signer.error();
    const double indent = layout_.CharPitch();
    EmitWhole(*shaped, left + indent, baseline, size, kBlack, unit.slots[0].runs);
    EmitWhole(*signer, left + width - indent - signer->Width(), baseline, size, kBlack,
              unit.slots[0].runs);
  }
  double rule_y =
      baseline - layout_.baseline_ratio * size - layout_.doc_number_rule_offset_mm * kPointsPerMm;
  unit.slots[0].rules.push_back(
      Rule{left, rule_y, left + width, rule_y, layout_.doc_number_rule_width, layout_.red});
  units.push_back(std::move(unit));
  return Status::Ok();
}

// The title, centred on balanced lines that stay with what follows, then blank lines.
Status Typesetter::AddTitle(const render::Title& title, std::vector<Unit>& units) {
  const double left = layout_.BodyLeft();
  const double width = layout_.BodyWidth();
  const double size = layout_.title_size;
  Result<Shaped> shaped = Shape(title.text, "title", size, 1.0);
  if (!shaped) return shaped.error();
  std::vector<std::u32string> keep;
  for (const std::string& span : title.keep) {
    const std::vector<char32_t> cps = DecodeUtf8(span);
    keep.emplace_back(cps.begin(), cps.end());
  }
  std::vector<LineSpan> lines = breaker_.Balance(shaped->text, shaped->widths, width, keep);
  for (const LineSpan& span : lines) {
    double w = LineBreaker::SpanWidth(shaped->text, shaped->widths, span);
    std::vector<double> xs = LineBreaker::Positions(shaped->text, shaped->widths, span, w, false);
    Unit unit;
    unit.slots.resize(1);
    EmitLine(*shaped, span.begin, xs, left + (width - w) / 2, Baseline(size), size, kBlack,
             unit.slots[0].runs);
    unit.keep_with_next = true;
    units.push_back(std::move(unit));
  }
  AddBlankLines(layout_.title_lines_after, units);
  return Status::Ok();
}

void Typesetter::AddBlankLines(int count, std::vector<Unit>& units) const {
  for (int i = 0; i < count; ++i) {
    Unit unit;
    unit.slots.resize(1);
    unit.drop_at_top = true;
    units.push_back(std::move(unit));
  }
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
    unit.keep_with_prev = p.keep_with_prev;
    units.push_back(std::move(unit));
  }
  return Status::Ok();
}

Result<Unit> Typesetter::MakeTableRow(const render::Table& t, const std::vector<std::string>& cells,
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
        std::vector<double> xs =
            LineBreaker::Positions(cl.shaped.text, cl.shaped.widths, cl.lines[k], inner, false);
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

// The signature block: signers centred over the date, which ends date_right_chars from the
// right margin; one unit that stays with the line above it.
Status Typesetter::AddSignature(const render::Signature& signature, std::vector<Unit>& units) {
  const double left = layout_.BodyLeft();
  const double width = layout_.BodyWidth();
  const double cell = layout_.CharPitch();
  const double grid_scale = cell / layout_.body_size;
  const double size = layout_.body_size;
  Result<Shaped> date = Shape(signature.date, "body", size, grid_scale);
  if (!date) return date.error();
  double date_w = date->Width();
  double right = left + width - layout_.date_right_chars * cell;
  double date_x = right - date_w;
  double center = date_x + date_w / 2;
  Unit unit;
  unit.slots.resize(signature.signers.size() + 1);
  unit.keep_with_prev = true;
  for (std::size_t i = 0; i < signature.signers.size(); ++i) {
    Result<Shaped> signer = Shape(signature.signers[i], "body", size, grid_scale);
    if (!signer) return signer.error();
    double w = signer->Width();
    double x = std::min(center - w / 2, left + width - w);
    EmitWhole(*signer, x, Baseline(size), size, kBlack, unit.slots[i].runs);
  }
  EmitWhole(*date, date_x, Baseline(size), size, kBlack, unit.slots.back().runs);
  units.push_back(std::move(unit));
  return Status::Ok();
}

}  // namespace pipeline::render::pdf
