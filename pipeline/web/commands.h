// CommandRunner: how the workbench reads and changes cases. The actions on the command layer
// (pipeline/app/: decide, deliberate, withdraw, object, resolve, the status of a case) get their
// own request built from the form's fields and return typed results. For the others a form's
// fields, named as the CLI's options, still become a command line that the CLI's own parser reads
// (handed in by main.cc as a RequestParser, so the web never includes the CLI), and the resulting
// request goes to the same command functions the CLI calls (registry/commands.h,
// evaluation/commands.h): the same guards, the same records, the same Chinese refusals.
#ifndef PIPELINE_WEB_COMMANDS_H_
#define PIPELINE_WEB_COMMANDS_H_

#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "pipeline/app/context.h"
#include "pipeline/app/decide.h"
#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/command_request.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::web {

// One action posted from a case page.
struct ActionForm {
  std::string command;  // the CLI command: decide, deliberate, issue, ...
  std::string target;   // its positional argument: the case id, or a document id
  std::map<std::string, std::string> fields;  // option name (without --) -> value
  std::string scores_file;  // evaluate: the uploaded scoring sheet, saved by the server
  std::string out_dir;      // scoresheet: where the workbook goes
};

// Who acts: the session's user, recorded with the action; their office is the authority of
// the commands that take --authority.
struct Acting {
  std::string user;
  std::string office;
  Date today;  // the server's today: every action's --today (a later --date is refused)
};

// The form fields a user may send; every other option (--registry, --config, --file, ...)
// stays the server's.
bool IsFormField(const std::string& name);

// The CLI's parser of a command line (args[0] is the program's name): main.cc passes
// cli::ParseOptions, so that a form is read exactly as the same command typed would be.
using RequestParser =
    std::function<Result<model::CommandRequest>(const std::vector<std::string>& args)>;

class CommandRunner {
 public:
  // `base` holds the server's data folder, settings layers, registry, fonts and config.
  CommandRunner(model::CommandRequest base, FileSystem& fs, report::MessageCatalog messages,
                report::WorkCalendar calendar, RequestParser parse);

  const report::MessageCatalog& messages() const { return messages_; }

  // The command line of `form` parsed as the CLI parses it, with the server's settings and
  // the acting user: InvalidArgument (the CLI's message) for a bad or missing value.
  Result<model::CommandRequest> OptionsFor(const ActionForm& form, const Acting& who) const;

  // Runs the command; its printed output, or the command's error (a guard's refusal is
  // InvalidArgument with the clerk's Chinese message). One command at a time.
  // `problems` (when given) is set when a listing command found some (archive verify: a file
  // missing, altered or unregistered), which the CLI turns into exit code 1.
  Result<std::string> Run(const model::CommandRequest& o, bool* problems = nullptr);

  // What came of a form's action: `request` is the reading of the form (an error: a bad or
  // missing value, 400), `done` the action's own (a guard's refusal is InvalidArgument,
  // NotFound or InvalidData with the clerk's Chinese message).
  struct Outcome {
    Status request;
    Status done;
  };
  // Runs the action of `form` as `who`: decide, deliberate, withdraw, object and resolve on the
  // command layer (app/decide.h, app/case_note.h), the others through OptionsFor and Run.
  Outcome Perform(const ActionForm& form, const Acting& who);

  // The decide or deliberate form's fields as the command layer's request: InvalidArgument
  // (the CLI's usage message) for a field the command does not take, a missing stage, result
  // (decide) or date (deliberate), or a bad date.
  using Decision = std::variant<app::DecideRequest, app::DeliberateRequest>;
  Result<Decision> DecisionFor(const ActionForm& form, const Acting& who) const;

  // The server's options (registry, data, settings) for a command the server builds itself.
  const model::CommandRequest& base() const { return base_; }

  // `beian status CASE --json` of a case.
  Result<nlohmann::json> CaseJson(const std::string& case_id, const Date& today);

  // `beian status DOCUMENT --json` of a document (its slots with their text); with `draft_dir`,
  // a draft is also rendered there (`draft_file` in the JSON) as `beian edit` renders it.
  Result<nlohmann::json> DocumentJson(const std::string& document_id, const Date& today,
                                      const std::string& draft_dir = {});

 private:
  Result<nlohmann::json> StatusJson(const std::string& ref, const Date& today,
                                    const std::string& out_dir);
  app::Context AppContext();
  Outcome PerformDecision(const ActionForm& form, const Acting& who);
  Outcome PerformCaseNote(const ActionForm& form, const Acting& who);

  model::CommandRequest base_;
  RequestParser parse_;
  FileSystem& fs_;
  report::MessageCatalog messages_;
  report::WorkCalendar calendar_;
  std::mutex mu_;
};

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_COMMANDS_H_
