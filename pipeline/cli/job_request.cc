#include "pipeline/cli/job_request.h"

#include <memory>

#include "pipeline/app/case_note.h"
#include "pipeline/app/decide.h"
#include "pipeline/app/status.h"
#include "pipeline/cli/case_text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/evaluation/commands.h"
#include "pipeline/registry/commands.h"
#include "pipeline/registry/run_recorder.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/summary_table.h"

namespace pipeline::cli {
namespace {

JobRequest::Kind KindOf(Command c) {
  switch (c) {
    case Command::kRun:
      return JobRequest::Kind::kRun;
    case Command::kWatch:
      return JobRequest::Kind::kWatch;
    case Command::kCheck:
      return JobRequest::Kind::kCheck;
    case Command::kCatalogue:
      return JobRequest::Kind::kCatalogue;
    case Command::kRender:
      return JobRequest::Kind::kRender;
    case Command::kConfig:
      return JobRequest::Kind::kConfig;
    default:
      return JobRequest::Kind::kRecord;
  }
}

app::Context AppContext(const Options& o, const JobServices& s) {
  return {s.fs, s.messages, s.calendar, s.data_dir, o.settings_files, o.registry_path, o.fonts};
}

app::Acting ActingOf(const Options& o) {
  return {*o.date, o.today, o.user, o.authority, o.out_dir};
}

// `beian decide` and `beian deliberate` on the command layer: argv's values as their requests,
// the result as text.
Status Decide(const Options& o, const JobServices& s) {
  Result<app::DecideResult> decided =
      o.command == Command::kDecide
          ? app::Decide(AppContext(o, s), app::DecideRequest{o.case_ref, o.stage, o.result, o.note,
                                                             o.reason, ActingOf(o)})
          : app::Deliberate(AppContext(o, s),
                            app::DeliberateRequest{o.case_ref, *o.held_on, o.result, o.note,
                                                   o.reason, ActingOf(o)});
  if (!decided) return decided.error();
  s.out << DecideText(*decided, s.messages);
  return Status::Ok();
}

// `beian withdraw|object|resolve CASE [--note]` on the command layer.
Status CaseNote(const Options& o, const JobServices& s) {
  const app::CaseNoteRequest r{o.case_ref, o.note, ActingOf(o)};
  const app::Context app = AppContext(o, s);
  Result<registry::Recorded> done = o.command == Command::kWithdraw ? app::Withdraw(app, r)
                                    : o.command == Command::kObject ? app::Object(app, r)
                                                                    : app::Resolve(app, r);
  if (!done) return done.error();
  s.out << registry::RecordedText(s.messages, *done);
  return Status::Ok();
}

// `beian status [CASE|USCC] [--json]` of cases on the command layer.
Status CaseStatus(const Options& o, const JobServices& s) {
  Result<app::StatusResult> status =
      app::StatusOf(AppContext(o, s), app::StatusRequest{o.case_ref, *o.date, o.authority});
  if (!status) return status.error();
  if (o.json) {
    s.out << app::StatusJson(*status).dump(2) << "\n";
  } else {
    s.out << StatusText(*status, s.messages);
  }
  return Status::Ok();
}

// A registry or evaluation command over what the job loaded.
Status RunRecordCommand(const Options& o, const JobServices& s, bool* problems) {
  if (o.command == Command::kDecide || o.command == Command::kDeliberate) return Decide(o, s);
  if (o.command == Command::kWithdraw || o.command == Command::kObject ||
      o.command == Command::kResolve) {
    return CaseNote(o, s);
  }
  if (o.command == Command::kStatus && !registry::IsDocumentId(o.case_ref)) {
    return CaseStatus(o, s);
  }
  if (registry::IsRegistryCommand(o.command)) {
    return registry::RunRegistryCommand(o, s.fs, s.messages, s.calendar, s.data_dir, s.out,
                                        problems);
  }
  if (evaluation::IsEvaluationCommand(o.command)) {
    return evaluation::RunEvaluationCommand(o, s.fs, s.messages, s.data_dir, s.out);
  }
  return Status::InvalidArgument("not a command the job runs");
}

// `beian check` as text: the summary table, then one line per finding, a blocking one labelled
// by what it leads to (messages consequence.*), the others by severity.
std::string CheckText(const model::CaseReport& report, const report::MessageCatalog& messages) {
  std::string out = report::SummaryTable({report}, messages);
  for (const model::Finding& f : report.findings) {
    const std::string label =
        f.severity == model::Severity::kBlocking
            ? std::string("consequence.") + model::ConsequenceName(f.consequence)
            : std::string("severity.") + model::SeverityName(f.severity);
    out += "  [" + messages.Format(label) + "] " + f.rule_id + " " +
           TerminalSafe(messages.Format(f.message, f.args)) + "\n";
  }
  return out;
}

}  // namespace

JobRequest MakeJobRequest(const Options& options) {
  JobRequest r;
  r.kind = KindOf(options.command);
  r.intake_dir = options.intake_dir;
  r.out_dir = options.out_dir;
  r.no_pdf = options.no_pdf;
  r.jobs = options.jobs;
  r.timeout = options.timeout;
  r.settle = options.settle;
  r.poll = options.poll;
  r.once = options.once;
  r.dossier_dir = options.dossier_dir;
  r.json = options.json;
  r.query = options.query;
  r.template_path = options.template_path;
  r.data_files = options.data_files;
  r.out_path = options.out_path;
  r.batch = options.batch;
  r.date = options.date;
  r.date_given = options.date_given;
  r.data_dir = options.data_dir;
  r.authority = options.authority;
  r.fonts = options.fonts;
  r.credit_list = options.credit_list;
  r.settings_files = options.settings_files;
  r.check_text = CheckText;
  const Options* o = &options;
  r.record = [o](const JobServices& s, bool* problems) {
    return RunRecordCommand(*o, s, problems);
  };
  // The registry and the ledger take the command line's Options, with the job's date in force.
  r.open_recorder = [o](const JobServices& s, const Date& today) {
    Options dated = *o;
    dated.date = today;
    return registry::RunRecorder::ForRun(dated, s.fs, s.messages, s.data_dir);
  };
  // A RunLedger keeps a reference to its Options: the dated copy lives as long as the request
  // (each batch of watch opens, writes and drops its ledger before the next moves the date).
  auto ledger_options = std::make_shared<Options>(options);
  r.open_ledger = [ledger_options](const JobServices& s, const Date& today) {
    ledger_options->date = today;
    return evaluation::RunLedger::Open(*ledger_options, s.fs, s.messages, s.data_dir);
  };
  return r;
}

}  // namespace pipeline::cli
