#include "pipeline/evaluation/registry_view.h"

#include "pipeline/registry/open_storage.h"

namespace pipeline::evaluation {

Result<std::unique_ptr<registry::Registry>> OpenRegistry(const std::string& file,
                                                         const report::MessageCatalog& messages,
                                                         const Date& today, bool writing) {
  return registry::OpenRegistryAt(
      file, messages, today, writing ? registry::OpenFor::kWriting : registry::OpenFor::kReading);
}

const registry::HistoryEntry* LatestDecisionOn(const registry::CaseRecord& c,
                                               registry::Stage stage) {
  const registry::HistoryEntry* found = nullptr;
  for (const registry::HistoryEntry& e : c.history) {
    if (e.stage == stage && !e.result.empty()) found = &e;
  }
  return found;
}

std::string WordOr(const report::MessageCatalog& m, const std::string& key,
                   const std::string& fallback) {
  return m.Has(key) ? m.Format(key) : fallback;
}

}  // namespace pipeline::evaluation
