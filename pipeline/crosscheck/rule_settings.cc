#include "pipeline/crosscheck/rule_settings.h"

#include <algorithm>

namespace pipeline::crosscheck {

using nlohmann::json;

namespace {

constexpr const char* kRequireFilingNumber = "require_original_filing_number";
constexpr const char* kCreditList = "credit_list";

const Threshold* ProvinceThreshold(const RuleSet& rules, std::string_view id) {
  for (const Threshold& t : rules.thresholds()) {
    if (t.id == id && t.owner == "province") return &t;
  }
  return nullptr;
}

}  // namespace

std::optional<int> EffectiveThreshold(const RuleSet& rules, const RuleSettings* settings,
                                      std::string_view id) {
  if (settings != nullptr) {
    if (auto it = settings->minimums.find(id); it != settings->minimums.end()) return it->second;
  }
  return rules.GetThreshold(id).value;
}

Result<RuleSettings> RuleSettingsFromJson(const json& rules_json, const RuleSet& rules,
                                          const std::string& file) {
  RuleSettings s;
  if (rules_json.is_null()) return s;
  if (!rules_json.is_object()) {
    return Status::InvalidData("key \"rules\" must be an object", file);
  }
  for (const auto& [key, value] : rules_json.items()) {
    if (!key.empty() && key[0] == '_') continue;  // comment
    if (key == kRequireFilingNumber) {
      if (!value.is_boolean()) {
        return Status::InvalidData("rules." + key + " must be true or false", file);
      }
      s.require_original_filing_number = value.get<bool>();
    } else if (key == kCreditList) {
      if (!value.is_string()) {
        return Status::InvalidData("rules." + key + " must be a file path or \"\"", file);
      }
      std::string path = value.get<std::string>();
      if (!path.empty() && path[0] != '/') path = JoinPath(DirName(file), path);
      s.credit_list = std::move(path);
    } else if (ProvinceThreshold(rules, key) != nullptr) {
      if (value.is_null()) continue;
      if (!value.is_number_integer() || value.get<long long>() < 0 ||
          value.get<long long>() > 100000) {
        return Status::InvalidData("rules." + key + " must be null or a whole number >= 0", file);
      }
      s.minimums[key] = static_cast<int>(value.get<long long>());
    } else {
      return Status::InvalidData(
          "unknown key rules." + key + " (see docs/user-guide.md \"Settings\" for the known keys)",
          file);
    }
  }
  return s;
}

Result<RuleSettings> LoadRuleSettings(const FileSystem& fs, const std::string& office_json,
                                      const RuleSet& rules) {
  Result<std::string> text = fs.ReadFile(office_json, FileSystem::kDefaultMaxRead);
  if (!text) return text.error();
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidData("not a JSON object", office_json);
  }
  return RuleSettingsFromJson(j.contains("rules") ? j["rules"] : json(), rules, office_json);
}

json RuleSettingsJson(const RuleSet& rules, const RuleSettings& settings) {
  json thresholds = json::array();
  for (const Threshold& t : rules.thresholds()) {
    if (t.owner != "province") continue;
    const std::optional<int> v = EffectiveThreshold(rules, &settings, t.id);
    thresholds.push_back(
        json{{"id", t.id}, {"value", v ? json(*v) : json(nullptr)}, {"article", t.article}});
  }
  return json{{"thresholds", thresholds},
              {kRequireFilingNumber, settings.require_original_filing_number},
              {kCreditList, settings.credit_list.empty() ? json(nullptr)
                                                         : json(BaseName(settings.credit_list))}};
}

}  // namespace pipeline::crosscheck
