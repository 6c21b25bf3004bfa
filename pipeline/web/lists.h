// The 台账 of one office (GET /ledger?xlsx=1 by a 市州 user): the CLI's own ledger functions
// (evaluation::LedgerFromRegistry, WriteLedger, as `beian ledger` calls them) over the cases the
// office sees, so the workbook is the CLI's with the other offices' rows left out.
#ifndef PIPELINE_WEB_LISTS_H_
#define PIPELINE_WEB_LISTS_H_

#include <functional>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/report/messages.h"

namespace pipeline::web {

// The workbook's bytes: the ledger of `registry` (data folder `data_dir`) as of `today`, with
// the cases for which `keep(case_id)` holds.
Result<std::string> OfficeLedger(const std::string& registry, const std::string& data_dir,
                                 const FileSystem& fs, const report::MessageCatalog& messages,
                                 const Date& today,
                                 const std::function<bool(const std::string&)>& keep);

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_LISTS_H_
