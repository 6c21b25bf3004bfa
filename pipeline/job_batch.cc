// Job's run and watch over an output folder (docs/user-guide.md "Watch mode, workers and the output
// folder"): the folder and its lock, the batch of `beian run` with its run-wide files, and the
// watcher's passes. The stages of one dossier are in job.cc.
#include <algorithm>
#include <csignal>
#include <set>

#include "pipeline/core/atomic_dir.h"
#include "pipeline/core/utf8.h"
#include "pipeline/evaluation/commands.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/job.h"
#include "pipeline/job_resources.h"
#include "pipeline/report/case_id.h"
#include "pipeline/report/run_spool.h"
#include "pipeline/report/run_summary.h"
#include "pipeline/report/summary_table.h"
#include "pipeline/service/case_rows.h"
#include "pipeline/service/fingerprint.h"
#include "pipeline/service/stop_signals.h"
#include "pipeline/service/watch.h"

namespace pipeline {

// The output folder of run and watch, locked for this process (a second process gets a clear
// message), and the case registry when one is chosen (docs/user-guide.md "Case registry").
Result<std::unique_ptr<service::OutputFolder>> Job::OpenOutput() {
  // The intake is read, never written: refuse an output folder inside it (or the intake
  // inside the output, which later runs would then read as dossiers).
  Result<std::string> intake = fs_.Canonical(options_.intake_dir);
  Result<std::string> out = fs_.Canonical(options_.out_dir);
  if (!intake || !out) return !intake ? intake.error() : out.error();
  if (IsSameOrInside(*out, *intake) || IsSameOrInside(*intake, *out)) {
    return Status::InvalidArgument("--out " + options_.out_dir +
                                   ": the output folder must not be inside the intake folder " +
                                   options_.intake_dir + " (or contain it)");
  }
  long holder = 0;
  const int jobs = options_.jobs > 0 ? options_.jobs : service::DefaultJobs();
  Result<std::unique_ptr<service::OutputFolder>> folder =
      service::OutputFolder::Open(options_.out_dir, jobs, options_.timeout, *this, &holder);
  if (!folder && folder.error().code() == StatusCode::kUnsupported) {
    return Status::InvalidArgument(res_->messages.Format(
        "service.out_locked", {{"folder", options_.out_dir}, {"pid", std::to_string(holder)}}));
  }
  if (!folder) return folder.error();
  // Whether a registry is chosen (opening it creates it), then the workers are forked while
  // the parent holds no database connection, then the parent's own connection.
  Result<std::unique_ptr<registry::RunRecorder>> recorder = OpenRecorder();
  if (!recorder) return recorder.error();
  res_->registry_chosen = *recorder != nullptr;
  recorder->reset();
  PIPELINE_RETURN_IF_ERROR((*folder)->StartWorkers());
  if (res_->registry_chosen) {
    recorder = OpenRecorder();
    if (!recorder) return recorder.error();
    res_->recorder = std::move(*recorder);
  }
  return folder;
}

ExitCode Job::RunIntake(Status* error) {
  Result<ExitCode> code = RunBatch();
  if (!code) {
    *error = code.error();
    return ExitCode::kError;
  }
  return *code;
}

// What `beian run` counts as its dossiers finish. A dossier that cannot be finished (a draft
// that cannot be drawn, a worker that died, a full disk) must not stop the others: it is
// reported, and the run ends with exit code 2.
struct Job::BatchTally {
  bool blocking = false;
  std::size_t finished = 0, failed = 0;
  std::string first_failure;

  void Add(const service::CaseDone& d, Reporter& reporter) {
    ++finished;
    blocking = blocking || model::HasSeverity(d.report.findings, model::Severity::kBlocking);
    if (d.failure.empty()) return;
    // Named by its dossier (a draft failure already is).
    const std::string text =
        d.failure.rfind(d.report.dossier, 0) == 0 ? d.failure : d.report.dossier + ": " + d.failure;
    if (d.report.draft_failure.empty()) reporter.Warning(text);
    if (failed++ == 0) first_failure = text;
  }
};

// `beian run`: every intake entry through the workers, in intake order, then the run-wide
// files. What the run keeps of each case (its summary row, its rows of summary.json,
// index.html and the ledger) goes to a spool file as the case is finished, and the run-wide
// files are written from it at the end, so memory does not grow with the cases
// (docs/developer-guide.md "Benchmarks"). Ctrl-C / SIGTERM: the dossiers in flight are finished,
// then it stops.
Result<ExitCode> Job::RunBatch() {
  Result<std::vector<ingest::IntakeEntry>> scanned = ingest::ScanIntake(fs_, options_.intake_dir);
  if (!scanned) return scanned.error().WithContext("cannot read the intake folder");
  const std::vector<ingest::IntakeEntry>& entries = *scanned;
  PIPELINE_ASSIGN_OR_RETURN(std::unique_ptr<service::OutputFolder> folder, OpenOutput());
  std::vector<std::string> fingerprints;
  for (const ingest::IntakeEntry& e : entries) fingerprints.push_back(service::Fingerprint(e.path));
  PIPELINE_ASSIGN_OR_RETURN(std::unique_ptr<evaluation::RunLedger> ledger, OpenLedger());
  PIPELINE_ASSIGN_OR_RETURN(std::unique_ptr<report::RunSpool> spool,
                            report::RunSpool::Create(SpoolPath()));
  BatchTally tally;
  const service::StopSignals signals;
  PIPELINE_RETURN_IF_ERROR(folder->Process(
      entries, fingerprints,
      [&](std::size_t i, const service::CaseDone& d) {
        reporter_.Progress(i, entries.size(), d.report.dossier);
        tally.Add(d, reporter_);
        spool->Append(KeepCase(d, *ledger));
      },
      signals.flag()));
  const bool stopped = signals.received() != 0;
  if (!stopped) PIPELINE_RETURN_IF_ERROR(SupersedeGone(*folder, entries));
  PIPELINE_RETURN_IF_ERROR(spool->Close());
  PIPELINE_ASSIGN_OR_RETURN(report::RunTotals totals, WriteRunFiles(spool->path(), *ledger, &out_));
  CompactCaseRows(entries, spool->path());
  reporter_.Done(res_->run_labels.Format(
      "run.progress.total",
      {{"count", std::to_string(totals.dossiers)},
       {"seconds", "{seconds}"},
       {"tally", report::ConclusionTally(totals, res_->messages, res_->run_labels)}}));
  if (stopped) {
    reporter_.Warning(res_->run_labels.Format(
        "run.progress.interrupted",
        {{"done", std::to_string(tally.finished)}, {"count", std::to_string(entries.size())}}));
    return signals.received() == SIGTERM ? ExitCode::kTerminated : ExitCode::kInterrupted;
  }
  if (tally.failed > 0) {
    return Status::Internal(
        std::to_string(tally.failed) +
        " dossier(s) could not be processed or drafted; first: " + tally.first_failure);
  }
  return tally.blocking ? ExitCode::kBlockingFindings : ExitCode::kOk;
}

// Moves aside the case folders of dossiers no longer in the intake, and says so.
Status Job::SupersedeGone(service::OutputFolder& folder,
                          const std::vector<ingest::IntakeEntry>& entries) {
  std::set<std::string> present;
  for (const ingest::IntakeEntry& e : entries) present.insert(report::CaseIdFor(e.name));
  const std::string aside = res_->messages.Format("service.superseded_folder");
  PIPELINE_ASSIGN_OR_RETURN(std::vector<service::CaseState> gone,
                            folder.SupersedeMissing(present, aside));
  for (const service::CaseState& g : gone) {
    reporter_.Warning(res_->messages.Format(
        "service.superseded", {{"dossier", g.dossier}, {"case", g.case_id}, {"folder", aside}}));
  }
  return Status::Ok();
}

// OUT/.beian-rows keeps the rows of every case for watch; it is compacted when it has grown
// well past what this run's cases need (a failure is only a warning).
void Job::CompactCaseRows(const std::vector<ingest::IntakeEntry>& entries,
                          const std::string& spool_path) {
  std::vector<std::string> ids;
  for (const ingest::IntakeEntry& e : entries) ids.push_back(report::CaseIdFor(e.name));
  Result<DirEntry> spooled = fs_.Stat(spool_path);
  if (Status st = service::CaseRows(options_.out_dir)
                      .CompactIfLarge(ids, spooled ? spooled->size + 16 * ids.size() : 0);
      !st.ok()) {
    reporter_.Warning(st.ToString());
  }
}

// One log line per dossier for `beian watch` (stderr, with the time).
void Job::LogCase(const service::CaseDone& d) const {
  std::string what = res_->messages.Format(std::string("conclusion.") +
                                           model::ConclusionName(d.report.conclusion));
  if (!d.failure.empty()) {
    what = res_->messages.Format("service.log_failed", {{"reason", d.failure}});
  }
  service::LogLine(TerminalSafe(d.report.dossier) + " " + d.report.case_id + " " + what);
}

ExitCode Job::Watch(Status* error) {
  Result<std::unique_ptr<service::OutputFolder>> folder = OpenOutput();
  if (!folder) {
    *error = folder.error();
    return ExitCode::kError;
  }
  service::WatchOptions wo;
  wo.intake_dir = options_.intake_dir;
  wo.settle_seconds = options_.settle;
  wo.poll_seconds = options_.poll;
  wo.once = options_.once;
  wo.superseded_dir = res_->messages.Format("service.superseded_folder");
  wo.retry_note =
      res_->messages.Format("service.log_retry", {{"seconds", std::to_string(wo.retry_seconds)}});
  bool blocking = false, failed = false;
  // The run-wide files are rewritten after each pass that changed what OUT holds (at start-up
  // too): over every case in OUT, not only the last pass's.
  bool changed = true;
  std::unique_ptr<evaluation::RunLedger> ledger;  // this batch's (the date moves on)
  service::WatchHooks hooks;
  hooks.before_batch = [&] {
    if (!options_.date_given) options_.date = service::Today();  // a watcher outlives a day
    ledger.reset();
  };
  // Files that cannot be written (a full disk) do not stop the watcher: it says so and tries
  // again after the next pass (--once: exit code 2).
  hooks.after_pass = [&]() -> Status {
    if (!changed) return Status::Ok();
    if (Status s = WriteWatchFiles(**folder); !s.ok()) {
      service::LogLine(s.ToString());
      failed = true;
      return Status::Ok();
    }
    changed = false;
    return Status::Ok();
  };
  hooks.done = [&](const service::CaseDone& d) {
    LogCase(d);
    failed = failed || !d.failure.empty();
    blocking = blocking || model::HasSeverity(d.report.findings, model::Severity::kBlocking);
    changed = true;
    if (!ledger) {
      Result<std::unique_ptr<evaluation::RunLedger>> opened = OpenLedger();
      if (!opened) return service::LogLine(opened.error().ToString());
      ledger = std::move(*opened);
    }
    KeepCase(d, *ledger);
  };
  hooks.superseded = [&](const service::CaseState& g) {
    changed = true;
    service::LogLine(res_->messages.Format(
        "service.superseded",
        {{"dossier", g.dossier}, {"case", g.case_id}, {"folder", wo.superseded_dir}}));
  };
  hooks.unsettled = [&](const std::string& dossier) {
    service::LogLine(TerminalSafe(dossier) + " " + res_->messages.Format("service.log_unsettled"));
  };
  if (Status s = service::RunWatch(wo, fs_, **folder, hooks); !s.ok()) {
    *error = s;
    return ExitCode::kError;
  }
  if (!options_.once) return ExitCode::kOk;  // stopped by SIGTERM/SIGINT
  if (failed) return ExitCode::kError;
  return blocking ? ExitCode::kBlockingFindings : ExitCode::kOk;
}

// The case's row of OUT/summary.json and OUT/index.html, made once the case is written: the
// page links only the documents that exist. `failure`: why its outputs are not in place.
report::RunRow Job::RunRowFor(model::CaseReport r, const std::string& folder,
                              const std::string& failure) const {
  report::RunCase c;
  c.report_file = folder + "/report.json";
  for (const auto& d : r.documents) {
    Result<DirEntry> st = fs_.Stat(JoinPath(JoinPath(options_.out_dir, folder), d.file));
    if (st && st->type == EntryType::kFile) c.written.push_back(d);
  }
  c.failure = failure;
  c.report = std::move(r);
  return report::RunRowOf(c, res_->messages, res_->run_labels);
}

// In the parent, as each case is finished: what the run-wide files show of it, as a line for
// the run's spool; it is kept in OUT/.beian-rows too (service/case_rows.h), for watch, which
// writes the files over every case in OUT. That copy failing (a full disk) is a warning: this
// run's own files do not need it.
std::string Job::KeepCase(const service::CaseDone& d, const evaluation::RunLedger& ledger) const {
  report::SpoolRecord record;
  record.table = report::SummaryRow(d.report, res_->messages);
  record.blocking = model::HasSeverity(d.report.findings, model::Severity::kBlocking);
  record.run = RunRowFor(d.report, d.folder, d.failure);
  record.ledger = ledger.RowOf(d.report);
  std::string line = report::SpoolLine(record);
  if (Status s = service::CaseRows(options_.out_dir).Keep(d.report.case_id, line); !s.ok()) {
    reporter_.Warning(d.report.dossier + ": " + s.ToString());
  }
  return line;
}

// The spool of this process in the output folder's staging area (docs/user-guide.md "Output
// folder").
std::string Job::SpoolPath() const {
  return JoinPath(JoinPath(options_.out_dir, kStagingDirName),
                  std::to_string(::getpid()) + ".rows");
}

// OUT/summary.json, OUT/index.html and the ledger from the closed spool at `spool`, and the
// summary table on `table` (when not null).
Result<report::RunTotals> Job::WriteRunFiles(const std::string& spool,
                                             const evaluation::RunLedger& ledger,
                                             std::ostream* table) const {
  report::RunFilesSetup setup;
  setup.out_dir = options_.out_dir;
  setup.provenance = &res_->provenance;
  setup.messages = &res_->messages;
  setup.labels = &res_->run_labels;
  setup.css = &res_->index_css;
  setup.write_ledger = [&](const std::function<bool(nlohmann::json*)>& next) {
    return ledger.Write(next);
  };
  setup.table = table;
  return report::WriteRunFiles(spool, setup);
}

// watch: the run-wide files over every case OUT holds now, in intake order (as run lists
// them): those recorded done or failed whose dossier is in the intake; superseded ones are not.
Status Job::WriteWatchFiles(const service::OutputFolder& folder) const {
  Result<std::vector<ingest::IntakeEntry>> entries = ingest::ScanIntake(fs_, options_.intake_dir);
  if (!entries) return entries.error().WithContext("cannot read the intake folder");
  Result<std::unique_ptr<report::RunSpool>> spool = report::RunSpool::Create(SpoolPath());
  if (!spool) return spool.error();
  std::vector<std::string> ids;
  for (const ingest::IntakeEntry& e : *entries) {
    std::string id = report::CaseIdFor(e.name);
    const service::CaseState* s = folder.state().Find(id);
    if (s != nullptr && (s->status == "done" || s->status == "failed"))
      ids.push_back(std::move(id));
  }
  // A case finished by a beian that kept no rows is left out until it is processed again.
  PIPELINE_RETURN_IF_ERROR(
      service::CaseRows(options_.out_dir).Gather(ids, [&](const std::string& line) {
        (*spool)->Append(line);
      }));
  PIPELINE_RETURN_IF_ERROR((*spool)->Close());
  Result<std::unique_ptr<evaluation::RunLedger>> ledger = OpenLedger();
  if (!ledger) return ledger.error();
  Result<report::RunTotals> totals = WriteRunFiles((*spool)->path(), **ledger, nullptr);
  return totals ? Status::Ok() : totals.error();
}

}  // namespace pipeline
