// Registry operations on the filed record (Art. 8), deliveries (beian served) and the 市（州）
// 报送 (Art. 7(五)).
#include <algorithm>

#include "pipeline/model/application.h"
#include "pipeline/registry/registry.h"

namespace pipeline::registry {
namespace {

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    if (nl > at) out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

Value TextOrNull(const std::string& s, bool known) {
  return known ? Value(s) : Value(std::monostate{});
}

}  // namespace

std::string LevelsToCsv(const std::vector<int>& levels) {
  std::string out;
  for (int l : levels) out += (out.empty() ? "" : ",") + std::to_string(l);
  return out;
}

bool ExpertGroupDocument(const std::string& kind) {
  return kind == "preliminary_opinion" || kind == "technical_opinion" ||
         kind == "comprehensive_opinion";
}

bool IsApplicantEndingLetter(const std::string& kind) {
  return kind == "referral_notice" || kind == "refusal_notice" || kind == "termination_notice";
}

bool IsEndingLetter(const std::string& kind) {
  return IsApplicantEndingLetter(kind) || kind == "transfer_letter";
}

bool IsRunLetter(const std::string& kind) {
  return kind == "correction_notice" || IsEndingLetter(kind);
}

bool KeptByRun(const std::string& kind) {
  return IsRunLetter(kind) || kind == "preliminary_opinion";
}

std::vector<std::string> EndingLetterKinds(Stage stage) {
  if (stage == Stage::kReferred) return {"referral_notice", "transfer_letter"};
  if (stage == Stage::kTerminated) return {"termination_notice"};
  if (stage == Stage::kNotFiled) return {"refusal_notice"};
  return {};
}

bool SentToApplicant(const std::string& kind) {
  return IsRunLetter(kind) || kind == "receipt" || kind == "technical_opinion" ||
         kind == "filing_notice" || kind == "renewal_notice";
}

bool DatedByTheAct(const std::string& kind) {
  return ExpertGroupDocument(kind) || kind == "receipt" || kind == "publicity_notice";
}

std::vector<int> LevelsFromCsv(const std::string& csv) {
  std::vector<int> levels;
  std::size_t at = 0;
  while (at < csv.size()) {
    std::size_t comma = csv.find(',', at);
    if (comma == std::string::npos) comma = csv.size();
    const std::string part = csv.substr(at, comma - at);
    const bool number =
        !part.empty() && part.size() < 4 &&
        part.find_first_not_of("0123456789", part[0] == '-' ? 1 : 0) == std::string::npos &&
        part != "-";
    if (number) levels.push_back(std::stoi(part));
    at = comma + 1;
  }
  std::sort(levels.begin(), levels.end());
  return levels;
}

Result<RecordElements> Registry::VersionElements(const std::string& case_id) {
  Result<std::vector<Row>> v = db_->Query(
      "SELECT v.registered_address, v.legal_representative, v.exam_sites FROM dossier_versions v "
      "JOIN cases c ON c.case_id = v.case_id AND c.current_version = v.version "
      "WHERE v.case_id = ?",
      {case_id});
  if (!v) return v.error();
  if (v->empty()) return RecordElements{};
  return RecordElements{AsText(v->front()[0]), AsText(v->front()[1]),
                        SplitLines(AsText(v->front()[2]))};
}

Result<std::optional<FiledRecord>> Registry::ActiveRecord(const std::string& uscc) {
  Result<std::vector<FilingRecord>> active = Filings(uscc);
  if (!active) return active.error();
  if (active->empty()) return std::optional<FiledRecord>();
  FiledRecord r;
  r.filing = active->front();
  Result<std::vector<Row>> el = db_->Query(
      "SELECT registered_address, legal_representative, exam_sites FROM filings "
      "WHERE filing_id = ?",
      {r.filing.filing_id});
  if (!el) return el.error();
  if (!el->empty() && !std::holds_alternative<std::monostate>(el->front()[0])) {
    r.elements_known = true;
    r.elements = {AsText(el->front()[0]), AsText(el->front()[1]),
                  SplitLines(AsText(el->front()[2]))};
  }
  Result<std::vector<Row>> occ = db_->Query(
      "SELECT code, name, work_type, levels FROM filing_occupations WHERE filing_id = ? "
      "ORDER BY seq",
      {r.filing.filing_id});
  if (!occ) return occ.error();
  for (const Row& o : *occ) {
    r.occupations.push_back({AsText(o[0]), AsText(o[1]), AsText(o[2]), AsText(o[3]), "filed", ""});
  }
  return std::optional<FiledRecord>(std::move(r));
}

Result<std::optional<std::string>> Registry::OpenCaseOpenedOn(const std::string& uscc,
                                                              model::ApplicationKind kind) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT stage, opened_on FROM cases WHERE uscc = ? AND kind = ? "
      "ORDER BY opened_on DESC, case_id DESC",
      {uscc, std::string(model::ApplicationKindName(kind))});
  if (!rows) return rows.error();
  for (const Row& r : *rows) {
    std::optional<Stage> s = StageFromName(AsText(r[0]));
    if (s && !IsClosed(*s)) return std::optional<std::string>(AsText(r[1]));
  }
  return std::optional<std::string>();
}

Status Registry::MarkServed(const std::string& document_id, const Date& served_on,
                            const std::string& reason, const Actor& actor) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<DocumentDetail> d = LoadDocument(document_id);
    if (!d) return d.error();
    Result<std::vector<Row>> was =
        db_->Query("SELECT served_on FROM documents WHERE document_id = ?", {document_id});
    if (!was) return was.error();
    const std::string before = AsText(was->front()[0]);
    if (!before.empty() && reason.empty()) {
      return Refuse(
          {"registry.refused.already_served", {{"document", document_id}, {"date", before}}});
    }
    // The delivery's date, by the rule of a decision's (CheckActDate): not after --today, not
    // before the case's latest event that precedes the document (an ending letter: the
    // decision that ended the case, whenever run drew the draft; deliveries of other documents
    // and warnings do not count), nor before the document exists (its issue; a draft handed
    // over as printed: the day it was drawn).
    const std::string served = served_on.ToIso();
    const std::string since = d->state == "issued" ? d->doc_date : d->created_on;
    const std::vector<std::pair<std::string, std::string>> named = {
        {"document", document_id}, {"kind", messages_.Format("registry.document." + d->kind)}};
    auto counts = [&](const HistoryEntry& e) {
      if (e.action == "served" || e.action == "warning" || e.action == "submit") return false;
      return IsEndingLetter(d->kind) || e.acted_on <= since;
    };
    for (const std::string& id : d->case_ids) {
      Result<CaseRecord> c = LoadCaseRow(id);
      if (!c) return c.error();
      Result<std::vector<HistoryEntry>> h = LoadHistory(id);
      if (!h) return h.error();
      c->history = std::move(*h);
      PIPELINE_RETURN_IF_ERROR(CheckActDate(*c, served, counts, actor, ".served", named));
    }
    if (d->case_ids.empty()) {
      PIPELINE_RETURN_IF_ERROR(CheckActDate(CaseRecord{}, served, counts, actor, ".served", named));
    }
    if (d->state == "issued" && served < d->doc_date) {
      return Refuse({"registry.refused.served_before_issue",
                     {{"document", document_id}, {"date", d->doc_date}}});
    }
    if (served < d->created_on) {
      return Refuse({"registry.refused.served_before_drawn",
                     {{"document", document_id}, {"created", d->created_on}, {"date", served}}});
    }
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("UPDATE documents SET served_on = ? WHERE document_id = ?",
                     {served_on.ToIso(), document_id}));
    for (const std::string& id : d->case_ids) {
      Result<CaseRecord> c = LoadCaseRow(id);
      if (!c) return c.error();
      // A corrected delivery date names the entry it corrects (the latest delivery recorded).
      std::optional<int> corrects;
      if (!before.empty()) {
        Result<std::vector<Row>> last = db_->Query(
            "SELECT MAX(seq) FROM stage_history WHERE case_id = ? AND action = 'served' AND note "
            "LIKE ?",
            {id, document_id + " %"});
        if (!last) return last.error();
        if (!last->empty() && !std::holds_alternative<std::monostate>(last->front()[0])) {
          corrects = static_cast<int>(AsInt(last->front()[0]));
        }
      }
      PIPELINE_RETURN_IF_ERROR(Append(
          *c, {0, "served", c->stage, "", c->stage, actor.today.ToIso(), actor.user,
               document_id + " " + served_on.ToIso(), reason, corrects, c->current_version}));
    }
    return Status::Ok();
  });
}

Status Registry::SetValidity(const std::string& filing_id, const std::string& from,
                             const std::string& until) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    return db_->Execute(
        "UPDATE filings SET valid_from = ?, valid_until = ? WHERE filing_id = ? "
        "AND state = 'active'",
        {from, until, filing_id});
  });
}

Status Registry::CheckReadyToFile(const CaseRecord& c, const std::string& command,
                                  const std::string& today) {
  if (c.kind == model::ApplicationKind::kRenewal) {
    const HistoryEntry* last = nullptr;
    for (auto it = c.history.rbegin(); it != c.history.rend(); ++it) {
      if (it->action != "submit" && it->action != "served") {
        last = &*it;
        break;
      }
    }
    const bool passed = last != nullptr && last->action == "decide" &&
                        last->stage == Stage::kPreliminary && last->result == "pass" &&
                        c.stage == Stage::kPreliminary;
    return passed ? Status::Ok() : RefuseStage(c, command);
  }
  if (c.stage != Stage::kPublicity || c.kind == model::ApplicationKind::kTermination) {
    return RefuseStage(c, command);
  }
  Result<std::vector<Row>> period = db_->Query(
      "SELECT MAX(p.end_on) FROM publicities p JOIN document_cases dc "
      "ON dc.document_id = p.document_id WHERE dc.case_id = ?",
      {c.case_id});
  if (!period) return period.error();
  if (std::holds_alternative<std::monostate>(period->front()[0])) {
    return RefuseStage(c, command);
  }
  const std::string end = AsText(period->front()[0]);
  if (today <= end) {
    return Refuse({"registry.refused.publicity_not_ended", {{"case", c.case_id}, {"end", end}}});
  }
  Result<std::vector<Row>> open = db_->Query(
      "SELECT COUNT(*) FROM objections WHERE case_id = ? AND resolved_on IS NULL", {c.case_id});
  if (!open) return open.error();
  if (AsInt(open->front()[0]) > 0) {
    return Refuse({"registry.refused.open_objection", {{"case", c.case_id}}});
  }
  return CheckPublicityIssued(c);
}

Status Registry::CheckPublicityIssued(const CaseRecord& c) {
  Result<std::vector<Row>> notice = db_->Query(
      "SELECT d.document_id, d.state FROM publicities p JOIN documents d ON d.document_id = "
      "p.document_id JOIN document_cases dc ON dc.document_id = p.document_id "
      "WHERE dc.case_id = ? ORDER BY p.end_on DESC, d.document_id DESC",
      {c.case_id});
  if (!notice) return notice.error();
  if (notice->empty() || AsText(notice->front()[1]) == "issued") return Status::Ok();
  const std::string id = AsText(notice->front()[0]);
  return Refuse(
      {"registry.refused.publicity_not_issued",
       {{"case", c.case_id}, {"document", id}, {"next", "beian issue " + id + hint_registry_}}});
}

Status Registry::WriteFiledRecord(const CaseRecord& c, const FilingRecord& f,
                                  const std::optional<FiledRecord>& previous) {
  using model::ApplicationKind;
  // What the case's current version says.
  Result<std::vector<Row>> v = db_->Query(
      "SELECT registered_address, legal_representative, exam_sites FROM dossier_versions "
      "WHERE case_id = ? AND version = ?",
      {c.case_id, std::int64_t{c.current_version}});
  if (!v) return v.error();
  const bool version_known = !v->empty() && !std::holds_alternative<std::monostate>(v->front()[0]);
  RecordElements from_version;
  if (version_known) {
    from_version = {AsText(v->front()[0]), AsText(v->front()[1]),
                    SplitLines(AsText(v->front()[2]))};
  }
  Result<std::vector<Row>> filed = db_->Query(
      "SELECT code, name, work_type, levels FROM occupations WHERE case_id = ? AND version = ? "
      "AND state = 'filed' ORDER BY seq",
      {c.case_id, std::int64_t{c.current_version}});
  if (!filed) return filed.error();
  std::vector<OccupationFact> occupations;
  for (const Row& r : *filed) {
    occupations.push_back({AsText(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3]), "filed", ""});
  }
  // The record after this filing.
  bool known = version_known;
  RecordElements elements = from_version;
  const bool carries = previous.has_value() && (c.kind == ApplicationKind::kRenewal ||
                                                c.kind == ApplicationKind::kAddOccupation);
  if (carries) {
    known = previous->elements_known;
    elements = previous->elements;
    std::vector<OccupationFact> merged = previous->occupations;
    if (c.kind == ApplicationKind::kRenewal && !occupations.empty()) merged.clear();
    for (const OccupationFact& o : occupations) {
      auto same = std::find_if(merged.begin(), merged.end(),
                               [&](const OccupationFact& m) { return m.code == o.code; });
      if (same != merged.end()) {
        *same = o;
      } else {
        merged.push_back(o);
      }
    }
    occupations = std::move(merged);
  } else if (previous.has_value() && c.kind == ApplicationKind::kChange) {
    // A change replaces what its form gives; what the form leaves empty stays as filed.
    known = previous->elements_known || version_known;
    elements = previous->elements;
    if (!from_version.registered_address.empty()) {
      elements.registered_address = from_version.registered_address;
    }
    if (!from_version.legal_representative.empty()) {
      elements.legal_representative = from_version.legal_representative;
    }
    if (!from_version.exam_sites.empty()) elements.exam_sites = from_version.exam_sites;
    if (occupations.empty()) occupations = previous->occupations;
  }
  PIPELINE_RETURN_IF_ERROR(db_->Execute(
      "UPDATE filings SET registered_address = ?, legal_representative = ?, exam_sites = ? "
      "WHERE filing_id = ?",
      {TextOrNull(elements.registered_address, known),
       TextOrNull(elements.legal_representative, known),
       TextOrNull(JoinLines(elements.exam_sites), known), f.filing_id}));
  PIPELINE_RETURN_IF_ERROR(
      db_->Execute("DELETE FROM filing_occupations WHERE filing_id = ?", {f.filing_id}));
  std::int64_t seq = 0;
  for (const OccupationFact& o : occupations) {
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "INSERT INTO filing_occupations (filing_id, seq, code, name, work_type, levels) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {f.filing_id, ++seq, o.code, o.name, o.work_type, o.levels}));
  }
  return Status::Ok();
}

Result<std::string> Registry::Submit(const std::vector<std::string>& case_ids,
                                     const std::string& authority, const std::string& data_json,
                                     const Actor& actor) {
  std::string document_id;
  const std::string today = actor.today.ToIso();
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    if (authority == model::kProvinceAuthority) {
      return Refuse({"registry.refused.province_submits", {{"case", case_ids.front()}}});
    }
    for (const std::string& id : case_ids) {
      Result<CaseRecord> c = LoadCaseIn(id);
      if (!c) return c.error();
      PIPELINE_RETURN_IF_ERROR(CheckReadyToFile(*c, "beian submit", today));
    }
    Result<std::string> made = InsertDraftIn("submission", authority, case_ids, data_json, actor);
    if (!made) return made.error();
    document_id = *made;
    for (const std::string& id : case_ids) {
      Result<CaseRecord> c = LoadCaseRow(id);
      if (!c) return c.error();
      PIPELINE_RETURN_IF_ERROR(Append(*c, {0, "submit", c->stage, "", c->stage, today, actor.user,
                                           document_id, "", std::nullopt, c->current_version}));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return document_id;
}

}  // namespace pipeline::registry
