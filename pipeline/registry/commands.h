// The registry commands still over a model::CommandRequest (docs/user-guide.md "Case
// registry"): the status of a document, publicize, file, issue, ..., registry
// backup/check/restore/migrate, archive, calendar. Job::Run hands them the loaded messages and
// calendar. Decide, deliberate, withdraw, object, resolve and the status of cases are on the
// command layer (pipeline/app/), which uses the pieces below.
#ifndef PIPELINE_REGISTRY_COMMANDS_H_
#define PIPELINE_REGISTRY_COMMANDS_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/command_request.h"
#include "pipeline/registry/registry.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::registry {

// True for the commands RunRegistryCommand runs.
bool IsRegistryCommand(model::Command c);

// True for a document id as the registry allocates them (D2026-0001): `status` of a document
// rather than of a case.
bool IsDocumentId(std::string_view ref);

// A decision's result (pass, fail, return, refer) by name; InvalidArgument with the clerk's
// refusal (registry.refused.bad_result) for another word.
Result<Decision> ParseDecision(const report::MessageCatalog& messages, const std::string& text);

// An ending letter a decision gave its case (DecideWithLetter): run's draft adopted, or a new
// draft drawn; its draft PDF rendered at `draft_path`.
struct SettledLetter {
  std::string document_id;
  std::string kind;  // refusal_notice, referral_notice, ...
  bool adopted = false;
  std::string draft_path;
};
// The line `decide` prints for `letter` (registry.drafted, registry.letter_adopted).
std::string SettledLetterLine(const report::MessageCatalog& m, const SettledLetter& letter);

// What an action left of a case: the registry's warnings (TakeWarnings: a decision against the
// automatic check, ...), the case's stage now and its next step.
struct Recorded {
  std::vector<std::string> warnings;
  std::string case_id;
  std::string stage;  // StageName
  std::string next;   // Registry::NextStep
};
// The case `case_id` after an action recorded through `registry`.
Result<Recorded> RecordedCase(Registry& registry, const std::string& case_id);
// The warnings, one a line, then "recorded; case X is now in stage S; next: ..." (registry.done).
std::string RecordedText(const report::MessageCatalog& m, const Recorded& r);

// The wording of a code: messages[prefix + code], or the code when there is none.
std::string Word(const report::MessageCatalog& m, const std::string& prefix,
                 const std::string& code);
// A document's status line: what is missing of its life rather than a blank (a draft 未签发;
// an issued letter to the applicant 未送达, SentToApplicant), the number it was issued with
// (none for an expert group's opinion), and its 成文日期: the day of issue, or for a document
// dated by the act it records (DatedByTheAct) that day, also while it is a draft.
std::string DocumentLine(const report::MessageCatalog& m, const std::string& id,
                         const std::string& kind, const std::string& state,
                         const std::string& number, const std::string& doc_date,
                         const std::string& created_on, const std::string& served_on);
// The working days a case has been in its stage by `today`; nullopt when the stage has no
// start date or the calendar does not cover the days in between.
std::optional<int> DaysInStage(const report::WorkCalendar& calendar, const CaseRecord& c,
                               const Date& today);

// Runs one registry command, printing to `out`. Refusals (a command in the wrong stage) and
// registry failures come back as errors whose message a clerk can read. *problems is set when
// the command found something wrong without failing (archive verify: exit code 1).
Status RunRegistryCommand(const model::CommandRequest& options, FileSystem& fs,
                          const report::MessageCatalog& messages,
                          const report::WorkCalendar& calendar, const std::string& data_dir,
                          std::ostream& out, bool* problems);

// `beian decide`'s ending letter for the evaluation commands (evaluate, summarize): runs
// `decide`, which records the stage's opinion through `registry` (Registry::RecordOpinion), and
// in the same transaction gives a case it ends (a fail: not_filed) its 不予备案告知书, drawn
// from the registry with `facts` merged into its data (run's draft is not adopted: the
// evaluation knows what run did not); a correction away from the end supersedes the letter.
// The draft goes to --out or drafts/ beside the registry, and `out` says where.
Status DecideWithEndingLetter(const model::CommandRequest& options, FileSystem& fs,
                              const report::MessageCatalog& messages, const std::string& data_dir,
                              Registry& registry, const Actor& actor, std::ostream& out,
                              const nlohmann::json& facts, const std::function<Status()>& decide);

// Working days after `from` up to and including `to` (0 when to <= from); nullopt when the
// calendar does not cover a year in between, since it never guesses.
std::optional<int> WorkingDaysBetween(const report::WorkCalendar& calendar, const Date& from,
                                      const Date& to);

// The last day of a 公示 that starts (is published) on `start` and lasts `n` working days:
// the publication day is day 1 when `count_start` and it is a working day, else the count
// begins the next day (office setting publicity_count_start_day).
Date PublicityEnd(const report::WorkCalendar& calendar, const Date& start, int n, bool count_start);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_COMMANDS_H_
