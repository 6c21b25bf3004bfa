// The document model: what a template produces and the typesetter lays out.
//
// A Document is a flat list of blocks in reading order (issuer mark, document number, title,
// paragraphs, headings, tables, signature block, ...) plus page-level furniture (page number
// format, watermark, 版记). All text is final UTF-8: placeholders, conditions and repetition have
// already been resolved by the template engine, so the typesetter never sees template syntax.
#ifndef PIPELINE_RENDER_PDF_DOCUMENT_H_
#define PIPELINE_RENDER_PDF_DOCUMENT_H_

#include <string>
#include <variant>
#include <vector>

#include "pipeline/core/date.h"

namespace pipeline::render {

enum class Align { kJustify, kLeft, kCenter, kRight };

// 发文机关标志: red, centred, shrunk to the type area's width when needed.
struct IssuerMark {
  std::string text;
};

// 发文字号 (e.g. `X〔2025〕1号`), centred, with the red separator line below it. An upward
// document (上行文) has a 签发人 line: the number then sits one character in from the left and
// the 签发人 one character in from the right, on the same line (GB/T 9704 7.2.4, 7.2.5).
struct DocNumber {
  std::string text;
  std::string signer;  // e.g. 「签发人：…」; empty = centred number
};

// 标题: centred, balanced lines in the title font, broken only between words (GB/T 9704 7.3.1).
struct Title {
  std::string text;
  std::vector<std::string> keep;  // spans never broken across lines (the institution's name)
};

// A paragraph of running text on the character grid. Headings are paragraphs with a heading role.
struct Paragraph {
  std::string text;
  std::string role = "body";     // font role (fonts.xml)
  double size = 0;               // points; 0 = the layout's body size
  double indent_chars = 2;       // first-line indent, in grid characters
  double rest_indent_chars = 0;  // indent of the following lines (hanging indent for 附件说明)
  Align align = Align::kJustify;
  bool keep_with_next = false;  // headings: never the last line of a page
  // Kept whole and on the page of the line above it (the 签字 lines above the signature block,
  // which GB/T 9704 7.3.5 keeps with the 正文).
  bool keep_with_prev = false;
};

// Empty grid lines.
struct Blank {
  int lines = 1;
};

struct TableColumn {
  double width_mm = 20;
  Align align = Align::kCenter;
};

// A ruled table; the header row is repeated on every page the table reaches.
struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::string> header;             // one cell per column (may be empty: no header)
  std::vector<std::vector<std::string>> rows;  // each row: one cell per column
  std::string role = "body";
  std::string header_role = "heading1";
  double size = 0;  // points; 0 = the layout's table size
};

// 署名 and 成文日期: the date right-aligned, `date_right_chars` from the right edge; each signer
// centred over the date. Kept on the page of the text above it.
struct Signature {
  std::vector<std::string> signers;
  std::string date;
};

struct PageBreak {};

using Block =
    std::variant<IssuerMark, DocNumber, Title, Paragraph, Blank, Table, Signature, PageBreak>;

// One line of the 版记 (抄送, 印发机关和印发日期): left text, optional right-aligned text.
struct BanjiRow {
  std::string left;
  std::string right;
};

struct Document {
  std::string name;     // template name, for error messages
  std::string title;    // PDF /Title
  std::string author;   // PDF /Author: the issuing authority
  std::string subject;  // PDF /Subject
  Date date;            // 成文日期; also the PDF creation date
  std::vector<Block> blocks;
  std::string page_number_format = "{page}";  // "{page}" is replaced by the page number
  std::string watermark;                      // drawn on every page when non-empty (草稿)
  std::vector<BanjiRow> banji;                // 版记, at the foot of the last page when non-empty
};

}  // namespace pipeline::render

#endif  // PIPELINE_RENDER_PDF_DOCUMENT_H_
