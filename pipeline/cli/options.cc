#include "pipeline/cli/options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>

namespace pipeline::cli {
namespace {

struct CommandInfo {
  const char* name;
  Command command;
  const char* synopsis;
  const char* description;
};

// The subcommand table: one row per command.
constexpr CommandInfo kCommands[] = {
    {"run", Command::kRun, "beian run INTAKE --out OUT [--date D] [--authority CODE]",
     "Process every dossier folder in INTAKE; write OUT/<case-id>/report.json and documents."},
    {"watch", Command::kWatch,
     "beian watch INTAKE --out OUT [--settle S] [--poll S] [--once] [--jobs N]",
     "Process each dossier of INTAKE once it has stopped changing, and again when it changes."},
    {"check", Command::kCheck, "beian check DOSSIER [--json] [--date D] [--authority CODE]",
     "Check one dossier folder; print its report (JSON with --json); write nothing."},
    {"catalogue", Command::kCatalogue, "beian catalogue QUERY",
     "Look up an occupation by code or (partial, fuzzy) name in the 2022 catalogue."},
    {"render", Command::kRender,
     "beian render TEMPLATE --data FILE.json [--data FILE2.json ...] --out OUT [--batch N]",
     "Render a document template from JSON data into PDF (several --data or --batch N: one "
     "process, many documents; OUT is then a folder)."},
    {"status", Command::kStatus, "beian status [CASE|USCC] [--json] [--registry FILE]",
     "Show a case's history and documents, an institution's cases, or every open case with its "
     "stage and working days in stage."},
    {"decide", Command::kDecide,
     "beian decide CASE --stage STAGE --result pass|fail|return|refer [--note T] [--reason T]",
     "Record a stage's decision (received, preliminary, technical, comprehensive); with "
     "--reason, correct the latest decision."},
    {"deliberate", Command::kDeliberate,
     "beian deliberate CASE --date D [--result pass|fail] [--note T] [--reason T]",
     "Record the 专题审议 held on date D; the case goes on to publicity."},
    {"withdraw", Command::kWithdraw, "beian withdraw CASE [--note T]",
     "End an open case at the applicant's request."},
    {"registry", Command::kRegistry, "beian registry backup FILE",
     "Write a consistent copy of the registry to FILE (SQLite online backup)."},
    {"publicize", Command::kPublicize, "beian publicize CASE... --start D [--out DIR]",
     "Draft one 公示 for the cases (at least 5 working days by data/holidays_cn.tsv)."},
    {"object", Command::kObject, "beian object CASE --note T",
     "Record an objection during the 公示; it blocks filing until resolved."},
    {"resolve", Command::kResolve, "beian resolve CASE --note T",
     "Resolve the case's open objection."},
    {"file", Command::kFile, "beian file CASE --authority 220000 [--out DIR]",
     "File the case (province only): record the filing and draft the 备案通知."},
    {"issue", Command::kIssue, "beian issue DOCUMENT-ID [--number N] [--archive DIR]",
     "Make a draft final: 发文字号, no watermark, archived with its SHA-256."},
    {"reissue", Command::kReissue, "beian reissue DOCUMENT-ID [--out DIR]",
     "Start a corrected re-issue: a new draft that names the issued document it replaces."},
    {"archive", Command::kArchive, "beian archive verify [--archive DIR]",
     "Report archived files that are missing, altered or unregistered (exit 1 if any)."},
    {"filed", Command::kFiled, "beian filed [--xlsx FILE]",
     "List the filed institutions with occupations, levels and validity (已备案机构名单)."},
    {"due", Command::kDue, "beian due [--within 90d] [--json | --xlsx FILE]",
     "What falls due within the period: validity ends, renewal windows, 公示 ends, 补正."},
    {"terminate", Command::kTerminate,
     "beian terminate CASE --voluntary | --ordered --reason T [--authority CODE] [--out DIR]",
     "End an institution's filing (Art. 10 voluntary, Art. 11 ordered); draft the 终止备案通知."},
    {"edit", Command::kEdit, "beian edit DOCUMENT-ID --slot NAME --text T | --file FILE",
     "Fill a named free-text slot of a draft (e.g. expert_opinion, note); rendered in it."},
    {"calendar", Command::kCalendar, "beian calendar check",
     "Say which years data/holidays_cn.tsv covers."},
    {"scoresheet", Command::kScoresheet, "beian scoresheet CASE --out DIR",
     "Write the case's 技术评估评分表.xlsx (case in stage technical)."},
    {"evaluate", Command::kEvaluate,
     "beian evaluate CASE --scores FILE.xlsx --result 合格|不合格 [--note T] [--reason T] "
     "[--out DIR]",
     "Read the filled scoring sheet, record the technical evaluation and draft 技术评估意见."},
    {"summarize", Command::kSummarize,
     "beian summarize CASE --result 合格|不合格 [--note T] [--reason T] [--out DIR]",
     "Record the expert group's comprehensive conclusion and draft 综合技术评估意见."},
    {"ledger", Command::kLedger, "beian ledger --out FILE.xlsx",
     "Write the ledger (台账) of every case in the registry as an Excel workbook."},
    {"help", Command::kHelp, "beian help [COMMAND]", "Show usage."},
    {"version", Command::kVersion, "beian version", "Show the version."},
};

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

const CommandInfo* FindCommand(const std::string& name) {
  for (const auto& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

void AddCommonOptions(CLI::App& app, Options& o, std::string& date_text) {
  app.add_option("--date", date_text, "today's date for every date rule (YYYY-MM-DD)");
  app.add_option("--data-dir", o.data_dir, "root holding templates/, checklists/ and data/");
  app.add_option("--fonts", o.fonts, "font configuration file (default templates/fonts.xml)");
  app.add_flag("--quiet,-q", o.quiet, "no progress output");
}

void AddRegistryOptions(CLI::App& app, Options& o) {
  app.add_option("--registry", o.registry_path, "registry file");
  app.add_option("--user", o.user, "who records the action");
}

}  // namespace

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
    out += std::string("usage: ") + c->synopsis + "\n  " + c->description + "\n";
  } else {
    out += "usage: beian COMMAND [options]\n\ncommands:\n";
    for (const auto& cmd : kCommands) out += std::string("  ") + cmd.synopsis + "\n      " +
                                             cmd.description + "\n";
  }
  out +=
      "\ncommon options:\n"
      "  --date YYYY-MM-DD   today's date for date rules and document dates (default: system date)\n"
      "  --authority CODE    the filing authority running beian (e.g. 220100)\n"
      "  --credit-list FILE  run/check: the office's list of institutions with a serious\n"
      "                      credit record or a terminated filing (CSV or XLSX; C61-03);\n"
      "                      default: templates/office.json rules.credit_list\n"
      "  --data-dir DIR      root holding templates/, checklists/, data/\n"
      "  --fonts FILE        font configuration (default templates/fonts.xml)\n"
      "  --no-pdf            run: write report.json only\n"
      "  --jobs N            run/watch: worker processes (default: one per core)\n"
      "  --timeout S         run/watch: seconds one dossier may take (default 600; 0: none)\n"
      "  --registry FILE     the case registry (else $BEIAN_REGISTRY, settings, XDG default)\n"
      "  --user NAME         who records the action (else settings, login name)\n"
      "  --quiet             no progress output\n"
      "\nexit codes: 0 no blocking findings, 1 blocking findings present, 2 usage or "
      "operational error\n";
  return out;
}

Result<Options> ParseOptions(int argc, const char* const* argv) {
  Options o;
  if (argc < 2) return o;  // kHelp
  std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h") return o;
  if (cmd == "--version") {
    o.command = Command::kVersion;
    return o;
  }
  const CommandInfo* info = FindCommand(cmd);
  if (info == nullptr) {
    std::string msg = "unknown command '" + cmd + "'";
    std::string suggestion = SuggestCommand(cmd);
    if (!suggestion.empty()) msg += "; did you mean '" + suggestion + "'?";
    return Status::InvalidArgument(msg);
  }
  o.command = info->command;

  CLI::App app{info->description, std::string("beian ") + info->name};
  app.set_help_flag();  // help is handled by `beian help COMMAND`
  std::string date_text;
  std::string held_text;  // deliberate --date
  std::string start_text;   // publicize --start
  std::string within_text;  // due --within
  std::string authority;
  switch (o.command) {
    case Command::kRun:
    case Command::kWatch:
      app.add_option("INTAKE", o.intake_dir, "intake folder")->required();
      app.add_option("--out,-o", o.out_dir, "output folder")->required();
      app.add_option("--authority", authority, "the office's authority code");
      app.add_option("--credit-list", o.credit_list, "credit list (CSV or XLSX) for C61-03");
      app.add_flag("--no-pdf", o.no_pdf, "skip document rendering");
      app.add_option("--jobs,-j", o.jobs, "worker processes (default: one per core)");
      app.add_option("--timeout", o.timeout, "seconds a dossier may take (default 600, 0: none)");
      if (o.command == Command::kWatch) {
        app.add_option("--settle", o.settle, "seconds a dossier must stay unchanged");
        app.add_option("--poll", o.poll, "rescan every S seconds instead of inotify");
        app.add_flag("--once", o.once, "one pass, then exit");
      }
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kCheck:
      app.add_option("DOSSIER", o.dossier_dir, "dossier folder")->required();
      app.add_flag("--json", o.json, "print report.json");
      app.add_option("--authority", authority, "the office's authority code");
      app.add_option("--credit-list", o.credit_list, "credit list (CSV or XLSX) for C61-03");
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kCatalogue:
      app.add_option("QUERY", o.query, "code or name")->required();
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kRender:
      app.add_option("TEMPLATE", o.template_path, "template")->required();
      app.add_option("--data", o.data_files, "JSON data file(s)")->required();
      app.add_option("--out,-o", o.out_path, "output PDF, or folder for several")->required();
      app.add_option("--batch", o.batch, "render N variants of the first data file");
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kStatus:
      app.add_option("CASE", o.case_ref, "case id or USCC");
      app.add_flag("--json", o.json, "print JSON");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kDecide:
      app.add_option("CASE", o.case_ref, "case id")->required();
      app.add_option("--stage", o.stage, "stage id")->required();
      app.add_option("--result", o.result, "pass|fail|return|refer")->required();
      app.add_option("--note", o.note, "note");
      app.add_option("--reason", o.reason, "why the latest decision is corrected");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kDeliberate:
      app.add_option("CASE", o.case_ref, "case id")->required();
      app.add_option("--date", held_text, "date of the deliberation")->required();
      app.add_option("--result", o.result, "pass|fail");
      app.add_option("--note", o.note, "note");
      app.add_option("--reason", o.reason, "why the latest decision is corrected");
      app.add_option("--today", date_text, "today's date (YYYY-MM-DD)");
      app.add_option("--data-dir", o.data_dir, "root holding templates/, checklists/ and data/");
      app.add_flag("--quiet,-q", o.quiet, "no progress output");
      AddRegistryOptions(app, o);
      break;
    case Command::kWithdraw:
      app.add_option("CASE", o.case_ref, "case id")->required();
      app.add_option("--note", o.note, "note");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kRegistry:
      app.add_option("ACTION", o.registry_action, "backup")->required()->check(
          CLI::IsMember({"backup"}));
      app.add_option("FILE", o.backup_file, "backup file")->required();
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kPublicize:
      app.add_option("CASE", o.cases, "case ids")->required();
      app.add_option("--start", start_text, "first day of the 公示")->required();
      app.add_option("--out,-o", o.out_dir, "folder for the draft");
      app.add_option("--authority", authority, "the office's authority code");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kObject:
    case Command::kResolve:
      app.add_option("CASE", o.case_ref, "case id")->required();
      app.add_option("--note", o.note, "note")->required();
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kFile:
      app.add_option("CASE", o.case_ref, "case id")->required();
      app.add_option("--out,-o", o.out_dir, "folder for the draft");
      app.add_option("--authority", authority, "the office's authority code");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kIssue:
      app.add_option("DOCUMENT-ID", o.document_id, "document id")->required();
      app.add_option("--number", o.number, "发文字号 sequence number");
      app.add_option("--archive", o.archive_dir, "archive root");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kReissue:
      app.add_option("DOCUMENT-ID", o.document_id, "issued document id")->required();
      app.add_option("--out,-o", o.out_dir, "folder for the draft");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kArchive:
      app.add_option("ACTION", o.archive_action, "verify")->required()->check(
          CLI::IsMember({"verify"}));
      app.add_option("--archive", o.archive_dir, "archive root");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kDue:
      app.add_option("--within", within_text, "period, e.g. 90d");
      app.add_flag("--json", o.json, "print JSON");
      app.add_option("--xlsx", o.xlsx_path, "write a spreadsheet");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kFiled:
      app.add_option("--xlsx", o.xlsx_path, "write a spreadsheet");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kTerminate:
      app.add_option("CASE", o.case_ref, "case id")->required();
      app.add_flag("--voluntary", o.voluntary, "Art. 10: the institution asked");
      app.add_flag("--ordered", o.ordered, "Art. 11: ordered, with --reason");
      app.add_option("--reason", o.reason, "why (ordered termination)");
      app.add_option("--out,-o", o.out_dir, "folder for the draft");
      app.add_option("--authority", authority, "the office's authority code");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kScoresheet:
      app.add_option("CASE", o.case_ref, "case id")->required();
      app.add_option("--out,-o", o.out_dir, "output folder")->required();
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kEvaluate:
    case Command::kSummarize:
      app.add_option("CASE", o.case_ref, "case id")->required();
      if (o.command == Command::kEvaluate) {
        app.add_option("--scores", o.scores_file, "filled scoring sheet")->required();
      }
      app.add_option("--result", o.result, "合格|不合格 (pass|fail)")->required();
      app.add_option("--note", o.note, "the expert group's opinion");
      app.add_option("--reason", o.reason, "why the latest decision is corrected");
      app.add_option("--out,-o", o.out_dir, "folder for the draft");
      app.add_option("--authority", authority, "the office's authority code");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kEdit:
      app.add_option("DOCUMENT-ID", o.document_id, "document id")->required();
      app.add_option("--slot", o.slot, "slot name")->required();
      app.add_option("--text", o.text, "text");
      app.add_option("--file", o.text_file, "UTF-8 text file");
      app.add_option("--out,-o", o.out_dir, "folder for the re-rendered draft");
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kCalendar:
      app.add_option("ACTION", o.calendar_action, "check")->required()->check(
          CLI::IsMember({"check"}));
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kLedger:
      app.add_option("--out,-o", o.out_path, "ledger workbook (.xlsx)")->required();
      AddRegistryOptions(app, o);
      AddCommonOptions(app, o, date_text);
      break;
    case Command::kHelp:
      if (argc > 2) o.help_topic = argv[2];
      return o;
    case Command::kVersion:
      return o;
  }
  try {
    std::vector<std::string> args;
    for (int i = argc - 1; i >= 2; --i) args.emplace_back(argv[i]);  // CLI11 wants reversed
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    return Status::InvalidArgument(std::string(info->name) + ": " + e.what());
  }
  o.date_given = !date_text.empty();
  if (!date_text.empty()) {
    o.date = ParseIsoDate(date_text);
    if (!o.date) return Status::InvalidArgument("--date: expected YYYY-MM-DD, got '" + date_text + "'");
  }
  if (!held_text.empty()) {
    o.held_on = ParseIsoDate(held_text);
    if (!o.held_on) return Status::InvalidArgument("--date: expected YYYY-MM-DD, got '" + held_text + "'");
  }
  if (!start_text.empty()) {
    o.start = ParseIsoDate(start_text);
    if (!o.start) return Status::InvalidArgument("--start: expected YYYY-MM-DD, got '" + start_text + "'");
  }
  if (!within_text.empty()) {
    const bool days = within_text.size() > 1 && within_text.back() == 'd';
    std::string digits = days ? within_text.substr(0, within_text.size() - 1) : within_text;
    if (digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return Status::InvalidArgument("--within: expected a number of days such as 90d, got '" +
                                     within_text + "'");
    }
    o.within_days = std::stoi(digits);
  }
  if (o.number < 0) return Status::InvalidArgument("--number must be > 0");
  if (o.command == Command::kTerminate && o.voluntary == o.ordered) {
    return Status::InvalidArgument("terminate: give exactly one of --voluntary and --ordered");
  }
  if (o.command == Command::kEdit && o.text.empty() == o.text_file.empty()) {
    return Status::InvalidArgument("edit: give exactly one of --text and --file");
  }
  if (!authority.empty()) o.authority = authority;
  if (o.batch < 0) return Status::InvalidArgument("--batch must be >= 0");
  if (o.jobs < 0 || o.jobs > 256) return Status::InvalidArgument("--jobs must be 1..256");
  if (o.settle < 0 || o.poll < 0 || o.timeout < 0) {
    return Status::InvalidArgument("--settle, --poll and --timeout must be >= 0 seconds");
  }
  return o;
}

}  // namespace pipeline::cli
