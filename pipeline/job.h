// Job: the one place that knows the stage order. It loads the run-time data once (messages,
// checklists, catalogue, rules, fonts), then for each dossier runs
//   ingest -> extract -> completeness -> crosscheck -> report -> render
// and writes the outputs. It owns nothing else; every stage is a free function or a small
// class in its own folder.
#ifndef PIPELINE_JOB_H_
#define PIPELINE_JOB_H_

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/reporter.h"
#include "pipeline/core/status.h"
#include "pipeline/model/report.h"
#include "pipeline/service/output_folder.h"

namespace pipeline {
namespace ingest {
struct IntakeEntry;
}  // namespace ingest
namespace report {
struct DocumentSpec;
class MessageCatalog;
struct RunRow;
struct RunTotals;
class WorkCalendar;
}  // namespace report
namespace registry {
class RunRecorder;
}  // namespace registry
namespace evaluation {
class RunLedger;
}  // namespace evaluation
struct JobResources;  // job_resources.h

// Process exit codes (documented in docs/user-guide.md "Exit codes").
enum class ExitCode {
  kOk = 0,                // no blocking findings
  kBlockingFindings = 1,  // at least one dossier has a blocking finding
  kError = 2,             // usage or operational error (nothing or not everything processed)
  kInterrupted = 130,     // `run` stopped by SIGINT (Ctrl-C) after the dossiers in flight
  kTerminated = 143,      // `run` stopped by SIGTERM after the dossiers in flight
};

// What a registry or evaluation command is given by the job: the loaded messages and working
// calendar, the data folder, the file system and the output stream.
struct JobServices {
  FileSystem& fs;
  const report::MessageCatalog& messages;
  const report::WorkCalendar& calendar;
  const std::string& data_dir;
  std::ostream& out;
};

// What the job is asked to do, as plain values (the command line fills it: pipeline/main.cc).
struct JobRequest {
  enum class Kind { kRun, kWatch, kCheck, kCatalogue, kRender, kConfig, kRecord };
  Kind kind = Kind::kCheck;
  std::string intake_dir;                   // run: one folder per dossier
  std::string out_dir;                      // run: where OUT/<case-id>/ folders go
  bool no_pdf = false;                      // run: no document rendering
  int jobs = 0;                             // run, watch: worker processes (0 = one per core)
  int timeout = 600;                        // run, watch, check: seconds per dossier (0 = none)
  int settle = 5;                           // watch: unchanged for S seconds = complete
  int poll = 0;                             // watch: rescan every S seconds instead of inotify
  bool once = false;                        // watch: one pass, then exit
  std::string dossier_dir;                  // check: one dossier folder
  bool json = false;                        // check: print report.json; config: JSON
  std::string query;                        // catalogue: code or (partial) name
  std::string template_path;                // render: template XML
  std::vector<std::string> data_files;      // render: one JSON data file per document
  std::string out_path;                     // render: output PDF (or folder with batch)
  int batch = 0;                            // render: N copies, 0 = off
  std::optional<Date> date;                 // "today" for every date rule (REQUIRED)
  bool date_given = false;                  // else watch takes each day's date
  std::string data_dir;                     // root with templates/, checklists/, data/
  std::optional<std::string> authority;     // the office running beian
  std::string fonts;                        // font configuration override
  std::string credit_list;                  // overrides the settings' rules.credit_list
  std::vector<std::string> settings_files;  // settings layers, lowest precedence first
  // kRecord: a registry or evaluation command, run once messages and the calendar are loaded;
  // sets *problems when it found some (exit 1).
  std::function<Status(const JobServices& services, bool* problems)> record;
  // check without --json: the text printed for the case (the CLI's wording of its findings);
  // unset: the summary table alone.
  std::function<std::string(const model::CaseReport& report,
                            const report::MessageCatalog& messages)>
      check_text;
  // run, watch: the case registry's recorder when one is chosen for the run (else nullptr),
  // and the ledger written beside the cases (over the registry when one is in use); `today` is
  // the date in force (watch moves it on).
  std::function<Result<std::unique_ptr<registry::RunRecorder>>(const JobServices& services,
                                                               const Date& today)>
      open_recorder;
  std::function<Result<std::unique_ptr<evaluation::RunLedger>>(const JobServices& services,
                                                               const Date& today)>
      open_ledger;
};

// Job is also the per-dossier work of the forked workers and the parent's side of each
// dossier (service::CaseHandler, docs/user-guide.md "Workers"); run and watch share that path.
class Job : private service::CaseHandler {
 public:
  // REQUIRES: request.date is set. `fs`, `reporter` and `out` must outlive the Job.
  Job(const JobRequest& request, FileSystem& fs, Reporter& reporter, std::ostream& out);
  ~Job();
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  // Runs the command. On an operational failure returns kError and sets *error.
  ExitCode Run(Status* error);

 private:
  struct CaseOutcome;
  Status LoadResources();
  JobServices Services() const;
  Result<std::unique_ptr<registry::RunRecorder>> OpenRecorder() const;
  Result<std::unique_ptr<evaluation::RunLedger>> OpenLedger() const;
  CaseOutcome Process(const ingest::IntakeEntry& entry) const;
  // The report's drafts and JSON from its findings (Process's last step; again after the
  // registry's findings were added).
  void Describe(CaseOutcome& out, bool is_folder) const;
  Status CheckAgainstRegistry(registry::RunRecorder& recorder, CaseOutcome& c) const;
  Status EnsureRenderer();
  Result<std::string> DraftPdf(CaseOutcome& c, const report::DocumentSpec& spec);
  Status WriteDrafts(CaseOutcome& c, const std::string& case_dir, Status* failed);
  void NoteMissingGlyphs(CaseOutcome& c, const std::set<char32_t>& missing) const;
  struct BatchTally;
  ExitCode RunIntake(Status* error);
  Result<ExitCode> RunBatch();
  Status SupersedeGone(service::OutputFolder& folder,
                       const std::vector<ingest::IntakeEntry>& entries);
  void CompactCaseRows(const std::vector<ingest::IntakeEntry>& entries,
                       const std::string& spool_path);
  ExitCode Watch(Status* error);
  Result<std::unique_ptr<service::OutputFolder>> OpenOutput();
  void LogCase(const service::CaseDone& done) const;
  // service::CaseHandler
  Result<service::CaseResult> Work(const ingest::IntakeEntry& entry,
                                   const std::string& dir) override;
  Status Finish(const ingest::IntakeEntry& entry, service::CaseResult& result,
                const std::string& staged_dir, bool* fatal) override;
  void DiedReport(const ingest::IntakeEntry& entry, service::CaseResult* result) override;
  std::string FolderName(const ingest::IntakeEntry& entry,
                         const service::CaseResult& result) override;
  ExitCode CheckOne(Status* error);
  Result<service::CaseResult> CheckInWorker(const ingest::IntakeEntry& entry);
  ExitCode Catalogue(Status* error);
  ExitCode Render(Status* error);
  ExitCode ShowConfig();
  std::string FallbackFontsWarning() const;
  Status AddDraftFonts(nlohmann::json& document) const;
  report::RunRow RunRowFor(model::CaseReport report, const std::string& folder,
                           const std::string& failure) const;
  std::string KeepCase(const service::CaseDone& done, const evaluation::RunLedger& ledger) const;
  std::string SpoolPath() const;
  Result<report::RunTotals> WriteRunFiles(const std::string& spool,
                                          const evaluation::RunLedger& ledger,
                                          std::ostream* table) const;
  Status WriteWatchFiles(const service::OutputFolder& folder) const;

  JobRequest options_;  // a copy: watch moves the date on when it was not given
  FileSystem& fs_;
  Reporter& reporter_;
  std::ostream& out_;
  std::unique_ptr<JobResources> res_;
};

}  // namespace pipeline

#endif  // PIPELINE_JOB_H_
