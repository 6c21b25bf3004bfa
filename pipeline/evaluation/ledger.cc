#include "pipeline/evaluation/ledger.h"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "pipeline/core/json_fields.h"
#include "pipeline/core/xlsx_properties.h"
#include "pipeline/evaluation/registry_view.h"
#include "pipeline/evaluation/scoresheet.h"
#include "pipeline/evaluation/standard.h"
#include "pipeline/evaluation/xlsx_book.h"
#include "pipeline/registry/storage.h"
#include "pipeline/report/document_data.h"
#include "pipeline/report/report_json.h"

namespace pipeline::evaluation {
namespace {

using registry::AsText;
using registry::Row;

std::optional<Date> DecidedOn(const registry::CaseRecord& c, registry::Stage stage) {
  const registry::HistoryEntry* e = LatestDecisionOn(c, stage);
  return e != nullptr ? ParseIsoDate(e->acted_on) : std::nullopt;
}

// The case's filing notice (备案通知 or 续期备案通知): the latest issued one, else the latest
// draft.
Result<std::optional<registry::DocumentDetail>> FilingNotice(registry::Registry& reg,
                                                             const std::string& case_id) {
  Result<std::vector<Row>> rows = reg.storage().Query(
      "SELECT d.document_id FROM documents d JOIN document_cases dc "
      "ON dc.document_id = d.document_id WHERE dc.case_id = ? "
      "AND d.kind IN ('filing_notice', 'renewal_notice') AND d.state <> 'superseded' "
      "ORDER BY CASE WHEN d.state = 'issued' THEN 0 ELSE 1 END, d.created_on DESC, "
      "d.document_id DESC",
      {case_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<registry::DocumentDetail>();
  Result<registry::DocumentDetail> d = reg.LoadDocument(AsText(rows->front()[0]));
  if (!d) return d.error();
  return std::optional<registry::DocumentDetail>(std::move(*d));
}

// 备案日期 is the issued notice's 成文日期 (a renewal's too, not its new period's start); the
// 备案编号 and validity are those of the filing the notice names (a change or an added
// occupation names the filing it updates), else of the case's own filing.
Status FillFiling(registry::Registry& reg, const registry::CaseRecord& c, LedgerCase* row) {
  std::string filing_id;
  Result<std::optional<registry::DocumentDetail>> found = FilingNotice(reg, c.case_id);
  if (!found) return found.error();
  if (const std::optional<registry::DocumentDetail>& notice = *found) {
    if (notice->state == "issued") row->filed_on = ParseIsoDate(notice->doc_date);
    const nlohmann::json d = nlohmann::json::parse(notice->data_json, nullptr, false);
    if (d.is_object() && d.contains("filing")) filing_id = StringAt(d["filing"], "id");
  }
  Result<std::vector<Row>> f =
      filing_id.empty()
          ? reg.storage().Query(
                "SELECT filing_number, valid_from, valid_until FROM filings "
                "WHERE case_id = ? ORDER BY valid_from DESC",
                {c.case_id})
          : reg.storage().Query(
                "SELECT filing_number, valid_from, valid_until FROM filings WHERE filing_id = ?",
                {filing_id});
  if (!f) return f.error();
  if (f->empty()) return Status::Ok();
  row->filing_number = AsText(f->front()[0]);
  row->valid_from = ParseIsoDate(AsText(f->front()[1]));
  row->valid_until = ParseIsoDate(AsText(f->front()[2]));
  return Status::Ok();
}

Status FillFromRegistry(registry::Registry& reg, const report::MessageCatalog& m,
                        const report::MessageCatalog& w, const registry::CaseRecord& c,
                        LedgerCase* row) {
  registry::Storage& db = reg.storage();
  Result<std::vector<Row>> v = db.Query(
      "SELECT applicant_type, completeness, conclusion FROM dossier_versions "
      "WHERE case_id = ? AND version = ?",
      {c.case_id, std::int64_t{c.current_version}});
  if (!v) return v.error();
  if (!v->empty()) {
    const Row& r = v->front();
    if (!AsText(r[0]).empty()) {
      row->applicant_type = WordOr(w, "ledger.applicant_type." + AsText(r[0]), AsText(r[0]));
    }
    if (!AsText(r[1]).empty()) {
      row->completeness = WordOr(w, "ledger.completeness." + AsText(r[1]), AsText(r[1]));
    }
    row->preliminary = WordOr(m, "conclusion." + AsText(r[2]), AsText(r[2]));
  }
  if (const registry::HistoryEntry* e = LatestDecisionOn(c, registry::Stage::kPreliminary)) {
    row->preliminary = WordOr(m, "arg.result." + e->result, e->result);
  }
  if (const registry::HistoryEntry* e = LatestDecisionOn(c, registry::Stage::kComprehensive)) {
    row->comprehensive = WordOr(w, "result." + e->result, e->result);
  }
  Result<std::vector<Row>> occ = db.Query(
      "SELECT code, name, work_type, levels, state, check_status FROM occupations "
      "WHERE case_id = ? AND version = ? ORDER BY seq",
      {c.case_id, std::int64_t{c.current_version}});
  if (!occ) return occ.error();
  for (const Row& r : *occ) {
    row->occupation_list.push_back(
        {AsText(r[0]), AsText(r[1]), AsText(r[2]),
         report::LevelsText(registry::LevelsFromCsv(AsText(r[3])), m),
         AsText(r[5]).empty() ? "" : WordOr(w, "ledger.check." + AsText(r[5]), AsText(r[5])),
         WordOr(w, "ledger.state." + AsText(r[4]), AsText(r[4]))});
  }
  row->occupations = OccupationsText(row->occupation_list, w);
  Result<registry::DocumentDetail> tech = reg.LatestDocument(c.case_id, "technical_opinion");
  if (tech) {
    const nlohmann::json d = nlohmann::json::parse(tech->data_json, nullptr, false);
    if (!d.is_discarded() && d.contains("evaluation")) {
      std::optional<int> t = ParsePoints(d["evaluation"].value("score_percent", ""));
      if (t) row->score = *t / 10.0;
    }
  }
  return FillFiling(reg, c, row);
}

// Formats of the ledger.
struct Formats {
  lxw_format *header, *text, *date, *score, *number, *bold;
};

Formats MakeFormats(lxw_workbook* wb, const std::string& font) {
  auto make = [&]() {
    lxw_format* f = workbook_add_format(wb);
    format_set_font_name(f, font.c_str());
    format_set_font_size(f, 10.5);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
  };
  Formats f{};
  f.header = make();
  format_set_bold(f.header);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_CENTER);
  format_set_bg_color(f.header, 0xD9D9D9);
  format_set_border(f.header, LXW_BORDER_THIN);
  f.text = make();
  f.date = make();
  format_set_num_format(f.date, "yyyy-mm-dd");
  f.score = make();
  format_set_num_format(f.score, "0.0");
  // The same format as text, so the same object: libxlsxwriter numbers only the first of two
  // equal formats and looks the other up again (hashing it whole) for every cell written with
  // it, half the time of a 10,000-case ledger.
  f.number = f.text;
  f.bold = make();
  format_set_bold(f.bold);
  return f;
}

// The header row; `case_key` heads the case column (ledger.col.case, or ledger.col.fingerprint
// for a run's rows without a registry).
void Header(lxw_worksheet* ws, const Formats& f, const report::MessageCatalog& w,
            const std::vector<std::pair<const char*, double>>& cols, const char* case_key) {
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const auto col = static_cast<lxw_col_t>(i);
    const std::string key = cols[i].first;
    worksheet_write_string(ws, 0, col, w.Format(key == "ledger.col.case" ? case_key : key).c_str(),
                           f.header);
    worksheet_set_column(ws, col, col, cols[i].second, nullptr);
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_set_paper(ws, 9);
  worksheet_set_landscape(ws);
  worksheet_repeat_rows(ws, 0, 0);
}

void DateCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::optional<Date>& d,
              const Formats& f) {
  if (!d) return;
  lxw_datetime t = ExcelDate(*d);
  worksheet_write_datetime(ws, r, c, &t, f.date);
}

// A two-column table of counts from `row`, with a total; returns the next free row.
lxw_row_t CountTable(lxw_worksheet* ws, const Formats& f, const report::MessageCatalog& w,
                     lxw_row_t row, const char* title_key, const char* label_key,
                     const std::vector<std::pair<std::string, int>>& counts) {
  worksheet_write_string(ws, row++, 0, w.Format(title_key).c_str(), f.bold);
  worksheet_write_string(ws, row, 0, w.Format(label_key).c_str(), f.header);
  worksheet_write_string(ws, row++, 1, w.Format("ledger.col.count").c_str(), f.header);
  const lxw_row_t first = row;
  for (const auto& [label, n] : counts) {
    worksheet_write_string(ws, row, 0, label.c_str(), f.text);
    worksheet_write_number(ws, row++, 1, n, f.number);
  }
  int total = 0;
  for (const auto& kv : counts) total += kv.second;
  worksheet_write_string(ws, row, 0, w.Format("ledger.col.total").c_str(), f.bold);
  const std::string formula =
      counts.empty() ? std::string("=0")
                     : "=SUM(B" + std::to_string(first + 1) + ":B" + std::to_string(row) + ")";
  worksheet_write_formula_num(ws, row++, 1, formula.c_str(), f.bold, total);
  return row + 1;
}

// Columns of the cases sheet and of the occupations sheet.
const std::vector<std::pair<const char*, double>>& CaseColumns() {
  static const std::vector<std::pair<const char*, double>> cols = {
      {"ledger.col.case", 12},           {"ledger.col.institution", 30},
      {"ledger.col.uscc", 21},           {"ledger.col.authority", 22},
      {"ledger.col.kind", 12},           {"ledger.col.applicant_type", 16},
      {"ledger.col.occupations", 40},    {"ledger.col.completeness", 10},
      {"ledger.col.preliminary", 12},    {"ledger.col.score", 10},
      {"ledger.col.comprehensive", 10},  {"ledger.col.stage", 10},
      {"ledger.col.received", 11},       {"ledger.col.preliminary_date", 11},
      {"ledger.col.technical_date", 11}, {"ledger.col.comprehensive_date", 11},
      {"ledger.col.stage_since", 11},    {"ledger.col.filed_date", 11},
      {"ledger.col.filing_number", 20},  {"ledger.col.valid_from", 11},
      {"ledger.col.valid_until", 11}};
  return cols;
}

const std::vector<std::pair<const char*, double>>& OccupationColumns() {
  static const std::vector<std::pair<const char*, double>> cols = {
      {"ledger.col.seq", 6},     {"ledger.col.case", 12},       {"ledger.col.institution", 30},
      {"ledger.col.code", 12},   {"ledger.col.occupation", 22}, {"ledger.col.work_type", 14},
      {"ledger.col.levels", 18}, {"ledger.col.check", 26},      {"ledger.col.state", 10}};
  return cols;
}

// Counts in first-seen order.
void Count(std::vector<std::pair<std::string, int>>& counts, const std::string& key) {
  auto it =
      std::find_if(counts.begin(), counts.end(), [&](const auto& kv) { return kv.first == key; });
  if (it == counts.end()) {
    counts.emplace_back(key, 1);
  } else {
    ++it->second;
  }
}

nlohmann::json DateJson(const std::optional<Date>& d) {
  return d ? nlohmann::json(d->ToIso()) : nlohmann::json(nullptr);
}

std::optional<Date> DateOf(const nlohmann::json& j, const char* key) {
  return ParseIsoDate(StringAt(j, key));
}

// One row of the ledger for the case `case_id`.
Result<LedgerCase> LedgerRow(registry::Registry& reg, const report::MessageCatalog& m,
                             const report::MessageCatalog& w,
                             const crosscheck::Authorities& authorities,
                             const std::string& case_id) {
  Result<registry::CaseRecord> c = reg.LoadCase(case_id);
  if (!c) return c.error();
  LedgerCase row;
  row.case_id = c->case_id;
  row.institution = c->institution_name;
  row.uscc = c->uscc;
  const crosscheck::AuthorityEntry* a = authorities.FindCode(c->authority);
  row.authority = a != nullptr && !a->to_confirm ? a->authority : c->authority;
  const std::string kind = model::ApplicationKindName(c->kind);
  row.kind = WordOr(m, "kind." + kind, kind);
  const std::string stage = registry::StageName(c->stage);
  row.stage = WordOr(m, "arg.stage." + stage, stage);
  row.received = ParseIsoDate(c->opened_on);
  row.stage_since = ParseIsoDate(c->stage_since);
  row.preliminary_on = DecidedOn(*c, registry::Stage::kPreliminary);
  row.technical_on = DecidedOn(*c, registry::Stage::kTechnical);
  row.comprehensive_on = DecidedOn(*c, registry::Stage::kComprehensive);
  PIPELINE_RETURN_IF_ERROR(FillFromRegistry(reg, m, w, *c, &row));
  return row;
}

}  // namespace

Result<std::vector<LedgerCase>> LedgerFromRegistry(registry::Registry& reg,
                                                   const report::MessageCatalog& m,
                                                   const report::MessageCatalog& w,
                                                   const crosscheck::Authorities& authorities) {
  // One read transaction: every row from the same state of the registry (a watcher or a clerk
  // may be recording meanwhile), and SQLite locks once, not for every query.
  std::vector<LedgerCase> out;
  Status s = registry::InTransaction(reg.storage(), registry::TxMode::kRead, [&]() -> Status {
    Result<std::vector<Row>> ids =
        reg.storage().Query("SELECT case_id FROM cases ORDER BY opened_on, case_id");
    if (!ids) return ids.error();
    for (const Row& id : *ids) {
      Result<LedgerCase> row = LedgerRow(reg, m, w, authorities, AsText(id[0]));
      if (!row) return row.error();
      out.push_back(std::move(*row));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

LedgerCase LedgerCaseFromReport(const model::CaseReport& r, const report::MessageCatalog& m,
                                const report::MessageCatalog& w, const Date& received) {
  LedgerCase row;
  row.case_id = r.case_id;
  row.institution = r.application.institution_name.value;
  row.uscc = r.application.unified_credit_code.value;
  row.authority =
      r.jurisdiction.authority_to_confirm ? r.jurisdiction.code : r.jurisdiction.authority;
  const std::string kind = model::ApplicationKindName(r.application.kind.value);
  row.kind = WordOr(m, "kind." + kind, kind);
  const std::string type = model::ApplicantTypeName(r.application.applicant_type.value);
  row.applicant_type = WordOr(w, "ledger.applicant_type." + type, type);
  const std::string complete = report::MaterialsComplete(r) ? "complete" : "corrections_needed";
  row.completeness = WordOr(w, "ledger.completeness." + complete, complete);
  const std::string conclusion = model::ConclusionName(r.conclusion);
  row.preliminary = WordOr(m, "conclusion." + conclusion, conclusion);
  row.received = received;
  for (const model::OccupationResult& o : r.occupations) {
    const std::string check = model::OccupationStatusName(o.status);
    row.occupation_list.push_back(
        {o.requested.code, o.requested.name, o.requested.work_type,
         report::LevelsText(o.requested.levels, m), WordOr(w, "ledger.check." + check, check),
         WordOr(w, std::string("ledger.state.") + (o.excluded ? "excluded" : "requested"), "")});
  }
  row.occupations = OccupationsText(row.occupation_list, w);
  return row;
}

std::vector<LedgerCase> LedgerFromReports(const std::vector<model::CaseReport>& reports,
                                          const report::MessageCatalog& m,
                                          const report::MessageCatalog& w, const Date& received) {
  std::vector<LedgerCase> out;
  for (const model::CaseReport& r : reports) {
    out.push_back(LedgerCaseFromReport(r, m, w, received));
  }
  return out;
}

nlohmann::json LedgerCaseToJson(const LedgerCase& c) {
  nlohmann::json occupations = nlohmann::json::array();
  for (const LedgerOccupation& o : c.occupation_list) {
    occupations.push_back({o.code, o.name, o.work_type, o.levels_text, o.check_text, o.state_text});
  }
  return {{"case_id", c.case_id},
          {"institution", c.institution},
          {"uscc", c.uscc},
          {"authority", c.authority},
          {"kind", c.kind},
          {"applicant_type", c.applicant_type},
          {"occupations", c.occupations},
          {"completeness", c.completeness},
          {"preliminary", c.preliminary},
          {"comprehensive", c.comprehensive},
          {"stage", c.stage},
          {"score", c.score ? nlohmann::json(*c.score) : nlohmann::json(nullptr)},
          {"received", DateJson(c.received)},
          {"preliminary_on", DateJson(c.preliminary_on)},
          {"technical_on", DateJson(c.technical_on)},
          {"comprehensive_on", DateJson(c.comprehensive_on)},
          {"stage_since", DateJson(c.stage_since)},
          {"filed_on", DateJson(c.filed_on)},
          {"filing_number", c.filing_number},
          {"valid_from", DateJson(c.valid_from)},
          {"valid_until", DateJson(c.valid_until)},
          {"occupation_list", std::move(occupations)}};
}

LedgerCase LedgerCaseFromJson(const nlohmann::json& j) {
  LedgerCase c;
  if (!j.is_object()) return c;
  c.case_id = StringAt(j, "case_id");
  c.institution = StringAt(j, "institution");
  c.uscc = StringAt(j, "uscc");
  c.authority = StringAt(j, "authority");
  c.kind = StringAt(j, "kind");
  c.applicant_type = StringAt(j, "applicant_type");
  c.occupations = StringAt(j, "occupations");
  c.completeness = StringAt(j, "completeness");
  c.preliminary = StringAt(j, "preliminary");
  c.comprehensive = StringAt(j, "comprehensive");
  c.stage = StringAt(j, "stage");
  if (auto it = j.find("score"); it != j.end() && it->is_number()) c.score = it->get<double>();
  c.received = DateOf(j, "received");
  c.preliminary_on = DateOf(j, "preliminary_on");
  c.technical_on = DateOf(j, "technical_on");
  c.comprehensive_on = DateOf(j, "comprehensive_on");
  c.stage_since = DateOf(j, "stage_since");
  c.filed_on = DateOf(j, "filed_on");
  c.filing_number = StringAt(j, "filing_number");
  c.valid_from = DateOf(j, "valid_from");
  c.valid_until = DateOf(j, "valid_until");
  if (auto it = j.find("occupation_list"); it != j.end() && it->is_array()) {
    for (const nlohmann::json& o : *it) {
      if (!o.is_array() || o.size() != 6) continue;
      auto at = [&](std::size_t i) {
        return o[i].is_string() ? o[i].get<std::string>() : std::string();
      };
      c.occupation_list.push_back({at(0), at(1), at(2), at(3), at(4), at(5)});
    }
  }
  return c;
}

// The three sheets of a ledger being written: cases (a row per case as it comes), counts
// (written at the end from the tallies) and occupations (rows as the cases come).
struct LedgerWriter::Sheets {
  Formats f{};
  lxw_worksheet *cases = nullptr, *counts = nullptr, *occupations = nullptr;
  lxw_row_t case_row = 1, occupation_row = 1;
  std::vector<std::pair<std::string, int>> by_authority, by_stage;  // first-seen order
};

LedgerWriter::LedgerWriter(const report::MessageCatalog& wording) : wording_(wording) {}
LedgerWriter::~LedgerWriter() = default;

Result<std::unique_ptr<LedgerWriter>> LedgerWriter::Create(const report::MessageCatalog& w,
                                                           const Date& created, bool fingerprints) {
  const char* case_key = fingerprints ? "ledger.col.fingerprint" : "ledger.col.case";
  std::unique_ptr<LedgerWriter> lw(new LedgerWriter(w));
  Result<std::unique_ptr<XlsxBook>> book =
      XlsxBook::Create(created, w.Format("ledger.sheet.cases"), w.Format("sheet.properties.author"),
                       /*constant_memory=*/true);
  if (!book) return book.error();
  lw->book_ = std::move(*book);
  lw->sheets_ = std::make_unique<Sheets>();
  Sheets& s = *lw->sheets_;
  lxw_workbook* wb = lw->book_->workbook();
  s.f = MakeFormats(wb, w.Format("sheet.font"));
  s.cases = workbook_add_worksheet(wb, w.Format("ledger.sheet.cases").c_str());
  Header(s.cases, s.f, w, CaseColumns(), case_key);
  s.counts = workbook_add_worksheet(wb, w.Format("ledger.sheet.counts").c_str());
  worksheet_set_column(s.counts, 0, 0, 30, nullptr);
  worksheet_set_column(s.counts, 1, 1, 10, nullptr);
  s.occupations = workbook_add_worksheet(wb, w.Format("ledger.sheet.occupations").c_str());
  Header(s.occupations, s.f, w, OccupationColumns(), case_key);
  return lw;
}

void LedgerWriter::Add(const LedgerCase& c) {
  Sheets& s = *sheets_;
  const lxw_row_t r = s.case_row++;
  const std::string texts[] = {c.case_id,     c.institution,  c.uscc,
                               c.authority,   c.kind,         c.applicant_type,
                               c.occupations, c.completeness, c.preliminary};
  lxw_col_t col = 0;
  for (const std::string& t : texts) worksheet_write_string(s.cases, r, col++, t.c_str(), s.f.text);
  if (c.score) worksheet_write_number(s.cases, r, col, *c.score, s.f.score);
  ++col;
  worksheet_write_string(s.cases, r, col++, c.comprehensive.c_str(), s.f.text);
  worksheet_write_string(s.cases, r, col++, c.stage.c_str(), s.f.text);
  for (const std::optional<Date>* d : {&c.received, &c.preliminary_on, &c.technical_on,
                                       &c.comprehensive_on, &c.stage_since, &c.filed_on}) {
    DateCell(s.cases, r, col++, *d, s.f);
  }
  worksheet_write_string(s.cases, r, col++, c.filing_number.c_str(), s.f.text);
  DateCell(s.cases, r, col++, c.valid_from, s.f);
  DateCell(s.cases, r, col++, c.valid_until, s.f);
  Count(s.by_authority, c.authority);
  Count(s.by_stage, c.stage);
  for (const LedgerOccupation& o : c.occupation_list) {
    const lxw_row_t orow = s.occupation_row++;
    worksheet_write_number(s.occupations, orow, 0, orow, s.f.number);
    const std::string cells[] = {c.case_id,   c.institution, o.code,       o.name,
                                 o.work_type, o.levels_text, o.check_text, o.state_text};
    lxw_col_t ocol = 1;
    for (const std::string& t : cells) {
      worksheet_write_string(s.occupations, orow, ocol++, t.c_str(), s.f.text);
    }
  }
}

Result<std::string> LedgerWriter::Finish() {
  Sheets& s = *sheets_;
  const lxw_row_t r = s.case_row;
  worksheet_autofilter(s.cases, 0, 0, r > 1 ? r - 1 : 1,
                       static_cast<lxw_col_t>(CaseColumns().size() - 1));
  lxw_row_t row = CountTable(s.counts, s.f, wording_, 0, "ledger.counts.by_authority",
                             "ledger.col.authority", s.by_authority);
  CountTable(s.counts, s.f, wording_, row, "ledger.counts.by_stage", "ledger.col.stage",
             s.by_stage);
  worksheet_set_paper(s.counts, 9);
  const lxw_row_t o = s.occupation_row;
  worksheet_autofilter(s.occupations, 0, 0, o > 1 ? o - 1 : 1,
                       static_cast<lxw_col_t>(OccupationColumns().size() - 1));
  return book_->Finish();
}

Result<std::string> WriteLedger(const std::vector<LedgerCase>& cases,
                                const report::MessageCatalog& /*messages*/,
                                const report::MessageCatalog& w, const Date& created) {
  Result<std::unique_ptr<LedgerWriter>> writer = LedgerWriter::Create(w, created);
  if (!writer) return writer.error();
  for (const LedgerCase& c : cases) (*writer)->Add(c);
  return (*writer)->Finish();
}

}  // namespace pipeline::evaluation
