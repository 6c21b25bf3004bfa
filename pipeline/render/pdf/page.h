// The laid-out form of a document: pages of positioned glyphs and rules, in PDF points with the
// origin at the bottom-left of the page. Produced by the Typesetter, consumed by WritePdf. Glyphs
// are stored as (font, glyph id, code point) so that the writer can subset each font to exactly
// the glyphs drawn and write a ToUnicode map for text extraction.
#ifndef PIPELINE_RENDER_PDF_PAGE_H_
#define PIPELINE_RENDER_PDF_PAGE_H_

#include <cstdint>
#include <string>
#include <vector>

namespace pipeline::render::pdf {

struct Rgb {
  double r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

struct PlacedGlyph {
  std::uint32_t gid = 0;
  char32_t cp = 0;  // the character it shows (ToUnicode)
  double x = 0;     // along the run's baseline, from the run origin, in points
};

// Glyphs of one font and size on one baseline. `angle_deg` rotates the baseline about (x, y).
struct TextRun {
  int font = 0;  // FontSet index
  double size = 16;
  Rgb color;
  double x = 0, y = 0;  // origin of the baseline
  double angle_deg = 0;
  std::vector<PlacedGlyph> glyphs;
};

struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  Rgb color;
};

struct Page {
  double width = 595.28, height = 841.89;
  std::vector<TextRun> background;  // drawn first, in a light gray (watermark)
  double background_gray = 0.85;
  std::vector<Rule> rules;
  std::vector<TextRun> runs;
};

struct DocumentInfo {
  std::string title;   // UTF-8
  std::string author;  // issuing authority
  std::string subject;
  std::string creator;        // program name
  std::string creation_date;  // PDF date string "D:20250701000000+08'00'"
};

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_PAGE_H_
