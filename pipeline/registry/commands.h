// The registry commands of the CLI: status, decide, deliberate, withdraw, registry backup
// (docs/user-guide.md "Case registry"). Job::Run hands them the loaded messages and calendar.
#ifndef PIPELINE_REGISTRY_COMMANDS_H_
#define PIPELINE_REGISTRY_COMMANDS_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/command_request.h"
#include "pipeline/registry/registry.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::registry {

// True for the commands below.
bool IsRegistryCommand(model::Command c);

// Runs one registry command, printing to `out`. Refusals (a command in the wrong stage) and
// registry failures come back as errors whose message a clerk can read. *problems is set when
// the command found something wrong without failing (archive verify: exit code 1).
Status RunRegistryCommand(const model::CommandRequest& options, FileSystem& fs,
                          const report::MessageCatalog& messages,
                          const report::WorkCalendar& calendar, const std::string& data_dir,
                          std::ostream& out, bool* problems);

// `beian decide`'s ending letter for the evaluation commands (evaluate, summarize): runs
// `decide`, which records the stage's opinion through `registry` (Registry::RecordOpinion), and
// in the same transaction gives a case it ends (a fail: not_filed) its 不予备案告知书, drawn
// from the registry with `facts` merged into its data (run's draft is not adopted: the
// evaluation knows what run did not); a correction away from the end supersedes the letter.
// The draft goes to --out or drafts/ beside the registry, and `out` says where.
Status DecideWithEndingLetter(const model::CommandRequest& options, FileSystem& fs,
                              const report::MessageCatalog& messages, const std::string& data_dir,
                              Registry& registry, const Actor& actor, std::ostream& out,
                              const nlohmann::json& facts, const std::function<Status()>& decide);

// Working days after `from` up to and including `to` (0 when to <= from); nullopt when the
// calendar does not cover a year in between, since it never guesses.
std::optional<int> WorkingDaysBetween(const report::WorkCalendar& calendar, const Date& from,
                                      const Date& to);

// The last day of a 公示 that starts (is published) on `start` and lasts `n` working days:
// the publication day is day 1 when `count_start` and it is a working day, else the count
// begins the next day (office setting publicity_count_start_day).
Date PublicityEnd(const report::WorkCalendar& calendar, const Date& start, int n, bool count_start);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_COMMANDS_H_
