// CaseRows: what the run-wide files (summary.json, index.html, the ledger) show of each case,
// kept in OUT/.beian-rows beside the state (service/intake_state.h), so that `beian watch` can
// write those files over every case in OUT, the ones finished before it started included. One
// line per finished case, appended as it is finished: `<case-id><TAB><record>`, the record
// being report/run_spool.h's SpoolLine text; a case's latest line is its row. A line torn by a
// crash is closed before the next one is appended and ignored when read. Gather rewrites the
// file compactly once most of its lines are old.
#ifndef PIPELINE_SERVICE_CASE_ROWS_H_
#define PIPELINE_SERVICE_CASE_ROWS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pipeline/core/status.h"

namespace pipeline::service {

inline constexpr const char* kRowsFileName = ".beian-rows";

class CaseRows {
 public:
  explicit CaseRows(const std::string& out_dir);

  // Appends `record` (one line, ending with a newline) as the latest row of `case_id`.
  Status Keep(const std::string& case_id, const std::string& record) const;

  // Calls `each` with the latest record of each case of `case_ids` that has one, in that
  // order. When most lines of the file are old, rewrites it with just those records.
  Status Gather(const std::vector<std::string>& case_ids,
                const std::function<void(const std::string& record)>& each) const;

  // Rewrites the file with just the latest rows of `case_ids` when it is much larger than
  // `live_bytes` (what those rows take): `beian run` over the same OUT day after day.
  Status CompactIfLarge(const std::vector<std::string>& case_ids, std::uint64_t live_bytes) const;

 private:
  Status Read(const std::vector<std::string>& case_ids,
              const std::function<void(const std::string& record)>& each, bool compact) const;
  std::string path_;
};

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_CASE_ROWS_H_
