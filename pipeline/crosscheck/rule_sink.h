// RuleSink: turns rule outcomes into model::Findings using the rule's configured id, severity
// and message (checklists/rules.xml), and remembers which rules did not pass per condition.
// Internal to pipeline/crosscheck.
#ifndef PIPELINE_CROSSCHECK_RULE_SINK_H_
#define PIPELINE_CROSSCHECK_RULE_SINK_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/crosscheck/rules.h"
#include "pipeline/model/finding.h"

namespace pipeline::crosscheck {

using Args = std::vector<std::pair<std::string, std::string>>;

class RuleSink {
 public:
  // `rules` and `out` must outlive the sink.
  RuleSink(const RuleSet& rules, std::vector<model::Finding>* out) : rules_(rules), out_(out) {}

  // The rule is not met: a finding with the rule's configured severity.
  void Fail(std::string_view check, Args args, std::vector<model::SourceRef> evidence) {
    const Rule& r = rules_.ForCheck(check);
    Emit(r, r.severity, std::move(args), std::move(evidence));
  }
  // A person must decide: always a review finding (or info when the rule is info-only).
  void Review(std::string_view check, Args args, std::vector<model::SourceRef> evidence) {
    const Rule& r = rules_.ForCheck(check);
    Emit(r,
         r.severity == model::Severity::kInfo ? model::Severity::kInfo : model::Severity::kReview,
         std::move(args), std::move(evidence));
  }

  // Like Fail/Review, with explicit severity and message key (a rule with more than one
  // wording, e.g. "none at all" besides "below the minimum"); "" keeps the rule's message.
  void Emit(std::string_view check, model::Severity sev, std::string_view message, Args args,
            std::vector<model::SourceRef> evidence) {
    const Rule& r = rules_.ForCheck(check);
    Emit(r, sev, std::move(args), std::move(evidence), message);
  }

  const RuleSet& rules() const { return rules_; }

 private:
  void Emit(const Rule& r, model::Severity sev, Args args, std::vector<model::SourceRef> evidence,
            std::string_view message = {}) {
    model::Finding f;
    f.rule_id = r.id;
    f.severity = sev;
    f.topic = r.topic;
    f.consequence = r.consequence;
    f.message = message.empty() ? r.message : std::string(message);
    f.args = std::move(args);
    if (!r.basis.empty()) f.args.emplace_back("basis", r.basis);
    f.evidence = std::move(evidence);
    out_->push_back(std::move(f));
  }

  const RuleSet& rules_;
  std::vector<model::Finding>* out_;
};

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_RULE_SINK_H_
