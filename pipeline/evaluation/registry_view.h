// Small helpers the evaluation commands and the ledger share to read the case registry.
#ifndef PIPELINE_EVALUATION_REGISTRY_VIEW_H_
#define PIPELINE_EVALUATION_REGISTRY_VIEW_H_

#include <memory>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/registry/registry.h"
#include "pipeline/report/messages.h"

namespace pipeline::evaluation {

// Opens the registry at `file` (a file or server URI); `writing` migrates it first
// (registry::OpenRegistryAt).
Result<std::unique_ptr<registry::Registry>> OpenRegistry(const std::string& file,
                                                         const report::MessageCatalog& messages,
                                                         const Date& today, bool writing = true);

// The latest history entry that decided `stage` (nullptr when none).
const registry::HistoryEntry* LatestDecisionOn(const registry::CaseRecord& c,
                                               registry::Stage stage);

// messages[key], or `fallback` when the catalogue has no such key.
std::string WordOr(const report::MessageCatalog& m, const std::string& key,
                   const std::string& fallback);

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_REGISTRY_VIEW_H_
