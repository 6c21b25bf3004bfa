// The run-wide files of a batch (the summary table on the terminal, OUT/summary.json,
// OUT/index.html, the ledger) written from a spool file instead of from memory: as each case
// is finished, what the batch keeps of it (its SpoolRecord) is appended to the spool, one JSON
// line, and at the end the files are streamed from it (docs/developer-guide.md "Benchmarks": memory
// does not grow with the batch). `beian run` spools its own cases; `beian watch` makes a spool from
// the records kept of every case currently in OUT (OUT/.beian-rows) and writes the same files the
// same way, so both give the same bytes for the same cases.
#ifndef PIPELINE_REPORT_RUN_SPOOL_H_
#define PIPELINE_REPORT_RUN_SPOOL_H_

#include <fstream>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/provenance.h"
#include "pipeline/report/run_summary.h"

namespace pipeline::report {

// What a batch keeps of one case.
struct SpoolRecord {
  std::vector<std::string> table;  // its row of the summary table (SummaryRow)
  bool blocking = false;           // it has a blocking finding
  RunRow run;                      // its parts of summary.json and index.html
  nlohmann::json ledger;           // its ledger row (null when the ledger is the registry's)
};

// The record as one line of JSON (ending with a newline), and back; false on a malformed line.
std::string SpoolLine(const SpoolRecord& record);
bool ParseSpoolLine(const std::string& line, SpoolRecord* record);

// A spool file: created empty (replacing any old one), appended to line by line, removed
// when the RunSpool goes.
class RunSpool {
 public:
  static Result<std::unique_ptr<RunSpool>> Create(const std::string& path);
  ~RunSpool();
  RunSpool(const RunSpool&) = delete;
  RunSpool& operator=(const RunSpool&) = delete;

  // Appends one line (SpoolLine's text); an error is kept and returned by Close.
  void Append(const std::string& line);
  // Flushes and closes the file for reading. REQUIRES: once, before reading.
  Status Close();
  const std::string& path() const { return path_; }

 private:
  explicit RunSpool(std::string path) : path_(std::move(path)) {}
  std::string path_;
  std::ofstream out_;
};

// What the run-wide files are written with.
struct RunFilesSetup {
  std::string out_dir;
  const Provenance* provenance = nullptr;
  const MessageCatalog* messages = nullptr;
  const MessageCatalog* labels = nullptr;  // templates/run.zh-CN.tsv
  const std::string* css = nullptr;        // templates/index.css
  // Writes the ledger from the rows `next` gives (false when there are no more).
  std::function<Status(const std::function<bool(nlohmann::json*)>& next)> write_ledger;
  std::ostream* table = nullptr;  // where the summary table goes (null: nowhere)
};

// Writes OUT/summary.json, OUT/index.html (each streamed to a temporary, then renamed) and the
// ledger from the closed spool at `spool`, and the summary table to setup.table. Returns the
// totals (for the closing line).
Result<RunTotals> WriteRunFiles(const std::string& spool, const RunFilesSetup& setup);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_RUN_SPOOL_H_
