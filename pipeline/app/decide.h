// `beian decide` and `beian deliberate` (docs/user-guide.md "Case registry"): a stage's
// decision on a case, or the 专题审议's, recorded with its guards (Registry::Decide,
// Registry::Deliberate), and the ending letter of a case it ends drawn or adopted in the same
// transaction (registry::DecideSettlingLetters).
#ifndef PIPELINE_APP_DECIDE_H_
#define PIPELINE_APP_DECIDE_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/app/context.h"
#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/registry/commands.h"

namespace pipeline::app {

// Who decides, when, and where the letters' drafts go: what decide and deliberate share.
struct Acting {
  Date date;                             // the day the action is recorded on (a decision bears it)
  std::optional<Date> today;             // the last day a decision may bear (nullopt: not checked)
  std::string user;                      // who acts ("": the settings' user, then the login name)
  std::optional<std::string> authority;  // the deciding office: its letters' issuer
  std::string out_dir;  // where letters' drafts go ("": drafts/ beside the registry)
};

struct DecideRequest {
  std::string case_ref;  // the case id
  std::string stage;     // received, preliminary, technical, comprehensive
  std::string result;    // pass, fail, return, refer
  std::string note;
  std::string reason;  // a correction of the stage's latest decision: why
  Acting acting;
};

struct DeliberateRequest {
  std::string case_ref;  // the case id
  Date held_on;          // the day the 专题审议 was held (the decision bears it)
  std::string result;    // pass or fail ("": pass)
  std::string note;
  std::string reason;  // a correction of the latest deliberation: why
  Acting acting;       // acting.date: the day it is recorded
};

// What a decision did, for decide and deliberate alike.
struct DecideResult {
  // The case after it: the registry's warnings (a decision against the automatic check, ...),
  // its stage now and the next step, as `status` words it.
  registry::Recorded recorded;
  std::vector<registry::SettledLetter> letters;  // ending letters drawn or adopted
};

// Records the decision. Refusals (a bad stage or result, a case in another stage, a date after
// `today`) are InvalidArgument or NotFound with the clerk's Chinese message.
Result<DecideResult> Decide(const Context& app, const DecideRequest& request);
Result<DecideResult> Deliberate(const Context& app, const DeliberateRequest& request);

}  // namespace pipeline::app

#endif  // PIPELINE_APP_DECIDE_H_
