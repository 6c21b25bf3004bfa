// The 题名 of an issued document (its archive catalogue row, its PDF's title): set once, at
// issue, and never changed. Every 题名 names what the document is about, so that no two rows of
// one 归档文件目录 read alike (issue 21): the institutions of its entries, and for a receipt the
// application and the submission, for a 报送报告 the application, for a 公示 its period. Wording:
// registry.title.* in templates/messages.zh-CN.tsv.
#ifndef PIPELINE_REGISTRY_ISSUED_TITLE_H_
#define PIPELINE_REGISTRY_ISSUED_TITLE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/report/messages.h"

namespace pipeline::registry {

// The institutions a document's `data` is about: its entries' institutions, each once, in order,
// joined by format.list_separator, from four on the first and the count
// (registry.title.institutions_many); a letter `run`
// drew from a report names the report's institution (data.institution.name).
std::string TitleInstitutions(const report::MessageCatalog& messages, const nlohmann::json& data);

// The 题名 of document kind `kind` holding `data` (as issued): its kind's title
// (registry.title.<kind>, the change notice's own for a change, Art. 8) with the institutions,
// the receipt's application kind and submission (第N次提交 from the second), the 报送报告's
// application kind, the 公示's period.
std::string IssuedTitle(const report::MessageCatalog& messages, const std::string& kind,
                        const nlohmann::json& data);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_ISSUED_TITLE_H_
