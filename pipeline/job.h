// Job: the one place that knows the stage order. It loads the run-time data once (messages,
// checklists, catalogue, rules, fonts), then for each dossier runs
//   ingest -> extract -> completeness -> crosscheck -> report -> render
// and writes the outputs. It owns nothing else; every stage is a free function or a small
// class in its own folder.
#ifndef PIPELINE_JOB_H_
#define PIPELINE_JOB_H_

#include <memory>
#include <set>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/cli/options.h"
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
struct RunRow;
}  // namespace report
namespace registry {
class RunRecorder;
}  // namespace registry

// Process exit codes (documented in README "Exit codes").
enum class ExitCode {
  kOk = 0,                // no blocking findings
  kBlockingFindings = 1,  // at least one dossier has a blocking finding
  kError = 2,             // usage or operational error (nothing or not everything processed)
};

// Job is also the per-dossier work of the forked workers and the parent's side of each
// dossier (service::CaseHandler, README "Workers"); run and watch share that path.
class Job : private service::CaseHandler {
 public:
  // REQUIRES: options.date is set. `fs`, `reporter` and `out` must outlive the Job.
  Job(const cli::Options& options, FileSystem& fs, Reporter& reporter, std::ostream& out);
  ~Job();
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  // Runs the command. On an operational failure returns kError and sets *error.
  ExitCode Run(Status* error);

 private:
  struct Resources;
  struct CaseOutcome;
  Status LoadResources();
  CaseOutcome Process(const ingest::IntakeEntry& entry) const;
  // The report's drafts and JSON from its findings (Process's last step; again after the
  // registry's findings were added).
  void Describe(CaseOutcome& out, bool is_folder) const;
  Status CheckAgainstRegistry(registry::RunRecorder& recorder, CaseOutcome& c) const;
  Status EnsureRenderer();
  Result<std::string> DraftPdf(CaseOutcome& c, const report::DocumentSpec& spec);
  Status WriteDrafts(CaseOutcome& c, const std::string& case_dir, Status* failed);
  void NoteMissingGlyphs(CaseOutcome& c, const std::set<char32_t>& missing) const;
  ExitCode RunIntake(Status* error);
  ExitCode Watch(Status* error);
  Result<std::unique_ptr<service::OutputFolder>> OpenOutput();
  void LogCase(const service::CaseDone& done) const;
  // service::CaseHandler
  Result<service::CaseResult> Work(const ingest::IntakeEntry& entry,
                                   const std::string& dir) override;
  Status Finish(const ingest::IntakeEntry& entry, service::CaseResult& result,
                const std::string& staged_dir, bool* fatal) override;
  void DiedReport(const ingest::IntakeEntry& entry, service::CaseResult* result) override;
  ExitCode CheckOne(Status* error);
  ExitCode Catalogue(Status* error);
  ExitCode Render(Status* error);
  ExitCode ShowConfig();
  report::RunRow RunRowFor(model::CaseReport report) const;
  Status WriteRunSummary(const std::vector<report::RunRow>& rows);

  cli::Options options_;  // a copy: watch moves the date on when it was not given
  FileSystem& fs_;
  Reporter& reporter_;
  std::ostream& out_;
  std::unique_ptr<Resources> res_;
};

}  // namespace pipeline

#endif  // PIPELINE_JOB_H_
