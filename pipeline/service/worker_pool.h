// WorkerPool: dossiers are processed by forked worker processes, so that a dossier that kills
// its process (a stack overflow, a signal, a limit the operating system enforces) costs only
// that dossier. One worker per core by default (--jobs N). Each worker runs the stages and
// writes the dossier's drafts into a staging folder; the parent takes the results back in
// intake order and does everything that is run-wide or must happen in order (registry,
// report.json, swapping the staged folder in, ledger, summary), so the outputs of --jobs 2 are
// byte-identical to those of --jobs 1. A worker that dies while its ingest reads a file (a
// reader crashing on a hostile file) costs only that file: the worker tells the parent over its
// pipe which file it opens, and the parent runs the dossier again with that file unreadable.
#ifndef PIPELINE_SERVICE_WORKER_POOL_H_
#define PIPELINE_SERVICE_WORKER_POOL_H_

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/model/report.h"
#include "pipeline/registry/prepared_record.h"

namespace pipeline::service {

// One dossier's result as the parent receives it.
struct CaseResult {
  model::CaseReport report;  // the fields of report_wire.h
  std::string report_json;   // report.json's text as the worker made it (report::ToJsonText)
  std::string died;          // why the worker died before finishing ("" when it finished)
  std::string failed;        // why the outputs could not be written (e.g. a full disk), or ""
  // The data of the letters run drew (补正材料通知书, 受理部门告知书 and 移送函, 不予备案告知书,
  // 终止备案通知): JSON text of an array, each with document.kind, or `` when none.
  std::string letters;
  registry::PreparedRecord prepared;  // the worker's part of the registry recording
};

// What a worker does with one dossier (implemented by Job, which knows the stages).
class DossierWork {
 public:
  virtual ~DossierWork() = default;
  // Runs the stages for `entry` and writes its drafts into the empty folder `dir`. An error is
  // fatal to the whole run (a broken configuration, such as a font gone), not to the dossier.
  virtual Result<CaseResult> Work(const ingest::IntakeEntry& entry, const std::string& dir) = 0;
};

// Called in the parent for each dossier, in intake order, with the folder its outputs are
// staged in (the worker's drafts; emptied when the worker died). An error stops the run.
using FinishFn =
    std::function<Status(std::size_t index, CaseResult& result, const std::string& staged_dir)>;

// Number of workers when --jobs is not given: one per online core.
int DefaultJobs();

class WorkerPool {
 public:
  // `staging_root` (OUT/.beian-tmp) must exist; staged folders are made below it with names
  // unique to this process. A worker still busy with one dossier after `timeout_seconds`
  // (0 = no limit) is killed: that dossier could not be processed, the batch goes on.
  WorkerPool(DossierWork& work, int jobs, std::string staging_root, int timeout_seconds);
  ~WorkerPool();  // ends the workers
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Forks every worker now (otherwise each is forked when first needed). The parent calls it
  // before it opens a database: a connection must not be carried across fork().
  Status Start();

  // Processes `entries`, calling `finish` for each in order. When `*stop` becomes non-zero no
  // further dossier is started; those already started are finished. Returns how many dossiers
  // were finished (always a prefix of `entries`), or the first fatal error; after an error the
  // workers still busy are ended, so the pool can run the next batch (the watcher retries).
  Result<std::size_t> Run(const std::vector<ingest::IntakeEntry>& entries, const FinishFn& finish,
                          const volatile std::sig_atomic_t* stop);

 private:
  Result<std::size_t> RunBatch(const std::vector<ingest::IntakeEntry>& entries,
                               const FinishFn& finish, const volatile std::sig_atomic_t* stop);
  struct Worker {
    pid_t pid = -1;
    int to_worker = -1;                             // requests
    int from_worker = -1;                           // results
    long busy = -1;                                 // index of the dossier it has, -1 when idle
    std::string dir;                                // its dossier's staged folder
    std::chrono::steady_clock::time_point started;  // when it got that dossier
    bool timed_out = false;                         // killed for taking longer than the timeout
    ingest::IntakeEntry entry;  // the dossier it has (with its unreadable files)
    std::string opening;        // the file its ingest reads now, or ""
  };
  Status Spawn(Worker* w);
  Status Dispatch(Worker* w, const ingest::IntakeEntry& entry);
  void Stop(Worker* w);
  [[noreturn]] void WorkerMain(int in, int out);
  std::string NextStagedDir(const ingest::IntakeEntry& entry);

  int PollTimeoutMs();  // until the first busy worker's time is up; -1 without a timeout
  void KillOverdue();

  DossierWork& work_;
  std::string staging_root_;
  int timeout_seconds_;
  std::vector<Worker> workers_;
  unsigned long staged_ = 0;
};

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_WORKER_POOL_H_
