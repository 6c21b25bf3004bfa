#include "pipeline/report/report_json.h"

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
    for (const auto& e : f.evidence) evidence.push_back({{"file", e.file}, {"location", e.location}});
    findings.push_back({{"rule", f.rule_id},
                        {"severity", model::SeverityName(f.severity)},
                        {"message_id", f.message},
                        {"message", messages.Format(f.message, f.args)},
                        {"evidence", std::move(evidence)}});
  }
  j["findings"] = std::move(findings);
  j["conclusion"] = model::ConclusionName(r.conclusion);
  return j;
}

std::string ToJsonText(const json& j) {
  // nlohmann::json objects keep keys sorted (std::map), so output order is stable.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace pipeline::report
