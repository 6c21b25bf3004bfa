#include "pipeline/web/lists.h"

#include <memory>
#include <vector>

#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/evaluation/ledger.h"
#include "pipeline/evaluation/registry_view.h"
#include "pipeline/registry/registry.h"

namespace pipeline::web {

Result<std::string> OfficeLedger(const std::string& registry, const std::string& data_dir,
                                 const FileSystem& fs, const report::MessageCatalog& messages,
                                 const Date& today,
                                 const std::function<bool(const std::string&)>& keep) {
  Result<report::MessageCatalog> wording =
      report::MessageCatalog::Load(fs, JoinPath(data_dir, "templates/evaluation.zh-CN.tsv"));
  if (!wording) return wording.error();
  Result<crosscheck::Authorities> authorities =
      crosscheck::LoadAuthorities(fs, JoinPath(data_dir, "data"));
  if (!authorities) return authorities.error();
  Result<std::unique_ptr<registry::Registry>> reg =
      evaluation::OpenRegistry(registry, messages, today, /*writing=*/false);
  if (!reg) return reg.error();
  Result<std::vector<evaluation::LedgerCase>> cases =
      evaluation::LedgerFromRegistry(**reg, messages, *wording, *authorities);
  if (!cases) return cases.error();
  std::vector<evaluation::LedgerCase> kept;
  for (evaluation::LedgerCase& c : *cases) {
    if (keep(c.case_id)) kept.push_back(std::move(c));
  }
  return evaluation::WriteLedger(kept, messages, *wording, today);
}

}  // namespace pipeline::web
