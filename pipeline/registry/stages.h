// The stages of a filing case (Art. 7) and which move each command may make. Pure rules, no
// storage: the registry asks them before it writes, so a command that skips a stage or acts in
// the wrong stage is refused before anything changes.
//
// A case's stage is the step under way. received (材料已接收, awaiting 受理) -> preliminary
// (初评) -> technical (技术评估) -> comprehensive (综合汇总) -> deliberation (专题审议) ->
// publicity (公示) -> filed (备案通知). Ending states: returned (补正, open until resubmitted),
// referred, not_filed, withdrawn, terminated; filed ends the case too.
#ifndef PIPELINE_REGISTRY_STAGES_H_
#define PIPELINE_REGISTRY_STAGES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/application.h"

namespace pipeline::registry {

enum class Stage {
  kReceived,
  kPreliminary,
  kTechnical,
  kComprehensive,
  kDeliberation,
  kPublicity,
  kFiled,
  kReturned,
  kReferred,
  kNotFiled,
  kWithdrawn,
  kTerminated,
};

const char* StageName(Stage s);  // "received", ..., "terminated"
std::optional<Stage> StageFromName(std::string_view name);

// True once nothing more happens to the case (every state but the working stages and
// returned, which stays open until the dossier is resubmitted).
bool IsClosed(Stage s);

// What a stage's decision says.
enum class Decision { kPass, kFail, kReturn, kRefer };
const char* DecisionName(Decision d);  // "pass" | "fail" | "return" | "refer"
std::optional<Decision> DecisionFromName(std::string_view name);

// The stages a case of `kind` goes through, in order (Art. 7-10): renewal
// received -> preliminary -> filed, termination received -> preliminary -> terminated, every
// other kind the whole path.
std::vector<Stage> PathFor(model::ApplicationKind kind);

// The stage after `s` on the kind's path; nullopt at the end.
std::optional<Stage> NextOnPath(model::ApplicationKind kind, Stage s);

// The stages whose outcome `beian decide` records (deliberation has `beian deliberate`).
bool DecidedByDecideCommand(Stage s);

// Where a decision on stage `s` leads. kPass goes to the next stage, except that reaching
// `filed` takes `beian file` (the notice), so the case then waits in `s`. kFail ends the case
// (not_filed); kReturn (补正) and kRefer (another authority) are possible at received and
// preliminary only (nullopt otherwise).
std::optional<Stage> StageAfterDecision(model::ApplicationKind kind, Stage s, Decision d);

// A refusal of a command: a message key of templates/messages.zh-CN.tsv and its arguments.
struct Refusal {
  std::string key;
  std::vector<std::pair<std::string, std::string>> args;
};

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_STAGES_H_
