// Job: the one place that knows the stage order. It loads the run-time data once (messages,
// checklists, catalogue, rules, fonts), then for each dossier runs
//   ingest -> extract -> completeness -> crosscheck -> report -> render
// and writes the outputs. It owns nothing else; every stage is a free function or a small
// class in its own folder.
#ifndef PIPELINE_JOB_H_
#define PIPELINE_JOB_H_

#include <functional>
#include <memory>
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

namespace pipeline {
namespace ingest {
struct IntakeEntry;
}  // namespace ingest
namespace report {
struct DocumentSpec;
class MessageCatalog;
class WorkCalendar;
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
  enum class Kind { kRun, kCheck, kCatalogue, kRender, kConfig, kRecord };
  Kind kind = Kind::kCheck;
  std::string intake_dir;                   // run: one folder per dossier
  std::string out_dir;                      // run: where OUT/<case-id>/ folders go
  bool no_pdf = false;                      // run: no document rendering
  std::string dossier_dir;                  // check: one dossier folder
  bool json = false;                        // check: print report.json; config: JSON
  std::string query;                        // catalogue: code or (partial) name
  std::string template_path;                // render: template XML
  std::vector<std::string> data_files;      // render: one JSON data file per document
  std::string out_path;                     // render: output PDF (or folder with batch)
  int batch = 0;                            // render: N copies, 0 = off
  std::optional<Date> date;                 // "today" for every date rule (REQUIRED)
  std::string data_dir;                     // root with templates/, checklists/, data/
  std::optional<std::string> authority;     // the office running beian
  std::string fonts;                        // font configuration override
  std::string credit_list;                  // overrides the settings' rules.credit_list
  std::vector<std::string> settings_files;  // settings layers, lowest precedence first
  // kRecord: a registry or evaluation command, run once messages and the calendar are loaded;
  // sets *problems when it found some (exit 1).
  std::function<Status(const JobServices& services, bool* problems)> record;
  // run: the case registry's recorder when one is chosen for the run (else nullptr), and the
  // ledger written beside the cases (over the registry when one is in use).
  std::function<Result<std::unique_ptr<registry::RunRecorder>>(const JobServices& services)>
      open_recorder;
  std::function<Status(const JobServices& services,
                       const std::vector<model::CaseReport>& reports)>
      write_ledger;
};

class Job {
 public:
  // REQUIRES: request.date is set. `fs`, `reporter` and `out` must outlive the Job.
  Job(const JobRequest& request, FileSystem& fs, Reporter& reporter, std::ostream& out);
  ~Job();
  Job(const Job&) = delete;
  Job& operator=(const Job&) = delete;

  // Runs the command. On an operational failure returns kError and sets *error.
  ExitCode Run(Status* error);

 private:
  struct Resources;
  struct CaseOutcome;
  Status LoadResources();
  JobServices Services() const;
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
  ExitCode CheckOne(Status* error);
  ExitCode Catalogue(Status* error);
  ExitCode Render(Status* error);
  ExitCode ShowConfig();
  Status WriteRunSummary(std::vector<model::CaseReport> reports);

  const JobRequest& options_;
  FileSystem& fs_;
  Reporter& reporter_;
  std::ostream& out_;
  std::unique_ptr<Resources> res_;
};

}  // namespace pipeline

#endif  // PIPELINE_JOB_H_
