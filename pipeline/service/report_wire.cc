#include "pipeline/service/report_wire.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

// The model structs as JSON, field by field (enums as their numbers), for the pipe between a
// worker and its parent only. A field added to a model struct must be added here too, or the
// parent's steps (registry, ledger, summary) will not see it: tests/service/report_wire_test.cc
// checks the round trip of a report that sets every field.
namespace pipeline {

inline void to_json(nlohmann::json& j, const Date& d) { j = {d.year, d.month, d.day}; }
inline void from_json(const nlohmann::json& j, Date& d) {
  d = Date{j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>()};
}

namespace model {

template <typename T>
void to_json(nlohmann::json& j, const Sourced<T>& s) {
  j = {s.value, s.raw, s.where.file, s.where.location, s.present, s.parsed};
}
template <typename T>
void from_json(const nlohmann::json& j, Sourced<T>& s) {
  j.at(0).get_to(s.value);
  j.at(1).get_to(s.raw);
  j.at(2).get_to(s.where.file);
  j.at(3).get_to(s.where.location);
  j.at(4).get_to(s.present);
  j.at(5).get_to(s.parsed);
}

inline void to_json(nlohmann::json& j, const FeePublication& f) {
  j = {f.text, f.date.has_value(), f.date.value_or(Date{}), f.stated};
}
inline void from_json(const nlohmann::json& j, FeePublication& f) {
  j.at(0).get_to(f.text);
  if (j.at(1).get<bool>()) f.date = j.at(2).get<Date>();
  j.at(3).get_to(f.stated);
}

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SourceRef, file, location)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ChangeItem, element, item, before, after, where)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Application, kind, applicant_type, institution_name,
                                   unified_credit_code, uscc_check, legal_representative,
                                   legal_representative_id, legal_representative_id_check,
                                   registered_address, region, affiliation, contact_person,
                                   contact_phone, application_date, main_business, fee_publication,
                                   fulltime_staff_count, expert_count, assessor_count,
                                   supervisor_count, exam_sites, video_surveillance, question_bank,
                                   safety_fire, incentive_mechanism, pay_linkage, subsidiaries,
                                   filing_number, filing_valid_until, changes, termination_reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Jurisdiction, code, name, authority, authority_to_confirm,
                                   competence_to_confirm, basis, where)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(RequestedOccupation, seq, code, code_raw, name, work_type,
                                   name_raw, levels, levels_raw, levels_parsed, where)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(OccupationSuggestion, code, name, score)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(StandardRef, published_code, published_name, work_type,
                                   edition_year, doc_number)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(OccupationResult, requested, status, problems, catalogue_name,
                                   major_group, suggestions, standards, excluded, exclusion_reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConditionEvidence, label, value, where)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ConditionResult, id, article, title, state, rule_ids, evidence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(MaterialResult, id, name, article, required, status, files,
                                   merged)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ReportedFile, display, archive, entry, name_encoding, pages)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(Finding, rule_id, severity, message, args, evidence, topic,
                                   consequence)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PendingCheck, id, title, action)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(DraftedDocument, kind, title, file, official)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CaseReport, dossier, case_id, application, jurisdiction,
                                   occupations, conditions, materials, unmatched_files, files,
                                   findings, conclusion, pending_checks, documents, draft_failure)

}  // namespace model

namespace service {

nlohmann::json ReportToWire(const model::CaseReport& r) { return r; }

model::CaseReport ReportFromWire(const nlohmann::json& j) { return j.get<model::CaseReport>(); }

}  // namespace service
}  // namespace pipeline
