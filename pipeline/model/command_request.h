// The request of one user action: the command and its typed arguments, as the command line
// gives them (cli/options.h parses argv into it) and as the workbench builds them. A plain
// value, below every layer that acts on it (registry, evaluation, the job), so none of them
// depends on a front end.
#ifndef PIPELINE_MODEL_COMMAND_REQUEST_H_
#define PIPELINE_MODEL_COMMAND_REQUEST_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/date.h"

namespace pipeline::model {

enum class Command {
  kHelp,
  kVersion,
  kRun,
  kCheck,
  kCatalogue,
  kRender,
  kWatch,
  // case registry (pipeline/registry/commands.h)
  kStatus,
  kDecide,
  kDeliberate,
  kWithdraw,
  kRegistry,
  kPublicize,
  kObject,
  kResolve,
  kFile,
  kIssue,
  kArchive,
  kDue,
  kTerminate,
  kEdit,
  kCalendar,
  kFiled,
  kReissue,
  kSubmit,
  kServed,
  // technical evaluation and ledger (pipeline/evaluation/commands.h)
  kScoresheet,
  kEvaluate,
  kSummarize,
  kLedger,
  kConfig,  // the effective settings (docs/user-guide.md "Settings")
  // the workbench in the browser and its users (pipeline/web/, docs/web.md)
  kServe,
  kUser,
};

struct CommandRequest {
  Command command = Command::kHelp;
  std::string help_topic;  // for kHelp: the command asked about, if any

  // run
  std::string intake_dir;  // run: folder holding one folder per dossier
  std::string out_dir;     // run: where OUT/<case-id>/ folders go
  int jobs = 0;            // run, watch: --jobs N worker processes (0 = one per core)
  int timeout = 600;       // run, watch: --timeout S per dossier (0 = none)
  // watch (docs/user-guide.md "Watch mode")
  int settle = 5;     // --settle S: unchanged for S seconds = complete
  int poll = 0;       // --poll S: rescan every S seconds instead of inotify
  bool once = false;  // --once: one pass, then exit
  // check
  std::string dossier_dir;  // check: one dossier folder
  bool json = false;        // check: print report.json; config, status, due: JSON
  // catalogue
  std::string query;  // catalogue: code or (partial) name
  // render
  std::string template_path;  // render: template XML (path or name in templates/documents)
  std::vector<std::string> data_files;  // render: one JSON data file per document
  std::string out_path;                 // render: output PDF (or folder with --batch)
  int batch = 0;                        // render: N copies with distinct 发文字号, 0 = off
  // run, watch: --reopen CASE (repeatable): an unchanged dossier of this ended case opens a
  // new case
  std::vector<std::string> reopen;

  // case registry: status, decide, deliberate, withdraw, registry (and run)
  std::string registry_path;    // --registry FILE (docs/user-guide.md "Case registry")
  std::string user;             // --user NAME: who records the action
  std::string case_ref;         // status/decide/...: case id (or USCC for status)
  std::string stage;            // decide: --stage id
  std::string result;           // decide/deliberate: --result pass|fail|return|refer
  std::string note;             // --note text
  std::string reason;           // --reason text: corrects the latest decision
  std::optional<Date> held_on;  // deliberate: --date of the 专题审议 (kept apart from `today`)
  // decide, evaluate, summarize, deliberate: --today, the last day a decision may bear (a
  // decision dated later is refused); main fills it with the system date (deliberate: `date`).
  std::optional<Date> today;
  std::string registry_action;  // registry: "backup" | "check" | "restore" | "migrate"
  std::string backup_file;      // registry backup FILE / restore FILE
  std::string migrate_to;       // registry migrate --to URI (docs/registry-server.md)
  // --force: backup: overwrite FILE; migrate: replace rows; archive export: replace a folder
  bool force = false;
  std::vector<std::string> cases;  // publicize: CASE...
  std::optional<Date> start;       // publicize: --start of the 公示
  std::string document_id;         // issue: DOCUMENT-ID
  long number = 0;                 // issue: --number N (0 = next of the sequence)
  std::string archive_dir;         // issue, archive verify|import: --archive DIR
  std::string archive_action;      // archive: "verify" | "export" | "import"
  std::string archive_folder;      // archive export DIR (verify, import: DIR, else the root)
  int within_days = 90;            // due: --within Nd
  bool voluntary = false;          // terminate --voluntary (Art. 10)
  bool ordered = false;            // terminate --ordered (Art. 11, with --reason)
  std::string slot;                // edit: --slot NAME
  std::string text;                // edit: --text TEXT
  std::string text_file;           // edit: --file FILE (UTF-8 text)
  std::string calendar_action;     // calendar: "check"
  std::string xlsx_path;           // due/filed: --xlsx FILE
  std::string scores_file;         // evaluate: --scores FILE.xlsx (the filled scoring sheet)

  // serve, user (pipeline/web/)
  std::string listen = "127.0.0.1:8080";  // serve: --listen HOST:PORT
  bool demo = false;                      // serve: --demo (samples into a temporary registry)
  std::string user_action;                // user: add | passwd | disable | list | unlock
  std::string user_name;                  // user: NAME
  std::string role;                       // user add: --role clerk|reviewer|archivist|admin
  std::string office;                     // user add: --office CODE
  std::string password_file;              // user add, passwd: --password-file FILE

  // common
  std::optional<Date> date;              // --date YYYY-MM-DD: "today" for every date rule
  bool date_given = false;               // --date was given (else watch takes each day's date)
  std::string data_dir;                  // --data-dir: root with templates/, checklists/, data/
  std::optional<std::string> authority;  // --authority CODE: the office running beian
  std::string fonts;                     // --fonts FILE: font configuration override
  std::string credit_list;  // --credit-list FILE: overrides office.json rules.credit_list
  bool no_pdf = false;      // run: skip document rendering
  bool quiet = false;       // no progress output
  std::string config;       // --config FILE: settings layered over all others

  // Resolved by main (pipeline/cli/locations.h), not parsed: where the run's files are.
  std::vector<std::string> settings_files;  // settings layers, lowest precedence first
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_COMMAND_REQUEST_H_
