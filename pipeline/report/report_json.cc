#include "pipeline/report/report_json.h"

#include <algorithm>
#include <cassert>
#include <cstdio>
#include <functional>

#include "pipeline/model/form.h"
#include "pipeline/report/corrections.h"
#include "pipeline/report/document_data.h"

namespace pipeline::report {

using model::FormField;
using nlohmann::json;

namespace {

json Ref(const model::SourceRef& r) { return json{{"file", r.file}, {"location", r.location}}; }

json ValueJson(const std::string& v) { return v; }
json ValueJson(int v) { return v; }
json ValueJson(const Date& d) { return d.IsValid() ? json(d.ToIso()) : json(nullptr); }
json ValueJson(model::YesNo v) { return model::YesNoName(v); }
json ValueJson(model::ApplicationKind v) { return model::ApplicationKindName(v); }
json ValueJson(model::ApplicantType v) { return model::ApplicantTypeName(v); }
json ValueJson(model::Affiliation v) { return model::AffiliationName(v); }
json ValueJson(const model::FeePublication& v) {
  return json{{"text", v.text},
              {"date", v.date ? json(v.date->ToIso()) : json(nullptr)},
              {"stated", model::YesNoName(v.stated)}};
}

template <typename T>
json Typed(const model::Sourced<T>& s) {
  return s.parsed ? ValueJson(s.value) : json(nullptr);
}

template <typename T>
void Field(json& fields, FormField f, const model::Sourced<T>& s) {
  if (!s.present) return;
  fields[model::FormFieldName(f)] =
      json{{"value", Typed(s)}, {"raw", s.raw}, {"parsed", s.parsed}, {"source", Ref(s.where)}};
}

void AddApplicationJson(const model::CaseReport& report, const MessageCatalog& messages, json& out);

}  // namespace

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
                         {"merged", m.merged},
                         {"files", m.files}});
  }
  j["materials"] = std::move(materials);
  j["unmatched_files"] = r.unmatched_files;
  json files = json::array();
  for (const auto& f : r.files) {
    auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    json file = {{"display", f.display},
                 {"archive", or_null(f.archive)},
                 {"entry", or_null(f.entry)},
                 {"name_encoding", f.name_encoding}};
    if (f.pages > 0) file["pages"] = f.pages;
    files.push_back(std::move(file));
  }
  j["files"] = std::move(files);
  json findings = json::array();
  for (const auto& f : r.findings) {
    json evidence = json::array();
    for (const auto& e : f.evidence) {
      evidence.push_back({{"file", e.file},
                          {"location", e.location},
                          {"location_text", LocationText(e.location, messages)}});
    }
    json finding = {{"rule", f.rule_id},
                    {"severity", model::SeverityName(f.severity)},
                    {"topic", model::TopicName(f.topic)},
                    {"consequence", model::ConsequenceName(f.consequence)},
                    {"message_id", f.message},
                    {"message", messages.Format(f.message, f.args)},
                    {"evidence", std::move(evidence)}};
    // The technical detail (English: a reader's exception, an OS error) is for the office
    // only: here and on the worksheet, never in a message that can reach a letter.
    if (const std::string detail = model::TechnicalDetail(f); !detail.empty()) {
      finding["detail"] = detail;
    }
    findings.push_back(std::move(finding));
  }
  j["findings"] = std::move(findings);
  j["corrections"] = CorrectionsJson(r, messages);
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
  j["completeness"] = MaterialsComplete(r) ? "complete" : "corrections_needed";
  AddApplicationJson(r, messages, j);
  return j;
}

namespace {

// institution, jurisdiction, occupations (with their worded levels and exclusion reason),
// conditions (with the worded findings of their rules) and the extracted fields.
void AddApplicationJson(const model::CaseReport& report, const MessageCatalog& messages,
                        json& out) {
  const model::Application& a = report.application;

  out["institution"] = json{
      {"name", a.institution_name.value},
      {"uscc", a.unified_credit_code.value},
      {"uscc_valid", a.uscc_check == model::CodeCheck::kValid},
      {"uscc_check", model::CodeCheckName(a.uscc_check)},
      {"legal_representative", a.legal_representative.value},
      {"legal_representative_id_check", model::CodeCheckName(a.legal_representative_id_check)},
      {"address", a.registered_address.value},
      {"region", a.region.value},
      {"region_code", report.jurisdiction.code},
      {"affiliation", model::AffiliationName(a.affiliation.value)},
      {"applicant_type", model::ApplicantTypeName(a.applicant_type.value)},
      {"application_kind", model::ApplicationKindName(a.kind.value)},
      {"main_business", a.main_business.value},
      {"contact_person", a.contact_person.value},
      {"contact_phone", a.contact_phone.value},
      {"application_date", Typed(a.application_date)},
      {"filing_number", a.filing_number.value},
      {"filing_valid_until", Typed(a.filing_valid_until)},
  };

  const model::Jurisdiction& j = report.jurisdiction;
  out["jurisdiction"] = json{
      {"code", j.code.empty() ? json(nullptr) : json(j.code)},
      {"name", j.name},
      {"authority",
       j.authority_to_confirm || j.authority.empty() ? json(nullptr) : json(j.authority)},
      {"authority_to_confirm", j.authority_to_confirm},
      {"basis", model::JurisdictionBasisName(j.basis)},
      {"source", Ref(j.where)},
  };

  json occ = json::array();
  for (const model::OccupationResult& o : report.occupations) {
    json problems = json::array();
    for (model::OccupationStatus p : o.problems) problems.push_back(model::OccupationStatusName(p));
    json suggestions = json::array();
    for (const model::OccupationSuggestion& s : o.suggestions) {
      suggestions.push_back(json{{"code", s.code}, {"name", s.name}, {"score", s.score}});
    }
    json standards = json::array();
    for (const model::StandardRef& s : o.standards) {
      standards.push_back(json{{"code", s.published_code},
                               {"name", s.published_name},
                               {"work_type", s.work_type},
                               {"edition_year", s.edition_year},
                               {"doc_number", s.doc_number}});
    }
    occ.push_back(json{
        {"levels_text", LevelsText(o.requested.levels, messages)},
        {"exclusion_reason_id", o.exclusion_reason},
        {"exclusion_reason", ExclusionReasonText(o, messages)},
        {"seq", o.requested.seq},
        {"code", o.requested.code},
        {"code_raw", o.requested.code_raw},
        {"name", o.requested.name},
        {"name_raw", o.requested.name_raw},
        {"work_type", o.requested.work_type},
        {"levels", o.requested.levels},
        {"levels_raw", o.requested.levels_raw},
        {"catalogue_name", o.catalogue_name},
        {"major_group", o.major_group},
        {"status", model::OccupationStatusName(o.status)},
        {"problems", problems},
        {"suggestions", suggestions},
        {"standards", standards},
        {"excluded", o.excluded},
        {"source", Ref(o.requested.where)},
    });
  }
  out["occupations"] = occ;

  json conds = json::array();
  for (const model::ConditionResult& c : report.conditions) {
    json reasons = json::array();  // the worded findings of the condition's rules
    for (const auto& rule : c.rule_ids) {
      for (const auto& f : report.findings) {
        if (f.rule_id == rule) reasons.push_back(messages.Format(f.message, f.args));
      }
    }
    json evidence = json::array();
    for (const model::ConditionEvidence& e : c.evidence) {
      evidence.push_back(json{{"label", e.label}, {"value", e.value}, {"source", Ref(e.where)}});
    }
    conds.push_back(json{{"reasons", std::move(reasons)},
                         {"id", c.id},
                         {"article", c.article},
                         {"title", c.title},
                         {"state", model::ConditionStateName(c.state)},
                         {"rule_ids", c.rule_ids},
                         {"evidence", evidence}});
  }
  out["conditions"] = conds;

  json fields = json::object();
  Field(fields, FormField::kInstitutionName, a.institution_name);
  Field(fields, FormField::kUnifiedCreditCode, a.unified_credit_code);
  Field(fields, FormField::kLegalRepresentative, a.legal_representative);
  Field(fields, FormField::kLegalRepresentativeId, a.legal_representative_id);
  Field(fields, FormField::kRegisteredAddress, a.registered_address);
  Field(fields, FormField::kApplicantType, a.applicant_type);
  Field(fields, FormField::kAffiliation, a.affiliation);
  Field(fields, FormField::kRegion, a.region);
  Field(fields, FormField::kApplicationKind, a.kind);
  Field(fields, FormField::kContactPerson, a.contact_person);
  Field(fields, FormField::kContactPhone, a.contact_phone);
  Field(fields, FormField::kApplicationDate, a.application_date);
  Field(fields, FormField::kMainBusiness, a.main_business);
  Field(fields, FormField::kFeePublication, a.fee_publication);
  Field(fields, FormField::kFulltimeStaffCount, a.fulltime_staff_count);
  Field(fields, FormField::kExpertCount, a.expert_count);
  Field(fields, FormField::kAssessorCount, a.assessor_count);
  Field(fields, FormField::kSupervisorCount, a.supervisor_count);
  Field(fields, FormField::kVideoSurveillance, a.video_surveillance);
  Field(fields, FormField::kQuestionBank, a.question_bank);
  Field(fields, FormField::kSafetyFire, a.safety_fire);
  Field(fields, FormField::kIncentiveMechanism, a.incentive_mechanism);
  Field(fields, FormField::kPayLinkage, a.pay_linkage);
  Field(fields, FormField::kSubsidiaries, a.subsidiaries);
  Field(fields, FormField::kFilingNumber, a.filing_number);
  Field(fields, FormField::kFilingValidUntil, a.filing_valid_until);
  Field(fields, FormField::kTerminationReason, a.termination_reason);
  if (!a.exam_sites.empty()) {
    json sites = json::array();
    for (const auto& s : a.exam_sites)
      sites.push_back(json{{"value", s.value}, {"source", Ref(s.where)}});
    fields[model::FormFieldName(FormField::kExamSites)] = json{{"value", sites}};
  }
  if (!a.changes.empty()) {
    json changes = json::array();
    for (const model::ChangeItem& c : a.changes) {
      changes.push_back(json{{"element", model::ChangedElementName(c.element)},
                             {"item", c.item},
                             {"before", c.before},
                             {"after", c.after},
                             {"source", Ref(c.where)}});
    }
    fields[model::FormFieldName(FormField::kChangeItems)] = json{{"value", changes}};
  }
  out["fields"] = fields;
}

}  // namespace

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
      worded = messages.Format(
          "location.cell",
          {{"table", std::to_string(t)}, {"row", std::to_string(r)}, {"cell", std::to_string(c)}});
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

std::string ToJsonText(const json& j) {
  // nlohmann::json objects keep keys sorted (std::map), so output order is stable.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

void InsertMemberText(std::string* text, const std::string& key, const json& value) {
  assert(text->size() >= 3 && text->front() == '{');
  // ToJsonText puts each member of the top object on a line starting with exactly two spaces
  // and a quote (deeper lines have more; JSON strings hold no raw newline), in key order.
  const std::string member_key = json(key).dump(-1, ' ', false, json::error_handler_t::replace);
  std::string member = "  " + member_key + ": ";
  const std::string value_text = value.dump(2, ' ', false, json::error_handler_t::replace);
  for (char ch : value_text) {  // the value's own lines, one level deeper
    member += ch;
    if (ch == '\n') member += "  ";
  }
  if (*text == "{}\n") {
    *text = "{\n" + member + "\n}\n";
    return;
  }
  std::size_t at = text->find('\n') + 1;  // the first member's line
  while (at < text->size() && text->compare(at, 3, "  \"") == 0) {
    std::size_t end = at + 3;  // the key's closing quote
    while ((*text)[end] != '"') end += (*text)[end] == '\\' ? 2u : 1u;
    if (json::parse(text->substr(at + 2, end + 1 - (at + 2))).get<std::string>() > key) break;
    // Past this member: to the next line starting at the same depth, or the closing brace.
    std::size_t next = text->find('\n', at) + 1;
    while (next < text->size() && text->compare(next, 3, "  \"") != 0 && (*text)[next] != '}') {
      next = text->find('\n', next) + 1;
    }
    at = next;
  }
  if ((*text)[at] == '}') {  // last: the member before it gets a comma
    text->insert(at - 1, ",\n" + member);
  } else {
    text->insert(at, member + ",\n");
  }
}

}  // namespace pipeline::report