// The Word half of form_reader.h; see there for the layout rules and location format.
#include <cstring>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "pipeline/core/utf8.h"
#include "pipeline/ingest/form_reader.h"
#include "pipeline/ingest/text_util.h"
#include "pipeline/ingest/zip_reader.h"

namespace pipeline::ingest {
namespace {

// Local name without the namespace prefix ("w:tc" -> "tc"), so documents that bind the
// WordprocessingML namespace to another prefix read the same.
std::string_view Local(const pugi::xml_node& n) {
  std::string_view name = n.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool IsWrapper(std::string_view local) {
  // Containers Word puts around rows, cells, runs and paragraphs.
  return local == "sdt" || local == "sdtContent" || local == "customXml" || local == "smartTag" ||
         local == "ins" || local == "hyperlink" || local == "fldSimple";
}

// Children of `parent` with local name `want`, looking through wrapper elements.
void CollectChildren(const pugi::xml_node& parent, std::string_view want,
                     std::vector<pugi::xml_node>& out) {
  for (pugi::xml_node c : parent.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view l = Local(c);
    if (l == want) {
      out.push_back(c);
    } else if (IsWrapper(l)) {
      CollectChildren(c, want, out);
    }
  }
}

pugi::xml_node ChildLocal(const pugi::xml_node& parent, std::string_view want) {
  for (pugi::xml_node c : parent.children()) {
    if (c.type() == pugi::node_element && Local(c) == want) return c;
  }
  return pugi::xml_node();
}

std::string_view AttrLocal(const pugi::xml_node& n, std::string_view want) {
  for (pugi::xml_attribute a : n.attributes()) {
    std::string_view name = a.name();
    std::size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == want) return a.value();
  }
  return {};
}

// Text of the runs under `node` (a paragraph or part of one), skipping nested tables.
void RunText(const pugi::xml_node& node, std::string& out) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string_view l = Local(c);
    if (l == "t") {
      out += c.text().get();
    } else if (l == "tab") {
      out += '\t';
    } else if (l == "br" || l == "cr") {
      out += '\n';
    } else if (l == "tbl" || l == "del" || l == "instrText" || l == "delText" || l == "rPr" ||
               l == "pPr") {
      continue;
    } else {
      RunText(c, out);
    }
  }
}

std::string ParagraphText(const pugi::xml_node& p) {
  std::string out;
  RunText(p, out);
  return out;
}

struct Cell {
  std::string text;  // trimmed
  std::string loc;
  bool continued = false;  // vMerge continuation of the cell above
  std::vector<pugi::xml_node> nested;
};

enum class Mode { kLabels, kOccupations, kChanges };

class DocxWalker {
 public:
  DocxWalker(const std::string& file, const FormLabels& labels, model::FormData& out)
      : file_(file), labels_(labels), out_(out) {}

  void Body(const pugi::xml_node& body) {
    int tables = 0;
    int paragraphs = 0;
    std::vector<pugi::xml_node> blocks;
    CollectBlocks(body, blocks);
    for (const pugi::xml_node& b : blocks) {
      if (Local(b) == "tbl") {
        Table(b, "T" + std::to_string(++tables));
      } else {
        std::string loc = "P" + std::to_string(++paragraphs);
        std::string text = TrimSpace(ParagraphText(b));
        InlinePair(text, loc, /*record_unknown=*/false);
      }
    }
  }

 private:
  static void CollectBlocks(const pugi::xml_node& parent, std::vector<pugi::xml_node>& out) {
    for (pugi::xml_node c : parent.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view l = Local(c);
      if (l == "tbl" || l == "p") {
        out.push_back(c);
      } else if (IsWrapper(l)) {
        CollectBlocks(c, out);
      }
    }
  }

  void Table(const pugi::xml_node& tbl, const std::string& prefix) {
    std::vector<pugi::xml_node> rows;
    CollectChildren(tbl, "tr", rows);
    std::map<int, std::string> merge_origin;  // grid column -> text of a vMerge restart cell
    Mode mode = Mode::kLabels;
    std::vector<int> columns;  // cell index -> column id (-1 = none), for table modes
    int r = 0;
    for (const pugi::xml_node& tr : rows) {
      ++r;
      std::string row_loc = prefix + "R" + std::to_string(r);
      std::vector<Cell> cells = ReadRow(tr, row_loc, merge_origin);

      if (std::optional<std::vector<int>> occ = OccupationHeader(cells)) {
        mode = Mode::kOccupations;
        columns = *occ;
      } else if (std::optional<std::vector<int>> chg = ChangeHeader(cells)) {
        mode = Mode::kChanges;
        columns = *chg;
      } else {
        if (mode == Mode::kOccupations && StartsWithKnownLabel(cells)) mode = Mode::kLabels;
        switch (mode) {
          case Mode::kLabels: LabelRow(cells); break;
          case Mode::kOccupations: OccupationRow(cells, columns, row_loc); break;
          case Mode::kChanges: ChangeRow(cells, columns, row_loc); break;
        }
      }
      for (const Cell& c : cells) {
        int k = 0;
        for (const pugi::xml_node& n : c.nested) Table(n, c.loc + "/T" + std::to_string(++k));
      }
    }
  }

  std::vector<Cell> ReadRow(const pugi::xml_node& tr, const std::string& row_loc,
                            std::map<int, std::string>& merge_origin) {
    std::vector<pugi::xml_node> tcs;
    CollectChildren(tr, "tc", tcs);
    int grid = 0;
    if (pugi::xml_node pr = ChildLocal(tr, "trPr")) {
      if (pugi::xml_node before = ChildLocal(pr, "gridBefore")) {
        grid = std::atoi(std::string(AttrLocal(before, "val")).c_str());
      }
    }
    std::vector<Cell> cells;
    int index = 0;
    for (const pugi::xml_node& tc : tcs) {
      Cell cell;
      cell.loc = row_loc + "C" + std::to_string(++index);
      std::vector<std::string> paras;
      for (pugi::xml_node c : tc.children()) {
        if (c.type() != pugi::node_element) continue;
        std::string_view l = Local(c);
        if (l == "p") {
          paras.push_back(ParagraphText(c));
        } else if (l == "tbl") {
          cell.nested.push_back(c);
        } else if (IsWrapper(l)) {
          std::vector<pugi::xml_node> inner;
          CollectBlocks(c, inner);
          for (const pugi::xml_node& b : inner) {
            if (Local(b) == "p") paras.push_back(ParagraphText(b));
            else cell.nested.push_back(b);
          }
        }
      }
      std::string joined;
      for (std::size_t i = 0; i < paras.size(); ++i) {
        if (i > 0) joined += '\n';
        joined += paras[i];
      }
      cell.text = TrimSpace(joined);

      int span = 1;
      std::string_view vmerge;
      bool has_vmerge = false;
      if (pugi::xml_node pr = ChildLocal(tc, "tcPr")) {
        if (pugi::xml_node gs = ChildLocal(pr, "gridSpan")) {
          span = std::max(1, std::atoi(std::string(AttrLocal(gs, "val")).c_str()));
        }
        if (pugi::xml_node vm = ChildLocal(pr, "vMerge")) {
          has_vmerge = true;
          vmerge = AttrLocal(vm, "val");
        }
      }
      if (has_vmerge && vmerge != "restart") {
        auto it = merge_origin.find(grid);
        if (it != merge_origin.end()) {
          cell.continued = true;
          if (cell.text.empty()) cell.text = it->second;
        }
      } else if (has_vmerge) {
        merge_origin[grid] = cell.text;
      } else {
        merge_origin.erase(grid);
      }
      grid += span;
      cells.push_back(std::move(cell));
    }
    return cells;
  }

  std::optional<std::vector<int>> OccupationHeader(const std::vector<Cell>& cells) const {
    std::vector<int> cols(cells.size(), -1);
    int found = 0;
    bool name = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].text.empty()) continue;
      if (std::optional<OccupationColumn> c = labels_.LookupOccupationColumn(cells[i].text)) {
        cols[i] = static_cast<int>(*c);
        ++found;
        name = name || *c == OccupationColumn::kName;
      }
    }
    if (found >= 2 && name) return cols;
    return std::nullopt;
  }

  std::optional<std::vector<int>> ChangeHeader(const std::vector<Cell>& cells) const {
    std::vector<int> cols(cells.size(), -1);
    bool before = false;
    bool after = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].text.empty()) continue;
      if (std::optional<ChangeColumn> c = labels_.LookupChangeColumn(cells[i].text)) {
        cols[i] = static_cast<int>(*c);
        before = before || *c == ChangeColumn::kBefore;
        after = after || *c == ChangeColumn::kAfter;
      }
    }
    if (before && after) return cols;
    return std::nullopt;
  }

  bool StartsWithKnownLabel(const std::vector<Cell>& cells) const {
    for (const Cell& c : cells) {
      if (c.text.empty()) continue;
      return labels_.Lookup(c.text).has_value();
    }
    return false;
  }

  void LabelRow(const std::vector<Cell>& cells) {
    std::size_t i = 0;
    while (i < cells.size()) {
      const Cell& c = cells[i];
      if (c.text.empty()) {
        ++i;
        continue;
      }
      std::optional<model::FormField> field = labels_.Lookup(c.text);
      if (!field) {
        if (InlinePair(c.text, c.loc, /*record_unknown=*/false)) {
          ++i;
        } else if (i + 1 < cells.size() && !labels_.Lookup(cells[i + 1].text).has_value()) {
          AddUnknown(c.text);
          i += 2;
        } else {
          ++i;  // a lone cell: a heading or a note, not a pair
        }
        continue;
      }
      const Cell* value = i + 1 < cells.size() ? &cells[i + 1] : nullptr;
      // "label | label | value": the first label has no value cell.
      // Only when a cell follows to be that label's value: in `变更事项 | 机构名称` the second
      // cell is a value that happens to read like a label.
      if (value != nullptr && i + 2 < cells.size() && !value->continued && !value->text.empty() &&
          labels_.Lookup(value->text).has_value()) {
        Add(*field, c.text, "", c.loc);
        ++i;
        continue;
      }
      std::string text = value != nullptr ? value->text : "";
      const std::string& loc = value != nullptr ? value->loc : c.loc;
      if (c.continued) {
        // The label is merged over rows: this row adds to the value of the same field.
        for (auto it = out_.cells.rbegin(); it != out_.cells.rend(); ++it) {
          if (it->field == *field) {
            if (!text.empty() && !(value != nullptr && value->continued)) {
              if (!it->value.empty()) it->value += '\n';
              it->value += text;
            }
            break;
          }
        }
      } else {
        Add(*field, c.text, text, loc);
      }
      i += value != nullptr ? 2 : 1;
    }
  }

  // "label：value" in one cell or paragraph. Returns true when the prefix is a known label.
  bool InlinePair(const std::string& text, const std::string& loc, bool record_unknown) {
    std::size_t cut = std::string::npos;
    std::size_t skip = 0;
    std::size_t full = text.find("\xEF\xBC\x9A");  // U+FF1A FULLWIDTH COLON
    std::size_t half = text.find(':');
    if (full != std::string::npos && (half == std::string::npos || full < half)) {
      cut = full;
      skip = 3;
    } else if (half != std::string::npos) {
      cut = half;
      skip = 1;
    }
    if (cut == std::string::npos || cut == 0) return false;
    std::string label = text.substr(0, cut);
    std::optional<model::FormField> field = labels_.Lookup(label);
    if (!field) {
      if (record_unknown) AddUnknown(label);
      return false;
    }
    Add(*field, TrimSpace(label), TrimSpace(text.substr(cut + skip)), loc);
    return true;
  }

  void OccupationRow(const std::vector<Cell>& cells, const std::vector<int>& cols,
                     const std::string& loc) {
    model::OccupationRow row;
    for (std::size_t i = 0; i < cells.size() && i < cols.size(); ++i) {
      switch (cols[i]) {
        case static_cast<int>(OccupationColumn::kSeq): row.seq = cells[i].text; break;
        case static_cast<int>(OccupationColumn::kCode): row.code = cells[i].text; break;
        case static_cast<int>(OccupationColumn::kName): row.name = cells[i].text; break;
        case static_cast<int>(OccupationColumn::kLevels): row.levels = cells[i].text; break;
        default: break;
      }
    }
    if (row.code.empty() && row.name.empty() && row.levels.empty()) return;  // blank row
    row.where = {file_, loc};
    out_.occupations.push_back(std::move(row));
  }

  void ChangeRow(const std::vector<Cell>& cells, const std::vector<int>& cols,
                 const std::string& loc) {
    model::ChangeRow row;
    for (std::size_t i = 0; i < cells.size() && i < cols.size(); ++i) {
      switch (cols[i]) {
        case static_cast<int>(ChangeColumn::kItem): row.item = cells[i].text; break;
        case static_cast<int>(ChangeColumn::kBefore): row.before = cells[i].text; break;
        case static_cast<int>(ChangeColumn::kAfter): row.after = cells[i].text; break;
        default: break;
      }
    }
    if (row.item.empty() && row.before.empty() && row.after.empty()) return;
    row.where = {file_, loc};
    out_.changes.push_back(std::move(row));
  }

  void Add(model::FormField field, const std::string& label, const std::string& value,
           const std::string& loc) {
    out_.cells.push_back(model::FormCell{field, label, value, model::SourceRef{file_, loc}});
  }

  void AddUnknown(const std::string& label) {
    for (const std::string& u : out_.unknown_labels) {
      if (u == label) return;
    }
    out_.unknown_labels.push_back(label);
  }

  const std::string& file_;
  const FormLabels& labels_;
  model::FormData& out_;
};

}  // namespace

Result<model::FormData> ParseDocumentXml(std::string_view document_xml, const std::string& file,
                                         const FormLabels& labels) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(document_xml.data(), document_xml.size());
  if (!parsed) {
    return Status::InvalidData("word/document.xml: malformed XML at offset " +
                                   std::to_string(parsed.offset) + ": " + parsed.description(),
                               file);
  }
  pugi::xml_node root = doc.document_element();
  pugi::xml_node body = ChildLocal(root, "body");
  if (Local(root) != "document" || !body) {
    return Status::InvalidData("word/document.xml: no <w:document>/<w:body>", file);
  }
  model::FormData data;
  data.file = file;
  data.source = model::FormSource::kDocx;
  DocxWalker(file, labels, data).Body(body);
  return data;
}

Result<model::FormData> ReadDocxForm(std::string_view docx_bytes, const std::string& file,
                                     const FormLabels& labels, const Limits& limits) {
  ZipReader zip(docx_bytes, limits);
  if (zip.problem() != ZipProblem::kNone) {
    return Status::InvalidData("not a readable docx: " + zip.detail(), file);
  }
  Result<std::string> xml = zip.Read("word/document.xml");
  if (!xml) return Status::InvalidData(xml.error().message(), file);
  return ParseDocumentXml(*xml, file, labels);
}

}  // namespace pipeline::ingest
