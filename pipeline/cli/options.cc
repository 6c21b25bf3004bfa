#include "pipeline/cli/options.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <tuple>
#include <utility>

#include "pipeline/core/text.h"

namespace pipeline::cli {
namespace {

using Mask = std::uint64_t;  // one bit per Command
constexpr Mask Bit(Command c) { return Mask{1} << static_cast<unsigned>(c); }
static_assert(static_cast<unsigned>(Command::kUser) < 64, "one bit per command");

struct CommandInfo {
  const char* name;
  Command command;
  const char* description;
};

// The subcommand table: one row per command, in the order usage lists them.
constexpr CommandInfo kCommands[] = {
    {"run", Command::kRun,
     "Process every dossier in INTAKE (a folder, or a whole dossier as one .zip/.7z/.rar); "
     "write OUT/<case-id>/report.json and the draft documents, OUT/summary.json, "
     "OUT/index.html and the ledger workbook."},
    {"watch", Command::kWatch,
     "Watch INTAKE: process each dossier once it has stopped changing for --settle seconds, "
     "and again when it changes (--once: one pass, then exit)."},
    {"check", Command::kCheck,
     "Check one dossier (a folder, or an archive holding a whole dossier); print its summary "
     "(the full report.json with --json); write nothing."},
    {"catalogue", Command::kCatalogue,
     "Look up an occupation by code or (partial, fuzzy) name in the 2022 catalogue."},
    {"render", Command::kRender,
     "Render a document template from JSON data into PDF (several --data or --batch N: one "
     "process, many documents; OUT is then a folder)."},
    {"config", Command::kConfig,
     "Print the effective office settings and the file each value comes from."},
    {"status", Command::kStatus,
     "Show a case's history and documents, an institution's cases, or every open case with its "
     "stage and working days in stage."},
    {"decide", Command::kDecide,
     "Record a stage's decision (received, preliminary, technical, comprehensive); with "
     "--reason, correct the latest decision."},
    {"deliberate", Command::kDeliberate,
     "Record the expert deliberation held on --date; the case goes on to publicity."},
    {"withdraw", Command::kWithdraw, "End an open case at the applicant's request."},
    {"registry", Command::kRegistry,
     "backup: write a copy of the registry to FILE (SQLite online backup, checked with "
     "integrity_check; pg_dump on a server); check: SQLite's quick check of the registry; "
     "restore: put the backup FILE in the registry's place, keeping the current file beside it; "
     "migrate: copy it into a PostgreSQL registry (--to URI)."},
    {"publicize", Command::kPublicize,
     "Draft one publicity notice for the cases (at least 5 working days by "
     "data/holidays_cn.tsv)."},
    {"object", Command::kObject,
     "Record an objection during publicity; it blocks filing until resolved."},
    {"resolve", Command::kResolve, "Resolve the case's open objection."},
    {"file", Command::kFile,
     "File the case (province only): record the filing and draft the filing notice."},
    {"submit", Command::kSubmit,
     "Report to the province (a prefecture office): draft one report listing the cases ready "
     "to be filed, with their comprehensive opinions; the province files them."},
    {"served", Command::kServed,
     "Record that a document was delivered on --date (correction deadlines count from "
     "delivery)."},
    {"issue", Command::kIssue,
     "Make a draft final: document number, no watermark, archived with its SHA-256."},
    {"reissue", Command::kReissue,
     "Start a corrected re-issue: a new draft that names the issued document it replaces."},
    {"archive", Command::kArchive,
     "Check the registry's issued copies and an archive folder (exit 1 if any is missing, "
     "altered or unregistered); export the archive from the registry; import older copies."},
    {"filed", Command::kFiled,
     "List the filed institutions with occupations, levels and validity."},
    {"due", Command::kDue,
     "What falls due within the period: validity ends, renewal windows, publicity ends, "
     "corrections."},
    {"terminate", Command::kTerminate,
     "End an institution's filing (Art. 10 voluntary, Art. 11 ordered); draft the termination "
     "notice."},
    {"edit", Command::kEdit,
     "Fill a named free-text slot of a draft (e.g. expert_opinion, note); rendered in it."},
    {"calendar", Command::kCalendar, "Say which years data/holidays_cn.tsv covers."},
    {"scoresheet", Command::kScoresheet,
     "Write the case's technical evaluation scoring sheet (.xlsx; case in stage technical)."},
    {"evaluate", Command::kEvaluate,
     "Read the filled scoring sheet, record the technical evaluation and draft the technical "
     "evaluation opinion."},
    {"summarize", Command::kSummarize,
     "Record the expert group's comprehensive conclusion and draft the comprehensive "
     "evaluation opinion."},
    {"ledger", Command::kLedger,
     "Write the ledger of every case in the registry as an Excel workbook."},
    {"serve", Command::kServe,
     "Serve the workbench in the browser (cases, case pages, every lifecycle action) with "
     "logins, roles and office scope (--demo: the samples in a temporary registry)."},
    {"user", Command::kUser,
     "Manage the workbench's users in the registry: add, passwd, disable, list, unlock."},
    {"help", Command::kHelp, "Show usage, for all commands or for one."},
    {"version", Command::kVersion, "Show the version."},
};

// What the parser fills: the options plus the raw text of values converted afterwards.
struct Parsed {
  Options o;
  std::string date_text;
  std::string authority;
  std::string held_text;    // deliberate --date
  std::string today_text;   // decide, evaluate, summarize --today
  std::string start_text;   // publicize --start
  std::string within_text;  // due --within
};

using AddFn = CLI::Option* (*)(CLI::App&, Parsed&, const std::string& name,
                               const std::string& help);

// The usual bindings of a row: an option or positional argument into a field of Options, one
// whose text is converted after parsing (Parsed), or a flag.
template <auto Field>
CLI::Option* Opt(CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
  return a.add_option(n, p.o.*Field, h);
}
template <auto Field>
CLI::Option* Text(CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
  return a.add_option(n, p.*Field, h);
}
template <auto Field>
CLI::Option* Flag(CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
  return a.add_flag(n, p.o.*Field, h);
}

// One command-line option (or positional argument), declared once.
struct OptionSpec {
  const char* name;   // CLI11 names ("--out,-o"); a positional argument is upper case ("INTAKE")
  const char* value;  // value shown in usage ("OUT"); "" for a flag; for a positional argument
                      // what usage shows instead of its name, if not ""
  const char* help;   // one line
  Mask takes;         // Bit(command) of every command that accepts it
  Mask needs;         // Bit(command) of every command that requires it
  AddFn add;
};

constexpr Mask kRun = Bit(Command::kRun), kWatch = Bit(Command::kWatch),
               kCheck = Bit(Command::kCheck), kCatalogue = Bit(Command::kCatalogue),
               kRender = Bit(Command::kRender), kConfig = Bit(Command::kConfig);
// The case registry's commands (pipeline/registry/commands.h).
constexpr Mask kStatus = Bit(Command::kStatus), kDecide = Bit(Command::kDecide),
               kDeliberate = Bit(Command::kDeliberate), kWithdraw = Bit(Command::kWithdraw),
               kRegistry = Bit(Command::kRegistry), kPublicize = Bit(Command::kPublicize),
               kObject = Bit(Command::kObject), kResolve = Bit(Command::kResolve),
               kFile = Bit(Command::kFile), kIssue = Bit(Command::kIssue),
               kArchive = Bit(Command::kArchive), kDue = Bit(Command::kDue),
               kTerminate = Bit(Command::kTerminate), kEdit = Bit(Command::kEdit),
               kCalendar = Bit(Command::kCalendar), kFiled = Bit(Command::kFiled),
               kReissue = Bit(Command::kReissue), kSubmit = Bit(Command::kSubmit),
               kServed = Bit(Command::kServed);
// Technical evaluation and the ledger (pipeline/evaluation/commands.h).
constexpr Mask kScoresheet = Bit(Command::kScoresheet), kEvaluate = Bit(Command::kEvaluate),
               kSummarize = Bit(Command::kSummarize), kLedger = Bit(Command::kLedger);
// The workbench (pipeline/web/).
constexpr Mask kServe = Bit(Command::kServe), kUser = Bit(Command::kUser);
// The commands that open the registry (--registry, --user); calendar does not.
constexpr Mask kRegistryCommands = kStatus | kDecide | kDeliberate | kWithdraw | kRegistry |
                                   kPublicize | kObject | kResolve | kFile | kIssue | kArchive |
                                   kDue | kTerminate | kEdit | kFiled | kReissue | kScoresheet |
                                   kEvaluate | kSummarize | kLedger | kSubmit | kServed;
// Commands about one case, named by the positional CASE.
constexpr Mask kOneCase = kDecide | kDeliberate | kWithdraw | kObject | kResolve | kFile |
                          kTerminate | kScoresheet | kEvaluate | kSummarize;
// Commands that draft a document (they take --out DIR for it, and --fonts).
constexpr Mask kDrafting =
    kPublicize | kFile | kTerminate | kEvaluate | kSummarize | kReissue | kEdit | kSubmit;
// The commands that process an intake folder into an output folder (docs/user-guide.md "Watch
// mode").
constexpr Mask kIntake = kRun | kWatch;
// Every command that reads the shipped data and the settings.
constexpr Mask kAll = kIntake | kCheck | kCatalogue | kRender | kConfig | kRegistryCommands |
                      kCalendar | kServe | kUser;

// The option table: every option of every command, declared once. Order = order in usage.
// A command takes a row when its bit is in `takes`; one command must not meet two rows of the
// same name (CLI11 refuses it; tests/cli/options_test.cc parses every command).
const OptionSpec kOptions[] = {
    {"INTAKE", "", "intake folder: one entry per dossier", kIntake, kIntake,
     Opt<&Options::intake_dir>},
    {"DOSSIER", "", "one dossier folder (or archive)", kCheck, kCheck, Opt<&Options::dossier_dir>},
    {"QUERY", "", "occupation code (4-03-02-01) or (partial) name", kCatalogue, kCatalogue,
     Opt<&Options::query>},
    {"TEMPLATE", "", "template: a path, or a name under templates/documents/", kRender, kRender,
     Opt<&Options::template_path>},
    {"CASE", "",
     "case id (status: or an institution's USCC, or a document id; none: every open case)",
     kOneCase | kStatus, kOneCase, Opt<&Options::case_ref>},
    {"CASE", "CASE...", "case ids", kPublicize | kSubmit, kPublicize | kSubmit,
     Opt<&Options::cases>},
    {"DOCUMENT-ID", "", "document id (beian status CASE lists them)",
     kIssue | kReissue | kEdit | kServed, kIssue | kReissue | kEdit | kServed,
     Opt<&Options::document_id>},
    {"ACTION", "backup|check|restore|migrate",
     "backup FILE: a checked copy; check: SQLite's quick check; restore FILE: put a backup in "
     "place (the current file kept beside it); migrate --to URI: copy into a PostgreSQL registry",
     kRegistry, kRegistry,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.registry_action, h)
           ->check(CLI::IsMember({"backup", "check", "restore", "migrate"}));
     }},
    {"FILE", "", "backup file (backup, restore)", kRegistry, 0, Opt<&Options::backup_file>},
    {"--to", "URI",
     "migrate: the PostgreSQL registry to copy this registry into (postgresql://...)", kRegistry, 0,
     Opt<&Options::migrate_to>},
    {"ACTION", "verify|export|import",
     "verify: the registry's issued copies against their SHA-256, and a folder against the "
     "registry; export DIR: write the archive folder (DA/T 22) from the registry; import: store "
     "the copies of documents issued before the registry kept them",
     kArchive, kArchive,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.archive_action, h)
           ->check(CLI::IsMember({"verify", "export", "import"}));
     }},
    {"DIR", "",
     "export: the folder to write; verify, import: the folder to read (default: the archive "
     "root)",
     kArchive, 0, Opt<&Options::archive_folder>},
    {"--force", "",
     "backup: overwrite an existing FILE; migrate: replace what the target registry holds; "
     "archive export: replace a folder that is not empty",
     kRegistry | kArchive, 0, Flag<&Options::force>},
    {"ACTION", "check", "what to do: check", kCalendar, kCalendar,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.calendar_action, h)->check(CLI::IsMember({"check"}));
     }},
    {"ACTION", "add|passwd|disable|list|unlock", "what to do with users", kUser, kUser,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.user_action, h)
           ->check(CLI::IsMember({"add", "passwd", "disable", "list", "unlock"}));
     }},
    {"NAME", "", "the user's login name (not for list)", kUser, 0, Opt<&Options::user_name>},
    {"--listen", "HOST:PORT", "address to listen on (default 127.0.0.1:8080)", kServe, 0,
     Opt<&Options::listen>},
    {"--demo", "",
     "run the bundled samples into a fresh registry in a temporary folder as the province, "
     "create a demo user per role, print them, serve",
     kServe, 0, Flag<&Options::demo>},
    {"--role", "ROLE", "user add: clerk, reviewer, archivist or admin", kUser, 0,
     Opt<&Options::role>},
    {"--office", "CODE",
     "user add: the user's office (data/jilin_authorities.tsv; 220000 sees all)", kUser, 0,
     Opt<&Options::office>},
    {"--password-file", "FILE", "user add, passwd: read the password from FILE (else stdin)", kUser,
     0, Opt<&Options::password_file>},
    {"--stage", "STAGE", "stage id: received, preliminary, technical, comprehensive", kDecide,
     kDecide, Opt<&Options::stage>},
    {"--result", "RESULT",
     "decide: pass|fail|return|refer; deliberate: pass|fail; evaluate, summarize: pass|fail "
     "or their wording (templates/evaluation.zh-CN.tsv result.pass, result.fail)",
     kDecide | kDeliberate | kEvaluate | kSummarize, kDecide | kEvaluate | kSummarize,
     Opt<&Options::result>},
    {"--scores", "FILE.xlsx", "the filled scoring sheet (from beian scoresheet)", kEvaluate,
     kEvaluate, Opt<&Options::scores_file>},
    {"--date", "YYYY-MM-DD", "the day the expert deliberation was held", kDeliberate, kDeliberate,
     Text<&Parsed::held_text>},
    {"--today", "YYYY-MM-DD", "today (default: the system date)", kDeliberate, 0,
     Text<&Parsed::date_text>},
    {"--today", "YYYY-MM-DD",
     "today (default: the system date): a decision or a delivery dated (--date) after it is "
     "refused",
     kDecide | kEvaluate | kSummarize | kServed, 0, Text<&Parsed::today_text>},
    {"--start", "YYYY-MM-DD", "first day of publicity", kPublicize, kPublicize,
     Text<&Parsed::start_text>},
    {"--note", "TEXT",
     "note recorded with the action (evaluate, summarize: the expert group's opinion)",
     kDecide | kDeliberate | kWithdraw | kObject | kResolve | kEvaluate | kSummarize,
     kObject | kResolve, Opt<&Options::note>},
    {"--reason", "TEXT",
     "why the latest decision is corrected (terminate: why the filing is ended; served: why "
     "the delivery date is corrected)",
     kDecide | kDeliberate | kTerminate | kEvaluate | kSummarize | kServed, 0,
     Opt<&Options::reason>},
    {"--voluntary", "", "Art. 10: the institution asked to end its filing", kTerminate, 0,
     Flag<&Options::voluntary>},
    {"--ordered", "", "Art. 11: the filing is ended by order (with --reason)", kTerminate, 0,
     Flag<&Options::ordered>},
    {"--slot", "NAME", "the draft's free-text slot, e.g. expert_opinion, note", kEdit, kEdit,
     Opt<&Options::slot>},
    {"--text", "TEXT", "the slot's text (or --file)", kEdit, 0, Opt<&Options::text>},
    {"--file", "FILE", "a UTF-8 text file holding the slot's text (or --text)", kEdit, 0,
     Opt<&Options::text_file>},
    {"--number", "N", "document number sequence (default: the next)", kIssue, 0,
     Opt<&Options::number>},
    {"--archive", "DIR", "archive root", kIssue | kArchive, 0, Opt<&Options::archive_dir>},
    {"--within", "Nd", "period, e.g. 90d (default 90d)", kDue, 0, Text<&Parsed::within_text>},
    {"--xlsx", "FILE", "also write the list as a spreadsheet", kDue | kFiled, 0,
     Opt<&Options::xlsx_path>},
    {"--out,-o", "DIR",
     "folder for the draft (default: drafts/ beside the registry; scoresheet: for the "
     "workbook; status DOCUMENT-ID: render the draft there)",
     kDrafting | kScoresheet | kStatus, kScoresheet, Opt<&Options::out_dir>},
    {"--out,-o", "OUT", "output folder (created if missing; must not be inside INTAKE)", kIntake,
     kIntake, Opt<&Options::out_dir>},
    {"--out,-o", "OUT", "output PDF, or a folder with several --data or --batch", kRender, kRender,
     Opt<&Options::out_path>},
    {"--out,-o", "FILE.xlsx", "the ledger workbook", kLedger, kLedger, Opt<&Options::out_path>},
    {"--data", "FILE.json", "JSON data of one document (repeatable)", kRender, kRender,
     Opt<&Options::data_files>},
    {"--batch", "N", "render N variants of the first data file", kRender, 0, Opt<&Options::batch>},
    {"--json", "", "print JSON instead of text", kCheck | kConfig | kStatus | kDue, 0,
     Flag<&Options::json>},
    {"--date", "YYYY-MM-DD",
     "today for every date rule and the documents' date (default: the system date)",
     kAll & ~(kDeliberate | kCatalogue | kConfig | kServed), 0, Text<&Parsed::date_text>},
    {"--date", "YYYY-MM-DD", "the day the document was delivered", kServed, kServed,
     Text<&Parsed::date_text>},
    {"--authority", "CODE",
     "the filing authority running beian (data/jilin_authorities.tsv, e.g. 220100; filed: "
     "only the filings of the cases that office received)",
     kIntake | kCheck | kPublicize | kFile | kTerminate | kEvaluate | kSummarize | kSubmit | kFiled,
     0, Text<&Parsed::authority>},
    {"--credit-list", "FILE",
     "the office's list of institutions with a serious credit record or a terminated filing "
     "(CSV or XLSX; C61-03; default: the setting rules.credit_list)",
     kIntake | kCheck, 0, Opt<&Options::credit_list>},
    {"--registry", "FILE",
     "the case registry (else $BEIAN_REGISTRY, else the setting registry; no other fallback)",
     kIntake | kRegistryCommands | kServe | kUser, 0, Opt<&Options::registry_path>},
    {"--user", "NAME", "who records the action (else the setting user, the login name)",
     kIntake | kRegistryCommands, 0, Opt<&Options::user>},
    {"--reopen", "CASE",
     "open a new case for the unchanged dossier of this ended case (repeatable; without it the "
     "ended case is shown and nothing is opened)",
     kIntake, 0, Opt<&Options::reopen>},
    {"--no-pdf", "", "no documents: report.json (and for run summary.json, index.html) only",
     kIntake, 0, Flag<&Options::no_pdf>},
    {"--jobs,-j", "N", "worker processes, one dossier each at a time (default: one per core)",
     kIntake, 0, Opt<&Options::jobs>},
    {"--timeout", "S",
     "seconds one dossier may take before its worker is stopped (default 600; "
     "0: no limit)",
     kIntake, 0, Opt<&Options::timeout>},
    {"--settle", "S", "seconds a dossier must stay unchanged before it is taken (default 5)",
     kWatch, 0, Opt<&Options::settle>},
    {"--poll", "S", "rescan the intake every S seconds instead of inotify (CIFS/NFS shares)",
     kWatch, 0, Opt<&Options::poll>},
    {"--once", "", "one pass over the intake, then exit (for cron)", kWatch, 0,
     Flag<&Options::once>},
    {"--config", "FILE",
     "settings file layered over all others (see docs/user-guide.md \"Settings\")",
     kAll & ~kCatalogue, 0, Opt<&Options::config>},
    {"--data-dir", "DIR",
     "root holding templates/, checklists/, data/ (default: ../share/beian next to the "
     "program)",
     kAll, 0, Opt<&Options::data_dir>},
    {"--fonts", "FILE", "font configuration (default: the setting fonts, else templates/fonts.xml)",
     kIntake | kRender | kDrafting | kIssue | kServe | kStatus, 0, Opt<&Options::fonts>},
    {"--quiet,-q", "", "no progress output", kAll & ~(kCatalogue | kConfig), 0,
     Flag<&Options::quiet>},
};

constexpr char kExitCodes[] =
    "exit codes: 0 done, no blocking findings; 1 done, blocking findings (catalogue: no match;\n"
    "            archive verify: copies missing, altered or unregistered; archive export or\n"
    "            import: documents left out; calendar check: today not covered; registry\n"
    "            check: the registry is damaged); 2 usage error or operational failure;\n"
    "            130 / 143 run stopped by Ctrl-C / SIGTERM (the dossiers in flight\n"
    "            finished, the run files written for what was done)\n";

bool IsPositional(const OptionSpec& s) { return s.name[0] != '-'; }

// How an option shows in usage: "--out OUT", "--no-pdf", "INTAKE", "CASE...".
std::string Shown(const OptionSpec& s, const std::string& names) {
  if (IsPositional(s)) return *s.value != '\0' ? s.value : s.name;
  return *s.value != '\0' ? names + " " + s.value : names;
}

// "--out,-o" -> "--out, -o"
std::string ShownNames(const OptionSpec& s) {
  std::string out;
  for (const char* c = s.name; *c != '\0'; ++c) {
    out += *c;
    if (*c == ',') out += ' ';
  }
  return out;
}

// "--out,-o" -> "--out"
std::string LongName(const OptionSpec& s) {
  const char* comma = std::strchr(s.name, ',');
  return comma == nullptr ? std::string(s.name) : std::string(s.name, comma);
}

std::string Synopsis(const CommandInfo& c) {
  std::string out = std::string("beian ") + c.name;
  if (c.command == Command::kHelp) return out + " [COMMAND]";
  for (const OptionSpec& s : kOptions) {
    if ((s.takes & Bit(c.command)) == 0) continue;
    const std::string word = Shown(s, LongName(s));
    out += " " + ((s.needs & Bit(c.command)) != 0 ? word : "[" + word + "]");
  }
  return out;
}

const CommandInfo* FindCommand(const std::string& name) {
  for (const auto& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string Unknown(const char* what, const std::string& word) {
  std::string msg = std::string("unknown ") + what + " '" + word + "'";
  const std::string suggestion = SuggestCommand(word);
  if (!suggestion.empty()) msg += "; did you mean '" + suggestion + "'?";
  return msg;
}

using Args = std::vector<std::pair<std::string, std::string>>;

// A usage error in the clerk's words (`usage.<key>`), or in English without a catalogue.
class Say {
 public:
  explicit Say(const UsageWords& words) : words_(words) {}
  Status operator()(const std::string& key, const Args& args, const std::string& english) const {
    return Status::InvalidArgument(words_ ? words_("usage." + key, args) : english);
  }
  // A value that is not a date: `--date: expected YYYY-MM-DD, got 'x'`.
  Status BadDate(const std::string& option, const std::string& value) const {
    return (*this)("bad_date", {{"option", option}, {"value", value}},
                   option + ": expected YYYY-MM-DD, got '" + value + "'");
  }

 private:
  const UsageWords& words_;
};

// Every option name the command takes ("--out", "-o", ...).
std::vector<std::string> OptionNames(Command c) {
  std::vector<std::string> names;
  for (const OptionSpec& s : kOptions) {
    if ((s.takes & Bit(c)) == 0 || IsPositional(s)) continue;
    std::string name;
    for (const char* ch = s.name;; ++ch) {
      if (*ch == ',' || *ch == '\0') {
        names.push_back(name);
        name.clear();
        if (*ch == '\0') break;
      } else {
        name += *ch;
      }
    }
  }
  return names;
}

// The first argument that looks like an option the command does not take (before a "--"),
// named with the nearest option it does take: `--resutl` -> `--result`.
Status CheckOptionNames(const CommandInfo& info, int argc, const char* const* argv,
                        const Say& say) {
  const std::vector<std::string> names = OptionNames(info.command);
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") break;
    if (a.size() < 2 || a[0] != '-' || (a[1] >= '0' && a[1] <= '9')) continue;
    const std::string name = a.substr(0, a.find('='));
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    std::string best;
    std::size_t best_d = 3;
    for (const std::string& n : names) {
      const std::size_t d = EditDistance(name, n);
      if (d < best_d) {
        best_d = d;
        best = n;
      }
    }
    const std::string command = info.name;
    if (best.empty()) {
      return say("unknown_option", {{"option", name}, {"command", command}},
                 command + ": unknown option '" + name + "'");
    }
    return say("unknown_option_suggest", {{"option", name}, {"command", command}, {"best", best}},
               command + ": unknown option '" + name + "'; did you mean '" + best + "'?");
  }
  return Status::Ok();
}

// A CLI11 parse error in the clerk's words: a missing required option or argument, an option
// without its value, a value not among the choices.
Status ParseErrorOf(const CLI::ParseError& e, const std::string& command, const Say& say) {
  const std::string what = e.what();
  const std::string english = command + ": " + what;
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    const std::size_t at = what.find(" is required");
    if (at != std::string::npos) {
      return say("required", {{"option", what.substr(0, at)}, {"command", command}}, english);
    }
  }
  const std::size_t colon = what.find(": ");
  if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr && colon != std::string::npos) {
    const std::string rest = what.substr(colon + 2);
    const std::size_t not_in = rest.find(" not in {");
    if (not_in != std::string::npos && rest.back() == '}') {
      const std::size_t open = not_in + 9;
      return say("not_a_choice",
                 {{"option", what.substr(0, colon)},
                  {"value", rest.substr(0, not_in)},
                  {"choices", rest.substr(open, rest.size() - 1 - open)},
                  {"command", command}},
                 english);
    }
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr && colon != std::string::npos) {
    return say("needs_value", {{"option", what.substr(0, colon)}, {"command", command}}, english);
  }
  return say("other", {{"detail", what}, {"command", command}}, english);
}

// True when an argument after the command (before a "--") asks for help.
bool AsksForHelp(int argc, const char* const* argv) {
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") return false;
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

// The registry commands' dates and period from their text.
Status ConvertRegistryValues(Parsed& p, const Say& say) {
  for (auto [text, field, option] : {std::tuple{&p.held_text, &p.o.held_on, "--date"},
                                     std::tuple{&p.today_text, &p.o.today, "--today"},
                                     std::tuple{&p.start_text, &p.o.start, "--start"}}) {
    if (text->empty()) continue;
    *field = ParseIsoDate(*text);
    if (!*field) return say.BadDate(option, *text);
  }
  if (!p.within_text.empty()) {
    const std::string& w = p.within_text;
    const bool days = w.size() > 1 && w.back() == 'd';
    const std::string digits = days ? w.substr(0, w.size() - 1) : w;
    if (digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return say("bad_within", {{"value", w}},
                 "--within: expected a number of days such as 90d, got '" + w + "'");
    }
    p.o.within_days = std::stoi(digits);
  }
  if (p.o.command == Command::kRegistry && p.o.registry_action != "check" &&
      p.o.registry_action != "migrate" && p.o.backup_file.empty()) {
    return say("file_required", {{"action", p.o.registry_action}},
               "registry " + p.o.registry_action + ": FILE is required");
  }
  if (p.o.command == Command::kArchive && p.o.archive_action == "export" &&
      p.o.archive_folder.empty()) {
    return say("dir_required", {{"action", p.o.archive_action}},
               "archive " + p.o.archive_action + ": DIR is required");
  }
  if (p.o.number < 0) {
    return say("range",
               {{"option", "--number"}, {"range", "> 0"}, {"value", std::to_string(p.o.number)}},
               "--number must be > 0");
  }
  if (p.o.command == Command::kTerminate && p.o.voluntary == p.o.ordered) {
    return say("one_of", {{"command", "terminate"}, {"a", "--voluntary"}, {"b", "--ordered"}},
               "terminate: give exactly one of --voluntary and --ordered");
  }
  if (p.o.command == Command::kEdit && p.o.text.empty() == p.o.text_file.empty()) {
    return say("one_of", {{"command", "edit"}, {"a", "--text"}, {"b", "--file"}},
               "edit: give exactly one of --text and --file");
  }
  return Status::Ok();
}

// The numbers of run and watch: --jobs 1..256 when given (not given: one per core), --batch,
// --settle, --poll and --timeout not negative.
Status CheckNumbers(const CLI::App& app, const Options& o, const Say& say) {
  auto given = [&](const char* name) {
    const CLI::Option* opt = app.get_option_no_throw(name);
    return opt != nullptr && opt->count() > 0;
  };
  if (given("--jobs") && (o.jobs < 1 || o.jobs > 256)) {
    return say("range",
               {{"option", "--jobs"}, {"range", "1..256"}, {"value", std::to_string(o.jobs)}},
               "--jobs must be 1..256");
  }
  if (o.batch < 0) {
    return say("range",
               {{"option", "--batch"}, {"range", ">= 0"}, {"value", std::to_string(o.batch)}},
               "--batch must be >= 0");
  }
  for (auto [name, value] : {std::pair{"--settle", o.settle}, std::pair{"--poll", o.poll},
                             std::pair{"--timeout", o.timeout}}) {
    if (value < 0) {
      return say("range", {{"option", name}, {"range", ">= 0"}, {"value", std::to_string(value)}},
                 "--settle, --poll and --timeout must be >= 0 seconds");
    }
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string> CommandNames() {
  std::vector<std::string> names;
  for (const auto& c : kCommands) names.emplace_back(c.name);
  return names;
}

std::string SuggestCommand(const std::string& word) {
  std::string best;
  std::size_t best_d = 3;
  for (const auto& c : kCommands) {
    std::size_t d = EditDistance(word, c.name);
    if (d < best_d) {
      best_d = d;
      best = c.name;
    }
  }
  return best;
}

std::string Usage(const std::string& topic) {
  std::string out;
  if (const CommandInfo* c = FindCommand(topic)) {
    out += "usage: " + Synopsis(*c) + "\n\n" + c->description + "\n";
    std::string rows;
    for (const OptionSpec& s : kOptions) {
      if ((s.takes & Bit(c->command)) == 0) continue;
      std::string left = Shown(s, ShownNames(s));
      left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
      rows += "  " + left + s.help + "\n";
    }
    if (c->command == Command::kHelp)
      rows = "  COMMAND                 one of the commands of 'beian help'\n";
    out += "\narguments and options:\n" + rows + "  --help, -h              show this help\n";
  } else {
    out +=
        "usage: beian COMMAND [options]\n\n"
        "Checks Jilin skill-certification filing dossiers (Jilin HRSS regulation [2025] No. 1)\n"
        "and drafts their documents.\n\ncommands:\n";
    for (const auto& cmd : kCommands) {
      out += "  " + Synopsis(cmd) + "\n      " + cmd.description + "\n";
    }
    out += "\noptions (the commands that take them are listed above):\n";
    for (const OptionSpec& s : kOptions) {
      if (IsPositional(s)) continue;
      std::string left = Shown(s, ShownNames(s));
      left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
      out += "  " + left + s.help + "\n";
    }
    out +=
        "\n'beian help COMMAND' (or 'beian COMMAND --help') shows one command's options.\n"
        "environment: BEIAN_DATA_DIR (shipped data), BEIAN_CONFIG (a settings file),\n"
        "BEIAN_SYSCONFDIR (system settings folder, default /etc/beian; empty: none).\n";
  }
  out += std::string("\n") + kExitCodes;
  return out;
}

Result<Options> ParseOptions(int argc, const char* const* argv, const UsageWords& words) {
  assert(argc >= 2);
  const Say say(words);
  Options o;
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h") return o;  // kHelp, all commands
  if (cmd == "--version") {
    o.command = Command::kVersion;
    return o;
  }
  const CommandInfo* info = FindCommand(cmd);
  if (info == nullptr) {
    const std::string best = SuggestCommand(cmd);
    return best.empty() ? say("unknown_command", {{"command", cmd}}, Unknown("command", cmd))
                        : say("unknown_command_suggest", {{"command", cmd}, {"best", best}},
                              Unknown("command", cmd));
  }
  if (AsksForHelp(argc, argv)) {
    o.help_topic = info->name;  // `beian COMMAND --help` = `beian help COMMAND`
    return o;
  }
  o.command = info->command;
  if (o.command == Command::kHelp) {
    if (argc > 3) return say("help_one", {}, "help: expected at most one COMMAND");
    if (argc == 3) {
      o.help_topic = argv[2];
      if (FindCommand(o.help_topic) == nullptr) {
        const std::string best = SuggestCommand(o.help_topic);
        const std::string english = Unknown("help topic", o.help_topic);
        return best.empty() ? say("unknown_command", {{"command", o.help_topic}}, english)
                            : say("unknown_command_suggest",
                                  {{"command", o.help_topic}, {"best", best}}, english);
      }
    }
    return o;
  }

  Parsed p;
  CLI::App app{info->description, std::string("beian ") + info->name};
  app.set_help_flag();  // --help was handled above, from the same table
  for (const OptionSpec& s : kOptions) {
    if ((s.takes & Bit(o.command)) == 0) continue;
    CLI::Option* opt = s.add(app, p, s.name, s.help);
    if ((s.needs & Bit(o.command)) != 0) opt->required();
  }
  app.allow_extras();  // reported below, in the user's order (CLI11 lists them reversed)
  PIPELINE_RETURN_IF_ERROR(CheckOptionNames(*info, argc, argv, say));
  try {
    app.parse(argc - 1, argv + 1);  // argv[1], the command, stands in for the program name
  } catch (const CLI::ParseError& e) {
    return ParseErrorOf(e, info->name, say);
  }
  if (std::vector<std::string> extras = app.remaining(); !extras.empty()) {
    std::string list;
    for (int i = 2; i < argc; ++i) {
      auto it = std::find(extras.begin(), extras.end(), argv[i]);
      if (it == extras.end()) continue;
      list += std::string(list.empty() ? "" : " ") + "'" + argv[i] + "'";
      extras.erase(it);
    }
    return say("not_expected", {{"command", info->name}, {"args", list}},
               std::string(info->name) + ": not expected: " + list);
  }
  p.o.command = o.command;
  p.o.date_given = !p.date_text.empty();
  if (!p.date_text.empty()) {
    p.o.date = ParseIsoDate(p.date_text);
    if (!p.o.date) {
      return say.BadDate(o.command == Command::kDeliberate ? "--today" : "--date", p.date_text);
    }
  }
  PIPELINE_RETURN_IF_ERROR(ConvertRegistryValues(p, say));
  if (!p.authority.empty()) p.o.authority = p.authority;
  PIPELINE_RETURN_IF_ERROR(CheckNumbers(app, p.o, say));
  return p.o;
}

}  // namespace pipeline::cli
