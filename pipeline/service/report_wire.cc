#include "pipeline/service/report_wire.h"

#include <string>
#include <utility>
#include <vector>

namespace pipeline::service {
namespace {

using nlohmann::json;

template <typename E>
int Num(E e) {
  return static_cast<int>(e);
}

template <typename E>
E Enum(const json& j) {
  return static_cast<E>(j.get<int>());
}

template <typename T>
json SourcedEnum(const model::Sourced<T>& s) {
  return {Num(s.value), s.present, s.parsed};
}

template <typename T>
void SourcedEnumFrom(const json& j, model::Sourced<T>* s) {
  s->value = Enum<T>(j.at(0));
  s->present = j.at(1).get<bool>();
  s->parsed = j.at(2).get<bool>();
}

json Text(const model::Sourced<std::string>& s) { return {s.value, s.present}; }

void TextFrom(const json& j, model::Sourced<std::string>* s) {
  s->value = j.at(0).get<std::string>();
  s->present = j.at(1).get<bool>();
}

json Application(const model::Application& a) {
  return {{"kind", SourcedEnum(a.kind)},
          {"type", SourcedEnum(a.applicant_type)},
          {"name", Text(a.institution_name)},
          {"uscc", Text(a.unified_credit_code)},
          {"uscc_check", Num(a.uscc_check)},
          {"region", Text(a.region)}};
}

void ApplicationFrom(const json& j, model::Application* a) {
  SourcedEnumFrom(j.at("kind"), &a->kind);
  SourcedEnumFrom(j.at("type"), &a->applicant_type);
  TextFrom(j.at("name"), &a->institution_name);
  TextFrom(j.at("uscc"), &a->unified_credit_code);
  a->uscc_check = Enum<model::CodeCheck>(j.at("uscc_check"));
  TextFrom(j.at("region"), &a->region);
}

json Occupation(const model::OccupationResult& o) {
  const model::RequestedOccupation& r = o.requested;
  return {{"seq", r.seq},         {"code", r.code},
          {"name", r.name},       {"work_type", r.work_type},
          {"levels", r.levels},   {"status", Num(o.status)},
          {"excluded", o.excluded}, {"exclusion_reason", o.exclusion_reason},
          {"catalogue_name", o.catalogue_name}, {"major_group", o.major_group}};
}

model::OccupationResult OccupationFrom(const json& j) {
  model::OccupationResult o;
  o.requested.seq = j.at("seq").get<std::string>();
  o.requested.code = j.at("code").get<std::string>();
  o.requested.name = j.at("name").get<std::string>();
  o.requested.work_type = j.at("work_type").get<std::string>();
  o.requested.levels = j.at("levels").get<std::vector<int>>();
  o.status = Enum<model::OccupationStatus>(j.at("status"));
  o.excluded = j.at("excluded").get<bool>();
  o.exclusion_reason = j.at("exclusion_reason").get<std::string>();
  o.catalogue_name = j.at("catalogue_name").get<std::string>();
  o.major_group = j.at("major_group").get<int>();
  return o;
}

json FindingWire(const model::Finding& f) {
  return {{"rule", f.rule_id},          {"severity", Num(f.severity)},
          {"message", f.message},       {"args", f.args},
          {"topic", Num(f.topic)},      {"consequence", Num(f.consequence)}};
}

model::Finding FindingFrom(const json& j) {
  model::Finding f;
  f.rule_id = j.at("rule").get<std::string>();
  f.severity = Enum<model::Severity>(j.at("severity"));
  f.message = j.at("message").get<std::string>();
  f.args = j.at("args").get<std::vector<std::pair<std::string, std::string>>>();
  f.topic = Enum<model::Topic>(j.at("topic"));
  f.consequence = Enum<model::Consequence>(j.at("consequence"));
  return f;
}

}  // namespace

json ReportToWire(const model::CaseReport& r) {
  json j = {{"dossier", r.dossier},
            {"case_id", r.case_id},
            {"conclusion", Num(r.conclusion)},
            {"draft_failure", r.draft_failure},
            {"application", Application(r.application)},
            {"jurisdiction",
             {r.jurisdiction.code, r.jurisdiction.name, r.jurisdiction.authority,
              r.jurisdiction.authority_to_confirm, Num(r.jurisdiction.basis)}},
            {"materials", json::array()},
            {"occupations", json::array()},
            {"findings", json::array()},
            {"pending", json::array()},
            {"documents", json::array()}};
  for (const model::MaterialResult& m : r.materials) {
    j["materials"].push_back({m.id, m.name, m.article, m.required, Num(m.status), m.files});
  }
  for (const model::OccupationResult& o : r.occupations) j["occupations"].push_back(Occupation(o));
  for (const model::Finding& f : r.findings) j["findings"].push_back(FindingWire(f));
  for (const model::PendingCheck& p : r.pending_checks) {
    j["pending"].push_back({p.id, p.title, p.action});
  }
  for (const model::DraftedDocument& d : r.documents) {
    j["documents"].push_back({d.kind, d.title, d.file, d.official});
  }
  return j;
}

model::CaseReport ReportFromWire(const json& j) {
  model::CaseReport r;
  r.dossier = j.at("dossier").get<std::string>();
  r.case_id = j.at("case_id").get<std::string>();
  r.conclusion = Enum<model::Conclusion>(j.at("conclusion"));
  r.draft_failure = j.at("draft_failure").get<std::string>();
  ApplicationFrom(j.at("application"), &r.application);
  const json& jur = j.at("jurisdiction");
  r.jurisdiction.code = jur.at(0).get<std::string>();
  r.jurisdiction.name = jur.at(1).get<std::string>();
  r.jurisdiction.authority = jur.at(2).get<std::string>();
  r.jurisdiction.authority_to_confirm = jur.at(3).get<bool>();
  r.jurisdiction.basis = Enum<model::JurisdictionBasis>(jur.at(4));
  for (const json& m : j.at("materials")) {
    r.materials.push_back({m.at(0).get<std::string>(), m.at(1).get<std::string>(),
                           m.at(2).get<std::string>(), m.at(3).get<bool>(),
                           Enum<model::MaterialStatus>(m.at(4)),
                           m.at(5).get<std::vector<std::string>>()});
  }
  for (const json& o : j.at("occupations")) r.occupations.push_back(OccupationFrom(o));
  for (const json& f : j.at("findings")) r.findings.push_back(FindingFrom(f));
  for (const json& p : j.at("pending")) {
    r.pending_checks.push_back(
        {p.at(0).get<std::string>(), p.at(1).get<std::string>(), p.at(2).get<std::string>()});
  }
  for (const json& d : j.at("documents")) {
    r.documents.push_back({d.at(0).get<std::string>(), d.at(1).get<std::string>(),
                           d.at(2).get<std::string>(), d.at(3).get<bool>()});
  }
  return r;
}

}  // namespace pipeline::service
