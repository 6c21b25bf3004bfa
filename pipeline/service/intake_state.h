// IntakeState: what an output folder remembers of the intake, in OUT/.beian-state (JSON
// lines, appended one per dossier as it is finished, so a crash loses at most the line being
// written, and rewritten compactly when loaded). For every case: the dossier's folder name, its
// fingerprint when it was processed, and whether that worked. `beian watch` (and --once) skips
// a dossier whose fingerprint is the recorded one, so a restart goes on where it stopped; a
// failed dossier is retried when it changes. A case whose dossier left the intake is moved out
// of the way (SupersedeMissing).
//
// Power cuts. Outputs are not flushed to the disk one by one (that would cost the disk a
// write barrier per file); instead the journal says which of its lines are known to be on the
// disk with their outputs. Each process writes a boot line (the machine's BootId) before its
// first case line, and Sync() flushes the output folder's file system (SyncFileSystem) and then
// appends a synced line. Loading trusts a case line when a synced line follows it, or when it
// was written under the current boot (a killed process loses nothing the page cache holds).
// Any other case line may describe outputs the power cut lost: the case is loaded as
// unconfirmed, without a fingerprint, so the watcher processes its dossier again and replaces
// its folder as a whole.
#ifndef PIPELINE_SERVICE_INTAKE_STATE_H_
#define PIPELINE_SERVICE_INTAKE_STATE_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline::service {

inline constexpr const char* kStateFileName = ".beian-state";

struct CaseState {
  std::string case_id;
  std::string dossier;      // folder name as shown (DisplayPath)
  std::string fingerprint;  // service/fingerprint.h, when processed
  std::string status;       // "done" | "failed" | "superseded" | "unconfirmed"
  std::string reason;       // why it failed ("" otherwise)
  // Its folder in OUT (report::CaseFolderName); "" in a journal from before folders were
  // named: then the case id (folder()).
  std::string folder_name{};

  const std::string& folder() const { return folder_name.empty() ? case_id : folder_name; }
};

class IntakeState {
 public:
  // Reads OUT/.beian-state (missing = empty; a torn last line is ignored) and rewrites it
  // compactly (one line per case, by case id), then syncs it with the outputs it describes.
  static Result<IntakeState> Load(const std::string& out_dir);

  const CaseState* Find(const std::string& case_id) const;
  // Whether OUT/<folder> belongs to a case other than `case_id` that is not superseded.
  bool FolderTaken(const std::string& folder, const std::string& case_id) const;
  // Appends `s` to the file and remembers it.
  Status Record(const CaseState& s);
  // Flushes the output folder's file system, then marks every line so far as on the disk.
  // Nothing to do when no line was recorded since the last sync.
  Status Sync();
  // Cases recorded done or failed whose id is not in `present`: their folder OUT/<folder> is
  // moved to OUT/<superseded_dir>/<folder> (replacing an older one there) and they are
  // recorded as superseded. Returns them.
  Result<std::vector<CaseState>> SupersedeMissing(const std::set<std::string>& present,
                                                  const std::string& superseded_dir);

 private:
  // Appends `text` to the journal, after this process's boot line when it is the first.
  Status Append(const std::string& text);

  std::string out_dir_;
  std::string boot_;           // BootId() of this process
  bool boot_written_ = false;  // the journal holds this process's boot line
  bool unsynced_ = false;      // lines recorded since the last synced line
  std::map<std::string, CaseState> cases_;
};

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_INTAKE_STATE_H_
