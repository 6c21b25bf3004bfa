#include "pipeline/render/pdf/layout.h"

#include <cstring>
#include <map>
#include <pugixml.hpp>

#include "pipeline/core/xml.h"

namespace pipeline::render::pdf {
namespace {

struct Field {
  const char* element;
  const char* attribute;
  double* number;
  int* integer;
  std::string* text;
};

}  // namespace

Result<Layout> LoadLayout(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path);
  if (!text) return text.error().WithContext("reading layout");
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(path, *text, doc));
  pugi::xml_node root = doc.child("layout");
  if (!root) return Status::InvalidData("root element must be <layout>", path, 1);
  Layout l;
  const Field fields[] = {
      {"page", "width_mm", &l.page_width_mm, nullptr, nullptr},
      {"page", "height_mm", &l.page_height_mm, nullptr, nullptr},
      {"page", "top_mm", &l.top_mm, nullptr, nullptr},
      {"page", "left_mm", &l.left_mm, nullptr, nullptr},
      {"page", "body_width_mm", &l.body_width_mm, nullptr, nullptr},
      {"page", "body_height_mm", &l.body_height_mm, nullptr, nullptr},
      {"grid", "lines", nullptr, &l.lines_per_page, nullptr},
      {"grid", "chars", nullptr, &l.chars_per_line, nullptr},
      {"grid", "size", &l.body_size, nullptr, nullptr},
      {"grid", "line_pitch", &l.line_pitch, nullptr, nullptr},
      {"grid", "baseline_ratio", &l.baseline_ratio, nullptr, nullptr},
      {"kinsoku", "no_line_start", nullptr, nullptr, &l.no_line_start},
      {"kinsoku", "no_line_end", nullptr, nullptr, &l.no_line_end},
      {"issuer_mark", "size", &l.issuer_mark_size, nullptr, nullptr},
      {"issuer_mark", "lines", nullptr, &l.issuer_mark_lines, nullptr},
      {"color", "red_r", &l.red.r, nullptr, nullptr},
      {"color", "red_g", &l.red.g, nullptr, nullptr},
      {"color", "red_b", &l.red.b, nullptr, nullptr},
      {"doc_number", "rule_offset_mm", &l.doc_number_rule_offset_mm, nullptr, nullptr},
      {"doc_number", "rule_width", &l.doc_number_rule_width, nullptr, nullptr},
      {"doc_number", "lines_after", nullptr, &l.doc_number_lines_after, nullptr},
      {"title", "size", &l.title_size, nullptr, nullptr},
      {"title", "lines_after", nullptr, &l.title_lines_after, nullptr},
      {"table", "size", &l.table_size, nullptr, nullptr},
      {"table", "rule_width", &l.table_rule_width, nullptr, nullptr},
      {"table", "padding_mm", &l.table_padding_mm, nullptr, nullptr},
      {"signature", "date_right_chars", &l.date_right_chars, nullptr, nullptr},
      {"page_number", "size", &l.page_number_size, nullptr, nullptr},
      {"page_number", "offset_mm", &l.page_number_offset_mm, nullptr, nullptr},
      {"page_number", "dash_ratio", &l.page_number_dash_ratio, nullptr, nullptr},
      {"page_number", "indent_chars", &l.page_number_indent_chars, nullptr, nullptr},
      {"watermark", "size", &l.watermark_size, nullptr, nullptr},
      {"watermark", "gray", &l.watermark_gray, nullptr, nullptr},
      {"watermark", "angle", &l.watermark_angle, nullptr, nullptr},
      {"banji", "size", &l.banji_size, nullptr, nullptr},
      {"banji", "outer_rule", &l.banji_outer_rule, nullptr, nullptr},
      {"banji", "inner_rule", &l.banji_inner_rule, nullptr, nullptr},
      {"banji", "indent_chars", &l.banji_indent_chars, nullptr, nullptr},
  };
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    int line = LineAtOffset(*text, node.offset_debug());
    bool known_element = false;
    for (pugi::xml_attribute attr : node.attributes()) {
      const Field* field = nullptr;
      for (const Field& f : fields) {
        if (std::strcmp(f.element, node.name()) == 0) {
          known_element = true;
          if (std::strcmp(f.attribute, attr.name()) == 0) field = &f;
        }
      }
      if (field == nullptr) {
        return Status::InvalidData(
            std::string("unknown layout setting <") + node.name() + " " + attr.name() + "=...>",
            path, line);
      }
      if (field->text != nullptr) {
        *field->text = attr.value();
        continue;
      }
      Result<double> v = NumberAttribute(node, attr.name(), 0, path, *text);
      if (!v) return v.error();
      if (field->number != nullptr) *field->number = *v;
      if (field->integer != nullptr) *field->integer = static_cast<int>(*v);
    }
    (void)known_element;
  }
  if (l.lines_per_page < 1 || l.chars_per_line < 1 || l.body_size <= 0) {
    return Status::InvalidData("grid lines, chars and size must be positive", path);
  }
  return l;
}

}  // namespace pipeline::render::pdf
