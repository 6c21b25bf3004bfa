// RuleSet: the cross-check rules, thresholds, reported conditions and region aliases from
// checklists/rules.xml. The C++ evaluators (see kKnownChecks in rules.cc) are named by `check`;
// the data decides each rule's stable id, severity, message key, condition and evidence
// materials. Loading fails when an evaluator is configured twice or not at all, so the code and
// the data cannot drift apart silently.
#ifndef PIPELINE_CROSSCHECK_RULES_H_
#define PIPELINE_CROSSCHECK_RULES_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/finding.h"

namespace pipeline::crosscheck {

struct Rule {
  std::string id;         // "C63-04"; NOTE: do not renumber; rule ids appear in issued reports.
  std::string check;      // evaluator name, e.g. "assessors_per_occupation"
  std::string condition;  // "art6.3", or "" for occupation/jurisdiction rules
  model::Topic topic = model::Topic::kConditions;  // `topic` attribute; conditions if condition
  model::Severity severity = model::Severity::kBlocking;  // when the rule is not met
  // What a blocking finding of this rule leads to (`consequence` attribute, default correct).
  model::Consequence consequence = model::Consequence::kCorrect;
  std::string message;                 // MessageId
  std::vector<std::string> materials;  // checklist material ids
  // The article that actually requires what the rule checks (`basis`; "" = none cited). A
  // finding carries it as the arg "basis" so letters cite only what the data gives.
  std::string basis;
  bool has_basis = false;  // the attribute is written (the shipped rules.xml always writes it)
  int line = 0;            // in rules.xml, for diagnostics
};

struct Threshold {
  std::string id;
  // Unset (value="") unless rules.xml gives one; an owner="province" threshold is normally set
  // by the office (templates/office.json `rules`, see RuleSettings), not here.
  std::optional<int> value;
  std::string owner;  // "province" (a default to be set by the province) | "regulation"
  std::string article;
};

struct ConditionDef {
  std::string id;       // "art6.1"
  std::string article;  // `第六条（一）` (data)
  std::string title;    // what the condition requires, in reports' words (data)
};

// Column headings of the office's credit list (<credit-list-columns> in rules.xml; data).
struct CreditListColumns {
  std::string uscc;                  // 统一社会信用代码
  std::string name;                  // 名称
  std::string legal_representative;  // 法定代表人
  std::string source;                // 来源
  std::string date;                  // 日期
  // How a YYYY-MM-DD 日期 is worded in findings (`date-format`, e.g. `{year}年{month}月{day}日`;
  // "" = as written).
  std::string date_format;
  // How the no-match evidence lists the sources (`sources-separator`, e.g. `、`) and words one
  // source with its date (`dated-source`, e.g. `{source}（{date}）`).
  std::string sources_separator;
  std::string dated_source;
  // The optional column saying which list a row is on (`kind`), and its two values: a serious
  // bad record (`kind-serious`) or an ended filing (`kind-terminated`).
  std::string kind;
  std::string kind_serious;
  std::string kind_terminated;
};

struct RegionAlias {
  std::string code;  // jilin_authorities.tsv code
  std::string text;  // NFKC-normalised alias
};

class RuleSet {
 public:
  // Parses rules.xml text; `file` names it in errors (file:line).
  static Result<RuleSet> FromXml(const std::string& xml, const std::string& file);

  // The rule configured for evaluator `check`. REQUIRES: `check` is a known evaluator (the
  // loader guarantees every known evaluator has exactly one rule).
  const Rule& ForCheck(std::string_view check) const;
  // REQUIRES: `id` is a configured threshold (the loader checks the ones the code uses).
  const Threshold& GetThreshold(std::string_view id) const;

  const std::vector<Rule>& rules() const { return rules_; }
  const std::vector<Threshold>& thresholds() const { return thresholds_; }
  const std::vector<ConditionDef>& conditions() const { return conditions_; }
  const std::vector<RegionAlias>& region_aliases() const { return region_aliases_; }
  const CreditListColumns& credit_list_columns() const { return credit_list_columns_; }

 private:
  Status CheckNewRule(const Rule& r, const std::set<std::string>& condition_ids,
                      const std::string& file) const;
  Status CheckComplete(const std::string& file) const;

  std::vector<Rule> rules_;  // file order
  std::map<std::string, std::size_t, std::less<>> by_check_;
  std::vector<Threshold> thresholds_;
  std::vector<ConditionDef> conditions_;
  std::vector<RegionAlias> region_aliases_;
  CreditListColumns credit_list_columns_;
};

// Evaluator names the code knows (what rules.xml must configure).
const std::vector<std::string>& KnownChecks();
// Threshold ids the code reads.
const std::vector<std::string>& KnownThresholds();

// Reads `path` (normally "checklists/rules.xml") through `fs`.
Result<RuleSet> LoadRules(const FileSystem& fs, const std::string& path);

}  // namespace pipeline::crosscheck

#endif  // PIPELINE_CROSSCHECK_RULES_H_
