#include "pipeline/report/report_json.h"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace pipeline::report {

using nlohmann::json;

json ToJson(const model::CaseReport& r, const MessageCatalog& messages) {
  json j = json::object();
  j["dossier"] = r.dossier;
  j["case_id"] = r.case_id;
  j["application"] = {
      {"kind", model::ApplicationKindName(r.application.kind.value)},
      {"applicant_type", model::ApplicantTypeName(r.application.applicant_type.value)},
  };
  json materials = json::array();
  for (const auto& m : r.materials) {
    materials.push_back({{"id", m.id},
                         {"name", m.name},
                         {"article", m.article},
                         {"required", m.required},
                         {"status", model::MaterialStatusName(m.status)},
                         {"files", m.files}});
  }
  j["materials"] = std::move(materials);
  j["unmatched_files"] = r.unmatched_files;
  json findings = json::array();
  for (const auto& f : r.findings) {
    json evidence = json::array();
    for (const auto& e : f.evidence) {
      evidence.push_back({{"file", e.file},
                          {"location", e.location},
                          {"location_text", LocationText(e.location, messages)}});
    }
    findings.push_back({{"rule", f.rule_id},
                        {"severity", model::SeverityName(f.severity)},
                        {"topic", model::TopicName(f.topic)},
                        {"consequence", model::ConsequenceName(f.consequence)},
                        {"message_id", f.message},
                        {"message", messages.Format(f.message, f.args)},
                        {"evidence", std::move(evidence)}});
  }
  j["findings"] = std::move(findings);
  j["conclusion"] = model::ConclusionName(r.conclusion);
  json pending = json::array();
  for (const auto& p : r.pending_checks) {
    pending.push_back({{"id", p.id}, {"title", p.title}, {"action", p.action}});
  }
  j["pending_checks"] = std::move(pending);
  json documents = json::array();
  for (const auto& d : r.documents) {
    documents.push_back(
        {{"kind", d.kind}, {"title", d.title}, {"file", d.file}, {"official", d.official}});
  }
  j["documents"] = std::move(documents);
  return j;
}

std::string LocationText(const std::string& location, const MessageCatalog& messages) {
  if (location.empty() || location[0] == '/') return location;  // XML paths stay as they are
  std::string out;
  std::size_t pos = 0;
  while (pos <= location.size()) {
    std::size_t slash = location.find('/', pos);
    if (slash == std::string::npos) slash = location.size();
    const std::string seg = location.substr(pos, slash - pos);
    int t = 0, r = 0, c = 0, p = 0;
    char tail = 0;
    std::string worded;
    if (std::sscanf(seg.c_str(), "T%dR%dC%d%c", &t, &r, &c, &tail) == 3) {
      worded = messages.Format("location.cell", {{"table", std::to_string(t)},
                                                 {"row", std::to_string(r)},
                                                 {"cell", std::to_string(c)}});
    } else if (std::sscanf(seg.c_str(), "T%dR%d%c", &t, &r, &tail) == 2) {
      worded = messages.Format("location.row",
                               {{"table", std::to_string(t)}, {"row", std::to_string(r)}});
    } else if (std::sscanf(seg.c_str(), "P%d%c", &p, &tail) == 1) {
      worded = messages.Format("location.paragraph", {{"paragraph", std::to_string(p)}});
    } else {
      return location;  // not a form location: keep it as written
    }
    out = out.empty() ? worded
                      : messages.Format("location.nested", {{"outer", out}, {"inner", worded}});
    pos = slash + 1;
  }
  return out;
}

std::string ExclusionReasonText(const model::OccupationResult& o, const MessageCatalog& messages) {
  if (o.exclusion_reason.empty()) return "";
  return messages.Format(o.exclusion_reason, {{"name", o.requested.name_raw},
                                              {"code", o.requested.code},
                                              {"group", std::to_string(o.major_group)}});
}

std::string LevelsText(const std::vector<int>& levels, const MessageCatalog& messages) {
  std::vector<int> v = levels;
  std::sort(v.begin(), v.end(), std::greater<int>());  // 五级 (entry) first, as forms list them
  v.erase(std::unique(v.begin(), v.end()), v.end());
  auto name = [&](int l) { return messages.Format("level." + std::to_string(l)); };
  if (v.empty()) return "";
  if (v.size() == 1) return name(v[0]);
  bool contiguous = true;
  for (std::size_t i = 1; i < v.size(); ++i) contiguous = contiguous && v[i] == v[i - 1] - 1;
  if (contiguous) {
    return messages.Format("level.range", {{"from", name(v.front())}, {"to", name(v.back())}});
  }
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) out += messages.Format("level.separator");
    out += name(v[i]);
  }
  return out;
}

void AddWordedSummaries(const model::CaseReport& report, const MessageCatalog& messages,
                        json& j) {
  if (j.contains("conditions") && j["conditions"].size() == report.conditions.size()) {
    for (std::size_t i = 0; i < report.conditions.size(); ++i) {
      json reasons = json::array();
      for (const auto& rule : report.conditions[i].rule_ids) {
        for (const auto& f : report.findings) {
          if (f.rule_id == rule) reasons.push_back(messages.Format(f.message, f.args));
        }
      }
      j["conditions"][i]["reasons"] = std::move(reasons);
    }
  }
  if (j.contains("occupations") && j["occupations"].size() == report.occupations.size()) {
    for (std::size_t i = 0; i < report.occupations.size(); ++i) {
      const model::OccupationResult& o = report.occupations[i];
      j["occupations"][i]["levels_text"] = LevelsText(o.requested.levels, messages);
      j["occupations"][i]["exclusion_reason_id"] = o.exclusion_reason;
      j["occupations"][i]["exclusion_reason"] = ExclusionReasonText(o, messages);
    }
  }
}

std::string ToJsonText(const json& j) {
  // nlohmann::json objects keep keys sorted (std::map), so output order is stable.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pipeline::report
