// OutputFolder: one process's hold on an output folder (docs/user-guide.md "Output folder"), shared
// by `beian run` and `beian watch`: the lock, the staging area, the forked workers and the state.
// Each dossier's outputs are written into a staging folder (drafts by its worker, report.json
// by the parent) and swapped in whole for OUT/<folder> (the handler's FolderName: the case
// number and the institution), so a re-run never leaves drafts of an earlier outcome beside the
// new ones and a crash leaves either the old set or the new one. A case whose folder name
// changes (its institution's name corrected, a registry chosen) takes its old folder along.
// Opening the folder removes what a killed process left in the staging area.
#ifndef PIPELINE_SERVICE_OUTPUT_FOLDER_H_
#define PIPELINE_SERVICE_OUTPUT_FOLDER_H_

#include <csignal>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/model/report.h"
#include "pipeline/service/intake_state.h"
#include "pipeline/service/output_lock.h"
#include "pipeline/service/worker_pool.h"

namespace pipeline::service {

// The parent's side of one dossier (implemented by Job).
class CaseHandler : public DossierWork {
 public:
  // In intake order, once the worker is done: records the case (registry) and writes
  // report.json into `staged_dir`. An error is the dossier's (e.g. a full disk); a broken
  // registry is returned with `fatal` set and stops the run.
  virtual Status Finish(const ingest::IntakeEntry& entry, CaseResult& result,
                        const std::string& staged_dir, bool* fatal) = 0;
  // Fills `result` with the report of a dossier whose worker died (result->died says why).
  virtual void DiedReport(const ingest::IntakeEntry& entry, CaseResult* result) = 0;
  // The name of the case's folder in OUT, after Finish (report::CaseFolderName).
  virtual std::string FolderName(const ingest::IntakeEntry& entry, const CaseResult& result) = 0;
};

// One finished dossier.
struct CaseDone {
  model::CaseReport report;
  std::string failure;  // "" when its outputs are in place; else why not (for the log)
  bool died = false;    // its worker died (the report says it could not be processed)
  std::string folder;   // its folder in OUT (the outputs of an earlier run when `failure`)
};

class OutputFolder {
 public:
  // Takes the lock of `out_dir` (a second process gets Unsupported and *holder), cleans the
  // staging area, loads the state. `jobs` workers are forked when the first dossier comes.
  // `timeout_seconds`: see WorkerPool.
  static Result<std::unique_ptr<OutputFolder>> Open(const std::string& out_dir, int jobs,
                                                    int timeout_seconds, CaseHandler& handler,
                                                    long* holder);
  ~OutputFolder();

  // Processes `entries` (with their fingerprints, same order), committing each dossier's
  // outputs and recording it in the state. `done` is called for each, in order, just before
  // the state records it. Stops starting dossiers once `*stop` is set. Returns the first fatal
  // error.
  Status Process(const std::vector<ingest::IntakeEntry>& entries,
                 const std::vector<std::string>& fingerprints,
                 const std::function<void(std::size_t, const CaseDone&)>& done,
                 const volatile std::sig_atomic_t* stop);

  // Moves away the folders of cases whose dossier is no longer in the intake (`present` holds
  // the case ids still there); see IntakeState::SupersedeMissing.
  Result<std::vector<CaseState>> SupersedeMissing(const std::set<std::string>& present,
                                                  const std::string& superseded_dir);

  // Puts what was recorded so far on the disk with the outputs it describes (IntakeState::Sync):
  // the watcher does after each pass, so a power cut costs at most the pass in progress.
  Status Sync() { return state_.Sync(); }

  const IntakeState& state() const { return state_; }
  // Forks the workers now (see WorkerPool::Start).
  Status StartWorkers() { return pool_.Start(); }

 private:
  OutputFolder(std::string out_dir, std::unique_ptr<OutputLock> lock, IntakeState state,
               CaseHandler& handler, int jobs, int timeout_seconds);
  // Puts the dossier's outputs in place and fills *done and *state (its status); the state
  // records it afterwards.
  Status Commit(const ingest::IntakeEntry& entry, CaseResult& result, const std::string& dir,
                CaseDone* done, CaseState* state, bool* fatal);
  std::string FreeFolder(const std::string& wanted, const std::string& case_id) const;
  Status TakeOldFolder(const std::string& case_id, const std::string& folder);

  std::string out_dir_;
  std::string staging_;
  std::unique_ptr<OutputLock> lock_;
  IntakeState state_;
  CaseHandler& handler_;
  WorkerPool pool_;
};

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_OUTPUT_FOLDER_H_
