#include "pipeline/evaluation/xlsx_reader.h"

#include <cstdlib>
#include <cstring>
#include <pugixml.hpp>

#include "pipeline/ingest/zip_reader.h"

namespace pipeline::evaluation {
namespace {

// Element name without its namespace prefix ("x:row" -> "row"): writers differ in prefixes.
const char* Local(const pugi::xml_node& n) {
  const char* name = n.name();
  const char* colon = std::strrchr(name, ':');
  return colon != nullptr ? colon + 1 : name;
}

bool Is(const pugi::xml_node& n, const char* local) {
  return n.type() == pugi::node_element && std::strcmp(Local(n), local) == 0;
}

pugi::xml_node Child(const pugi::xml_node& n, const char* local) {
  for (pugi::xml_node c : n.children()) {
    if (Is(c, local)) return c;
  }
  return {};
}

// An attribute by local name (r:id, relationships:id, ...).
pugi::xml_attribute Attr(const pugi::xml_node& n, const char* local) {
  for (pugi::xml_attribute a : n.attributes()) {
    const char* name = a.name();
    const char* colon = std::strrchr(name, ':');
    if (std::strcmp(colon != nullptr ? colon + 1 : name, local) == 0) return a;
  }
  return {};
}

// Concatenated <t> texts below `n` (a shared string item or an inline string: plain or rich
// runs), skipping phonetic runs (<rPh>).
std::string TextOf(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (Is(c, "t")) {
      out += c.text().get();
    } else if (Is(c, "r")) {
      out += TextOf(c);
    }
  }
  return out;
}

Result<pugi::xml_document*> Parse(const ingest::ZipReader& zip, const std::string& part,
                                  pugi::xml_document& doc) {
  Result<std::string> text = zip.Read(part);
  if (!text) return Status::InvalidData("cannot read part " + part + ": " + text.error().message());
  pugi::xml_parse_result r = doc.load_buffer(text->data(), text->size());
  if (!r) return Status::InvalidData("part " + part + ": bad XML: " + r.description());
  return &doc;
}

// Resolves a relationship target against the folder of the part that names it.
std::string ResolveTarget(const std::string& base_dir, const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string path = base_dir.empty() ? target : base_dir + "/" + target;
  // Collapse "a/../b".
  std::vector<std::string> parts;
  std::size_t at = 0;
  while (at <= path.size()) {
    std::size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    const std::string seg = path.substr(at, slash - at);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    at = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::map<std::string, std::string> Relationships(const ingest::ZipReader& zip,
                                                 const std::string& rels_part,
                                                 const std::string& base_dir) {
  std::map<std::string, std::string> out;
  pugi::xml_document doc;
  if (!Parse(zip, rels_part, doc)) return out;
  for (pugi::xml_node r : Child(doc, "Relationships").children()) {
    if (!Is(r, "Relationship")) continue;
    out[r.attribute("Id").value()] = ResolveTarget(base_dir, r.attribute("Target").value());
  }
  return out;
}

std::string WorkbookPart(const ingest::ZipReader& zip) {
  pugi::xml_document doc;
  if (Parse(zip, "_rels/.rels", doc)) {
    for (pugi::xml_node r : Child(doc, "Relationships").children()) {
      const std::string type = r.attribute("Type").value();
      if (Is(r, "Relationship") && type.size() >= 14 &&
          type.compare(type.size() - 14, 14, "officeDocument") == 0) {
        return ResolveTarget("", r.attribute("Target").value());
      }
    }
  }
  return "xl/workbook.xml";
}

std::string DirOf(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash);
}

std::string FileOf(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? part : part.substr(slash + 1);
}

Result<std::vector<std::string>> SharedStrings(const ingest::ZipReader& zip,
                                               const std::string& part) {
  std::vector<std::string> out;
  if (part.empty() || !zip.Has(part)) return out;
  pugi::xml_document doc;
  Result<pugi::xml_document*> p = Parse(zip, part, doc);
  if (!p) return p.error();
  for (pugi::xml_node si : Child(doc, "sst").children()) {
    if (Is(si, "si")) out.push_back(TextOf(si));
  }
  return out;
}

XlsxCell ReadCell(const pugi::xml_node& c, const std::vector<std::string>& shared) {
  XlsxCell cell;
  const std::string t = c.attribute("t").value();
  cell.formula = static_cast<bool>(Child(c, "f"));
  pugi::xml_node v = Child(c, "v");
  const std::string value = v ? v.text().get() : "";
  if (t == "inlineStr") {
    cell.type = XlsxCell::Type::kText;
    cell.text = TextOf(Child(c, "is"));
  } else if (t == "s") {
    char* end = nullptr;
    const long i = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || i < 0 || static_cast<std::size_t>(i) >= shared.size()) {
      cell.type = XlsxCell::Type::kError;
      cell.text = value;
    } else {
      cell.type = XlsxCell::Type::kText;
      cell.text = shared[static_cast<std::size_t>(i)];
    }
  } else if (t == "str") {
    cell.type = v ? XlsxCell::Type::kText : XlsxCell::Type::kEmpty;
    cell.text = value;
  } else if (t == "b") {
    cell.type = XlsxCell::Type::kBool;
    cell.text = value;
    cell.number = value == "1" ? 1 : 0;
  } else if (t == "e") {
    cell.type = XlsxCell::Type::kError;
    cell.text = value;
  } else if (v && !value.empty()) {  // "n", "d" (ISO date text) or absent
    char* end = nullptr;
    cell.number = std::strtod(value.c_str(), &end);
    cell.text = value;
    cell.type = (*end == '\0' && t != "d") ? XlsxCell::Type::kNumber : XlsxCell::Type::kText;
  }
  return cell;
}

Status ReadSheet(const ingest::ZipReader& zip, const std::string& part,
                 const std::vector<std::string>& shared, XlsxSheet* sheet) {
  pugi::xml_document doc;
  Result<pugi::xml_document*> p = Parse(zip, part, doc);
  if (!p) return p.error();
  pugi::xml_node data = Child(Child(doc, "worksheet"), "sheetData");
  int row_no = 0;
  for (pugi::xml_node row : data.children()) {
    if (!Is(row, "row")) continue;
    const int r = row.attribute("r").as_int(0);
    row_no = r > 0 ? r : row_no + 1;
    int col_no = 0;
    for (pugi::xml_node c : row.children()) {
      if (!Is(c, "c")) continue;
      std::optional<std::pair<int, int>> at = ParseCellName(c.attribute("r").value());
      col_no = at ? at->second : col_no + 1;
      const int rr = at ? at->first : row_no;
      XlsxCell cell = ReadCell(c, shared);
      if (cell.type != XlsxCell::Type::kEmpty || cell.formula) sheet->cells[{rr, col_no}] = cell;
    }
  }
  return Status::Ok();
}

}  // namespace

const XlsxCell& XlsxSheet::At(int row, int col) const {
  static const XlsxCell kEmpty;
  auto it = cells.find({row, col});
  return it == cells.end() ? kEmpty : it->second;
}

const XlsxSheet* XlsxWorkbook::Sheet(const std::string& name) const {
  for (const XlsxSheet& s : sheets) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Result<XlsxWorkbook> ReadXlsx(const std::string& bytes) {
  ingest::Limits limits;
  ingest::ZipReader zip(bytes, limits);
  if (zip.problem() != ingest::ZipProblem::kNone) {
    return Status::InvalidData(zip.problem() == ingest::ZipProblem::kEncrypted
                                   ? "the workbook is encrypted"
                                   : "not a zip container: " + zip.detail());
  }
  if (zip.Has("EncryptedPackage")) return Status::InvalidData("the workbook is encrypted");
  const std::string wb_part = WorkbookPart(zip);
  const std::string wb_dir = DirOf(wb_part);
  pugi::xml_document wb;
  Result<pugi::xml_document*> p = Parse(zip, wb_part, wb);
  if (!p) return p.error();
  pugi::xml_node root = Child(wb, "workbook");
  if (!root) return Status::InvalidData("part " + wb_part + " has no <workbook>");
  const std::string rels_part =
      (wb_dir.empty() ? "" : wb_dir + "/") + "_rels/" + FileOf(wb_part) + ".rels";
  std::map<std::string, std::string> rels = Relationships(zip, rels_part, wb_dir);
  std::string shared_part;
  {
    pugi::xml_document rd;
    if (Parse(zip, rels_part, rd)) {
      for (pugi::xml_node r : Child(rd, "Relationships").children()) {
        const std::string type = r.attribute("Type").value();
        if (type.size() >= 13 && type.compare(type.size() - 13, 13, "sharedStrings") == 0) {
          shared_part = ResolveTarget(wb_dir, r.attribute("Target").value());
        }
      }
    }
  }
  if (shared_part.empty()) shared_part = (wb_dir.empty() ? "" : wb_dir + "/") + "sharedStrings.xml";
  Result<std::vector<std::string>> shared = SharedStrings(zip, shared_part);
  if (!shared) return shared.error();

  XlsxWorkbook out;
  for (pugi::xml_node s : Child(root, "sheets").children()) {
    if (!Is(s, "sheet")) continue;
    XlsxSheet sheet;
    sheet.name = s.attribute("name").value();
    auto it = rels.find(Attr(s, "id").value());
    if (it == rels.end()) {
      return Status::InvalidData("sheet \"" + sheet.name + "\" has no relationship target");
    }
    PIPELINE_RETURN_IF_ERROR(ReadSheet(zip, it->second, *shared, &sheet));
    out.sheets.push_back(std::move(sheet));
  }
  for (pugi::xml_node d : Child(root, "definedNames").children()) {
    if (!Is(d, "definedName") || d.attribute("localSheetId")) continue;
    out.defined_names[d.attribute("name").value()] = d.text().get();
  }
  return out;
}

std::string CellName(int row, int col) {
  std::string letters;
  for (int c = col; c > 0; c = (c - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return letters + std::to_string(row);
}

std::optional<std::pair<int, int>> ParseCellName(const std::string& ref) {
  std::size_t i = 0;
  int col = 0, row = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  const std::size_t letters_at = i;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i - letters_at < 3) {
    col = col * 26 + (ref[i] - 'A' + 1);
    ++i;
  }
  if (i == letters_at) return std::nullopt;
  if (i < ref.size() && ref[i] == '$') ++i;
  const std::size_t digits_at = i;
  while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - digits_at < 7) {
    row = row * 10 + (ref[i] - '0');
    ++i;
  }
  if (i == digits_at || i != ref.size() || row == 0) return std::nullopt;
  return std::make_pair(row, col);
}

}  // namespace pipeline::evaluation
