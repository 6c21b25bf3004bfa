#include "pipeline/ingest/xlsx_reader.h"

#include <pugixml.hpp>

#include <cstdio>

#include "pipeline/ingest/zip_reader.h"

namespace pipeline::ingest {

namespace {

// Every <t> below `node` concatenated (rich-text runs), leaving out phonetic hints (<rPh>).
std::string TextOf(pugi::xml_node node) {
  std::string out;
  for (pugi::xml_node c : node.children()) {
    const std::string_view name = c.name();
    if (name == "t") out += c.text().get();
    else if (name == "r") out += TextOf(c);
  }
  return out;
}

Result<pugi::xml_document*> Parse(const ZipReader& zip, const std::string& part,
                                  const std::string& file, pugi::xml_document* doc) {
  Result<std::string> xml = zip.Read(part);
  if (!xml) return Status::InvalidData("cannot read part " + part + " (" + xml.error().message() + ")", file);
  pugi::xml_parse_result pr = doc->load_buffer(xml->data(), xml->size());
  if (!pr) {
    return Status::InvalidData("part " + part + ": bad XML: " + pr.description() + " at offset " +
                                   std::to_string(pr.offset),
                               file);
  }
  return doc;
}

// The first sheet's part name: workbook.xml's first <sheet> resolved through its relationships;
// xl/worksheets/sheet1.xml when the workbook says nothing usable.
std::string FirstSheetPart(const ZipReader& zip) {
  const std::string fallback = "xl/worksheets/sheet1.xml";
  pugi::xml_document wb, rels;
  if (!zip.Has("xl/workbook.xml") || !zip.Has("xl/_rels/workbook.xml.rels")) return fallback;
  Result<std::string> wb_xml = zip.Read("xl/workbook.xml");
  Result<std::string> rels_xml = zip.Read("xl/_rels/workbook.xml.rels");
  if (!wb_xml || !rels_xml || !wb.load_buffer(wb_xml->data(), wb_xml->size()) ||
      !rels.load_buffer(rels_xml->data(), rels_xml->size())) {
    return fallback;
  }
  pugi::xml_node sheet = wb.document_element().child("sheets").child("sheet");
  const std::string rid = sheet.attribute("r:id").value();
  for (pugi::xml_node r : rels.document_element().children("Relationship")) {
    if (rid.empty() || r.attribute("Id").value() != rid) continue;
    std::string target = r.attribute("Target").value();
    if (target.empty()) break;
    if (target[0] == '/') return target.substr(1);
    return "xl/" + target;
  }
  return fallback;
}

// "BC12" -> column index 54 (0-based); -1 when there are no letters.
int ColumnOf(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
  }
  return i == 0 ? -1 : col - 1;
}

}  // namespace

Result<std::vector<XlsxRow>> ReadXlsxSheet(std::string_view bytes, const std::string& file,
                                           const Limits& limits) {
  ZipReader zip(bytes, limits);
  if (zip.problem() != ZipProblem::kNone) {
    return Status::InvalidData("not a readable .xlsx workbook (" + zip.detail() + ")", file);
  }
  std::vector<std::string> shared;
  if (zip.Has("xl/sharedStrings.xml")) {
    pugi::xml_document sst;
    PIPELINE_RETURN_IF_ERROR(Parse(zip, "xl/sharedStrings.xml", file, &sst).status());
    for (pugi::xml_node si : sst.document_element().children("si")) shared.push_back(TextOf(si));
  }
  const std::string part = FirstSheetPart(zip);
  if (!zip.Has(part)) return Status::InvalidData("workbook has no worksheet " + part, file);
  pugi::xml_document sheet;
  PIPELINE_RETURN_IF_ERROR(Parse(zip, part, file, &sheet).status());
  std::vector<XlsxRow> rows;
  int next_row = 1;
  constexpr int kMaxColumns = 16384;  // XFD, the format's limit
  for (pugi::xml_node r : sheet.document_element().child("sheetData").children("row")) {
    XlsxRow row;
    row.row = r.attribute("r").as_int(next_row);
    next_row = row.row + 1;
    int next_col = 0;
    for (pugi::xml_node c : r.children("c")) {
      int col = ColumnOf(c.attribute("r").value());
      if (col < 0) col = next_col;
      if (col >= kMaxColumns) {
        return Status::InvalidData("row " + std::to_string(row.row) + ": column beyond XFD", file);
      }
      next_col = col + 1;
      const std::string_view type = c.attribute("t").value();
      std::string value;
      if (type == "s") {
        const long long idx = c.child("v").text().as_llong(-1);
        if (idx < 0 || static_cast<std::size_t>(idx) >= shared.size()) {
          return Status::InvalidData(std::string("cell ") + c.attribute("r").value() +
                                         ": shared string index out of range",
                                     file);
        }
        value = shared[static_cast<std::size_t>(idx)];
      } else if (type == "inlineStr") {
        value = TextOf(c.child("is"));
      } else {
        value = c.child("v").text().get();  // number, bool (0/1), str (formula result), error
      }
      const auto at = static_cast<std::size_t>(col);
      if (row.cells.size() <= at) row.cells.resize(at + 1);
      row.cells[at] = std::move(value);
    }
    bool empty = true;
    for (const std::string& v : row.cells) empty = empty && v.empty();
    if (!empty) rows.push_back(std::move(row));
  }
  return rows;
}

std::optional<std::string> ExcelSerialToIsoDate(std::string_view text) {
  if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != text.npos) {
    return std::nullopt;
  }
  const long serial = std::stol(std::string(text));
  if (serial < 1 || serial > 2958465) return std::nullopt;
  // Days from 1899-12-30 (Excel's day 0 once its phantom 1900-02-29 is accounted for).
  long z = serial - 25569 + 719468;  // days since 0000-03-01 (civil-from-days, H. Hinnant)
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return std::string(buf);
}

}  // namespace pipeline::ingest
