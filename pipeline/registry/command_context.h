// What the registry commands share (internal to pipeline/registry).
#ifndef PIPELINE_REGISTRY_COMMAND_CONTEXT_H_
#define PIPELINE_REGISTRY_COMMAND_CONTEXT_H_

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/model/command_request.h"
#include "pipeline/registry/commands.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/registry.h"
#include "pipeline/render/doc/template.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::registry {

struct Context {
  const model::CommandRequest& options;
  FileSystem& fs;
  const report::MessageCatalog& messages;
  const report::WorkCalendar& calendar;
  Registry& registry;
  Actor actor;
  std::ostream& out;
  RegistrySettings settings;
  std::string data_dir;
  std::string registry_file;
};

// Prints RecordedText of the case (registry.done).
Status Confirm(Context& ctx, const std::string& case_id);

// Renders template `kind` (a name in templates/documents/) with `data` on `date`, with the
// font configuration `fonts_path` (empty: <data_dir>/templates/fonts.xml; the CLI resolves
// --fonts and the fonts setting into Options::fonts), compressed as a draft or, with `issued`,
// as an issued document (render::pdf::kIssuedFlateLevel).
Result<std::string> RenderTemplate(const FileSystem& fs, const std::string& data_dir,
                                   const std::string& kind, const nlohmann::json& data,
                                   const Date& date, const std::string& fonts_path, bool issued);
// A stored document's data plus its reviewers' slots (`slots.NAME`).
Result<nlohmann::json> StoredDocumentData(Registry& registry, const DocumentDetail& d);
// Renders a stored draft into `dir` as `<id>-<document>.pdf`; returns the path.
Result<std::string> RenderDraftFile(Registry& registry, FileSystem& fs,
                                    const report::MessageCatalog& messages,
                                    const std::string& data_dir, const std::string& document_id,
                                    const Date& date, const std::string& dir,
                                    const std::string& fonts_path = {});

// `<dir>/<id>-<document>.pdf`: where RenderDraftFile puts a draft.
std::string DraftFilePath(const std::string& dir, const std::string& document_id,
                          const std::string& kind, const report::MessageCatalog& messages);

// document_status.cc
// The free-text slots the template of document kind `kind` prints (render::SlotNames).
Result<std::vector<std::string>> TemplateSlots(const FileSystem& fs, const std::string& data_dir,
                                               const std::string& kind);
// The choice slots (a fixed set of values) the template of `kind` declares for a document's
// `data` (render::Template::ChoiceSlots; e.g. the 初评意见's open points, 符合 or 不符合).
Result<std::vector<render::ChoiceSlot>> TemplateChoiceSlots(const FileSystem& fs,
                                                            const std::string& data_dir,
                                                            const std::string& kind,
                                                            const nlohmann::json& data);
Status DocumentStatus(Context& ctx);  // beian status DOCUMENT-ID

// The data of an ending letter (IsEndingLetter) drawn by a decision rather than by `run`:
// the case's institution and kind from the registry, the document object in `authority`'s
// name; what only the clerk knows is a slot, printed as a visible blank until filled
// (referral_notice: competent_authority; refusal_notice: reasons; termination_notice:
// effective_date and the evaluation's or wind-up check's day).
Result<nlohmann::json> EndingLetterData(Context& ctx, const CaseRecord& c, const std::string& kind,
                                        const std::string& authority);
// What a decision gives the ending letter of a case it ends: whether the draft `run` made for
// the current version may be adopted (same document id), and facts the registry knows that are
// merged into the letter's data (adopted or drawn).
struct LetterTerms {
  bool may_adopt = false;
  nlohmann::json facts = nlohmann::json::object();
};
// The terms of `decide` and `deliberate`: run's draft is adopted by a decision on received or
// preliminary (the stages run's check speaks for).
LetterTerms StageDecisionTerms(const Context& ctx);
// Runs `decide` (a decision recorded through the registry: a stage decision, a termination)
// and, in the same transaction, gives a case it ends (referred, not_filed, terminated) its
// ending letter: run's draft adopted when `terms` allow it and there is one, else a new draft
// (EndingLetterData); a correction away from such an end supersedes the letter's draft. Each
// letter's draft is rendered into DraftsDir; the letters come back as data.
Result<std::vector<SettledLetter>> DecideSettlingLetters(Context& ctx, const LetterTerms& terms,
                                                         const std::function<Status()>& decide);
// The same, printing one line per letter (registry.drafted, registry.letter_adopted).
Status DecideWithLetter(Context& ctx, const LetterTerms& terms,
                        const std::function<Status()>& decide);

// document_commands.cc
Status PublicizeCommand(Context& ctx);
Status FileCommand(Context& ctx);
Status IssueCommand(Context& ctx);
// archive verify | export | import (docs/user-guide.md "Case registry"): `problems` is set when
// something was found wrong or left out (exit code 1).
Status ArchiveVerifyCommand(Context& ctx, bool* problems);
Status ArchiveExportCommand(Context& ctx, bool* problems);
Status ArchiveImportCommand(Context& ctx, bool* problems);
Status DueCommand(Context& ctx);
Status TerminateCommand(Context& ctx);
Status EditCommand(Context& ctx);
Status FiledCommand(Context& ctx);
Status ReissueCommand(Context& ctx);
Status SubmitCommand(Context& ctx);  // 报送 (a 市（州） office)
Status ServedCommand(Context& ctx);  // delivery of a document

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_COMMAND_CONTEXT_H_
