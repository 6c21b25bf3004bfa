#include "pipeline/crosscheck/report_json_part.h"

#include <string>

#include "pipeline/model/form.h"

namespace pipeline::crosscheck {
namespace {

using nlohmann::json;
using model::FormField;

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
  fields[model::FormFieldName(f)] = json{{"value", Typed(s)},
                                         {"raw", s.raw},
                                         {"parsed", s.parsed},
                                         {"source", Ref(s.where)}};
}

}  // namespace

void AppendIssue3Json(const model::CaseReport& report, json& out) {
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
      {"authority", j.authority_to_confirm || j.authority.empty() ? json(nullptr) : json(j.authority)},
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
      standards.push_back(json{{"code", s.published_code}, {"name", s.published_name},
                               {"work_type", s.work_type}, {"edition_year", s.edition_year},
                               {"doc_number", s.doc_number}});
    }
    occ.push_back(json{
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
    json evidence = json::array();
    for (const model::ConditionEvidence& e : c.evidence) {
      evidence.push_back(json{{"label", e.label}, {"value", e.value}, {"source", Ref(e.where)}});
    }
    conds.push_back(json{{"id", c.id},
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
    for (const auto& s : a.exam_sites) sites.push_back(json{{"value", s.value}, {"source", Ref(s.where)}});
    fields[model::FormFieldName(FormField::kExamSites)] = json{{"value", sites}};
  }
  if (!a.changes.empty()) {
    json changes = json::array();
    for (const model::ChangeItem& c : a.changes) {
      changes.push_back(json{{"element", model::ChangedElementName(c.element)},
                             {"item", c.item}, {"before", c.before}, {"after", c.after},
                             {"source", Ref(c.where)}});
    }
    fields[model::FormFieldName(FormField::kChangeItems)] = json{{"value", changes}};
  }
  out["fields"] = fields;
}

void AppendRuleDefaultsJson(const RuleSet& rules, const RuleSettings& settings, json& out) {
  json d = json::array();
  for (const Threshold& t : rules.thresholds()) {
    if (t.owner != "province") continue;
    const std::optional<int> v = EffectiveThreshold(rules, &settings, t.id);
    d.push_back(json{{"id", t.id}, {"value", v ? json(*v) : json(nullptr)},
                     {"article", t.article}, {"owner", t.owner}});
  }
  out["rule_defaults"] = d;
  out["rule_settings"] = RuleSettingsJson(rules, settings);
}

}  // namespace pipeline::crosscheck
