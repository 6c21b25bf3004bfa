#include "pipeline/report/document_data.h"

#include <cstring>

#include "pipeline/report/report_json.h"

namespace pipeline::report {

using nlohmann::json;

Result<OfficeSettings> LoadOfficeSettings(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
  if (!text) return text.error();
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  return OfficeSettingsFromJson(j, path);
}

Result<OfficeSettings> OfficeSettingsFromJson(const json& j, const std::string& path) {
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidData("not a JSON object", path);
  }
  OfficeSettings s;
  // Every key is required so that a typo in the file is caught, not silently defaulted.
  auto get_string = [&](const char* key, std::string* out) -> Status {
    if (!j.contains(key) || !j[key].is_string()) {
      return Status::InvalidData(std::string("key \"") + key + "\" must be a string", path);
    }
    *out = j[key].get<std::string>();
    return Status::Ok();
  };
  if (!j.contains("draft") || !j["draft"].is_boolean()) {
    return Status::InvalidData("key \"draft\" must be true or false", path);
  }
  s.draft = j["draft"].get<bool>();
  if (!j.contains("correction_deadline_working_days") ||
      !j["correction_deadline_working_days"].is_number_integer() ||
      j["correction_deadline_working_days"].get<int>() < 1) {
    return Status::InvalidData(
        "key \"correction_deadline_working_days\" must be a whole number >= 1", path);
  }
  s.correction_deadline_working_days = j["correction_deadline_working_days"].get<int>();
  PIPELINE_RETURN_IF_ERROR(get_string("date_format", &s.date_format));
  PIPELINE_RETURN_IF_ERROR(get_string("expert_group", &s.expert_group));
  PIPELINE_RETURN_IF_ERROR(get_string("opinion_addressee", &s.opinion_addressee));
  PIPELINE_RETURN_IF_ERROR(get_string("copy_to", &s.copy_to));
  PIPELINE_RETURN_IF_ERROR(get_string("print_office", &s.print_office));
  PIPELINE_RETURN_IF_ERROR(get_string("contact", &s.contact));
  PIPELINE_RETURN_IF_ERROR(get_string("opinion_file", &s.opinion_file));
  PIPELINE_RETURN_IF_ERROR(get_string("notice_file", &s.notice_file));
  if (s.opinion_file.empty() || s.notice_file.empty() ||
      s.opinion_file.find('/') != std::string::npos ||
      s.notice_file.find('/') != std::string::npos) {
    return Status::InvalidData("opinion_file and notice_file must be plain file names", path);
  }
  return s;
}

const char* DraftTemplateName(DraftDocument doc) {
  switch (doc) {
    case DraftDocument::kPreliminaryOpinion: return "preliminary_opinion";
    case DraftDocument::kCorrectionNotice: return "correction_notice";
    case DraftDocument::kNone: return "";
  }
  return "";
}

bool MaterialsComplete(const model::CaseReport& report) {
  if (report.materials.empty()) return false;
  for (const auto& m : report.materials) {
    if (m.required && m.status != model::MaterialStatus::kPresent) return false;
  }
  for (const auto& f : report.findings) {
    // Ingest-level blocking findings (no form, unreadable form, ...) also make it incomplete.
    if (f.severity == model::Severity::kBlocking && f.rule_id.rfind("ING-", 0) == 0) return false;
  }
  return true;
}

std::string FormatDate(const Date& d, const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    auto starts = [&](const char* tok) { return pattern.compare(i, std::strlen(tok), tok) == 0; };
    if (starts("{year}")) {
      out += std::to_string(d.year);
      i += 6;
    } else if (starts("{month}")) {
      out += std::to_string(d.month);
      i += 7;
    } else if (starts("{day}")) {
      out += std::to_string(d.day);
      i += 5;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

json DocumentObject(const model::CaseReport& report, DraftDocument doc,
                    const OfficeSettings& office, const WorkCalendar& calendar,
                    const Date& today, const std::string& office_authority_name,
                    const MessageCatalog& messages) {
  json d = json::object();
  std::string issuer = office_authority_name;
  if (issuer.empty() && !report.jurisdiction.authority_to_confirm) {
    issuer = report.jurisdiction.authority;
  }
  if (!issuer.empty()) d["issuer"] = issuer;
  d["date"] = FormatDate(today, office.date_format);
  d["draft"] = office.draft;
  if (!office.copy_to.empty()) d["copy_to"] = office.copy_to;
  if (!office.print_office.empty()) d["print_office"] = office.print_office;
  if (doc == DraftDocument::kPreliminaryOpinion) {
    if (!office.expert_group.empty()) d["expert_group"] = office.expert_group;
    if (!office.opinion_addressee.empty()) d["addressee"] = office.opinion_addressee;
  } else if (doc == DraftDocument::kCorrectionNotice) {
    Date deadline = calendar.AddWorkingDays(today, office.correction_deadline_working_days);
    d["deadline"] = FormatDate(deadline, office.date_format);
    if (!office.contact.empty()) d["contact"] = office.contact;
    json to_submit = json::array();
    for (const model::MaterialResult& m : report.materials) {
      const bool missing = m.required && m.status == model::MaterialStatus::kMissing;
      if (!missing && m.status != model::MaterialStatus::kUnreadable) continue;
      to_submit.push_back({{"id", m.id},
                           {"name", m.name},
                           {"status", model::MaterialStatusName(m.status)},
                           {"files", m.files}});
    }
    if (!to_submit.empty()) d["materials_to_submit"] = std::move(to_submit);
    json corrections = json::array();
    for (const model::Finding& f : report.findings) {
      if (f.severity != model::Severity::kBlocking) continue;
      if (f.topic == model::Topic::kMaterials || f.topic == model::Topic::kConditions) continue;
      json evidence = json::array();
      for (const auto& e : f.evidence) {
        evidence.push_back({{"file", e.file},
                            {"location", e.location},
                            {"location_text", LocationText(e.location, messages)}});
      }
      corrections.push_back({{"rule", f.rule_id},
                             {"message", messages.Format(f.message, f.args)},
                             {"evidence", std::move(evidence)}});
    }
    if (!corrections.empty()) d["corrections"] = std::move(corrections);
  }
  return d;
}

}  // namespace pipeline::report
