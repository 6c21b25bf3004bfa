// Registry operations after deliberation: 公示, objections, filing, and issuing documents.
#include <algorithm>

#include "pipeline/core/sha256.h"
#include "pipeline/model/application.h"
#include "pipeline/registry/fault.h"
#include "pipeline/registry/registry.h"

namespace pipeline::registry {
namespace {

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

FilingRecord FilingFromRow(const Row& r) {
  return {AsText(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3]),
          AsText(r[4]), AsText(r[5]), AsText(r[6]), AsText(r[7])};
}

// Which number sequence a document kind takes: receipts their own (receipt_number_format),
// every other numbered document the authority's 发文字号 sequence. In SQL, the same test on a
// documents row, so that numbers of one sequence are compared only with each other.
std::string SequenceOfKind(const std::string& kind) { return kind == "receipt" ? "receipt" : ""; }
constexpr const char* kSameSequence =
    " AND CASE WHEN kind = 'receipt' THEN 'receipt' ELSE '' END = ?";
// The key of a sequence in number_sequences: the authority, with the sequence's name for any
// but the 发文字号 sequence.
std::string SequenceKey(const std::string& authority, const std::string& sequence) {
  return sequence.empty() ? authority : authority + ":" + sequence;
}

constexpr const char* kFilingColumns =
    "filing_id, uscc, case_id, filing_number, valid_from, valid_until, state, renewed_from";

}  // namespace

Result<std::vector<OccupationFact>> Registry::Occupations(const std::string& case_id) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT o.code, o.name, o.work_type, o.levels, o.state, o.reason FROM occupations o "
      "JOIN cases c ON c.case_id = o.case_id AND c.current_version = o.version "
      "WHERE o.case_id = ? ORDER BY o.seq",
      {case_id});
  if (!rows) return rows.error();
  std::vector<OccupationFact> out;
  for (const Row& r : *rows) {
    out.push_back(
        {AsText(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3]), AsText(r[4]), AsText(r[5])});
  }
  return out;
}

Result<std::vector<FilingRecord>> Registry::Filings(const std::string& uscc) {
  Result<std::vector<Row>> rows =
      db_->Query(std::string("SELECT ") + kFilingColumns +
                     " FROM filings WHERE uscc = ? AND state = 'active' ORDER BY valid_until DESC",
                 {uscc});
  if (!rows) return rows.error();
  std::vector<FilingRecord> out;
  for (const Row& r : *rows) out.push_back(FilingFromRow(r));
  return out;
}

Result<std::string> Registry::Publicize(const PublicityPlan& plan, const Actor& actor) {
  std::string document_id;
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    for (const std::string& id : plan.case_ids) {
      Result<CaseRecord> c = LoadCaseIn(id);
      if (!c) return c.error();
      const bool has_publicity =
          std::any_of(c->documents.begin(), c->documents.end(),
                      [](const DocumentRecord& d) { return d.kind == "publicity_notice"; });
      if (c->stage != Stage::kPublicity || has_publicity) {
        return RefuseStage(*c, "beian publicize");
      }
    }
    Result<std::string> made =
        InsertDraftIn("publicity_notice", plan.authority, plan.case_ids, plan.data_json, actor);
    if (!made) return made.error();
    document_id = *made;
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "INSERT INTO publicities (document_id, start_on, end_on, working_days, count_start_day) "
        "VALUES (?, ?, ?, ?, ?)",
        {document_id, plan.start.ToIso(), plan.end.ToIso(), std::int64_t{plan.working_days},
         std::int64_t{plan.count_start_day ? 1 : 0}}));
    for (const std::string& id : plan.case_ids) {
      Result<CaseRecord> c = LoadCaseRow(id);
      if (!c) return c.error();
      HistoryEntry e{0,
                     "publicize",
                     Stage::kPublicity,
                     "",
                     Stage::kPublicity,
                     actor.today.ToIso(),
                     actor.user,
                     document_id + " " + plan.start.ToIso() + "/" + plan.end.ToIso(),
                     "",
                     std::nullopt,
                     c->current_version};
      PIPELINE_RETURN_IF_ERROR(Append(*c, e));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return document_id;
}

Status Registry::Object(const std::string& case_id, const std::string& note, const Actor& actor) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<CaseRecord> c = LoadCaseIn(case_id);
    if (!c) return c.error();
    const bool has_publicity =
        std::any_of(c->documents.begin(), c->documents.end(),
                    [](const DocumentRecord& d) { return d.kind == "publicity_notice"; });
    if (c->stage != Stage::kPublicity || !has_publicity) return RefuseStage(*c, "beian object");
    Result<std::vector<Row>> n =
        db_->Query("SELECT COALESCE(MAX(seq), 0) FROM objections WHERE case_id = ?", {case_id});
    if (!n) return n.error();
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "INSERT INTO objections (case_id, seq, raised_on, note, raised_by) VALUES (?, ?, ?, ?, ?)",
        {case_id, AsInt(n->front()[0]) + 1, actor.today.ToIso(), note, actor.user}));
    return Append(*c, {0, "object", Stage::kPublicity, "", Stage::kPublicity, actor.today.ToIso(),
                       actor.user, note, "", std::nullopt, c->current_version});
  });
}

Status Registry::Resolve(const std::string& case_id, const std::string& note, const Actor& actor) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<CaseRecord> c = LoadCaseRow(case_id);
    if (!c) return c.error();
    Result<std::vector<Row>> open = db_->Query(
        "SELECT MIN(seq) FROM objections WHERE case_id = ? AND resolved_on IS NULL", {case_id});
    if (!open) return open.error();
    if (std::holds_alternative<std::monostate>(open->front()[0])) {
      return Refuse({"registry.refused.no_open_objection", {{"case", case_id}}});
    }
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("UPDATE objections SET resolved_on = ?, resolution = ?, resolved_by = ? "
                     "WHERE case_id = ? AND seq = ?",
                     {actor.today.ToIso(), note, actor.user, case_id, open->front()[0]}));
    return Append(*c, {0, "resolve", c->stage, "", c->stage, actor.today.ToIso(), actor.user, note,
                       "", std::nullopt, c->current_version});
  });
}

Result<FilingOutcome> Registry::File(const std::string& case_id, const std::string& authority,
                                     const nlohmann::json& notice_data, const Actor& actor,
                                     const std::string& filing_number_format) {
  FilingOutcome out;
  const std::string today = actor.today.ToIso();
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<CaseRecord> loaded = LoadCaseIn(case_id);
    if (!loaded) return loaded.error();
    const CaseRecord& c = *loaded;
    if (authority.empty()) {
      return Refuse({"registry.refused.no_authority", {{"case", case_id}}});
    }
    if (authority != model::kProvinceAuthority) {
      return Refuse(
          {"registry.refused.not_province", {{"case", case_id}, {"authority", authority}}});
    }
    const bool renewal = c.kind == model::ApplicationKind::kRenewal;
    PIPELINE_RETURN_IF_ERROR(CheckReadyToFile(c, "beian file", today));
    // The filing: new (initial), extended (renewal: three years on from the old end), or the
    // existing one unchanged in validity (add_occupation, change).
    Result<std::optional<FiledRecord>> previous = ActiveRecord(c.uscc);
    if (!previous) return previous.error();
    Result<std::vector<FilingRecord>> active = Filings(c.uscc);
    if (!active) return active.error();
    const bool needs_existing =
        c.kind != model::ApplicationKind::kInitial && c.kind != model::ApplicationKind::kUnknown;
    if (needs_existing && active->empty()) {
      return Refuse({"registry.refused.no_filing", {{"case", case_id}, {"uscc", c.uscc}}});
    }
    FilingRecord f;
    if (!needs_existing || renewal) {
      Result<std::string> seq = NextId("filing-" + std::to_string(actor.today.year));
      if (!seq) return seq.error();
      f.filing_id = "F" + std::to_string(actor.today.year) + "-" + *seq;
      f.uscc = c.uscc;
      f.case_id = c.case_id;
      f.state = "active";
      // 备案编号: a renewal keeps the one it had (a number filed before migration 5 was the
      // internal filing id, which is not one); otherwise the next of the office's format, or
      // none (left blank in the notice) when the format is not set.
      const FilingRecord* renewed = renewal ? &active->front() : nullptr;
      if (renewed != nullptr && !renewed->filing_number.empty() &&
          renewed->filing_number != renewed->filing_id) {
        f.filing_number = renewed->filing_number;
      } else if (!filing_number_format.empty()) {
        Result<std::string> n = NextFilingNumber(filing_number_format, actor.today.year);
        if (!n) return n.error();
        f.filing_number = *n;
      }
      if (renewal) {
        const FilingRecord& old = active->front();
        Date old_end = *ParseIsoDate(old.valid_until);
        f.valid_from = old_end.AddDays(1).ToIso();
        f.valid_until = old_end.AddYears(3).ToIso();
        f.renewed_from = old.filing_id;
        PIPELINE_RETURN_IF_ERROR(db_->Execute(
            "UPDATE filings SET state = 'renewed' WHERE filing_id = ?", {old.filing_id}));
      } else {
        f.valid_from = today;
        f.valid_until = actor.today.AddYears(3).AddDays(-1).ToIso();
      }
      PIPELINE_RETURN_IF_ERROR(db_->Execute(
          "INSERT INTO filings (filing_id, uscc, case_id, filing_number, valid_from, "
          "valid_until, state, renewed_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {f.filing_id, f.uscc, f.case_id, f.filing_number, f.valid_from, f.valid_until, f.state,
           f.renewed_from.empty() ? Value(std::monostate{}) : Value(f.renewed_from)}));
    } else {
      f = active->front();
    }
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("UPDATE occupations SET state = 'filed' WHERE case_id = ? AND version = ? "
                     "AND state = 'requested'",
                     {case_id, std::int64_t{c.current_version}}));
    PIPELINE_RETURN_IF_ERROR(WriteFiledRecord(c, f, *previous));
    // The notice's draft.
    out.document_kind = renewal ? "renewal_notice" : "filing_notice";
    nlohmann::json data = notice_data;
    data["filing"] = {{"id", f.filing_id},
                      {"number", f.filing_number},
                      {"valid_from", f.valid_from},
                      {"valid_until", f.valid_until},
                      {"renewed_from", f.renewed_from}};
    Result<std::string> made =
        InsertDraftIn(out.document_kind, authority, {case_id}, data.dump(), actor);
    if (!made) return made.error();
    out.document_id = *made;
    out.filing = f;
    return Append(c, {0, "file", c.stage, "", Stage::kFiled, today, actor.user,
                      f.filing_id + " " + f.valid_from + "/" + f.valid_until, "", std::nullopt,
                      c.current_version});
  });
  if (!s.ok()) return s;
  return out;
}

Status Registry::Terminate(const std::string& case_id, bool ordered, const std::string& reason,
                           const Actor& actor) {
  const std::string today = actor.today.ToIso();
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<CaseRecord> loaded = LoadCaseIn(case_id);
    if (!loaded) return loaded.error();
    const CaseRecord& c = *loaded;
    Result<std::vector<FilingRecord>> active = Filings(c.uscc);
    if (!active) return active.error();
    if (!ordered) {
      const HistoryEntry* last = c.history.empty() ? nullptr : &c.history.back();
      const bool passed = c.kind == model::ApplicationKind::kTermination &&
                          c.stage == Stage::kPreliminary && last != nullptr &&
                          last->action == "decide" && last->stage == Stage::kPreliminary &&
                          last->result == "pass";
      if (!passed) return RefuseStage(c, "beian terminate --voluntary");
    } else if (reason.empty()) {
      return Refuse({"registry.refused.reason_required", {{"case", case_id}}});
    }
    if (active->empty()) {
      return Refuse({"registry.refused.no_filing", {{"case", case_id}, {"uscc", c.uscc}}});
    }
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "UPDATE filings SET state = 'terminated' WHERE uscc = ? AND state = 'active'", {c.uscc}));
    return Append(c, {0, ordered ? "terminate_ordered" : "terminate_voluntary", c.stage, "",
                      Stage::kTerminated, today, actor.user, active->front().filing_id, reason,
                      std::nullopt, c.current_version});
  });
}

Status Registry::SetSlot(const std::string& document_id, const std::string& slot,
                         const std::string& text) {
  const bool valid_name =
      !slot.empty() && slot.size() <= 32 && slot[0] >= 'a' && slot[0] <= 'z' &&
      std::all_of(slot.begin(), slot.end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
      });
  if (!valid_name) return Refuse({"registry.refused.bad_slot", {{"slot", slot}}});
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<DocumentDetail> d = LoadDocument(document_id);
    if (!d) return d.error();
    if (d->state == "superseded") {
      return Refuse({"registry.refused.superseded", {{"document", document_id}}});
    }
    if (d->state != "draft") {
      return Refuse(
          {"registry.refused.already_issued", {{"document", document_id}, {"number", d->number}}});
    }
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "DELETE FROM document_slots WHERE document_id = ? AND slot = ?", {document_id, slot}));
    return db_->Execute("INSERT INTO document_slots (document_id, slot, text) VALUES (?, ?, ?)",
                        {document_id, slot, text});
  });
}

Result<std::map<std::string, std::string>> Registry::Slots(const std::string& document_id) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT slot, text FROM document_slots WHERE document_id = ? ORDER BY slot", {document_id});
  if (!rows) return rows.error();
  std::map<std::string, std::string> out;
  for (const Row& r : *rows) out[AsText(r[0])] = AsText(r[1]);
  return out;
}

Result<bool> Registry::WasTerminated(const std::string& uscc) {
  Result<std::vector<Row>> rows =
      db_->Query("SELECT COUNT(*) FROM filings WHERE uscc = ? AND state = 'terminated'", {uscc});
  if (!rows) return rows.error();
  return AsInt(rows->front()[0]) > 0;
}

Result<DocumentDetail> Registry::LoadDocument(const std::string& document_id) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT document_id, kind, authority, state, number, doc_date, sha256, path, data_json, "
      "title, pages, replaces, retention, item_no, created_on, served_on FROM documents "
      "WHERE document_id = ?",
      {document_id});
  if (!rows) return rows.error();
  if (rows->empty()) {
    return Status::NotFound(
        messages_.Format("registry.refused.unknown_document",
                         {{"document", document_id}, {"file", db_->Location()}}));
  }
  const Row& r = rows->front();
  DocumentDetail d{AsText(r[0]),
                   AsText(r[1]),
                   AsText(r[2]),
                   AsText(r[3]),
                   AsText(r[4]),
                   AsText(r[5]),
                   AsText(r[6]),
                   AsText(r[7]),
                   AsText(r[8]),
                   {},
                   AsText(r[9]),
                   static_cast<int>(AsInt(r[10])),
                   AsText(r[11]),
                   AsText(r[12]),
                   static_cast<int>(AsInt(r[13])),
                   AsText(r[14]),
                   AsText(r[15])};
  Result<std::vector<Row>> cases = db_->Query(
      "SELECT case_id FROM document_cases WHERE document_id = ? ORDER BY case_id", {document_id});
  if (!cases) return cases.error();
  for (const Row& c : *cases) d.case_ids.push_back(AsText(c[0]));
  return d;
}

Result<std::int64_t> Registry::BindNumber(const std::string& document_id, int year,
                                          std::int64_t number, const std::string& number_format,
                                          const std::string& doc_date) {
  std::int64_t bound = 0;
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<DocumentDetail> d = LoadDocument(document_id);
    if (!d) return d.error();
    if (d->state == "issued") {
      return Refuse(
          {"registry.refused.already_issued", {{"document", document_id}, {"number", d->number}}});
    }
    if (d->state == "superseded") {
      return Refuse({"registry.refused.superseded", {{"document", document_id}}});
    }
    if (d->state == "issuing") {  // an earlier issue stopped after taking its number
      Result<std::vector<Row>> r =
          db_->Query("SELECT seq_value FROM documents WHERE document_id = ?", {document_id});
      if (!r) return r.error();
      bound = AsInt(r->front()[0]);
      return Status::Ok();
    }
    Result<std::int64_t> taken =
        number > 0 ? TakeGivenNumber(*d, year, number) : TakeNextNumber(*d, year, doc_date);
    if (!taken) return taken.error();
    bound = *taken;
    std::string text = Replace(Replace(number_format, "{year}", std::to_string(year)), "{n}",
                               std::to_string(bound));
    PIPELINE_RETURN_IF_ERROR(CheckNumberTextFree(*d, text));
    return db_->Execute(
        "UPDATE documents SET state = 'issuing', number = ?, seq_year = ?, seq_value = ?, "
        "doc_date = ? WHERE document_id = ?",
        {text, std::int64_t{year}, bound, doc_date, document_id});
  });
  if (!s.ok()) return s;
  return bound;
}

Status Registry::CheckNumberTextFree(const DocumentDetail& d, const std::string& text) {
  Result<std::vector<Row>> other = db_->Query(
      "SELECT document_id, authority FROM documents WHERE number = ? AND document_id <> ? "
      "ORDER BY document_id LIMIT 1",
      {text, d.document_id});
  if (!other) return other.error();
  if (other->empty()) return Status::Ok();
  return Refuse({"registry.refused.number_text_used",
                 {{"document", d.document_id},
                  {"authority", d.authority},
                  {"number", text},
                  {"other", AsText(other->front()[0])},
                  {"other_authority", AsText(other->front()[1])}}});
}

Result<std::int64_t> Registry::TakeGivenNumber(const DocumentDetail& d, int year,
                                               std::int64_t number) {
  const std::string sequence = SequenceOfKind(d.kind);
  const std::string key = SequenceKey(d.authority, sequence);
  Result<std::vector<Row>> used = db_->Query(
      std::string("SELECT document_id FROM documents WHERE authority = ? AND seq_year = ? AND "
                  "seq_value = ?") +
          kSameSequence,
      {d.authority, std::int64_t{year}, number, sequence});
  if (!used) return used.error();
  if (!used->empty()) {
    return Refuse({"registry.refused.number_used",
                   {{"number", std::to_string(number)}, {"document", AsText(used->front()[0])}}});
  }
  // The sequence never hands out a number given by hand (and gives back the one just taken
  // when it is already past it).
  Result<std::int64_t> next = NextInSequence(key, year);
  if (!next) return next.error();
  PIPELINE_RETURN_IF_ERROR(
      db_->Execute("UPDATE number_sequences SET next_value = ? WHERE authority = ? AND year = ?",
                   {std::max(*next, number + 1), key, std::int64_t{year}}));
  return number;
}

Result<std::int64_t> Registry::TakeNextNumber(const DocumentDetail& d, int year,
                                              const std::string& doc_date) {
  const std::string sequence = SequenceOfKind(d.kind);
  // Numbers follow dates: the next number never goes to a document dated before the one that
  // took the last (a 公示 keeps its publication day: issue it before the 备案通知).
  Result<std::vector<Row>> last = db_->Query(
      std::string("SELECT number, doc_date FROM documents WHERE authority = ? AND seq_year = ? "
                  "AND state IN ('issued', 'issuing') AND doc_date > ?") +
          kSameSequence + " ORDER BY seq_value DESC",
      {d.authority, std::int64_t{year}, doc_date, sequence});
  if (!last) return last.error();
  if (!last->empty()) {
    return Refuse({"registry.refused.dated_before_last",
                   {{"document", d.document_id},
                    {"date", doc_date},
                    {"number", AsText(last->front()[0])},
                    {"last_date", AsText(last->front()[1])}}});
  }
  return NextInSequence(SequenceKey(d.authority, sequence), year);
}

Result<std::string> Registry::NextFilingNumber(const std::string& format, int year) {
  Result<std::string> n = NextId("filing-number-" + std::to_string(year));
  if (!n) return n.error();
  return Replace(Replace(format, "{year}", std::to_string(year)), "{n}",
                 std::to_string(std::stoll(*n)));
}

Result<std::string> Registry::NumberFiling(const std::string& document_id,
                                           const std::string& format, int year) {
  std::string number;
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<DocumentDetail> d = LoadDocument(document_id);
    if (!d) return d.error();
    nlohmann::json data = nlohmann::json::parse(d->data_json, nullptr, false);
    if (data.is_discarded() || !data.is_object() || !data.contains("filing")) {
      return Status::InvalidData("stored notice data has no filing", document_id);
    }
    const std::string filing_id = data["filing"].value("id", "");
    Result<std::vector<Row>> row =
        db_->Query("SELECT filing_number FROM filings WHERE filing_id = ?", {filing_id});
    if (!row) return row.error();
    if (row->empty()) return Status::InvalidData("no filing " + filing_id, document_id);
    number = AsText(row->front()[0]);
    if (number == filing_id) number.clear();  // filed before migration 5: the internal id
    if (number.empty() && !format.empty()) {
      Result<std::string> n = NextFilingNumber(format, year);
      if (!n) return n.error();
      number = *n;
      PIPELINE_RETURN_IF_ERROR(db_->Execute(
          "UPDATE filings SET filing_number = ? WHERE filing_id = ?", {number, filing_id}));
    }
    if (data["filing"].value("number", "") == number) return Status::Ok();
    data["filing"]["number"] = number;
    return db_->Execute("UPDATE documents SET data_json = ? WHERE document_id = ?",
                        {data.dump(), document_id});
  });
  if (!s.ok()) return s;
  return number;
}

Status Registry::BindUnnumbered(const std::string& document_id, int year,
                                const std::string& doc_date) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<DocumentDetail> d = LoadDocument(document_id);
    if (!d) return d.error();
    if (d->state == "issued") {
      return Refuse({"registry.refused.already_issued_unnumbered",
                     {{"document", document_id}, {"date", d->doc_date}}});
    }
    if (d->state == "superseded") {
      return Refuse({"registry.refused.superseded", {{"document", document_id}}});
    }
    if (d->state == "issuing") return Status::Ok();  // an earlier issue stopped: keep its date
    return db_->Execute(
        "UPDATE documents SET state = 'issuing', seq_year = ?, doc_date = ? WHERE document_id = ?",
        {std::int64_t{year}, doc_date, document_id});
  });
}

Status Registry::MarkIssued(const std::string& document_id, const std::string& path,
                            const std::string& pdf, const std::string& title, int pages,
                            const std::string& retention) {
  const std::string sha256 = Sha256Hex(pdf);
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<std::vector<Row>> state =
        db_->Query("SELECT state FROM documents WHERE document_id = ?", {document_id});
    if (!state) return state.error();
    if (state->empty() || AsText(state->front()[0]) != "issuing") return Status::Ok();
    // The 件号: next in the authority's year and retention period, given once (DA/T 22).
    Result<std::vector<Row>> next = db_->Query(
        "SELECT COALESCE(MAX(o.item_no), 0) + 1 FROM documents d JOIN documents o ON "
        "o.state = 'issued' AND o.authority = d.authority AND "
        "SUBSTR(o.doc_date, 1, 4) = SUBSTR(d.doc_date, 1, 4) AND "
        "COALESCE(o.retention, '') = ? WHERE d.document_id = ?",
        {retention, document_id});
    if (!next) return next.error();
    const std::int64_t item =
        next->empty() ? 1 : std::max<std::int64_t>(1, AsInt(next->front()[0]));
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "UPDATE documents SET state = 'issued', path = ?, sha256 = ?, title = ?, pages = ?, "
        "retention = ?, item_no = ? WHERE document_id = ? AND state = 'issuing'",
        {path, sha256, title, std::int64_t{pages}, retention, item, document_id}));
    // The issued copy itself, in the same transaction: issued with its bytes or not at all.
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("INSERT INTO document_files (document_id, content) VALUES (?, ?)",
                     {document_id, Bytes{pdf}}));
    FaultPoint("before_commit");
    return Status::Ok();
  });
}

Result<std::string> Registry::InsertDraftIn(const std::string& kind, const std::string& authority,
                                            const std::vector<std::string>& case_ids,
                                            const std::string& data_json, const Actor& actor,
                                            const std::string& replaces) {
  Result<std::string> seq = NextId("document-" + std::to_string(actor.today.year));
  if (!seq) return seq.error();
  const std::string id = "D" + std::to_string(actor.today.year) + "-" + *seq;
  PIPELINE_RETURN_IF_ERROR(db_->Execute(
      "INSERT INTO documents (document_id, kind, authority, state, created_on, created_by, "
      "data_json, replaces) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)",
      {id, kind, authority, actor.today.ToIso(), actor.user, data_json,
       replaces.empty() ? Value(std::monostate{}) : Value(replaces)}));
  for (const std::string& c : case_ids) {
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("INSERT INTO document_cases (document_id, case_id) VALUES (?, ?)", {id, c}));
  }
  return id;
}

Result<std::string> Registry::CreateDraft(const std::string& kind, const std::string& authority,
                                          const std::vector<std::string>& case_ids,
                                          const std::string& data_json, const Actor& actor) {
  std::string id;
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<std::string> made = InsertDraftIn(kind, authority, case_ids, data_json, actor);
    if (!made) return made.error();
    id = *made;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return id;
}

Result<std::string> Registry::Redraft(const std::string& document_id, const Actor& actor) {
  std::string new_id;
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<DocumentDetail> old = LoadDocument(document_id);
    if (!old) return old.error();
    if (old->state != "issued") {
      return Refuse({"registry.refused.not_issued", {{"document", document_id}}});
    }
    nlohmann::json data = nlohmann::json::parse(old->data_json, nullptr, false);
    if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
    data["document"]["replaces"] = old->number;
    Result<std::string> made =
        InsertDraftIn(old->kind, old->authority, old->case_ids, data.dump(), actor, document_id);
    if (!made) return made.error();
    new_id = *made;
    return db_->Execute(
        "INSERT INTO document_slots (document_id, slot, text) "
        "SELECT ?, slot, text FROM document_slots WHERE document_id = ?",
        {new_id, document_id});
  });
  if (!s.ok()) return s;
  return new_id;
}

Result<std::string> Registry::RunLetterDraft(const std::string& case_id, const std::string& kind,
                                             const std::string& authority) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT d.document_id FROM documents d JOIN document_cases dc ON dc.document_id = "
      "d.document_id JOIN cases c ON c.case_id = dc.case_id JOIN dossier_versions v ON "
      "v.case_id = c.case_id AND v.version = c.current_version WHERE dc.case_id = ? AND "
      "d.kind = ? AND d.authority = ? AND d.state = 'draft' AND d.created_on >= v.received_on "
      "ORDER BY d.created_on DESC, d.document_id DESC",
      {case_id, kind, authority});
  if (!rows) return rows.error();
  return rows->empty() ? std::string() : AsText(rows->front()[0]);
}

Status Registry::SupersedeEndingLetters(const std::string& case_id,
                                        const std::vector<std::string>& keep) {
  std::string kept = "?";
  std::vector<Value> args = {std::string()};
  for (const std::string& id : keep) {
    kept += ", ?";
    args.push_back(id);
  }
  args.push_back(case_id);
  return db_->Execute(
      "UPDATE documents SET state = 'superseded' WHERE state = 'draft' AND kind IN "
      "('referral_notice', 'transfer_letter', 'refusal_notice', 'termination_notice') AND "
      "document_id NOT IN (" +
          kept +
          ") AND document_id IN "
          "(SELECT document_id FROM document_cases WHERE case_id = ?)",
      args);
}

Result<std::optional<std::string>> Registry::IssuedCopy(const std::string& document_id) {
  Result<std::vector<Row>> rows =
      db_->Query("SELECT content FROM document_files WHERE document_id = ?", {document_id});
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<std::string>();
  return std::optional<std::string>(AsText(rows->front()[0]));
}

Status Registry::StoreIssuedCopy(const std::string& document_id, const std::string& pdf) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<DocumentDetail> d = LoadDocument(document_id);
    if (!d) return d.error();
    if (d->state != "issued" || Sha256Hex(pdf) != d->sha256) {
      return Status::InvalidArgument("not the issued copy of " + document_id);
    }
    Result<std::vector<Row>> have =
        db_->Query("SELECT COUNT(*) FROM document_files WHERE document_id = ?", {document_id});
    if (!have) return have.error();
    if (AsInt(have->front()[0]) > 0) return Status::Ok();
    return db_->Execute("INSERT INTO document_files (document_id, content) VALUES (?, ?)",
                        {document_id, Bytes{pdf}});
  });
}

Result<std::vector<DocumentDetail>> Registry::IssuedDocuments() {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT document_id FROM documents WHERE state = 'issued' "
      "ORDER BY authority, seq_year, doc_date, document_id");
  if (!rows) return rows.error();
  std::vector<DocumentDetail> out;
  for (const Row& r : *rows) {
    Result<DocumentDetail> d = LoadDocument(AsText(r[0]));
    if (!d) return d.error();
    out.push_back(std::move(*d));
  }
  return out;
}

}  // namespace pipeline::registry
