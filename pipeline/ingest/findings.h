// One helper every ingest source uses to add a finding to the dossier.
#ifndef PIPELINE_INGEST_FINDINGS_H_
#define PIPELINE_INGEST_FINDINGS_H_

#include <string>
#include <utility>
#include <vector>

#include "pipeline/model/dossier.h"

namespace pipeline::ingest {

// Adds finding `rule` (message key `message`, args) with one evidence entry when `file` or
// `location` is given.
inline void AddFinding(model::Dossier& d, const char* rule, model::Severity severity,
                       const char* message, std::vector<std::pair<std::string, std::string>> args,
                       const std::string& file = {}, const std::string& location = {}) {
  model::Finding f;
  f.rule_id = rule;
  f.severity = severity;
  f.message = message;
  f.args = std::move(args);
  if (!file.empty() || !location.empty()) f.evidence.push_back({file, location});
  d.findings.push_back(std::move(f));
}

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_FINDINGS_H_
