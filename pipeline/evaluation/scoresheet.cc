#include "pipeline/evaluation/scoresheet.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <memory>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/evaluation/xlsx_book.h"
#include "pipeline/evaluation/xlsx_reader.h"

namespace pipeline::evaluation {
namespace {

// 0-based libxlsxwriter coordinates of the 1-based layout constants.
constexpr lxw_row_t R(int row) { return static_cast<lxw_row_t>(row - 1); }
constexpr lxw_col_t C(int col) { return static_cast<lxw_col_t>(col - 1); }
constexpr int kFirstItemRow = kHeaderRow + 1;
constexpr int kLastCol = kRemarkCol;

double Points(int tenths) { return tenths / 10.0; }

// Column widths A..I in Excel's character units.
constexpr double kWidths[] = {5, 12, 12, 26, 44, 10, 6, 7, 20};

// Lines `text` takes in a column `width` units wide when wrapped (a CJK character takes two
// units), so that rows can be given their height: not every program fits rows on opening.
int LinesFor(const std::string& text, double width) {
  int lines = 1;
  double used = 0;
  for (char32_t cp : DecodeUtf8(text)) {
    if (cp == U'\n') {
      ++lines;
      used = 0;
      continue;
    }
    const double w = cp < 0x1100 ? 1.0 : 2.0;
    if (used + w > width - 1) {
      ++lines;
      used = 0;
    }
    used += w;
  }
  return lines;
}

// Formats of the sheet, created once per workbook.
struct Formats {
  lxw_format *title, *label, *value, *note, *header, *text, *center, *score, *remark, *total,
      *input;
};

lxw_format* NewFormat(lxw_workbook* wb, const std::string& font) {
  lxw_format* f = workbook_add_format(wb);
  format_set_font_name(f, font.c_str());
  format_set_font_size(f, 10.5);
  format_set_text_wrap(f);
  format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  return f;
}

lxw_format* Bordered(lxw_workbook* wb, const std::string& font) {
  lxw_format* f = NewFormat(wb, font);
  format_set_border(f, LXW_BORDER_THIN);
  return f;
}

Formats MakeFormats(lxw_workbook* wb, const Wording& w) {
  const std::string font = w.Format("sheet.font");
  Formats f{};
  f.title = NewFormat(wb, font);
  format_set_bold(f.title);
  format_set_font_size(f.title, 16);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  f.label = NewFormat(wb, font);
  format_set_bold(f.label);
  f.value = NewFormat(wb, font);
  format_set_align(f.value, LXW_ALIGN_LEFT);
  f.note = NewFormat(wb, font);
  format_set_font_size(f.note, 9);
  f.header = Bordered(wb, font);
  format_set_bold(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_bg_color(f.header, 0xD9D9D9);
  f.text = Bordered(wb, font);
  f.center = Bordered(wb, font);
  format_set_align(f.center, LXW_ALIGN_CENTER);
  f.score = Bordered(wb, font);
  format_set_align(f.score, LXW_ALIGN_CENTER);
  format_set_unlocked(f.score);
  format_set_bg_color(f.score, 0xFFF2CC);
  f.remark = Bordered(wb, font);
  format_set_unlocked(f.remark);
  format_set_bg_color(f.remark, 0xFFF2CC);
  f.total = Bordered(wb, font);
  format_set_bold(f.total);
  format_set_align(f.total, LXW_ALIGN_CENTER);
  format_set_num_format(f.total, "0.0");
  f.input = Bordered(wb, font);
  format_set_unlocked(f.input);
  format_set_bg_color(f.input, 0xFFF2CC);
  return f;
}

void Text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f) {
  worksheet_write_string(ws, R(row), C(col), s.c_str(), f);
}

// Title, case rows, note and header of any sheet. `code_label`/`code` and
// `name_label`/`name_value` fill row 4.
void Head(lxw_worksheet* ws, const Formats& f, const Wording& w, const SheetCase& c,
          const Standard& st, const std::string& code_label, const std::string& code,
          const std::string& name_label, const std::string& name_value) {
  worksheet_merge_range(ws, R(1), C(1), R(1), C(kLastCol), w.Format("sheet.title").c_str(),
                        f.title);
  // Labels in B and E; values merged over C:D and F:I (read back from C and F).
  auto pair = [&](int row, const std::string& l1, const std::string& v1, const std::string& l2,
                  const std::string& v2) {
    Text(ws, row, kIdCol, l1, f.label);
    worksheet_merge_range(ws, R(row), C(kValueCol), R(row), C(kValueCol + 1), v1.c_str(), f.value);
    Text(ws, row, kVersionCol - 1, l2, f.label);
    worksheet_merge_range(ws, R(row), C(kVersionCol), R(row), C(kLastCol), v2.c_str(), f.value);
    worksheet_set_row(ws, R(row), 18, nullptr);
  };
  pair(kCaseRow, w.Format("sheet.label.case"), c.case_id, w.Format("sheet.label.version"),
       st.version);
  pair(kInstitutionRow, w.Format("sheet.label.institution"), c.institution,
       w.Format("sheet.label.uscc"), c.uscc);
  pair(kCodeRow, code_label, code, name_label, name_value);
  std::string note = w.Format("sheet.note");
  if (st.to_confirm) note += w.Format("sheet.note.to_confirm");
  worksheet_merge_range(ws, R(5), C(1), R(5), C(kLastCol), note.c_str(), f.note);
  worksheet_set_row(ws, R(5), 42, nullptr);
  const char* cols[] = {"sheet.col.seq",  "sheet.col.id",       "sheet.col.condition",
                        "sheet.col.item", "sheet.col.guidance", "sheet.col.veto",
                        "sheet.col.max",  "sheet.col.score",    "sheet.col.remark"};
  for (int i = 0; i < kLastCol; ++i) Text(ws, kHeaderRow, i + 1, w.Format(cols[i]), f.header);
  for (int i = 0; i < kLastCol; ++i) {
    worksheet_set_column(ws, C(i + 1), C(i + 1), kWidths[i], nullptr);
  }
}

void PageSetup(lxw_worksheet* ws) {
  worksheet_set_paper(ws, 9);  // A4
  worksheet_set_landscape(ws);
  worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
  worksheet_repeat_rows(ws, R(kHeaderRow), R(kHeaderRow));
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_freeze_panes(ws, R(kHeaderRow + 1), 0);
  lxw_protection prot{};
  worksheet_protect(ws, nullptr, &prot);
}

// Item rows from kFirstItemRow; returns the subtotal row.
int Items(lxw_worksheet* ws, const Formats& f, const Wording& w,
          const std::vector<const Item*>& items, std::deque<std::string>* keep) {
  int row = kFirstItemRow;
  int seq = 0;
  for (const Item* it : items) {
    worksheet_write_number(ws, R(row), C(1), ++seq, f.center);
    Text(ws, row, kIdCol, it->id, f.center);
    Text(ws, row, 3, it->condition + "\n" + it->group_title, f.text);
    Text(ws, row, 4, it->title, f.text);
    Text(ws, row, 5, it->guidance, f.text);
    Text(ws, row, 6,
         it->veto_below_tenths
             ? w.Format("sheet.veto", {{"points", FormatPoints(*it->veto_below_tenths)}})
             : std::string(),
         f.center);
    worksheet_write_number(ws, R(row), C(kMaxCol), Points(it->max_tenths), f.center);
    worksheet_write_blank(ws, R(row), C(kScoreCol), f.score);
    worksheet_write_blank(ws, R(row), C(kRemarkCol), f.remark);
    lxw_data_validation dv{};
    dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
    dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    dv.minimum_number = 0;
    dv.maximum_number = Points(it->max_tenths);
    keep->push_back(w.Format("sheet.validation.title"));
    dv.error_title = keep->back().data();
    keep->push_back(w.Format("sheet.validation.message"));
    dv.error_message = keep->back().data();
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    worksheet_data_validation_cell(ws, R(row), C(kScoreCol), &dv);
    const int lines =
        std::max({LinesFor(it->condition + "\n" + it->group_title, kWidths[2]),
                  LinesFor(it->title, kWidths[3]), LinesFor(it->guidance, kWidths[4])});
    worksheet_set_row(ws, R(row), 14.0 * lines + 4, nullptr);
    ++row;
  }
  return row;
}

int MaxOf(const std::vector<const Item*>& items) {
  int sum = 0;
  for (const Item* it : items) sum += it->max_tenths;
  return sum;
}

// The subtotal row at `row` summing the item rows above it.
void Subtotal(lxw_worksheet* ws, const Formats& f, const Wording& w, int row, int max_tenths) {
  Text(ws, row, 4, w.Format("sheet.subtotal"), f.header);
  for (int col : {1, 2, 3, 5, 6}) worksheet_write_blank(ws, R(row), C(col), f.header);
  for (int col : {kMaxCol, kScoreCol}) {
    const std::string formula =
        "=SUM(" + CellName(kFirstItemRow, col) + ":" + CellName(row - 1, col) + ")";
    worksheet_write_formula_num(ws, R(row), C(col), formula.c_str(), f.total,
                                col == kMaxCol ? Points(max_tenths) : 0);
  }
  worksheet_write_blank(ws, R(row), C(kRemarkCol), f.header);
}

std::string Quoted(const std::string& sheet) { return "'" + sheet + "'"; }

// The first sheet's summary below its subtotal: each occupation sheet's total, their mean, the
// score in percent, then the experts' and date cells.
void Summary(lxw_worksheet* ws, const Formats& f, const Wording& w, const SheetCase& c,
             const Standard& st, int subtotal_row, int occ_subtotal_row, int common_max,
             int occ_max) {
  int row = subtotal_row + 1;
  const int first_occ_row = row;
  for (std::size_t i = 0; i < c.occupations.size(); ++i, ++row) {
    const std::string sheet = OccupationSheetName(w, i);
    worksheet_merge_range(ws, R(row), C(1), R(row), C(kMaxCol),
                          w.Format("sheet.occupation_score", {{"sheet", sheet},
                                                              {"name", c.occupations[i].name},
                                                              {"max", FormatPoints(occ_max)}})
                              .c_str(),
                          f.text);
    const std::string formula = "=" + Quoted(sheet) + "!" + CellName(occ_subtotal_row, kScoreCol);
    worksheet_write_formula_num(ws, R(row), C(kScoreCol), formula.c_str(), f.total, 0);
  }
  const std::string mean_cell = CellName(row, kScoreCol);
  worksheet_merge_range(ws, R(row), C(1), R(row), C(kMaxCol),
                        w.Format("sheet.occupation_mean").c_str(), f.text);
  std::string mean = "=0";
  if (!c.occupations.empty()) {
    mean = "=ROUND(AVERAGE(" + CellName(first_occ_row, kScoreCol) + ":" +
           CellName(row - 1, kScoreCol) + "),1)";
  }
  worksheet_write_formula_num(ws, R(row), C(kScoreCol), mean.c_str(), f.total, 0);
  ++row;
  worksheet_merge_range(
      ws, R(row), C(1), R(row), C(kMaxCol),
      w.Format("sheet.total_percent", {{"pass", std::to_string(st.pass_total_percent)}}).c_str(),
      f.text);
  const int max = common_max + (c.occupations.empty() ? 0 : occ_max);
  const std::string total = "=ROUND((" + CellName(subtotal_row, kScoreCol) + "+" + mean_cell +
                            ")/" + FormatPoints(max) + "*100,1)";
  worksheet_write_formula_num(ws, R(row), C(kScoreCol), total.c_str(), f.total, 0);
  row += 2;
  Text(ws, row, kIdCol, w.Format("sheet.experts"), f.label);
  worksheet_merge_range(ws, R(row), C(kValueCol), R(row), C(5), "", f.input);
  worksheet_set_row(ws, R(row), 30, nullptr);
  ++row;
  Text(ws, row, kIdCol, w.Format("sheet.date"), f.label);
  worksheet_write_blank(ws, R(row), C(kValueCol), f.input);
}

}  // namespace

std::string OccupationText(const std::string& name, const std::string& work_type,
                           const std::string& levels_text, const Wording& w) {
  std::string out = name;
  if (!work_type.empty()) {
    out = w.Format("occupation.work_type", {{"name", out}, {"work_type", work_type}});
  }
  if (!levels_text.empty()) {
    out = w.Format("occupation.levels", {{"occupation", out}, {"levels", levels_text}});
  }
  return out;
}

std::string CommonSheetName(const Wording& w) { return w.Format("sheet.common_name"); }

std::string OccupationSheetName(const Wording& w, std::size_t index) {
  return w.Format("sheet.occupation_name", {{"n", std::to_string(index + 1)}});
}

Result<std::string> WriteScoresheet(const SheetCase& c, const Standard& st, const Wording& w,
                                    const Date& created) {
  Result<std::unique_ptr<XlsxBook>> book = XlsxBook::Create(
      created, w.Format("sheet.properties.title"), w.Format("sheet.properties.author"));
  if (!book) return book.error();
  lxw_workbook* wb = (*book)->workbook();
  const Formats f = MakeFormats(wb, w);
  std::deque<std::string> keep;  // strings libxlsxwriter may point to until the end
  const std::vector<const Item*> common = st.ItemsFor(Scope::kCommon, c.applicant_type);
  const std::vector<const Item*> occ = st.ItemsFor(Scope::kOccupation, c.applicant_type);
  const int common_max = MaxOf(common), occ_max = MaxOf(occ);
  const int occ_subtotal_row = kFirstItemRow + static_cast<int>(occ.size());

  lxw_worksheet* first = workbook_add_worksheet(wb, CommonSheetName(w).c_str());
  if (first == nullptr) return Status::Internal("libxlsxwriter: cannot add the first sheet");
  Head(first, f, w, c, st, w.Format("sheet.label.uscc"), c.uscc, w.Format("sheet.label.kind"),
       c.kind_text);
  const int subtotal = Items(first, f, w, common, &keep);
  Subtotal(first, f, w, subtotal, common_max);
  Summary(first, f, w, c, st, subtotal, occ_subtotal_row, common_max, occ_max);
  PageSetup(first);

  for (std::size_t i = 0; i < c.occupations.size(); ++i) {
    const SheetOccupation& o = c.occupations[i];
    lxw_worksheet* ws = workbook_add_worksheet(wb, OccupationSheetName(w, i).c_str());
    if (ws == nullptr) return Status::Internal("libxlsxwriter: cannot add an occupation sheet");
    const std::string name = OccupationText(o.name, o.work_type, o.levels_text, w);
    Head(ws, f, w, c, st, w.Format("sheet.label.occupation"), o.code,
         w.Format("sheet.label.occupation_name"), name);
    const int sub = Items(ws, f, w, occ, &keep);
    Subtotal(ws, f, w, sub, occ_max);
    PageSetup(ws);
  }
  keep.push_back("=\"" + c.case_id + "\"");
  workbook_define_name(wb, kCaseName, keep.back().c_str());
  keep.push_back("=\"" + st.version + "\"");
  workbook_define_name(wb, kStandardName, keep.back().c_str());
  return (*book)->Finish();
}

namespace {

// Collects the problems of a filled sheet, one Chinese line each.
class SheetReader {
 public:
  SheetReader(const XlsxWorkbook& book, const SheetCase& c, const Standard& st, const Wording& w)
      : book_(book), c_(c), st_(st), w_(w) {}

  std::vector<std::string> problems;

  void CheckNames() {
    auto name = book_.defined_names.find(kCaseName);
    if (name == book_.defined_names.end()) {
      problems.push_back(w_.Format("read.no_case_name", {{"case", c_.case_id}}));
    } else if (Unquote(name->second) != c_.case_id) {
      problems.push_back(
          w_.Format("read.wrong_case", {{"found", Unquote(name->second)}, {"case", c_.case_id}}));
    }
    auto version = book_.defined_names.find(kStandardName);
    if (version == book_.defined_names.end()) {
      problems.push_back(w_.Format("read.no_version_name"));
    } else if (Unquote(version->second) != st_.version) {
      problems.push_back(w_.Format(
          "read.wrong_version", {{"found", Unquote(version->second)}, {"version", st_.version}}));
    }
  }

  // The sheet named `name`, checked to belong to this case and standard; nullptr (with a
  // problem) when missing.
  const XlsxSheet* Sheet(const std::string& name, const std::vector<std::string>& expected) {
    const XlsxSheet* s = book_.Sheet(name);
    if (s == nullptr) {
      std::string others;
      for (const XlsxSheet& sh : book_.sheets) {
        if (std::find(expected.begin(), expected.end(), sh.name) == expected.end()) {
          if (!others.empty()) others += w_.Format("read.sheet_separator");
          others += w_.Format("read.sheet_name", {{"name", sh.name}});
        }
      }
      problems.push_back(w_.Format(
          "read.missing_sheet",
          {{"sheet", name},
           {"others", others.empty() ? "" : w_.Format("read.other_sheets", {{"names", others}})}}));
      return nullptr;
    }
    const std::string found_case = Trim(s->At(kCaseRow, kValueCol).text);
    if (found_case != c_.case_id) {
      problems.push_back(
          w_.Format("read.sheet_wrong_case", {{"sheet", name},
                                              {"cell", CellName(kCaseRow, kValueCol)},
                                              {"found", found_case},
                                              {"case", c_.case_id}}));
    }
    const std::string found_version = Trim(s->At(kCaseRow, kVersionCol).text);
    if (found_version != st_.version) {
      problems.push_back(
          w_.Format("read.sheet_wrong_version", {{"sheet", name},
                                                 {"cell", CellName(kCaseRow, kVersionCol)},
                                                 {"found", found_version},
                                                 {"version", st_.version}}));
    }
    return s;
  }

  void CheckOccupation(const XlsxSheet& s, const SheetOccupation& o) {
    const std::string found = Trim(s.At(kCodeRow, kValueCol).text);
    if (found != o.code) {
      problems.push_back(
          w_.Format("read.sheet_wrong_occupation", {{"sheet", s.name},
                                                    {"cell", CellName(kCodeRow, kValueCol)},
                                                    {"found", found},
                                                    {"code", o.code},
                                                    {"name", o.name}}));
    }
  }

  std::map<std::string, Score> Scores(const XlsxSheet& s, const std::vector<const Item*>& items) {
    std::map<std::string, int> rows;  // item id -> row
    for (const auto& [at, cell] : s.cells) {
      if (at.second == kIdCol && at.first > kHeaderRow) rows.emplace(Trim(cell.text), at.first);
    }
    std::map<std::string, Score> out;
    for (const Item* it : items) {
      auto r = rows.find(it->id);
      if (r == rows.end()) {
        problems.push_back(w_.Format("read.missing_item",
                                     {{"sheet", s.name}, {"item", it->id}, {"title", it->title}}));
        continue;
      }
      std::optional<Score> score = ScoreAt(s, r->second, *it);
      if (score) out[it->id] = *score;
    }
    return out;
  }

  // The text of the cell right of the label `key` in column B (experts, date).
  std::string Labelled(const XlsxSheet& s, const std::string& key) const {
    const std::string label = w_.Format(key);
    for (const auto& [at, cell] : s.cells) {
      if (at.second != kIdCol || Trim(cell.text) != label) continue;
      const XlsxCell& v = s.At(at.first, kValueCol);
      if (v.type == XlsxCell::Type::kNumber && key == "sheet.date") return SerialDate(v.number);
      return Trim(v.text);
    }
    return "";
  }

 private:
  static std::string Trim(const std::string& s) { return TrimSpace(s); }

  static std::string FormatNumber(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
  }

  // `"C2026-0001"` (a defined name's constant) -> C2026-0001.
  static std::string Unquote(std::string v) {
    v = Trim(v);
    if (!v.empty() && v[0] == '=') v = v.substr(1);
    if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
    return v;
  }

  // Excel's serial date (1900 system) as ISO text.
  static std::string SerialDate(double serial) {
    if (!(serial >= 1 && serial < 2958466)) return FormatNumber(serial);  // not 1900..9999
    const long days = static_cast<long>(std::floor(serial)) - 25569;      // 1970-01-01 = 25569
    Date d{1970, 1, 1};
    return d.AddDays(static_cast<int>(days)).ToIso();
  }

  std::optional<Score> ScoreAt(const XlsxSheet& s, int row, const Item& it) {
    const XlsxCell& cell = s.At(row, kScoreCol);
    const std::string cell_name = CellName(row, kScoreCol);
    const std::vector<std::pair<std::string, std::string>> where = {
        {"sheet", s.name}, {"cell", cell_name}, {"item", it.id}};
    auto with = [&](std::vector<std::pair<std::string, std::string>> more) {
      more.insert(more.begin(), where.begin(), where.end());
      return more;
    };
    std::string text = Trim(cell.text);
    if (cell.type == XlsxCell::Type::kEmpty || text.empty()) {
      problems.push_back(w_.Format("read.score_missing", where));
      return std::nullopt;
    }
    std::optional<int> tenths;
    if (cell.type == XlsxCell::Type::kNumber) {
      const double t = cell.number * 10.0;
      if (std::fabs(t - std::round(t)) > 1e-6) {
        problems.push_back(w_.Format("read.score_too_fine", with({{"value", text}})));
        return std::nullopt;
      }
      if (std::fabs(cell.number) < 1e6) tenths = static_cast<int>(std::round(t));
    } else if (cell.type == XlsxCell::Type::kText) {
      tenths = ParsePoints(text);  // a number typed into a text cell
    }
    if (!tenths) {
      problems.push_back(w_.Format("read.score_not_number", with({{"value", text}})));
      return std::nullopt;
    }
    if (*tenths < 0 || *tenths > it.max_tenths) {
      problems.push_back(w_.Format(
          "read.score_out_of_range",
          with({{"value", FormatPoints(*tenths)}, {"max", FormatPoints(it.max_tenths)}})));
      return std::nullopt;
    }
    return Score{*tenths, Trim(s.At(row, kRemarkCol).text)};
  }

  const XlsxWorkbook& book_;
  const SheetCase& c_;
  const Standard& st_;
  const Wording& w_;
};

}  // namespace

Result<FilledSheet> ReadScoresheet(const std::string& bytes, const std::string& file,
                                   const SheetCase& c, const Standard& st, const Wording& w) {
  Result<XlsxWorkbook> book = ReadXlsx(bytes);
  if (!book) {
    return Status::InvalidArgument(
        w.Format("read.not_xlsx", {{"file", file}, {"detail", book.error().message()}}));
  }
  SheetReader r(*book, c, st, w);
  r.CheckNames();
  std::vector<std::string> expected = {CommonSheetName(w)};
  for (std::size_t i = 0; i < c.occupations.size(); ++i) {
    expected.push_back(OccupationSheetName(w, i));
  }
  FilledSheet out;
  if (const XlsxSheet* s = r.Sheet(expected[0], expected)) {
    out.common = r.Scores(*s, st.ItemsFor(Scope::kCommon, c.applicant_type));
    out.experts = r.Labelled(*s, "sheet.experts");
    out.date = r.Labelled(*s, "sheet.date");
  }
  const std::vector<const Item*> occ = st.ItemsFor(Scope::kOccupation, c.applicant_type);
  for (std::size_t i = 0; i < c.occupations.size(); ++i) {
    OccupationScores os{c.occupations[i], {}};
    if (const XlsxSheet* s = r.Sheet(expected[i + 1], expected)) {
      r.CheckOccupation(*s, c.occupations[i]);
      os.scores = r.Scores(*s, occ);
    }
    out.occupations.push_back(std::move(os));
  }
  if (!r.problems.empty()) {
    std::string msg = w.Format("read.header", {{"file", file}});
    for (const std::string& p : r.problems) msg += "\n  " + p;
    return Status::InvalidArgument(msg);
  }
  return out;
}

}  // namespace pipeline::evaluation
