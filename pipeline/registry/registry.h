// Registry: the case registry's operations (README "Case registry") over a Storage. Every
// change is one transaction; every guard is checked inside it before anything is written, so a
// refused command changes nothing. Refusals come back as InvalidArgument whose message is the
// clerk's Chinese text (templates/messages.zh-CN.tsv, keys registry.*).
#ifndef PIPELINE_REGISTRY_REGISTRY_H_
#define PIPELINE_REGISTRY_REGISTRY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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
};

// One requested occupation of a dossier version.
struct OccupationFact {
  std::string code, name, work_type;
  std::string levels;        // "3,4,5"
  std::string state;         // requested | excluded | filed
  std::string reason;        // message key of the exclusion, "" otherwise
};

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
const char* RecordOutcomeName(RecordOutcome::What w);  // new_case | new_version | unchanged | refused

struct HistoryEntry {
  int seq = 0;
  std::string action;  // received | resubmitted | decide | deliberate | withdraw
  Stage stage = Stage::kReceived;        // the stage acted on
  std::string result;                    // decision name, "" for actions without one
  Stage stage_after = Stage::kReceived;  // where the case went
  std::string acted_on;                  // ISO date
  std::string actor, note, reason;
  std::optional<int> corrects;           // seq of the entry this one corrects
  int version = 0;
};

struct VersionRecord {
  int version = 0;
  std::string content_hash, folder, received_on, conclusion, report_id, recorded_by;
};

struct DocumentRecord {
  std::string document_id, kind, state, number, doc_date;
};

// A document as issue needs it: what to render and where it went.
struct DocumentDetail {
  std::string document_id, kind, authority, state, number, doc_date, sha256, path, data_json;
  std::vector<std::string> case_ids;
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
  std::string filing_id, uscc, case_id, filing_number, valid_from, valid_until, state,
      renewed_from;
};

// What `beian file` recorded.
struct FilingOutcome {
  FilingRecord filing;         // the filing the notice announces (new, renewed or unchanged)
  std::string document_id;     // the notice's draft
  std::string document_kind;   // filing_notice | renewal_notice
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
  // Migrates `db` to the current schema. `messages` must outlive the Registry.
  static Result<std::unique_ptr<Registry>> Open(std::unique_ptr<Storage> db,
                                                const report::MessageCatalog& messages,
                                                const Date& today);

  // Registers a dossier: a new case, a new version of the open case of the same USCC and kind
  // (a 补正 resubmission, whatever its folder is called), or nothing when its content is
  // unchanged. A changed dossier for a case past preliminary is refused.
  Result<RecordOutcome> RecordDossier(const DossierFacts& facts, const Actor& actor);

  // The case with its versions, history and documents; NotFound (Chinese) when unknown.
  Result<CaseRecord> LoadCase(const std::string& case_id);
  // Ids of every case of an institution, oldest first.
  Result<std::vector<std::string>> CasesOf(const std::string& uscc);
  // Every case not closed (returned included), oldest first, without history.
  Result<std::vector<CaseRecord>> OpenCases();

  // Records the decision of `stage` (beian decide). With a non-empty `reason` it corrects the
  // latest decision instead (which must be on `stage`, with nothing recorded after it).
  Status Decide(const std::string& case_id, Stage stage, Decision decision,
                const std::string& note, const std::string& reason, const Actor& actor);
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
  Result<FilingOutcome> File(const std::string& case_id, const std::string& authority,
                             const nlohmann::json& notice_data, const Actor& actor);
  // Occupations of a case's current version.
  Result<std::vector<OccupationFact>> Occupations(const std::string& case_id);
  // The active filings of an institution, newest first.
  Result<std::vector<FilingRecord>> Filings(const std::string& uscc);

  // Issuing (beian issue): the document, then its number (allocated once, kept even when the
  // issue fails later, so a number is never given to another document), then the final record.
  Result<DocumentDetail> LoadDocument(const std::string& document_id);
  // Binds a number to the draft (state `issuing`): `number` > 0 is the clerk's --number (refused
  // when that authority/year already used it), 0 takes the next of the sequence; the 发文字号 is
  // `number_format` with {year} and {n} filled. Returns the
  // number; a document already `issuing` keeps its number.
  Result<std::int64_t> BindNumber(const std::string& document_id, int year, std::int64_t number,
                                  const std::string& number_format, const std::string& doc_date);
  // Marks the document issued with its archived file and SHA-256.
  Status MarkIssued(const std::string& document_id, const std::string& path,
                    const std::string& sha256, const Actor& actor);
  // Every issued document (for archive verify).
  Result<std::vector<DocumentDetail>> IssuedDocuments();

  // The next number of `authority`'s sequence for `year` (1, 2, ...), in its own write
  // transaction: never the same number twice, whatever other processes do.
  Result<std::int64_t> AllocateNumber(const std::string& authority, int year);

  // The command that moves `c` on, for messages ("beian decide C2026-0001 --stage ...").
  std::string NextStep(const CaseRecord& c) const;

  Storage& storage() { return *db_; }

 private:
  Registry(std::unique_ptr<Storage> db, const report::MessageCatalog& messages)
      : db_(std::move(db)), messages_(messages) {}
  Status Refuse(const Refusal& r) const;
  Status RefuseStage(const CaseRecord& c, const std::string& command);
  Result<CaseRecord> LoadCaseRow(const std::string& case_id);
  Result<std::vector<HistoryEntry>> LoadHistory(const std::string& case_id);
  Result<std::string> NextId(const std::string& counter);
  Status Append(const CaseRecord& c, HistoryEntry e);
  Status InsertVersion(const std::string& case_id, int version, const DossierFacts& f,
                       const Actor& actor);
  Result<CaseRecord> LoadCaseIn(const std::string& case_id);
  Result<std::int64_t> NextInSequence(const std::string& authority, int year);
  Status RecordDecision(const std::string& case_id, Stage stage, Decision decision,
                        const std::string& action, const std::string& acted_on,
                        const std::string& note, const std::string& reason, const Actor& actor);

  std::unique_ptr<Storage> db_;
  const report::MessageCatalog& messages_;
};

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_REGISTRY_H_
