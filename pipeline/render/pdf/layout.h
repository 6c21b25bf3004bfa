// Page geometry and typographic settings for GB/T 9704 documents, loaded from
// templates/layout.xml. Every number the typesetter uses lives here, so an office can adjust the
// geometry without touching code. Defaults follow GB/T 9704-2012 (see gbt9704.md): A4, top 37 mm,
// left 28 mm, type area 156 x 225 mm, 22 lines x 28 characters of 3号 (16 pt) text.
#ifndef PIPELINE_RENDER_PDF_LAYOUT_H_
#define PIPELINE_RENDER_PDF_LAYOUT_H_

#include <string>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/render/pdf/page.h"

namespace pipeline::render::pdf {

inline constexpr double kPointsPerMm = 72.0 / 25.4;

struct Layout {
  // <page>
  double page_width_mm = 210, page_height_mm = 297;
  double top_mm = 37, left_mm = 28;
  double body_width_mm = 156, body_height_mm = 225;
  // <grid>
  int lines_per_page = 22;
  int chars_per_line = 28;
  double body_size = 16;         // 3号
  double line_pitch = 0;         // points; 0 = body height / lines_per_page
  double baseline_ratio = 0.12;  // descent of the em box below the baseline, as a fraction of size
  // <kinsoku>: characters that may not start / end a line (UTF-8).
  std::string no_line_start;
  std::string no_line_end;
  // <issuer_mark>
  double issuer_mark_size = 36;
  int issuer_mark_lines = 2;
  Rgb red{1, 0, 0};
  // <doc_number>
  double doc_number_rule_offset_mm = 4;
  double doc_number_rule_width = 1;
  int doc_number_lines_after = 2;  // empty grid lines between the separator line and the title
  // <title>
  double title_size = 22;  // 2号
  int title_lines_after = 1;
  // <table>
  double table_size = 14;
  double table_rule_width = 0.5;
  double table_padding_mm = 1;
  // <signature>
  double date_right_chars = 4;
  // <page_number>
  double page_number_size = 14;  // 4号
  double page_number_offset_mm = 7;
  double page_number_dash_ratio = 0.35;  // height of the dash above the baseline / size
  double page_number_indent_chars = 1;
  // <watermark>
  double watermark_size = 120;
  double watermark_gray = 0.85;
  double watermark_angle = 45;
  // <banji>
  double banji_size = 14;
  double banji_outer_rule = 1.0;
  double banji_inner_rule = 0.7;
  double banji_indent_chars = 1;

  // Derived values, in points.
  double PageWidth() const { return page_width_mm * kPointsPerMm; }
  double PageHeight() const { return page_height_mm * kPointsPerMm; }
  double BodyLeft() const { return left_mm * kPointsPerMm; }
  double BodyWidth() const { return body_width_mm * kPointsPerMm; }
  double BodyTop() const { return PageHeight() - top_mm * kPointsPerMm; }
  double BodyHeight() const { return body_height_mm * kPointsPerMm; }
  double BodyBottom() const { return BodyTop() - BodyHeight(); }
  double LinePitch() const { return line_pitch > 0 ? line_pitch : BodyHeight() / lines_per_page; }
  double CharPitch() const { return BodyWidth() / chars_per_line; }
};

// Reads layout.xml; attributes not given keep the defaults above. Errors name file and line.
Result<Layout> LoadLayout(const FileSystem& fs, const std::string& path);

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_LAYOUT_H_
