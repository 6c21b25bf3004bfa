#include "pipeline/registry/registry.h"

#include <algorithm>
#include <cstdio>

#include "pipeline/core/enum_names.h"
#include "pipeline/registry/fault.h"
#include "pipeline/registry/schema.h"
#include "pipeline/report/case_id.h"

namespace pipeline::registry {
namespace {

constexpr const char* kCaseColumns =
    "c.case_id, c.uscc, i.name, c.authority, c.kind, c.stage, c.stage_since, c.opened_on, "
    "c.current_version";

CaseRecord CaseFromRow(const Row& r) {
  CaseRecord c;
  c.case_id = AsText(r[0]);
  c.uscc = AsText(r[1]);
  c.institution_name = AsText(r[2]);
  c.authority = AsText(r[3]);
  c.kind = model::ApplicationKindFromName(AsText(r[4])).value_or(model::ApplicationKind::kUnknown);
  c.stage = StageFromName(AsText(r[5])).value_or(Stage::kReceived);
  c.stage_since = AsText(r[6]);
  c.opened_on = AsText(r[7]);
  c.current_version = static_cast<int>(AsInt(r[8]));
  return c;
}

// The latest decision entry (decide or deliberate), if it is the last entry of the history
// that acts on the case (deliveries and 报送 are bookkeeping: they decide nothing).
const HistoryEntry* LastDecision(const std::vector<HistoryEntry>& h) {
  auto acting = std::find_if(h.rbegin(), h.rend(), [](const HistoryEntry& e) {
    return e.action != "served" && e.action != "submit" && e.action != "warning";
  });
  if (acting == h.rend()) return nullptr;
  const HistoryEntry& last = *acting;
  return last.action == "decide" || last.action == "deliberate" || last.action == "evaluate" ||
                 last.action == "summarize"
             ? &last
             : nullptr;
}

std::string DisplayKind(model::ApplicationKind k) { return model::ApplicationKindName(k); }

constexpr EnumName<RecordOutcome::What> kRecordOutcomeNames[] = {
    {RecordOutcome::What::kNewCase, "new_case"},
    {RecordOutcome::What::kNewVersion, "new_version"},
    {RecordOutcome::What::kUnchanged, "unchanged"},
    {RecordOutcome::What::kRefused, "refused"},
};

}  // namespace

const char* RecordOutcomeName(RecordOutcome::What w) {
  return NameOf(kRecordOutcomeNames, w, "unknown");
}

Result<std::unique_ptr<Registry>> Registry::Open(std::unique_ptr<Storage> db,
                                                 const report::MessageCatalog& messages,
                                                 const Date& today, bool migrate) {
  if (migrate) {
    PIPELINE_RETURN_IF_ERROR(Migrate(*db, today.ToIso()));
  } else {
    Result<int> have = ReadSchemaVersion(*db);
    if (!have) return have.error();
    if (*have != CurrentSchemaVersion()) {
      return Status::InvalidArgument(messages.Format(
          "registry.schema_not_current", {{"registry", db->Location()},
                                          {"have", std::to_string(*have)},
                                          {"want", std::to_string(CurrentSchemaVersion())}}));
    }
  }
  return std::unique_ptr<Registry>(new Registry(std::move(db), messages));
}

Status Registry::Refuse(const Refusal& r) const {
  return Status::InvalidArgument(messages_.Format(r.key, r.args));
}

Status Registry::RefuseStage(const CaseRecord& row, const std::string& command) {
  // The next step depends on history and documents: load them (inside the caller's transaction).
  Result<CaseRecord> full = LoadCaseIn(row.case_id);
  const CaseRecord& c = full ? *full : row;
  return Refuse({"registry.refused.wrong_stage",
                 {{"case", c.case_id},
                  {"stage", StageName(c.stage)},
                  {"command", command},
                  {"next", NextStep(c)}}});
}

void Registry::SetHintOptions(const std::string& registry_flag, const std::string& authority) {
  hint_registry_.clear();
  if (!registry_flag.empty()) {
    const bool plain = registry_flag.find_first_not_of(
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-") ==
                       std::string::npos;
    hint_registry_ = " --registry " + (plain ? registry_flag : "'" + registry_flag + "'");
  }
  hint_authority_ = authority;
}

namespace {

// Whether the case's 公示 has an objection not yet resolved (history: object / resolve).
bool HasOpenObjection(const std::vector<HistoryEntry>& h) {
  int open = 0;
  for (const HistoryEntry& e : h) {
    if (e.action == "object") ++open;
    if (e.action == "resolve" && open > 0) --open;
  }
  return open > 0;
}

bool HasDocument(const CaseRecord& c, const std::string& kind) {
  return std::any_of(c.documents.begin(), c.documents.end(), [&](const DocumentRecord& d) {
    return d.kind == kind && d.state != "superseded";
  });
}

// What is left of an ended case's letters (受理部门告知书 and 移送函, 不予备案告知书,
// 终止备案通知): to issue each, then to record the delivery of the one to the applicant; "" when
// nothing is.
std::string EndingLetterStep(const CaseRecord& c, const std::string& reg) {
  std::vector<const DocumentRecord*> letters;
  for (const DocumentRecord& d : c.documents) {
    if (IsEndingLetter(d.kind) && d.state != "superseded") letters.push_back(&d);
  }
  for (const DocumentRecord* letter : letters) {
    if (letter->state != "issued") return "beian issue " + letter->document_id + reg;
  }
  for (const DocumentRecord* letter : letters) {
    if (IsApplicantEndingLetter(letter->kind) && letter->served_on.empty()) {
      return "beian served " + letter->document_id + " --date YYYY-MM-DD" + reg;
    }
  }
  return "";
}

}  // namespace

std::string Registry::NextStep(const CaseRecord& c) const {
  const std::string id = c.case_id;
  if (c.stage == Stage::kReturned) return messages_.Format("registry.next.resubmit");
  if (IsClosed(c.stage)) {
    const std::string letter = EndingLetterStep(c, hint_registry_);
    return letter.empty() ? messages_.Format("registry.next.none") : letter;
  }
  const std::string reg = hint_registry_;
  const std::string auth = hint_authority_.empty() ? "" : " --authority " + hint_authority_;
  // Filing: the province (Art. 7(五)); a 市（州） office reports the case first (报送).
  const std::string office = hint_authority_.empty() ? c.authority : hint_authority_;
  const bool submitted = std::any_of(c.history.begin(), c.history.end(),
                                     [](const HistoryEntry& e) { return e.action == "submit"; });
  const std::string file =
      office == model::kProvinceAuthority || submitted || office.empty()
          ? "beian file " + id + " --authority " + model::kProvinceAuthority + reg
          : "beian submit " + id + " --authority " + office + reg;
  const HistoryEntry* last = LastDecision(c.history);
  const bool decided = last != nullptr && last->stage == c.stage && last->stage_after == c.stage;
  if (decided) {  // a renewal or termination whose evaluation passed
    return c.kind == model::ApplicationKind::kTermination
               ? "beian terminate " + id + " --voluntary" + auth + reg
               : file;
  }
  switch (c.stage) {
    case Stage::kTechnical:  // the scoring sheet (docs/user-guide.md "Technical evaluation")
      return "beian scoresheet " + id + " --out DIR" + reg + "; beian evaluate " + id +
             " --scores FILE.xlsx --result pass|fail" + auth + reg;
    case Stage::kComprehensive:  // summarize drafts from the technical opinion; on paper: decide
      return HasDocument(c, "technical_opinion")
                 ? "beian summarize " + id + " --result pass|fail" + auth + reg
                 : "beian decide " + id + " --stage comprehensive --result pass|fail" + reg;
    case Stage::kDeliberation:
      return "beian deliberate " + id + " --date YYYY-MM-DD --note …" + reg;
    case Stage::kPublicity:
      if (!HasDocument(c, "publicity_notice")) {
        return "beian publicize " + id + " --start YYYY-MM-DD" + auth + reg;
      }
      if (HasOpenObjection(c.history)) return "beian resolve " + id + " --note …" + reg;
      for (const DocumentRecord& d : c.documents) {  // filing follows the issued 公示
        if (d.kind == "publicity_notice" && d.state != "issued" && d.state != "superseded") {
          return "beian issue " + d.document_id + reg;
        }
      }
      return file;
    default:
      return "beian decide " + id + " --stage " + StageName(c.stage) + " --result pass|fail" + reg;
  }
}

Result<std::string> Registry::NextId(const std::string& counter) {
  Result<std::vector<Row>> rows =
      db_->Query("SELECT next_value FROM id_counters WHERE name = ?", {counter});
  if (!rows) return rows.error();
  std::int64_t value = 1;
  if (rows->empty()) {
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "INSERT INTO id_counters (name, next_value) VALUES (?, ?)", {counter, std::int64_t{2}}));
  } else {
    value = AsInt(rows->front()[0]);
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "UPDATE id_counters SET next_value = next_value + 1 WHERE name = ?", {counter}));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(value));
  return std::string(buf);
}

// REQUIRES: inside a write transaction (the lock is held, so no other process reads the same
// next_value).
Result<std::int64_t> Registry::NextInSequence(const std::string& authority, int year) {
  Result<std::vector<Row>> rows =
      db_->Query("SELECT next_value FROM number_sequences WHERE authority = ? AND year = ?",
                 {authority, std::int64_t{year}});
  if (!rows) return rows.error();
  std::int64_t value = 1;
  if (rows->empty()) {
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("INSERT INTO number_sequences (authority, year, next_value) VALUES (?, ?, ?)",
                     {authority, std::int64_t{year}, std::int64_t{2}}));
  } else {
    value = AsInt(rows->front()[0]);
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("UPDATE number_sequences SET next_value = next_value + 1 "
                     "WHERE authority = ? AND year = ?",
                     {authority, std::int64_t{year}}));
  }
  FaultPoint("after_number_allocation");
  return value;
}

Result<std::int64_t> Registry::AllocateNumber(const std::string& authority, int year) {
  std::int64_t value = 0;
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<std::int64_t> n = NextInSequence(authority, year);
    if (!n) return n.error();
    value = *n;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return value;
}

Result<CaseRecord> Registry::LoadCaseRow(const std::string& case_id) {
  Result<std::vector<Row>> rows =
      db_->Query(std::string("SELECT ") + kCaseColumns +
                     " FROM cases c JOIN institutions i ON i.uscc = c.uscc WHERE c.case_id = ?",
                 {case_id});
  if (!rows) return rows.error();
  if (rows->empty()) {
    return Status::NotFound(messages_.Format("registry.refused.unknown_case",
                                             {{"case", case_id}, {"file", db_->Location()}}));
  }
  return CaseFromRow(rows->front());
}

Result<std::vector<HistoryEntry>> Registry::LoadHistory(const std::string& case_id) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT seq, action, stage, result, stage_after, acted_on, actor, note, reason, corrects, "
      "version FROM stage_history WHERE case_id = ? ORDER BY seq",
      {case_id});
  if (!rows) return rows.error();
  std::vector<HistoryEntry> out;
  for (const Row& r : *rows) {
    HistoryEntry e;
    e.seq = static_cast<int>(AsInt(r[0]));
    e.action = AsText(r[1]);
    e.stage = StageFromName(AsText(r[2])).value_or(Stage::kReceived);
    e.result = AsText(r[3]);
    e.stage_after = StageFromName(AsText(r[4])).value_or(Stage::kReceived);
    e.acted_on = AsText(r[5]);
    e.actor = AsText(r[6]);
    e.note = AsText(r[7]);
    e.reason = AsText(r[8]);
    if (!std::holds_alternative<std::monostate>(r[9])) e.corrects = static_cast<int>(AsInt(r[9]));
    e.version = static_cast<int>(AsInt(r[10]));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::string> Registry::CaseNumberOf(const std::string& ref) {
  if (!report::IsDossierFingerprint(ref)) return ref;
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT c.case_id FROM cases c JOIN dossier_versions v ON v.case_id = c.case_id "
      "WHERE v.report_id = ? ORDER BY c.opened_on DESC, c.case_id DESC LIMIT 1",
      {ref});
  if (!rows) return rows.error();
  if (rows->empty()) {
    return Status::NotFound(messages_.Format("registry.refused.unknown_fingerprint",
                                             {{"fingerprint", ref}, {"file", db_->Location()}}));
  }
  return AsText(rows->front()[0]);
}

Result<CaseRecord> Registry::LoadCase(const std::string& case_id) {
  CaseRecord c;
  Status s = InTransaction(*db_, TxMode::kRead, [&]() -> Status {
    Result<std::string> number = CaseNumberOf(case_id);
    if (!number) return number.error();
    Result<CaseRecord> full = LoadCaseIn(*number);
    if (!full) return full.error();
    c = std::move(*full);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return c;
}

Result<CaseRecord> Registry::LoadCaseIn(const std::string& case_id) {
  CaseRecord c;
  {
    Result<CaseRecord> row = LoadCaseRow(case_id);
    if (!row) return row.error();
    c = std::move(*row);
    Result<std::vector<HistoryEntry>> h = LoadHistory(case_id);
    if (!h) return h.error();
    c.history = std::move(*h);
    Result<std::vector<Row>> v = db_->Query(
        "SELECT version, content_hash, folder, received_on, conclusion, report_id, recorded_by "
        "FROM dossier_versions WHERE case_id = ? ORDER BY version",
        {case_id});
    if (!v) return v.error();
    for (const Row& r : *v) {
      c.versions.push_back({static_cast<int>(AsInt(r[0])), AsText(r[1]), AsText(r[2]), AsText(r[3]),
                            AsText(r[4]), AsText(r[5]), AsText(r[6])});
    }
    Result<std::vector<Row>> d = db_->Query(
        "SELECT d.document_id, d.kind, d.state, d.number, d.doc_date, d.served_on, d.created_on "
        "FROM documents d "
        "JOIN document_cases dc ON dc.document_id = d.document_id WHERE dc.case_id = ? "
        "ORDER BY d.document_id",
        {case_id});
    if (!d) return d.error();
    for (const Row& r : *d) {
      c.documents.push_back({AsText(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3]), AsText(r[4]),
                             AsText(r[5]), AsText(r[6])});
    }
  }
  return c;
}

Result<std::vector<std::string>> Registry::CasesOf(const std::string& uscc) {
  Result<std::vector<Row>> rows =
      db_->Query("SELECT case_id FROM cases WHERE uscc = ? ORDER BY opened_on, case_id", {uscc});
  if (!rows) return rows.error();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(AsText(r[0]));
  return out;
}

Result<std::vector<CaseRecord>> Registry::OpenCases() {
  Result<std::vector<Row>> rows = db_->Query(
      std::string("SELECT ") + kCaseColumns +
      " FROM cases c JOIN institutions i ON i.uscc = c.uscc ORDER BY c.opened_on, c.case_id");
  if (!rows) return rows.error();
  std::vector<CaseRecord> out;
  for (const Row& r : *rows) {
    CaseRecord c = CaseFromRow(r);
    if (!IsClosed(c.stage)) out.push_back(std::move(c));
  }
  return out;
}

Status Registry::Append(const CaseRecord& c, HistoryEntry e) {
  Result<std::vector<Row>> rows =
      db_->Query("SELECT COALESCE(MAX(seq), 0) FROM stage_history WHERE case_id = ?", {c.case_id});
  if (!rows) return rows.error();
  e.seq = static_cast<int>(AsInt(rows->front()[0])) + 1;
  std::vector<Value> params = {c.case_id,
                               std::int64_t{e.seq},
                               e.action,
                               std::string(StageName(e.stage)),
                               e.result,
                               std::string(StageName(e.stage_after)),
                               e.acted_on,
                               e.actor,
                               e.note,
                               e.reason,
                               std::int64_t{e.corrects.value_or(0)},
                               std::int64_t{e.version}};
  if (!e.corrects) params[10] = std::monostate{};
  PIPELINE_RETURN_IF_ERROR(db_->Execute(
      "INSERT INTO stage_history (case_id, seq, action, stage, result, stage_after, acted_on, "
      "actor, note, reason, corrects, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      params));
  if (e.stage_after != c.stage) {
    PIPELINE_RETURN_IF_ERROR(
        db_->Execute("UPDATE cases SET stage = ?, stage_since = ? WHERE case_id = ?",
                     {std::string(StageName(e.stage_after)), e.acted_on, c.case_id}));
  }
  return Status::Ok();
}

Status Registry::InsertVersion(const std::string& case_id, int version, const DossierFacts& f,
                               const Actor& actor) {
  PIPELINE_RETURN_IF_ERROR(db_->Execute(
      "INSERT INTO dossier_versions (case_id, version, content_hash, folder, received_on, "
      "conclusion, report_id, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {case_id, std::int64_t{version}, f.content_hash, f.folder, actor.today.ToIso(), f.conclusion,
       f.report_id, actor.user}));
  std::string sites;
  for (const std::string& site : f.elements.exam_sites) sites += (sites.empty() ? "" : "\n") + site;
  PIPELINE_RETURN_IF_ERROR(
      db_->Execute("UPDATE dossier_versions SET registered_address = ?, legal_representative = ?, "
                   "exam_sites = ? WHERE case_id = ? AND version = ?",
                   {f.elements.registered_address, f.elements.legal_representative, sites, case_id,
                    std::int64_t{version}}));
  PIPELINE_RETURN_IF_ERROR(
      db_->Execute("UPDATE dossier_versions SET applicant_type = ?, completeness = ? "
                   "WHERE case_id = ? AND version = ?",
                   {f.applicant_type, f.completeness, case_id, std::int64_t{version}}));
  std::int64_t seq = 0;
  for (const OccupationFact& o : f.occupations) {
    PIPELINE_RETURN_IF_ERROR(db_->Execute(
        "INSERT INTO occupations (case_id, version, seq, code, name, work_type, levels, state, "
        "reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {case_id, std::int64_t{version}, ++seq, o.code, o.name, o.work_type, o.levels, o.state,
         o.reason}));
    const std::size_t i = static_cast<std::size_t>(seq - 1);
    if (i < f.occupation_checks.size()) {
      PIPELINE_RETURN_IF_ERROR(db_->Execute(
          "UPDATE occupations SET check_status = ? WHERE case_id = ? AND version = ? AND seq = ?",
          {f.occupation_checks[i], case_id, std::int64_t{version}, seq}));
    }
  }
  return db_->Execute("UPDATE cases SET current_version = ? WHERE case_id = ?",
                      {std::int64_t{version}, case_id});
}

Status Registry::Atomically(const std::function<Status()>& body) {
  return InTransaction(*db_, TxMode::kWrite, body);
}

Result<RecordOutcome> Registry::PlanRecord(const DossierFacts& f) {
  // The open case of the same institution and kind, if any.
  Result<std::vector<Row>> rows =
      db_->Query(std::string("SELECT ") + kCaseColumns +
                     " FROM cases c JOIN institutions i ON i.uscc = c.uscc "
                     "WHERE c.uscc = ? AND c.kind = ? ORDER BY c.opened_on DESC, c.case_id DESC",
                 {f.uscc, DisplayKind(f.kind)});
  if (!rows) return rows.error();
  std::optional<CaseRecord> open;
  for (const Row& r : *rows) {
    CaseRecord c = CaseFromRow(r);
    if (!IsClosed(c.stage)) {
      open = std::move(c);
      break;
    }
  }
  if (!open) return PlanAfterEnd(f);
  const CaseRecord& c = *open;
  // Any version of the case, not only the current one: the first dossier left in the intake
  // beside its 补正 resubmission is that first version again, not a third.
  Result<std::vector<Row>> known = db_->Query(
      "SELECT version FROM dossier_versions WHERE case_id = ? AND content_hash = ? "
      "ORDER BY version DESC",
      {c.case_id, f.content_hash});
  if (!known) return known.error();
  if (!known->empty()) {
    return RecordOutcome{RecordOutcome::What::kUnchanged, c.case_id,
                         static_cast<int>(AsInt(known->front()[0])), c.stage, ""};
  }
  // A changed dossier: a resubmission, possible until the preliminary review is done.
  if (c.stage != Stage::kReceived && c.stage != Stage::kPreliminary &&
      c.stage != Stage::kReturned) {
    return RecordOutcome{RecordOutcome::What::kRefused, c.case_id, c.current_version, c.stage,
                         messages_.Format("registry.refused.changed_dossier",
                                          {{"case", c.case_id}, {"stage", StageName(c.stage)}})};
  }
  const Stage after = c.stage == Stage::kReceived ? Stage::kReceived : Stage::kPreliminary;
  return RecordOutcome{RecordOutcome::What::kNewVersion, c.case_id, c.current_version + 1, after,
                       ""};
}

Status Registry::WarnOtherOpenCases(const CaseRecord& c, const std::string& uscc,
                                    const Actor& actor) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT case_id, kind, stage FROM cases WHERE uscc = ? AND case_id <> ? "
      "ORDER BY opened_on, case_id",
      {uscc, c.case_id});
  if (!rows) return rows.error();
  std::string others;
  for (const Row& r : *rows) {
    std::optional<Stage> stage = StageFromName(AsText(r[2]));
    if (stage && IsClosed(*stage)) continue;
    const std::string kind_key = "kind." + AsText(r[1]);
    others += (others.empty() ? "" : messages_.Format("format.list_separator")) +
              messages_.Format(
                  "registry.warning.case_of_kind",
                  {{"case", AsText(r[0])},
                   {"kind", messages_.Has(kind_key) ? messages_.Format(kind_key) : AsText(r[1])}});
  }
  if (others.empty()) return Status::Ok();
  return Warn(c,
              messages_.Format("registry.warning.second_open_case",
                               {{"case", c.case_id}, {"others", others}}),
              actor.today.ToIso(), actor);
}

Result<RecordOutcome> Registry::PlanAfterEnd(const DossierFacts& f) {
  // The same dossier (same fingerprint) as a case of the institution that has ended is that
  // case again, not a new application; the clerk reopens it with `run --reopen CASE`.
  Result<std::vector<Row>> same =
      db_->Query(std::string("SELECT ") + kCaseColumns +
                     " FROM cases c JOIN institutions i ON i.uscc = c.uscc "
                     "JOIN dossier_versions v ON v.case_id = c.case_id "
                     "WHERE c.uscc = ? AND v.content_hash = ? "
                     "ORDER BY c.opened_on DESC, c.case_id DESC",
                 {f.uscc, f.content_hash});
  if (!same) return same.error();
  if (!same->empty()) {
    const CaseRecord ended = CaseFromRow(same->front());
    if (std::find(reopen_.begin(), reopen_.end(), ended.case_id) == reopen_.end()) {
      return RecordOutcome{RecordOutcome::What::kUnchanged, ended.case_id, ended.current_version,
                           ended.stage, ""};
    }
  }
  return RecordOutcome{RecordOutcome::What::kNewCase, "", 1, Stage::kReceived, ""};
}

Result<RecordOutcome> Registry::RecordDossier(const DossierFacts& f, const Actor& actor) {
  RecordOutcome out;
  const std::string today = actor.today.ToIso();
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    // The institution: first seen now, or its name brought up to date.
    Result<std::vector<Row>> inst =
        db_->Query("SELECT uscc FROM institutions WHERE uscc = ?", {f.uscc});
    if (!inst) return inst.error();
    if (inst->empty()) {
      PIPELINE_RETURN_IF_ERROR(db_->Execute(
          "INSERT INTO institutions (uscc, name, first_seen, last_seen) VALUES (?, ?, ?, ?)",
          {f.uscc, f.institution_name, today, today}));
    } else {
      PIPELINE_RETURN_IF_ERROR(
          db_->Execute("UPDATE institutions SET name = ?, last_seen = ? WHERE uscc = ?",
                       {f.institution_name, today, f.uscc}));
    }
    Result<RecordOutcome> plan = PlanRecord(f);
    if (!plan) return plan.error();
    out = std::move(*plan);
    if (out.what == RecordOutcome::What::kNewCase) {
      Result<std::string> seq = NextId("case-" + std::to_string(actor.today.year));
      if (!seq) return seq.error();
      FaultPoint("after_case_id_allocation");
      CaseRecord c;
      c.case_id = "C" + std::to_string(actor.today.year) + "-" + *seq;
      c.stage = Stage::kReceived;
      c.current_version = 1;
      PIPELINE_RETURN_IF_ERROR(db_->Execute(
          "INSERT INTO cases (case_id, uscc, kind, authority, stage, stage_since, opened_on, "
          "current_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {c.case_id, f.uscc, DisplayKind(f.kind), f.authority, std::string("received"), today,
           today, std::int64_t{1}}));
      PIPELINE_RETURN_IF_ERROR(InsertVersion(c.case_id, 1, f, actor));
      HistoryEntry e{0,     "received", Stage::kReceived, "", Stage::kReceived,
                     today, actor.user, f.folder,         "", std::nullopt,
                     1};
      PIPELINE_RETURN_IF_ERROR(Append(c, e));
      out.case_id = c.case_id;
      PIPELINE_RETURN_IF_ERROR(WarnOtherOpenCases(c, f.uscc, actor));
      FaultPoint("before_commit");
      return Status::Ok();
    }
    if (out.what != RecordOutcome::What::kNewVersion) return Status::Ok();
    Result<CaseRecord> c = LoadCaseRow(out.case_id);
    if (!c) return c.error();
    PIPELINE_RETURN_IF_ERROR(InsertVersion(c->case_id, out.version, f, actor));
    HistoryEntry e{0,          "resubmitted", c->stage, "",           out.stage,  today,
                   actor.user, f.folder,      "",       std::nullopt, out.version};
    PIPELINE_RETURN_IF_ERROR(Append(*c, e));
    FaultPoint("before_commit");
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

Status Registry::RecordDecision(const std::string& case_id, Stage stage, Decision decision,
                                const std::string& action, const std::string& acted_on,
                                const std::string& note, const std::string& reason,
                                const Actor& actor) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    return RecordDecisionIn(case_id, stage, decision, action, acted_on, note, reason, actor);
  });
}

Status Registry::RecordDecisionIn(const std::string& case_id, Stage stage, Decision decision,
                                  const std::string& action, const std::string& acted_on,
                                  const std::string& note, const std::string& reason,
                                  const Actor& actor) {
  const std::string command = action == "decide" ? "beian decide" : "beian " + action;
  {
    Result<CaseRecord> row = LoadCaseRow(case_id);
    if (!row) return row.error();
    CaseRecord c = std::move(*row);
    Result<std::vector<HistoryEntry>> h = LoadHistory(case_id);
    if (!h) return h.error();
    c.history = std::move(*h);
    const HistoryEntry* last = LastDecision(c.history);
    std::optional<int> corrects;
    if (!reason.empty()) {
      // A correction replaces the latest decision, which must be on this stage and the last
      // thing that happened to the case.
      if (last == nullptr || last->stage != stage || last->stage_after != c.stage) {
        return Refuse({"registry.refused.nothing_to_correct",
                       {{"case", c.case_id}, {"stage", StageName(stage)}}});
      }
      corrects = last->seq;
    } else {
      if (IsClosed(c.stage) || c.stage == Stage::kReturned || c.stage != stage) {
        return RefuseStage(c, command + " --stage " + StageName(stage));
      }
      if (last != nullptr && last->stage == stage && last->stage_after == stage) {
        return Refuse({"registry.refused.already_decided",
                       {{"case", c.case_id}, {"stage", StageName(stage)}, {"next", NextStep(c)}}});
      }
    }
    PIPELINE_RETURN_IF_ERROR(CheckDecisionDate(c, acted_on, corrects, actor));
    std::optional<Stage> after = StageAfterDecision(c.kind, stage, decision);
    if (!after) {
      return Refuse(
          {"registry.refused.result_not_allowed",
           {{"case", c.case_id}, {"stage", StageName(stage)}, {"result", DecisionName(decision)}}});
    }
    if (decision == Decision::kPass) {
      PIPELINE_RETURN_IF_ERROR(WarnAgainstCheck(c, stage, acted_on, actor));
    }
    HistoryEntry e{0,    action, stage,    DecisionName(decision), *after, acted_on, actor.user,
                   note, reason, corrects, c.current_version};
    PIPELINE_RETURN_IF_ERROR(Append(c, e));
    if (!corrects) return Status::Ok();
    // The opinion drafted for the corrected decision no longer speaks for the case: its draft
    // is superseded (listed so, never issued); `evaluate`/`summarize` then draft the new one.
    const char* opinion = stage == Stage::kTechnical       ? "technical_opinion"
                          : stage == Stage::kComprehensive ? "comprehensive_opinion"
                                                           : nullptr;
    if (opinion == nullptr) return Status::Ok();
    return db_->Execute(
        "UPDATE documents SET state = 'superseded' WHERE state = 'draft' AND kind = ? AND "
        "document_id IN (SELECT document_id FROM document_cases WHERE case_id = ?)",
        {std::string(opinion), c.case_id});
  }
}

Status Registry::Warn(const CaseRecord& c, const std::string& text, const std::string& on,
                      const Actor& actor) {
  warnings_.push_back(text);
  return Append(c, {0, "warning", c.stage, "", c.stage, on, actor.user, text, "", std::nullopt,
                    c.current_version});
}

Status Registry::WarnAgainstCheck(const CaseRecord& c, Stage stage, const std::string& acted_on,
                                  const Actor& actor) {
  Result<std::vector<Row>> v =
      db_->Query("SELECT conclusion FROM dossier_versions WHERE case_id = ? AND version = ?",
                 {c.case_id, std::int64_t{c.current_version}});
  if (!v) return v.error();
  const std::string conclusion = v->empty() ? "" : AsText(v->front()[0]);
  if (conclusion != "referred" && conclusion != "not_eligible") return Status::Ok();
  return Warn(c,
              messages_.Format("registry.warning.against_check",
                               {{"case", c.case_id},
                                {"stage", StageName(stage)},
                                {"conclusion", messages_.Format("conclusion." + conclusion)}}),
              acted_on, actor);
}

std::vector<std::string> Registry::TakeWarnings() {
  std::vector<std::string> out;
  out.swap(warnings_);
  return out;
}

Status Registry::CheckDecisionDate(const CaseRecord& c, const std::string& acted_on,
                                   std::optional<int> corrects, const Actor& actor) const {
  return CheckActDate(
      c, acted_on, [&](const HistoryEntry& e) { return !corrects || e.seq != *corrects; }, actor,
      "");
}

Status Registry::CheckActDate(const CaseRecord& c, const std::string& date,
                              const std::function<bool(const HistoryEntry&)>& counts,
                              const Actor& actor, const std::string& act,
                              const std::vector<std::pair<std::string, std::string>>& args) const {
  std::vector<std::pair<std::string, std::string>> said = {{"case", c.case_id}, {"date", date}};
  said.insert(said.end(), args.begin(), args.end());
  if (actor.latest && date > actor.latest->ToIso()) {
    said.emplace_back("today", actor.latest->ToIso());
    return Refuse({"registry.refused.date_after_today" + act, said});
  }
  const HistoryEntry* latest = nullptr;
  for (const HistoryEntry& e : c.history) {
    if (!counts(e)) continue;
    if (latest == nullptr || e.acted_on >= latest->acted_on) latest = &e;
  }
  if (latest == nullptr || date >= latest->acted_on) return Status::Ok();
  const std::string action_key = "registry.action." + latest->action;
  said.insert(said.end(), {{"event_date", latest->acted_on},
                           {"seq", std::to_string(latest->seq)},
                           {"event", messages_.Has(action_key) ? messages_.Format(action_key)
                                                               : latest->action}});
  return Refuse({"registry.refused.date_before_event" + act, said});
}

Status Registry::Decide(const std::string& case_id, Stage stage, Decision decision,
                        const std::string& note, const std::string& reason, const Actor& actor) {
  if (!DecidedByDecideCommand(stage)) {
    return Refuse({"registry.refused.not_a_decide_stage", {{"stage", StageName(stage)}}});
  }
  return RecordDecision(case_id, stage, decision, "decide", actor.today.ToIso(), note, reason,
                        actor);
}

Status Registry::Deliberate(const std::string& case_id, const Date& date, Decision decision,
                            const std::string& note, const std::string& reason,
                            const Actor& actor) {
  if (decision != Decision::kPass && decision != Decision::kFail) {
    return Refuse(
        {"registry.refused.result_not_allowed",
         {{"case", case_id}, {"stage", "deliberation"}, {"result", DecisionName(decision)}}});
  }
  return RecordDecision(case_id, Stage::kDeliberation, decision, "deliberate", date.ToIso(), note,
                        reason, actor);
}

Status Registry::Withdraw(const std::string& case_id, const std::string& note, const Actor& actor) {
  return InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    Result<CaseRecord> row = LoadCaseRow(case_id);
    if (!row) return row.error();
    const CaseRecord& c = *row;
    if (IsClosed(c.stage)) return RefuseStage(c, "beian withdraw");
    HistoryEntry e{
        0,          "withdraw", c.stage, "",           Stage::kWithdrawn, actor.today.ToIso(),
        actor.user, note,       "",      std::nullopt, c.current_version};
    return Append(c, e);
  });
}

}  // namespace pipeline::registry
