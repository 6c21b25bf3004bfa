// IntakeState: what an output folder remembers of the intake, in OUT/.beian-state (JSON
// lines, appended one per dossier as it is finished, so a crash loses at most the line being
// written, and rewritten compactly when loaded). For every case: the dossier's folder name, its
// fingerprint when it was processed, and whether that worked. `beian watch` (and --once) skips
// a dossier whose fingerprint is the recorded one, so a restart goes on where it stopped; a
// failed dossier is retried when it changes. A case whose dossier left the intake is moved out
// of the way (SupersedeMissing).
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
  std::string status;       // "done" | "failed" | "superseded"
  std::string reason;       // why it failed ("" otherwise)
};

class IntakeState {
 public:
  // Reads OUT/.beian-state (missing = empty; a torn last line is ignored) and rewrites it
  // compactly (one line per case, by case id).
  static Result<IntakeState> Load(const std::string& out_dir);

  const CaseState* Find(const std::string& case_id) const;
  // Appends `s` to the file and remembers it.
  Status Record(const CaseState& s);
  // Cases recorded done or failed whose id is not in `present`: their folder OUT/<case-id> is
  // moved to OUT/<superseded_dir>/<case-id> (replacing an older one there) and they are
  // recorded as superseded. Returns them.
  Result<std::vector<CaseState>> SupersedeMissing(const std::set<std::string>& present,
                                                  const std::string& superseded_dir);

 private:
  std::string out_dir_;
  std::map<std::string, CaseState> cases_;
};

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_INTAKE_STATE_H_
