// Registry: the case registry's operations (docs/user-guide.md "Case registry") over a Storage.
// Every change is one transaction; every guard is checked inside it before anything is written, so
// a refused command changes nothing. Refusals come back as InvalidArgument whose message is the
// clerk's Chinese text (templates/messages.zh-CN.tsv, keys registry.*).
#ifndef PIPELINE_REGISTRY_REGISTRY_H_
#define PIPELINE_REGISTRY_REGISTRY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/model/application.h"
#include "pipeline/registry/stages.h"
#include "pipeline/registry/storage.h"
#include "pipeline/report/messages.h"

namespace pipeline::registry {

// Who records an action, and on which day (--date).
struct Actor {
  std::string user;
  Date today;
  // The last day a stage decision may bear (--today, else the system date): a decision dated
  // after it is refused. nullopt: not checked (beian run records no decisions).
  std::optional<Date> latest = std::nullopt;
};

// One requested occupation of a dossier version.
struct OccupationFact {
  std::string code, name, work_type;
  std::string levels;  // "3,4,5"
  std::string state;   // requested | excluded | filed
  std::string reason;  // message key of the exclusion, "" otherwise
};

// The elements of a filing that Art. 8 says must stay as filed (备案信息) besides its
// occupations and levels: kept with each dossier version (as its form gives them) and with
// each filing (the filed record).
struct RecordElements {
  std::string registered_address;       // 注册地址
  std::string legal_representative;     // 法定代表人
  std::vector<std::string> exam_sites;  // 考试考核场地, one address each
};

// Levels as the registry keeps them: `3,4,5` (ascending as given; -1 首席技师, 0 特级技师).
std::string LevelsToCsv(const std::vector<int>& levels);
// The levels of such a text, ascending; parts that are not whole numbers are skipped.
std::vector<int> LevelsFromCsv(const std::string& csv);

// The expert group's own documents (技术评估意见, 综合技术评估意见; Art. 7(三)(四)): issued
// without a 发文字号 (a catalogue 件号 only), the group as 责任者 (docs/user-guide.md "Case
// registry").
bool ExpertGroupDocument(const std::string& kind);
// The letters a case's ending decision sends (受理部门告知书 to the applicant and 移送函 to the
// competent department for `refer`, 不予备案告知书 for `fail`, 终止备案通知 for `beian
// terminate`): drawn by the decision, or the draft `run` made adopted.
bool IsEndingLetter(const std::string& kind);
// The ending letters sent to the applicant (all but the 移送函): their delivery is what the
// case's next step asks to record.
bool IsApplicantEndingLetter(const std::string& kind);
// The letters to the applicant `beian run` draws that the registry keeps as documents: the
// 补正材料通知书 and the ending letters.
bool IsRunLetter(const std::string& kind);
// The drafts `beian run` draws that the registry may keep as documents: the run letters and the
// expert group's 初评意见 (kept when it has open points: choice slots the group decides with
// `beian edit`).
bool KeptByRun(const std::string& kind);
// The ending letters' kinds for a case ending in `stage` (referred: the 受理部门告知书 and the
// 移送函; not_filed; terminated), else none.
std::vector<std::string> EndingLetterKinds(Stage stage);
// Documents that record an act done on the day their draft was made (the receipt: the day the
// materials came; the expert group's opinions: their decisions; the 公示: its publication):
// issued later, they keep that day as their 成文日期. The bureau's notices are dated when issued.
bool DatedByTheAct(const std::string& kind);
// Documents the applicant receives, whose delivery `beian served` records (the receipt, the
// bureau's letters and notices to it, the 技术评估意见 addressed to the evaluated unit, Art.
// 7(三)); not the 综合技术评估意见, the 公示 or a 报送报告.
bool SentToApplicant(const std::string& kind);

// What `beian run` learnt about a dossier, as the registry keeps it.
struct DossierFacts {
  std::string uscc;
  std::string institution_name;
  model::ApplicationKind kind = model::ApplicationKind::kUnknown;
  std::string authority;     // authority code of the office or the jurisdiction
  std::string content_hash;  // DossierContentHash of the folder
  std::string folder;        // folder name as shown
  std::string report_id;     // report.json case_id (from the folder name)
  std::string conclusion;    // report.json conclusion
  std::vector<OccupationFact> occupations;
  // For the ledger (beian ledger): report.json applicant_type and completeness, and the
  // cross-check status of each entry of `occupations` (same order; may be shorter).
  std::string applicant_type;
  std::string completeness;
  std::vector<std::string> occupation_checks;
  RecordElements elements;  // the Art. 8 elements as the form gives them
};

// What recording a dossier did.
struct RecordOutcome {
  enum class What { kNewCase, kNewVersion, kUnchanged, kRefused };
  What what = What::kUnchanged;
  std::string case_id;
  int version = 0;
  Stage stage = Stage::kReceived;
  std::string refusal;  // Chinese text, for kRefused
};
const char* RecordOutcomeName(
    RecordOutcome::What w);  // new_case | new_version | unchanged | refused

struct HistoryEntry {
  int seq = 0;
  std::string action;                    // received | resubmitted | decide | deliberate | withdraw
  Stage stage = Stage::kReceived;        // the stage acted on
  std::string result;                    // decision name, "" for actions without one
  Stage stage_after = Stage::kReceived;  // where the case went
  std::string acted_on;                  // ISO date
  std::string actor, note, reason;
  std::optional<int> corrects;  // seq of the entry this one corrects
  int version = 0;
};

struct VersionRecord {
  int version = 0;
  std::string content_hash, folder, received_on, conclusion, report_id, recorded_by;
};

struct DocumentRecord {
  std::string document_id, kind, state, number, doc_date;
  std::string served_on;   // delivery date (beian served), "" when not recorded
  std::string created_on;  // the day the draft was made (ISO)
};

// A document as issue needs it: what to render and where it went.
struct DocumentDetail {
  std::string document_id, kind, authority, state, number, doc_date, sha256, path, data_json;
  std::vector<std::string> case_ids;
  std::string title;       // 题名, set when issued
  int pages = 0;           // 页数, set when issued
  std::string replaces;    // the document a corrected re-issue replaces
  std::string retention;   // 保管期限 given at issue (`` = before migration 8: the setting's)
  int item_no = 0;         // 件号 given at issue (DA/T 22), 0 while not issued
  std::string created_on;  // the day the draft was made: the act it records (ISO)
  std::string served_on;   // delivery date (beian served), "" when not recorded
};

// A 公示 to open: one document for several cases.
struct PublicityPlan {
  std::vector<std::string> case_ids;
  Date start, end;
  int working_days = 5;
  bool count_start_day = false;
  std::string authority;
  std::string data_json;  // the notice's data (institutions, occupations, period)
};

struct FilingRecord {
  std::string filing_id, uscc, case_id, filing_number, valid_from, valid_until, state, renewed_from;
};

// An institution's active filing with its filed record (Art. 8: 注册地址, 法定代表人,
// 考试考核场地, 职业（工种）及等级).
struct FiledRecord {
  FilingRecord filing;
  bool elements_known = false;  // false for a filing made before the record was kept
  RecordElements elements;
  std::vector<OccupationFact> occupations;  // filed occupations and levels (state "filed")
};

// What `beian file` recorded.
struct FilingOutcome {
  FilingRecord filing;        // the filing the notice announces (new, renewed or unchanged)
  std::string document_id;    // the notice's draft
  std::string document_kind;  // filing_notice | renewal_notice
};

// A score kept with a technical evaluation (beian evaluate): `sheet` is "common" or the
// occupation code of an occupation sheet.
struct ScoreRow {
  std::string sheet, item_id;
  int score_tenths = 0;
  std::string remark;
};

// An opinion of the evaluation stages (技术评估意见, 综合技术评估意见): the stage's decision, the
// opinion's draft document and what goes with it, recorded in one transaction.
struct OpinionRecord {
  Stage stage = Stage::kTechnical;  // technical | comprehensive
  Decision decision = Decision::kPass;
  std::string note, reason;  // as for Decide (a reason corrects the latest decision)
  std::string kind;          // document kind: technical_opinion | comprehensive_opinion
  std::string authority;
  std::string data_json;         // the opinion's data
  std::vector<ScoreRow> scores;  // technical: every score of the sheet
  // comprehensive: occupations of the current version not recommended for filing (code ->
  // message key of the reason); they become `excluded` and are neither announced nor filed.
  std::vector<std::pair<std::string, std::string>> excluded_occupations;
};

struct CaseRecord {
  std::string case_id, uscc, institution_name, authority;
  model::ApplicationKind kind = model::ApplicationKind::kUnknown;
  Stage stage = Stage::kReceived;
  std::string stage_since, opened_on;  // ISO dates
  int current_version = 0;
  std::vector<VersionRecord> versions;    // oldest first (LoadCase only)
  std::vector<HistoryEntry> history;      // oldest first (LoadCase only)
  std::vector<DocumentRecord> documents;  // (LoadCase only)
};

class Registry {
 public:
  // Migrates `db` to the current schema; without `migrate`, refuses (Chinese) a schema that is
  // not the current one instead. `messages` must outlive the Registry.
  static Result<std::unique_ptr<Registry>> Open(std::unique_ptr<Storage> db,
                                                const report::MessageCatalog& messages,
                                                const Date& today, bool migrate = true);

  // Registers a dossier: a new case, a new version of the open case of the same USCC and kind
  // (a 补正 resubmission, whatever its folder is called), or nothing when its content is
  // unchanged. A changed dossier for a case past preliminary is refused.
  Result<RecordOutcome> RecordDossier(const DossierFacts& facts, const Actor& actor);
  // What RecordDossier would do with `facts` now, reading only (the case id is empty for a new
  // case). A worker process uses it to draw the receipt ahead of the recording.
  Result<RecordOutcome> PlanRecord(const DossierFacts& facts);

  // Cases the clerk reopens (`run --reopen CASE`): an unchanged dossier of such an ended case
  // opens a new case instead of showing the ended one.
  void SetReopen(std::vector<std::string> case_ids) { reopen_ = std::move(case_ids); }

  // Runs `body` as one write transaction: the registry changes it makes are committed together
  // or not at all (run records a dossier, its receipt and its correction notice at once).
  Status Atomically(const std::function<Status()>& body);

  // The case with its versions, history and documents; NotFound (Chinese) when unknown.
  // `case_id` is the case number (C2026-0001) or a dossier fingerprint (JL-..., the
  // report's case_id that run recorded with a version): a fingerprint stands for the latest
  // case one of whose versions it identifies (docs/user-guide.md "Case registry").
  Result<CaseRecord> LoadCase(const std::string& case_id);
  // Ids of every case of an institution, oldest first.
  Result<std::vector<std::string>> CasesOf(const std::string& uscc);
  // Every case not closed (returned included), oldest first, without history.
  Result<std::vector<CaseRecord>> OpenCases();

  // Records the decision of `stage` (beian decide). With a non-empty `reason` it corrects the
  // latest decision instead (which must be on `stage`, with nothing recorded after it).
  Status Decide(const std::string& case_id, Stage stage, Decision decision, const std::string& note,
                const std::string& reason, const Actor& actor);
  // Records the 专题审议 held on `date` (beian deliberate): the case goes to publicity, or
  // not_filed for kFail.
  Status Deliberate(const std::string& case_id, const Date& date, Decision decision,
                    const std::string& note, const std::string& reason, const Actor& actor);
  // Ends an open case at the applicant's request (beian withdraw).
  Status Withdraw(const std::string& case_id, const std::string& note, const Actor& actor);

  // Opens a 公示 over cases all in `publicity` without one yet; returns the notice's document
  // id (a draft holding plan.data_json).
  Result<std::string> Publicize(const PublicityPlan& plan, const Actor& actor);
  // Records an objection to a case in publicity (blocks filing) / resolves the open one.
  Status Object(const std::string& case_id, const std::string& note, const Actor& actor);
  Status Resolve(const std::string& case_id, const std::string& note, const Actor& actor);
  // Files a case (备案通知, Art. 7(五); 续期备案通知, Art. 9): after a 公示 that has ended without
  // an open objection, or a renewal whose evaluation passed. Only the province (authority
  // 220000) files. `data_json` is completed with the filing and kept as the notice's data.
  // `filing_number_format` ({year}, {n}; `` = none: the notice leaves the 备案编号 blank to fill)
  // numbers a new filing from the per-year sequence of filing numbers.
  Result<FilingOutcome> File(const std::string& case_id, const std::string& authority,
                             const nlohmann::json& notice_data, const Actor& actor,
                             const std::string& filing_number_format = "");
  // A 市（州） office's 报送 of cases ready to be filed (Art. 7(五): the province issues the
  // 备案通知): the same conditions as File except the authority; records `submit` in each
  // case's history (the stage does not change: the province files the case) and creates the
  // 报送 draft holding `data_json`. Returns its document id.
  Result<std::string> Submit(const std::vector<std::string>& case_ids, const std::string& authority,
                             const std::string& data_json, const Actor& actor);
  // Ends an institution's filing (终止备案). Voluntary (Art. 10): a termination case whose
  // evaluation passed; the case ends `terminated`. Ordered (Art. 11, `reason` required): any
  // case of an institution with an active filing; that case's history records it. Either way
  // the active filings end (state `terminated`). The 终止备案通知 is the case's ending letter
  // (DecideWithLetter, document_commands.cc).
  Status Terminate(const std::string& case_id, bool ordered, const std::string& reason,
                   const Actor& actor);
  // Stores the text of a named free-text slot of a draft (beian edit); an issued document is
  // refused. Slot names are lower-case ASCII ids (`note`, `expert_opinion`).
  Status SetSlot(const std::string& document_id, const std::string& slot, const std::string& text);
  // Every slot of a document, by name.
  Result<std::map<std::string, std::string>> Slots(const std::string& document_id);
  // True when the institution has had a filing terminated (later applications are flagged).
  Result<bool> WasTerminated(const std::string& uscc);
  // Occupations of a case's current version.
  Result<std::vector<OccupationFact>> Occupations(const std::string& case_id);
  // The active filings of an institution, newest first.
  Result<std::vector<FilingRecord>> Filings(const std::string& uscc);
  // The Art. 8 elements of a case's current version, as its form gives them.
  Result<RecordElements> VersionElements(const std::string& case_id);
  // The institution's newest active filing with its filed record; nullopt when it has none.
  Result<std::optional<FiledRecord>> ActiveRecord(const std::string& uscc);
  // The day the open case of this institution and kind was opened (the registry's date of
  // receipt of its first dossier); nullopt when there is no open case.
  Result<std::optional<std::string>> OpenCaseOpenedOn(const std::string& uscc,
                                                      model::ApplicationKind kind);
  // Records that a document was delivered on `served_on` (beian served): the document's
  // delivery date, and an entry in the history of each of its cases. A draft that is not an
  // issued copy can be served too (a notice drafted by run is handed over as printed);
  // recording again corrects the date (`reason` required then) and the history keeps both.
  Status MarkServed(const std::string& document_id, const Date& served_on,
                    const std::string& reason, const Actor& actor);
  // Moves the start of a new filing's validity to `from` (three years: to from + 3 years - 1
  // day), when its notice is issued on a later day than `file` was run (office setting
  // filing_validity_start = doc_date). REQUIRES: the filing is active.
  Status SetValidity(const std::string& filing_id, const std::string& from,
                     const std::string& until);

  // Issuing (beian issue): the document, then its number (allocated once, kept even when the
  // issue fails later, so a number is never given to another document), then the final record.
  Result<DocumentDetail> LoadDocument(const std::string& document_id);
  // Binds a number to the draft (state `issuing`): `number` > 0 is the clerk's --number (refused
  // when that authority/year already used it), 0 takes the next of the sequence (a receipt's
  // own, per authority and year, else the 发文字号's); the number is `number_format` with {year}
  // and {n} filled. Returns the
  // number; a document already `issuing` keeps its number.
  Result<std::int64_t> BindNumber(const std::string& document_id, int year, std::int64_t number,
                                  const std::string& number_format, const std::string& doc_date);
  // Binds only the 成文日期 (state `issuing`, no 发文字号, no sequence number): the expert
  // group's opinions (ExpertGroupDocument) are not numbered in the bureau's sequence. A
  // document already `issuing` keeps its date.
  Status BindUnnumbered(const std::string& document_id, int year, const std::string& doc_date);
  // Gives the filing of the 备案通知 `document_id` (its data's filing.id) its 备案编号 when it
  // has none, the next of `format` for `year` (a notice drafted before filing_number_format
  // was set gets its number when it is issued), and writes it into the notice's data. Returns
  // the filing's number ("" when it has none and `format` is empty).
  Result<std::string> NumberFiling(const std::string& document_id, const std::string& format,
                                   int year);
  // Marks the document issued with its archive path, its issued copy `pdf` (the bytes kept in
  // document_files, their SHA-256 in documents.sha256, one transaction: issued with its bytes or
  // not at all), its 保管期限 `retention` and its 件号: the next in its authority's year (of the
  // 成文日期) and retention period, given once and never changed (DA/T 22). A document that is
  // not `issuing` is left as it is.
  Status MarkIssued(const std::string& document_id, const std::string& path, const std::string& pdf,
                    const std::string& title, int pages, const std::string& retention);
  // The issued copy's bytes as the registry keeps them; nullopt for a document issued before
  // the registry kept them (schema 11) and not imported since, or one not issued.
  Result<std::optional<std::string>> IssuedCopy(const std::string& document_id);
  // Stores the issued copy of a document issued before the registry kept them (beian archive
  // import): refused unless the document is issued and `pdf`'s SHA-256 is the one recorded at
  // issue; a copy already stored is kept.
  Status StoreIssuedCopy(const std::string& document_id, const std::string& pdf);
  // A new draft of template `kind` for `case_ids`, holding `data_json`; returns its id.
  Result<std::string> CreateDraft(const std::string& kind, const std::string& authority,
                                  const std::vector<std::string>& case_ids,
                                  const std::string& data_json, const Actor& actor);
  // A corrected re-issue (beian reissue): a new draft of an issued document, with its data,
  // slots and cases, that names the document it replaces (`replaces`, and
  // document.replaces = the old 发文字号 in its data). Returns the new id.
  Result<std::string> Redraft(const std::string& document_id, const Actor& actor);
  // The draft `run` made of the ending letter `kind` in `authority`'s name for the case's current
  // version (made on or after the day that version was received); "" when there is none.
  Result<std::string> RunLetterDraft(const std::string& case_id, const std::string& kind,
                                     const std::string& authority);
  // Marks the case's draft ending letters (IsEndingLetter) superseded, except those in `keep`:
  // after a correction or new ending letters they no longer speak for the case.
  Status SupersedeEndingLetters(const std::string& case_id, const std::vector<std::string>& keep);
  // Every issued document (for archive verify).
  Result<std::vector<DocumentDetail>> IssuedDocuments();

  // The next number of `authority`'s sequence for `year` (1, 2, ...), in its own write
  // transaction: never the same number twice, whatever other processes do.
  Result<std::int64_t> AllocateNumber(const std::string& authority, int year);

  // Records an evaluation stage's opinion (beian evaluate / summarize, docs/user-guide.md
  // "Technical evaluation"): the decision through the same guards as Decide, the opinion drafted as
  // a document holding `r.data_json`, the scores kept; one transaction. Returns the document id.
  Result<std::string> RecordOpinion(const std::string& case_id, const OpinionRecord& r,
                                    const Actor& actor);
  // The newest document of `kind` for a case (NotFound, Chinese, when there is none).
  Result<DocumentDetail> LatestDocument(const std::string& case_id, const std::string& kind);

  // The command that moves `c` on, for messages ("beian decide C2026-0001 --stage ...").
  // The warnings recorded (in the cases' history) since the last call: a pass decision against
  // the automatic check (移送, 不予备案), a second open case of one institution. The commands
  // print them.
  std::vector<std::string> TakeWarnings();

  // It names the registry file when the user gave --registry, and the authority given.
  std::string NextStep(const CaseRecord& c) const;
  // What the hints repeat of the command line: --registry (empty: not given) and --authority.
  void SetHintOptions(const std::string& registry_flag, const std::string& authority);

  Storage& storage() { return *db_; }

 private:
  Registry(std::unique_ptr<Storage> db, const report::MessageCatalog& messages)
      : db_(std::move(db)), messages_(messages) {}
  Status Refuse(const Refusal& r) const;
  Status RefuseStage(const CaseRecord& c, const std::string& command);
  Result<CaseRecord> LoadCaseRow(const std::string& case_id);
  // PlanRecord when the institution has no open case of the dossier's kind: the ended case of
  // the same dossier (unchanged), unless reopened, else a new case.
  Result<RecordOutcome> PlanAfterEnd(const DossierFacts& f);
  Result<std::vector<HistoryEntry>> LoadHistory(const std::string& case_id);
  Result<std::string> NextId(const std::string& counter);
  // The next 备案编号 of `format` ({year}, {n} of a per-year sequence) for `year`.
  // REQUIRES: inside a write transaction.
  Result<std::string> NextFilingNumber(const std::string& format, int year);
  // A new draft of template `kind` for `case_ids` holding `data_json` (`replaces`: the document
  // a corrected re-issue replaces, "" for none); returns its id (D<year>-<nnnn>).
  // REQUIRES: inside a write transaction.
  Result<std::string> InsertDraftIn(const std::string& kind, const std::string& authority,
                                    const std::vector<std::string>& case_ids,
                                    const std::string& data_json, const Actor& actor,
                                    const std::string& replaces = "");
  Status Append(const CaseRecord& c, HistoryEntry e);
  Status InsertVersion(const std::string& case_id, int version, const DossierFacts& f,
                       const Actor& actor);
  Result<CaseRecord> LoadCaseIn(const std::string& case_id);
  // The case number `ref` stands for: itself, or the latest case recorded with the dossier
  // fingerprint `ref` (NotFound naming the fingerprint when none is).
  Result<std::string> CaseNumberOf(const std::string& ref);
  // Refuses a case that `beian file` (or 报送) cannot take yet: a renewal whose evaluation has
  // not passed, a case outside publicity, a 公示 not ended, an open objection.
  // REQUIRES: inside a transaction.
  Status CheckReadyToFile(const CaseRecord& c, const std::string& command,
                          const std::string& today);
  // Writes the filed record of filing `f` made by case `c`: initial = the case's version,
  // change = the version's elements and occupations replace the record's (those its form
  // leaves empty stay), add_occupation adds
  // the occupations, renewal carries the record of `renewed` on (its occupations replaced by
  // the renewal's when it lists any). REQUIRES: inside a write transaction.
  // Refuses a case whose 公示 is still a draft (file and 报送 follow the issued 公示).
  Status CheckPublicityIssued(const CaseRecord& c);
  Status WriteFiledRecord(const CaseRecord& c, const FilingRecord& f,
                          const std::optional<FiledRecord>& previous);
  Result<std::int64_t> NextInSequence(const std::string& authority, int year);
  // BindNumber's two ways, in the sequence of d's kind (receipts have their own): the clerk's
  // --number (refused when taken; the sequence continues after it), or the next number
  // (refused to a document dated before the one that took the last). REQUIRES: inside a write
  // transaction.
  Result<std::int64_t> TakeGivenNumber(const DocumentDetail& d, int year, std::int64_t number);
  // Refuses the number `text` for d when another document already has it (two offices on one
  // registry numbering with one plain format). REQUIRES: inside a write transaction.
  Status CheckNumberTextFree(const DocumentDetail& d, const std::string& text);
  Result<std::int64_t> TakeNextNumber(const DocumentDetail& d, int year,
                                      const std::string& doc_date);
  Status RecordDecision(const std::string& case_id, Stage stage, Decision decision,
                        const std::string& action, const std::string& acted_on,
                        const std::string& note, const std::string& reason, const Actor& actor);
  // Refuses a decision dated `acted_on` when it is after actor.latest or before the latest
  // event of `c`'s history (`corrects`: the entry a correction replaces, not counted).
  Status CheckDecisionDate(const CaseRecord& c, const std::string& acted_on,
                           std::optional<int> corrects, const Actor& actor) const;
  // The one rule of an act's date, for a decision (CheckDecisionDate) and a delivery
  // (MarkServed): `date` is refused when it is after actor.latest (--today), or before the
  // latest entry of c's history that `counts`, naming that entry. `act` picks the wording
  // (registry.refused.date_after_today<act>, registry.refused.date_before_event<act>), which
  // also gets `args`.
  Status CheckActDate(const CaseRecord& c, const std::string& date,
                      const std::function<bool(const HistoryEntry&)>& counts, const Actor& actor,
                      const std::string& act,
                      const std::vector<std::pair<std::string, std::string>>& args = {}) const;
  // Records a warning in c's history (action `warning`, dated `on`) and keeps it for
  // TakeWarnings. REQUIRES: inside a write transaction (so are the two below).
  Status Warn(const CaseRecord& c, const std::string& text, const std::string& on,
              const Actor& actor);
  // A pass decision on `stage` while the current version's automatic check said 移送 or
  // 不予备案.
  Status WarnAgainstCheck(const CaseRecord& c, Stage stage, const std::string& acted_on,
                          const Actor& actor);
  // A new case `c` while the institution has other open cases.
  Status WarnOtherOpenCases(const CaseRecord& c, const std::string& uscc, const Actor& actor);
  // RecordDecision's body. REQUIRES: inside a write transaction.
  Status RecordDecisionIn(const std::string& case_id, Stage stage, Decision decision,
                          const std::string& action, const std::string& acted_on,
                          const std::string& note, const std::string& reason, const Actor& actor);

  std::unique_ptr<Storage> db_;
  const report::MessageCatalog& messages_;
  std::string hint_registry_;          // " --registry FILE" when given
  std::string hint_authority_;         // --authority CODE when given
  std::vector<std::string> reopen_;    // run --reopen CASE
  std::vector<std::string> warnings_;  // see TakeWarnings
};

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_REGISTRY_H_
