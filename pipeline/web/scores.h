// The technical evaluation's preview: a filled scoring sheet read before `beian evaluate`
// records it, with the CLI's own reader (evaluation::ReadScoresheet: every problem by sheet and
// cell, in its Chinese) and scored with its Evaluate. Nothing is recorded: recording is the
// evaluate action (CommandRunner), with the CLI's guards.
#ifndef PIPELINE_WEB_SCORES_H_
#define PIPELINE_WEB_SCORES_H_

#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/report/messages.h"

namespace pipeline::web {

// The sheet `bytes` (uploaded as `file`, which its problems name) of case `case_id` read against
// `registry` and the data folder `data_dir`: {ok: true, evaluation: EvaluationJson} or {ok: false,
// errors: [one line per problem]}. An error only when the registry, the standard or the case
// cannot be read.
Result<nlohmann::json> PreviewScores(const std::string& registry, const std::string& data_dir,
                                     const FileSystem& fs, const report::MessageCatalog& messages,
                                     const std::string& case_id, const std::string& file,
                                     const std::string& bytes, const Date& today);

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_SCORES_H_
