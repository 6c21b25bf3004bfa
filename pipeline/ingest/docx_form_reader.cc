// The Word half of form_reader.h; see there for the layout rules and location format.
//
// Bounded by Limits: the form's XML is parsed only below max_form_bytes and walked only when it
// nests no deeper than max_xml_depth (checked without recursion first), so the recursive
// helpers below recurse at most that deep. Tables nested deeper than max_table_nesting and
// wrappers (content controls, runs, …) nested deeper than max_inline_nesting are skipped, and
// every such skip is a LimitHit on the FormData.
#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/form_reader.h"
#include "pipeline/ingest/ooxml_package.h"
#include "pipeline/ingest/xml_text.h"
#include "pipeline/ingest/zip_reader.h"

namespace pipeline::ingest {
namespace {

// Local name without the namespace prefix ("w:tc" -> "tc"), so documents that bind the
// WordprocessingML namespace to another prefix read the same.
std::string_view Local(const pugi::xml_node& n) { return LocalName(n.name()); }

bool IsWrapper(std::string_view local) {
  // Containers Word puts around rows, cells, runs and paragraphs.
  return local == "sdt" || local == "sdtContent" || local == "customXml" || local == "smartTag" ||
         local == "ins" || local == "hyperlink" || local == "fldSimple" || local == "moveTo" ||
         local == "dir" || local == "bdo";
}

// Deleted tracked changes and properties: never part of what the form says.
bool IsSkipped(std::string_view local) {
  return local == "del" || local == "moveFrom" || local == "delText" || local == "instrText" ||
         local == "rPr" || local == "pPr" || local == "sdtPr" || local == "sdtEndPr" ||
         local == "tblPr" || local == "trPr" || local == "tcPr" || local == "tblGrid";
}

pugi::xml_node ChildLocal(const pugi::xml_node& parent, std::string_view want) {
  for (pugi::xml_node c : parent.children()) {
    if (c.type() == pugi::node_element && Local(c) == want) return c;
  }
  return pugi::xml_node();
}

std::string_view AttrLocal(const pugi::xml_node& n, std::string_view want) {
  for (pugi::xml_attribute a : n.attributes()) {
    if (LocalName(a.name()) == want) return a.value();
  }
  return {};
}

bool OnOff(const pugi::xml_node& n) {
  if (!n) return false;
  std::string_view v = AttrLocal(n, "val");
  return v.empty() || (v != "0" && v != "false" && v != "off");
}

// A content control still showing its placeholder (单击或点击此处输入文字。): empty.
bool IsPlaceholderSdt(const pugi::xml_node& n) {
  if (Local(n) != "sdt") return false;
  return OnOff(ChildLocal(ChildLocal(n, "sdtPr"), "showingPlcHdr"));
}

// A table row deleted with tracked changes (w:trPr/w:del).
bool IsDeletedRow(const pugi::xml_node& tr) {
  return static_cast<bool>(ChildLocal(ChildLocal(tr, "trPr"), "del"));
}

// A legacy check-box form field (w:fldChar/w:ffData/w:checkBox): its state as a typed mark.
// U+2611/U+2610 are listed as ticked/unticked marks in checklists/normalise.xml.
const char* LegacyCheckBox(const pugi::xml_node& fld_char) {
  pugi::xml_node box = ChildLocal(ChildLocal(fld_char, "ffData"), "checkBox");
  if (!box) return nullptr;
  pugi::xml_node checked = ChildLocal(box, "checked");
  std::string_view by_default = AttrLocal(ChildLocal(box, "default"), "val");
  bool on = checked ? OnOff(checked) : (by_default == "1" || by_default == "true");
  return on ? "\xE2\x98\x91" : "\xE2\x98\x90";
}

// Whether `text` holds an occupation code as 大典 writes them (4-03-02-01: a digit and three
// pairs of digits, dashes of any kind, full-width digits folded).
bool HoldsOccupationCode(std::string_view text) {
  std::string s = UnifyDashes(NormaliseCompact(text));
  auto digit = [&](std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  for (std::size_t i = 0; i + 10 <= s.size(); ++i) {
    if (digit(i) && s[i + 1] == '-' && digit(i + 2) && digit(i + 3) && s[i + 4] == '-' &&
        digit(i + 5) && digit(i + 6) && s[i + 7] == '-' && digit(i + 8) && digit(i + 9) &&
        (i == 0 || !digit(i - 1))) {
      return true;
    }
  }
  return false;
}

struct Cell {
  std::string text;  // trimmed
  std::string loc;
  int grid = 0;            // first grid column
  int span = 1;            // grid columns covered
  bool continued = false;  // vMerge continuation of the cell above
  std::vector<pugi::xml_node> nested;
};

enum class Mode { kLabels, kOccupations, kChanges };

// What one column of an occupations table holds: a column of OccupationColumn, or a tick
// column for one level (五级 | 四级 | … with ✓ in the ticked ones).
struct OccColumn {
  int column = -1;  // OccupationColumn, -1 for none
  int level = 0;    // 1..5 for a tick column
  std::string header;
};
using OccColumns = std::map<int, OccColumn>;  // grid column -> meaning

class DocxWalker {
 public:
  DocxWalker(const std::string& file, const FormLabels& labels, const Limits& limits,
             model::FormData& out)
      : file_(file), labels_(labels), limits_(limits), out_(out) {}

  void Body(const pugi::xml_node& body) {
    int tables = 0;
    int paragraphs = 0;
    std::vector<pugi::xml_node> blocks;
    CollectBlocks(body, blocks, 0);
    for (const pugi::xml_node& b : blocks) {
      if (Local(b) == "tbl") {
        Table(b, "T" + std::to_string(++tables), 0);
      } else {
        std::string loc = "P" + std::to_string(++paragraphs);
        std::string text = TrimSpace(ParagraphText(b));
        // Text between two tables ends a table, unless it is a （续表） caption.
        if (!text.empty() && !labels_.IsContinuedCaption(text)) carry_.reset();
        InlinePair(text, loc, /*record_unknown=*/false);
      }
    }
  }

 private:
  // Records that a limit was hit (once per limit and location kind).
  void Hit(const char* limit, std::size_t value, const std::string& loc, bool fatal = false) {
    RecordLimitHit(out_, limit, value, loc, fatal);
  }

  bool TooDeep(int depth, const std::string& loc) {
    if (depth <= limits_.max_inline_nesting) return false;
    Hit("max_inline_nesting", static_cast<std::size_t>(limits_.max_inline_nesting), loc);
    return true;
  }

  // Paragraphs and tables under `parent`, looking through wrappers.
  void CollectBlocks(const pugi::xml_node& parent, std::vector<pugi::xml_node>& out, int depth) {
    if (TooDeep(depth, "")) return;
    for (pugi::xml_node c : parent.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view l = Local(c);
      if (l == "tbl" || l == "p") {
        out.push_back(c);
        if (l == "p") TextBoxes(c, out, depth + 1);
      } else if (IsWrapper(l) && !IsPlaceholderSdt(c)) {
        CollectBlocks(c, out, depth + 1);
      }
    }
  }

  // The paragraphs and tables of the text boxes anchored in `node` (w:txbxContent, in a
  // drawing's wps:txbx or a VML v:textbox), after the paragraph that anchors them. Of an
  // mc:AlternateContent only the mc:Choice is read: its mc:Fallback repeats the same box.
  void TextBoxes(const pugi::xml_node& node, std::vector<pugi::xml_node>& out, int depth) {
    if (TooDeep(depth, "")) return;
    for (pugi::xml_node c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view l = Local(c);
      if (l == "txbxContent") {
        CollectBlocks(c, out, depth + 1);
      } else if (l != "Fallback" && l != "t" && !IsSkipped(l)) {
        TextBoxes(c, out, depth + 1);
      }
    }
  }

  // Children of `parent` with local name `want`, looking through wrappers. `placeholder` (when
  // given) says, per child, whether a placeholder content control wraps it.
  void CollectChildren(const pugi::xml_node& parent, std::string_view want,
                       std::vector<pugi::xml_node>& out, int depth,
                       std::vector<bool>* placeholder = nullptr, bool in_placeholder = false) {
    if (TooDeep(depth, "")) return;
    for (pugi::xml_node c : parent.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view l = Local(c);
      if (l == want) {
        out.push_back(c);
        if (placeholder != nullptr) placeholder->push_back(in_placeholder);
      } else if (IsWrapper(l)) {
        CollectChildren(c, want, out, depth + 1, placeholder,
                        in_placeholder || IsPlaceholderSdt(c));
      }
    }
  }

  // Text of the runs under `node` (a paragraph or part of one), skipping nested tables,
  // deleted text and placeholder content controls.
  void RunText(const pugi::xml_node& node, std::string& out, int depth) {
    if (TooDeep(depth, "")) return;
    for (pugi::xml_node c : node.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view l = Local(c);
      if (l == "t") {
        out += c.text().get();
      } else if (l == "tab") {
        out += '\t';
      } else if (l == "br" || l == "cr") {
        out += '\n';
      } else if (l == "fldChar") {
        if (const char* mark = LegacyCheckBox(c)) out += mark;
      } else if (l == "tbl" || l == "txbxContent" || l == "Fallback" || IsSkipped(l) ||
                 IsPlaceholderSdt(c)) {
        continue;  // text boxes are read as blocks of their own (TextBoxes)
      } else {
        RunText(c, out, depth + 1);
      }
      if (out.size() > limits_.max_value_chars * 4 + 4) return;  // cut later, stop growing
    }
  }

  std::string ParagraphText(const pugi::xml_node& p) {
    std::string out;
    RunText(p, out, 0);
    return out;
  }

  // `text` cut to max_value_chars code points (a LimitHit when cut).
  std::string Capped(std::string text, const std::string& loc) {
    return CapValue(std::move(text), limits_, out_, loc);
  }

  void Table(const pugi::xml_node& tbl, const std::string& prefix, int nesting) {
    if (nesting > limits_.max_table_nesting) {
      Hit("max_table_nesting", static_cast<std::size_t>(limits_.max_table_nesting), prefix);
      return;
    }
    std::vector<pugi::xml_node> rows;
    CollectChildren(tbl, "tr", rows, 0);
    std::map<int, std::string> merge_origin;  // grid column -> text of a vMerge restart cell
    Mode mode = Mode::kLabels;
    OccColumns occ;
    std::vector<int> columns;  // cell index -> change column (-1 = none)
    int r = 0;
    bool first = true;
    // Occupation rows of this table (or of the table it continues) may take level rows.
    std::size_t occupations_before = out_.occupations.size();
    bool continues = false;
    bool header_row = false;  // the previous row was an occupations header
    for (const pugi::xml_node& tr : rows) {
      ++r;
      if (IsDeletedRow(tr)) continue;
      std::string row_loc = prefix + "R" + std::to_string(r);
      std::vector<Cell> cells = ReadRow(tr, row_loc, merge_origin);
      if (first && nesting == 0 && carry_ && ContinuesOccupations(cells)) {
        mode = Mode::kOccupations;  // Word split the table across pages: no header again
        occ = *carry_;
        continues = true;
      }
      first = false;
      const bool below_header = header_row;  // a level sub-header comes right below the header
      header_row = false;
      if (std::optional<OccColumns> header = OccupationHeader(cells)) {
        mode = Mode::kOccupations;
        occ = *header;
        occupations_before = out_.occupations.size();
        continues = false;
        header_row = true;
      } else if (mode == Mode::kOccupations && below_header && LevelSubHeader(cells, occ)) {
        // second header row: 五级 | 四级 | … under a merged 申报等级 (a row naming one level
        // further down is a level row of the occupation above, not a header)
      } else if (std::optional<std::vector<int>> chg = ChangeHeader(cells)) {
        mode = Mode::kChanges;
        columns = *chg;
      } else {
        if (mode == Mode::kOccupations && StartsWithKnownLabel(cells)) mode = Mode::kLabels;
        switch (mode) {
          case Mode::kLabels:
            LabelRow(cells, row_loc);
            break;
          case Mode::kOccupations:
            OccupationRow(cells, occ, row_loc,
                          continues || out_.occupations.size() > occupations_before);
            break;
          case Mode::kChanges:
            ChangeRow(cells, columns, row_loc);
            break;
        }
      }
      for (const Cell& c : cells) {
        int k = 0;
        for (const pugi::xml_node& n : c.nested) {
          Table(n, c.loc + "/T" + std::to_string(++k), nesting + 1);
        }
      }
    }
    if (nesting == 0) {
      if (mode == Mode::kOccupations) {
        carry_ = occ;
      } else {
        carry_.reset();
      }
    }
  }

  std::vector<Cell> ReadRow(const pugi::xml_node& tr, const std::string& row_loc,
                            std::map<int, std::string>& merge_origin) {
    std::vector<pugi::xml_node> tcs;
    std::vector<bool> placeholder;
    CollectChildren(tr, "tc", tcs, 0, &placeholder);
    int grid = 0;
    if (pugi::xml_node before = ChildLocal(ChildLocal(tr, "trPr"), "gridBefore")) {
      grid = std::clamp(std::atoi(std::string(AttrLocal(before, "val")).c_str()), 0, 1000);
    }
    std::vector<Cell> cells;
    int index = 0;
    for (std::size_t t = 0; t < tcs.size(); ++t) {
      const pugi::xml_node& tc = tcs[t];
      Cell cell;
      cell.loc = row_loc + "C" + std::to_string(++index);
      std::vector<std::string> paras;
      if (!placeholder[t]) CellContent(tc, cell, paras);
      std::string joined;
      for (std::size_t i = 0; i < paras.size(); ++i) {
        if (i > 0) joined += '\n';
        joined += paras[i];
      }
      cell.text = Capped(TrimSpace(joined), cell.loc);

      int span = 1;
      std::string_view vmerge;
      bool has_vmerge = false;
      if (pugi::xml_node pr = ChildLocal(tc, "tcPr")) {
        if (pugi::xml_node gs = ChildLocal(pr, "gridSpan")) {
          span = std::clamp(std::atoi(std::string(AttrLocal(gs, "val")).c_str()), 1, 1000);
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
      cell.grid = grid;
      cell.span = span;
      grid += span;
      cells.push_back(std::move(cell));
    }
    return cells;
  }

  // The paragraphs (texts) and nested tables of one cell.
  void CellContent(const pugi::xml_node& tc, Cell& cell, std::vector<std::string>& paras) {
    std::vector<pugi::xml_node> blocks;
    CollectBlocks(tc, blocks, 0);
    for (const pugi::xml_node& b : blocks) {
      if (Local(b) == "p") {
        paras.push_back(ParagraphText(b));
      } else {
        cell.nested.push_back(b);
      }
    }
  }

  std::optional<OccColumns> OccupationHeader(const std::vector<Cell>& cells) const {
    OccColumns cols;
    int found = 0;
    bool name = false;
    for (const Cell& c : cells) {
      if (c.text.empty() || c.continued) continue;
      if (std::optional<OccupationColumn> col = labels_.LookupOccupationColumn(c.text)) {
        cols[c.grid] = OccColumn{static_cast<int>(*col), 0, c.text};
        ++found;
        name = name || *col == OccupationColumn::kName;
      } else if (std::optional<int> level = labels_.LookupLevelColumn(c.text)) {
        cols[c.grid] = OccColumn{-1, *level, c.text};
        ++found;
      }
    }
    if (found >= 2 && name) return cols;
    return std::nullopt;
  }

  // A row naming only levels (五级 | 四级 | …) below an occupations header: tick columns.
  bool LevelSubHeader(const std::vector<Cell>& cells, OccColumns& cols) const {
    OccColumns add;
    for (const Cell& c : cells) {
      if (c.text.empty() || c.continued) continue;
      std::optional<int> level = labels_.LookupLevelColumn(c.text);
      if (!level) return false;
      add[c.grid] = OccColumn{-1, *level, c.text};
    }
    if (add.empty()) return false;
    for (auto& [grid, col] : add) cols[grid] = col;
    return true;
  }

  // The first row of a table after an occupations table that ended the previous table: does it
  // read as more occupation rows (same grid, no header, no label)?
  bool ContinuesOccupations(const std::vector<Cell>& cells) const {
    if (cells.empty() || OccupationHeader(cells) || StartsWithKnownLabel(cells)) return false;
    int width = cells.back().grid + cells.back().span;
    int carried = carry_->empty() ? 0 : carry_->rbegin()->first + 1;
    return width >= carried;
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

  void LabelRow(const std::vector<Cell>& cells, const std::string& row_loc) {
    for (const Cell& c : cells) {
      if (c.continued || !HoldsOccupationCode(c.text) || labels_.Lookup(c.text)) continue;
      if (out_.unread_occupation_rows.size() < 10) out_.unread_occupation_rows.push_back(row_loc);
      break;
    }
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
              it->value = Capped(it->value + text, loc);
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

  // 「label：value」 in one cell or paragraph. Returns true when the prefix is a known label.
  bool InlinePair(const std::string& text, const std::string& loc, bool record_unknown) {
    std::size_t cut = std::string::npos;
    std::size_t skip = 0;
    std::string fullwidth_colon;
    AppendUtf8(0xFF1A, fullwidth_colon);
    std::size_t full = text.find(fullwidth_colon);
    std::size_t half = text.find(':');
    if (full != std::string::npos && (half == std::string::npos || full < half)) {
      cut = full;
      skip = fullwidth_colon.size();
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

  void OccupationRow(const std::vector<Cell>& cells, const OccColumns& cols, const std::string& loc,
                     bool may_fold) {
    model::OccupationRow row;
    std::string ticked;    // the headers of ticked level columns, comma-separated
    bool own = false;      // a cell with text of its own (not only merged from above)
    bool key_own = false;  // ... in the 序号, code or name column
    bool skip = false;     // a 以下空白 / 合计 row
    for (const Cell& c : cells) {
      if (!c.continued && !c.text.empty()) own = true;
      if (!c.text.empty() && labels_.IsSkipRow(c.text)) skip = true;
      bool placed = false;  // a cell spanning columns gives its text to the first data column
      for (auto it = cols.lower_bound(c.grid); it != cols.end() && it->first < c.grid + c.span;
           ++it) {
        const OccColumn& col = it->second;
        if (col.level > 0) {
          // A tick merged over several level columns ticks each of them.
          if (!c.continued && labels_.IsTicked(c.text))
            ticked += (ticked.empty() ? "" : ",") + col.header;
          continue;
        }
        if (placed) continue;
        placed = true;
        if (col.column != static_cast<int>(OccupationColumn::kLevels) && !c.continued &&
            !c.text.empty()) {
          key_own = true;
        }
        Place(row, col.column, c.text);
      }
    }
    if (row.levels.empty()) row.levels = ticked;
    if (!own || skip) return;  // blank, merged-only, 以下空白 and 合计 rows
    if (row.code.empty() && row.name.empty() && row.levels.empty()) return;  // blank row
    if (!key_own && may_fold && !out_.occupations.empty() && !row.levels.empty()) {
      // One row per level: 序号, code and name merged down (w:vMerge) or left empty under the
      // row that names the occupation. Its levels are that occupation's.
      std::string& levels = out_.occupations.back().levels;
      levels = Capped(levels + (levels.empty() ? "" : ",") + row.levels, loc);
      return;
    }
    if (out_.occupations.size() >= limits_.max_occupations) {
      Hit("max_occupations", limits_.max_occupations, loc);
      return;
    }
    row.where = {file_, loc};
    out_.occupations.push_back(std::move(row));
  }

  static void Place(model::OccupationRow& row, int column, const std::string& text) {
    switch (column) {
      case static_cast<int>(OccupationColumn::kSeq):
        row.seq = text;
        break;
      case static_cast<int>(OccupationColumn::kCode):
        row.code = text;
        break;
      case static_cast<int>(OccupationColumn::kName):
        row.name = text;
        break;
      case static_cast<int>(OccupationColumn::kLevels):
        row.levels = text;
        break;
      default:
        break;
    }
  }

  void ChangeRow(const std::vector<Cell>& cells, const std::vector<int>& cols,
                 const std::string& loc) {
    model::ChangeRow row;
    for (std::size_t i = 0; i < cells.size() && i < cols.size(); ++i) {
      switch (cols[i]) {
        case static_cast<int>(ChangeColumn::kItem):
          row.item = cells[i].text;
          break;
        case static_cast<int>(ChangeColumn::kBefore):
          row.before = cells[i].text;
          break;
        case static_cast<int>(ChangeColumn::kAfter):
          row.after = cells[i].text;
          break;
        default:
          break;
      }
    }
    if (row.item.empty() && row.before.empty() && row.after.empty()) return;
    if (out_.changes.size() >= limits_.max_occupations) {
      Hit("max_occupations", limits_.max_occupations, loc);
      return;
    }
    row.where = {file_, loc};
    out_.changes.push_back(std::move(row));
  }

  void Add(model::FormField field, const std::string& label, const std::string& value,
           const std::string& loc) {
    if (out_.cells.size() >= limits_.max_occupations * 4) {  // a form has ~30 labelled cells
      Hit("max_occupations", limits_.max_occupations, loc);
      return;
    }
    out_.cells.push_back(
        model::FormCell{field, label, Capped(value, loc), model::SourceRef{file_, loc}});
  }

  void AddUnknown(const std::string& label) {
    for (const std::string& u : out_.unknown_labels) {
      if (u == label) return;
    }
    if (out_.unknown_labels.size() >= 100) return;
    out_.unknown_labels.push_back(Capped(label, ""));
  }

  const std::string& file_;
  const FormLabels& labels_;
  const Limits& limits_;
  model::FormData& out_;
  std::optional<OccColumns> carry_;  // columns of an occupations table that ended a table
};

}  // namespace

Result<model::FormData> ParseDocumentXml(std::string_view document_xml, const std::string& file,
                                         const FormLabels& labels, const Limits& limits,
                                         const std::string& part) {
  model::FormData data;
  data.file = file;
  data.source = model::FormSource::kDocx;
  if (document_xml.size() > limits.max_form_bytes) {
    data.limit_hits.push_back(
        {"max_form_bytes", std::to_string(limits.max_form_bytes), part, true});
    return data;
  }
  Result<std::string> text = XmlToUtf8(document_xml);
  if (!text) return Status::InvalidData(part + ": " + text.error().message(), file);
  pugi::xml_document doc;
  if (Status s = ParseXmlText(*text, part + ": ", doc); !s.ok()) {
    return Status::InvalidData(s.message(), file);
  }
  pugi::xml_node root = doc.document_element();
  if (NestsDeeperThan(root, limits.max_xml_depth)) {
    data.limit_hits.push_back({"max_xml_depth", std::to_string(limits.max_xml_depth), part, true});
    return data;
  }
  pugi::xml_node body = ChildLocal(root, "body");
  if (Local(root) != "document" || !body) {
    return Status::InvalidData(part + ": no <w:document>/<w:body>", file);
  }
  DocxWalker(file, labels, limits, data).Body(body);
  return data;
}

Result<model::FormData> ReadDocxForm(std::string_view docx_bytes, const std::string& file,
                                     const FormLabels& labels, const Limits& limits) {
  ZipReader zip(docx_bytes, limits);
  if (zip.problem() != ZipProblem::kNone) {
    return Status::InvalidData("not a readable docx: " + zip.detail(), file);
  }
  std::string part = FindMainPart(zip).main_part;
  if (part.empty()) part = "word/document.xml";
  Result<std::string> xml = zip.Read(part);
  if (!xml) return Status::InvalidData(xml.error().message(), file);
  return ParseDocumentXml(*xml, file, labels, limits, part);
}

}  // namespace pipeline::ingest
