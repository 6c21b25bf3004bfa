#include "pipeline/registry/issued_title.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace pipeline::registry {

using nlohmann::json;
using MessageArgs = std::vector<std::pair<std::string, std::string>>;

namespace {

constexpr std::size_t kTitleNamesListed = 3;  // more institutions: the first and the count

std::vector<std::string> EntryInstitutions(const json& data) {
  std::vector<std::string> names;
  const json entries = data.value("entries", json::array());
  for (const json& e : entries.is_array() ? entries : json::array()) {
    const std::string name = e.is_object() ? e.value("institution", "") : "";
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
      names.push_back(name);
    }
  }
  if (names.empty()) {
    const std::string name = data.value(json::json_pointer("/institution/name"), "");
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

// The application kind all of data's entries share ("" when they differ or say none).
std::string SharedKind(const json& data) {
  const json entries = data.value("entries", json::array());
  std::string kind;
  for (const json& e : entries.is_array() ? entries : json::array()) {
    const std::string k = e.is_object() ? e.value("kind", "") : "";
    if (k.empty() || (!kind.empty() && k != kind)) return "";
    kind = k;
  }
  return kind;
}

// The wording `prefix` + kind from the catalogue, `prefix` + "unknown" for a kind it lacks.
std::string KindPhrase(const report::MessageCatalog& messages, const std::string& prefix,
                       const std::string& kind) {
  const std::string key = prefix + kind;
  return messages.Format(messages.texts().count(key) > 0 ? key : prefix + "unknown");
}

// The receipt's application kind (首次申请, 变更, …) and, from its second submission, which one
// (the key registry.title.receipt_resubmitted).
std::string ReceiptTitle(const report::MessageCatalog& messages, const json& data,
                         MessageArgs args) {
  args.push_back(
      {"application", KindPhrase(messages, "registry.title.application.", SharedKind(data))});
  const json version = data.value(json::json_pointer("/receipt/version"), json(1));
  if (!version.is_number_integer() || version.get<int>() <= 1) {
    return messages.Format("registry.title.receipt", args);
  }
  args.push_back({"version", std::to_string(version.get<int>())});
  return messages.Format("registry.title.receipt_resubmitted", args);
}

}  // namespace

std::string TitleInstitutions(const report::MessageCatalog& messages, const json& data) {
  const std::vector<std::string> names = EntryInstitutions(data);
  if (names.size() > kTitleNamesListed) {
    return messages.Format("registry.title.institutions_many",
                           {{"first", names.front()}, {"count", std::to_string(names.size())}});
  }
  std::string joined;
  for (const std::string& name : names) {
    if (!joined.empty()) joined += messages.Format("format.list_separator");
    joined += name;
  }
  return joined;
}

std::string IssuedTitle(const report::MessageCatalog& messages, const std::string& kind,
                        const json& data) {
  const json entries = data.value("entries", json::array());
  const bool change = kind == "filing_notice" && entries.is_array() && !entries.empty() &&
                      entries[0].is_object() && entries[0].value("kind", "") == "change";
  MessageArgs args = {{"institution", TitleInstitutions(messages, data)}};
  if (kind == "receipt") return ReceiptTitle(messages, data, std::move(args));
  if (kind == "submission") {
    args.push_back(
        {"filing", KindPhrase(messages, "registry.title.submission_kind.", SharedKind(data))});
  }
  if (kind == "publicity_notice") {
    args.push_back({"start", data.value(json::json_pointer("/publicity/start"), "")});
    args.push_back({"end", data.value(json::json_pointer("/publicity/end"), "")});
  }
  std::string key = change ? "registry.title.change_notice" : "registry.title." + kind;
  if (kind == "termination_notice" &&
      !data.value(json::json_pointer("/termination/ordered"), false)) {
    key = "registry.title.voluntary_termination";  // as the notice prints it
  }
  return messages.Format(key, args);
}

}  // namespace pipeline::registry
