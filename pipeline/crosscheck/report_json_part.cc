#include "pipeline/crosscheck/report_json_part.h"

#include <optional>

namespace pipeline::crosscheck {
using nlohmann::json;

void AppendRuleDefaultsJson(const RuleSet& rules, const RuleSettings& settings, json& out) {
  json d = json::array();
  for (const Threshold& t : rules.thresholds()) {
    if (t.owner != "province") continue;
    const std::optional<int> v = EffectiveThreshold(rules, &settings, t.id);
    d.push_back(json{{"id", t.id},
                     {"value", v ? json(*v) : json(nullptr)},
                     {"article", t.article},
                     {"owner", t.owner}});
  }
  out["rule_defaults"] = d;
  out["rule_settings"] = RuleSettingsJson(rules, settings);
}

}  // namespace pipeline::crosscheck
