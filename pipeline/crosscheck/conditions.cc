// The conditions of Art. 6 (1)-(6), Art. 8 and Art. 9, one evaluator per rule of rules.xml.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "pipeline/crosscheck/check.h"
#include "pipeline/model/form.h"

namespace pipeline::crosscheck {
namespace {

using model::ApplicationKind;
using model::ConditionState;
using model::FormField;
using model::YesNo;

enum class Material {
  kUnchecked,  // no completeness results were given
  kNotListed,  // the dossier's checklist does not list the rule's materials
  kPresent,
  kMissing,    // missing or unreadable
  kUncertain,  // a file a person must confirm (MaterialStatus::kUncertain); nothing missing
};

const char* MaterialName(Material m) {
  switch (m) {
    case Material::kUnchecked: return "unchecked";
    case Material::kNotListed: return "not_listed";
    case Material::kPresent: return "present";
    case Material::kMissing: return "missing";
    case Material::kUncertain: return "uncertain";
  }
  return "unchecked";
}

class Evaluator {
 public:
  Evaluator(const extract::Extraction& e, const Context& ctx,
            const std::vector<model::MaterialResult>* materials, RuleSink& sink)
      : e_(e), a_(e.application), ctx_(ctx), materials_(materials), sink_(sink) {
    for (const ConditionDef& c : ctx.rules->conditions()) {
      model::ConditionResult r;
      r.id = c.id;
      r.article = c.article;
      r.title = c.title;
      r.state = ConditionState::kNotApplicable;
      results_.push_back(std::move(r));
    }
  }

  std::vector<model::ConditionResult> Run() {
    const ApplicationKind kind = a_.kind.value;
    if (a_.application_date.parsed && ctx_.today.IsValid() &&
        a_.application_date.value > ctx_.today) {
      sink_.Review("application_date_future",
                   {{"value", a_.application_date.value.ToIso()}, {"today", ctx_.today.ToIso()}},
                   {a_.application_date.where});
    }
    if (kind != ApplicationKind::kTermination) {
      Article6();
    }
    if (kind == ApplicationKind::kChange) Article8();
    if (kind == ApplicationKind::kRenewal) Article9();
    return std::move(results_);
  }

 private:
  // ----- bookkeeping -----
  model::ConditionResult* Condition(std::string_view check) {
    const Rule& r = ctx_.rules->ForCheck(check);
    for (model::ConditionResult& c : results_) {
      if (c.id == r.condition) return &c;
    }
    return nullptr;
  }
  static int Rank(ConditionState s) {
    switch (s) {
      case ConditionState::kNotApplicable: return 0;
      case ConditionState::kMet: return 1;
      case ConditionState::kReview: return 2;
      case ConditionState::kNotMet: return 3;
    }
    return 0;
  }
  void Raise(std::string_view check, ConditionState s) {
    model::ConditionResult* c = Condition(check);
    if (c == nullptr) return;
    if (Rank(s) > Rank(c->state)) c->state = s;
    const std::string& id = ctx_.rules->ForCheck(check).id;
    if (s != ConditionState::kMet &&
        std::find(c->rule_ids.begin(), c->rule_ids.end(), id) == c->rule_ids.end()) {
      c->rule_ids.push_back(id);
    }
  }
  void Met(std::string_view check) { Raise(check, ConditionState::kMet); }
  void Fail(std::string_view check, Args args, std::vector<model::SourceRef> ev) {
    const model::Severity sev = ctx_.rules->ForCheck(check).severity;
    sink_.Fail(check, std::move(args), std::move(ev));
    Raise(check, sev == model::Severity::kBlocking ? ConditionState::kNotMet
                 : sev == model::Severity::kReview ? ConditionState::kReview
                                                    : ConditionState::kMet);
  }
  void Review(std::string_view check, Args args, std::vector<model::SourceRef> ev) {
    sink_.Review(check, std::move(args), std::move(ev));
    Raise(check, ConditionState::kReview);
  }
  template <typename T>
  void Evidence(std::string_view check, FormField f, const model::Sourced<T>& v) {
    if (model::ConditionResult* c = Condition(check)) {
      c->evidence.push_back({model::FormFieldName(f), v.raw, v.where});
    }
  }
  void MaterialEvidence(std::string_view check) {
    model::ConditionResult* c = Condition(check);
    if (c == nullptr || materials_ == nullptr) return;
    for (const std::string& id : ctx_.rules->ForCheck(check).materials) {
      for (const model::MaterialResult& m : *materials_) {
        if (m.id != id) continue;
        std::string files;
        for (const std::string& f : m.files) files += (files.empty() ? "" : "; ") + f;
        c->evidence.push_back({m.id, model::MaterialStatusName(m.status), {files, ""}});
      }
    }
  }
  Material MaterialOf(std::string_view check) const {
    if (materials_ == nullptr) return Material::kUnchecked;
    bool listed = false;
    bool missing = false;
    bool uncertain = false;
    for (const std::string& id : ctx_.rules->ForCheck(check).materials) {
      for (const model::MaterialResult& m : *materials_) {
        if (m.id != id) continue;
        // An optional material the dossier does not carry is no evidence either way.
        if (!m.required && m.status == model::MaterialStatus::kMissing) continue;
        listed = true;
        if (m.status == model::MaterialStatus::kUncertain) uncertain = true;
        else if (m.status != model::MaterialStatus::kPresent) missing = true;
      }
    }
    if (!listed) return Material::kNotListed;
    if (missing) return Material::kMissing;
    return uncertain ? Material::kUncertain : Material::kPresent;
  }
  std::string MaterialIds(std::string_view check) const {
    std::string s;
    for (const std::string& id : ctx_.rules->ForCheck(check).materials) s += (s.empty() ? "" : " ") + id;
    return s;
  }

  // ----- generic shapes -----
  // A 有/无 field backed by a material.
  void YesNoRule(std::string_view check, FormField f, const model::Sourced<YesNo>& v) {
    Evidence(check, f, v);
    MaterialEvidence(check);
    const Material m = MaterialOf(check);
    const Args args = {{"field", model::FormFieldName(f)}, {"value", v.raw},
                       {"material", MaterialIds(check)}, {"material_status", MaterialName(m)}};
    if (v.value == YesNo::kNo || m == Material::kMissing) return Fail(check, args, {v.where});
    if (v.value == YesNo::kYes) return Met(check);
    if (v.value == YesNo::kUnknown && m == Material::kPresent) return Met(check);
    Review(check, args, {v.where});
  }
  // A rule resting on materials only.
  void MaterialRule(std::string_view check) {
    MaterialEvidence(check);
    const Material m = MaterialOf(check);
    const Args args = {{"material", MaterialIds(check)}, {"material_status", MaterialName(m)}};
    if (m == Material::kPresent) return Met(check);
    if (m == Material::kMissing) return Fail(check, args, {});
    // Not in this kind's checklist (a change or renewal re-files only what changed): the
    // condition rests on the filed record, not on this dossier; nothing to judge here.
    if (m == Material::kNotListed) return;
    Review(check, args, {});
  }
  // A head count with a minimum.
  void CountRule(std::string_view check, FormField f, const model::Sourced<int>& v, int min) {
    Evidence(check, f, v);
    const Args args = {{"field", model::FormFieldName(f)}, {"value", v.raw},
                       {"min", std::to_string(min)}};
    if (!v.parsed) return Review(check, args, {v.where});
    if (v.value < min) return Fail(check, args, {v.where});
    Met(check);
  }

  // ----- Art. 6 -----
  void Article6() {
    // (1) legal person, legal representative, no bad record, in the province.
    {
      const char* c = "legal_person_credit_code";
      Evidence(c, FormField::kInstitutionName, a_.institution_name);
      Evidence(c, FormField::kUnifiedCreditCode, a_.unified_credit_code);
      MaterialEvidence(c);
      const Material m = MaterialOf(c);
      const Args args = {{"value", a_.unified_credit_code.raw},
                         {"check", model::CodeCheckName(a_.uscc_check)},
                         {"material", MaterialIds(c)}, {"material_status", MaterialName(m)}};
      if (!a_.unified_credit_code.present || a_.uscc_check == model::CodeCheck::kBadFormat ||
          m == Material::kMissing) {
        Fail(c, args, {a_.unified_credit_code.where});
      } else if (a_.uscc_check == model::CodeCheck::kBadChecksum) {
        Review(c, args, {a_.unified_credit_code.where});
      } else {
        Met(c);
      }
    }
    {
      const char* c = "legal_representative";
      Evidence(c, FormField::kLegalRepresentative, a_.legal_representative);
      Evidence(c, FormField::kLegalRepresentativeId, a_.legal_representative_id);
      MaterialEvidence(c);
      const Material m = MaterialOf(c);
      if (!a_.legal_representative.present || m == Material::kMissing) {
        Fail(c, {{"value", a_.legal_representative.raw}, {"material", MaterialIds(c)},
                 {"material_status", MaterialName(m)}},
             {a_.legal_representative.where});
      } else {
        Met(c);
      }
    }
    {
      // A machine cannot search the credit and court records: always a person's decision.
      const char* c = "no_bad_record";
      MaterialEvidence(c);
      Review(c, {{"institution", a_.institution_name.value},
                 {"credit_code", a_.unified_credit_code.value},
                 {"legal_representative", a_.legal_representative.value},
                 {"material", MaterialIds(c)}, {"material_status", MaterialName(MaterialOf(c))}},
             {a_.institution_name.where, a_.legal_representative.where});
    }
    {
      const char* c = "works_in_province";
      Evidence(c, FormField::kRegion, a_.region);
      Evidence(c, FormField::kRegisteredAddress, a_.registered_address);
      const std::string& u = a_.unified_credit_code.value;
      const bool uscc_usable = a_.uscc_check == model::CodeCheck::kValid ||
                               a_.uscc_check == model::CodeCheck::kBadChecksum;
      if (uscc_usable && u.compare(2, 2, "22") != 0) {
        Review(c, {{"credit_code", u}, {"region", a_.region.raw},
                   {"address", a_.registered_address.raw}},
               {a_.unified_credit_code.where, a_.registered_address.where});
      } else if (!uscc_usable && !a_.region.present) {
        Review(c, {{"credit_code", u}, {"region", a_.region.raw},
                   {"address", a_.registered_address.raw}},
               {a_.registered_address.where});
      } else {
        Met(c);
      }
    }
    // (2) fee schedule computed and published.
    {
      const char* c = "fee_published";
      const auto& v = a_.fee_publication;
      Evidence(c, FormField::kFeePublication, v);
      MaterialEvidence(c);
      const Material m = MaterialOf(c);
      const Args args = {{"value", v.raw},
                         {"date", v.value.date ? v.value.date->ToIso() : std::string()},
                         {"material", MaterialIds(c)}, {"material_status", MaterialName(m)}};
      const YesNo said = v.value.stated;
      if (m == Material::kMissing || said == YesNo::kNo) {
        Fail(c, args, {v.where});
      } else if (v.present) {
        Met(c);
      } else if (m == Material::kPresent) {
        Review(c, args, {v.where});
      } else {
        Fail(c, args, {v.where});
      }
    }
    // (3) department and staff.
    MaterialRule("staff_lists");
    const RuleSet& rs = *ctx_.rules;
    CountRule("fulltime_staff", FormField::kFulltimeStaffCount, a_.fulltime_staff_count,
              rs.GetThreshold("min_fulltime_staff").value);
    CountRule("experts", FormField::kExpertCount, a_.expert_count,
              rs.GetThreshold("min_experts").value);
    {
      std::set<std::string> distinct;
      for (const model::RequestedOccupation& o : e_.occupations) {
        distinct.insert(o.code.empty() ? o.name : o.code);
      }
      const int n = std::max<int>(1, static_cast<int>(distinct.size()));
      CountRule("assessors_per_occupation", FormField::kAssessorCount, a_.assessor_count,
                n * rs.GetThreshold("min_assessors_per_occupation").value);
    }
    CountRule("supervisors", FormField::kSupervisorCount, a_.supervisor_count,
              rs.GetThreshold("min_supervisors").value);
    // (4) business related; sites, equipment, question bank, video, safety.
    {
      const char* c = "business_related";
      Evidence(c, FormField::kMainBusiness, a_.main_business);
      std::string list;
      std::vector<model::SourceRef> ev = {a_.main_business.where};
      model::ConditionResult* cond = Condition(c);
      for (const model::RequestedOccupation& o : e_.occupations) {
        if (!list.empty()) list += "; ";
        list += o.code + " " + o.name + (o.work_type.empty() ? "" : "(" + o.work_type + ")");
        ev.push_back(o.where);
        if (cond != nullptr) cond->evidence.push_back({o.code, o.name_raw, o.where});
      }
      Review(c, {{"main_business", a_.main_business.value}, {"occupations", list}}, std::move(ev));
    }
    {
      const char* c = "exam_sites";
      MaterialEvidence(c);
      std::string sites;
      model::ConditionResult* cond = Condition(c);
      for (const auto& s : a_.exam_sites) {
        sites += (sites.empty() ? "" : "; ") + s.value;
        if (cond != nullptr) cond->evidence.push_back({model::FormFieldName(FormField::kExamSites), s.value, s.where});
      }
      const Material m = MaterialOf(c);
      if (a_.exam_sites.empty() || m == Material::kMissing) {
        Fail(c, {{"value", sites}, {"material", MaterialIds(c)}, {"material_status", MaterialName(m)}},
             {e_.form});
      } else {
        Met(c);
      }
    }
    YesNoRule("question_bank", FormField::kQuestionBank, a_.question_bank);
    YesNoRule("video_surveillance", FormField::kVideoSurveillance, a_.video_surveillance);
    YesNoRule("safety_fire", FormField::kSafetyFire, a_.safety_fire);
    // (5) management, personnel rules, emergency plan.
    MaterialRule("management_rules");
    // (6) employers only.
    if (a_.applicant_type.value == model::ApplicantType::kSocialOrg) return;  // not applicable
    if (a_.applicant_type.value == model::ApplicantType::kUnknown) {
      Review("incentive_mechanism",
             {{"field", model::FormFieldName(FormField::kApplicantType)},
              {"value", a_.applicant_type.raw},
              {"material", MaterialIds("incentive_mechanism")},
              {"material_status", MaterialName(MaterialOf("incentive_mechanism"))}},
             {a_.applicant_type.where});
      return;
    }
    YesNoRule("incentive_mechanism", FormField::kIncentiveMechanism, a_.incentive_mechanism);
    YesNoRule("pay_linkage", FormField::kPayLinkage, a_.pay_linkage);
    {
      const char* c = "subsidiaries";
      const auto& v = a_.subsidiaries;
      Evidence(c, FormField::kSubsidiaries, v);
      MaterialEvidence(c);
      const bool in_scope = v.value == YesNo::kYes || v.value == YesNo::kUnclear;
      const Material m = MaterialOf(c);
      const Args args = {{"value", v.raw}, {"material", MaterialIds(c)},
                         {"material_status", MaterialName(m)}};
      if (!in_scope) Met(c);
      else if (m == Material::kMissing) Fail(c, args, {v.where});
      else if (m == Material::kPresent) Met(c);
      else Review(c, args, {v.where});
    }
  }

  // ----- Art. 8 -----
  void Article8() {
    Evidence("original_filing_number", FormField::kFilingNumber, a_.filing_number);
    if (!a_.filing_number.present) {
      Fail("original_filing_number", {}, {a_.filing_number.where});
    } else {
      Met("original_filing_number");
    }
    if (a_.changes.empty()) {
      Fail("change_items_present", {}, {e_.form});
      return;
    }
    Met("change_items_present");
    model::ConditionResult* cond = Condition("change_items_present");
    for (const model::ChangeItem& ch : a_.changes) {
      if (cond != nullptr) {
        cond->evidence.push_back({model::ChangedElementName(ch.element),
                                  ch.before + " -> " + ch.after, ch.where});
      }
      const Args args = {{"item", ch.item}, {"before", ch.before}, {"after", ch.after},
                         {"element", model::ChangedElementName(ch.element)}};
      if (ch.element == model::ChangedElement::kUnknown) Review("change_item_known", args, {ch.where});
      else Met("change_item_known");
      if (ch.after.empty() || ch.before == ch.after) Fail("change_item_complete", args, {ch.where});
      else Met("change_item_complete");
    }
  }

  // ----- Art. 9 -----
  void Article9() {
    Evidence("renewal_filing_number", FormField::kFilingNumber, a_.filing_number);
    if (!a_.filing_number.present) Fail("renewal_filing_number", {}, {a_.filing_number.where});
    else Met("renewal_filing_number");
    const auto& until = a_.filing_valid_until;
    Evidence("renewal_expiry_present", FormField::kFilingValidUntil, until);
    Evidence("renewal_expiry_present", FormField::kApplicationDate, a_.application_date);
    if (!until.parsed) {
      Fail("renewal_expiry_present", {{"value", until.raw}}, {until.where});
      return;
    }
    Met("renewal_expiry_present");
    // Filing date: 申请日期 when it parses and is not in the future, otherwise --date.
    const bool use_app_date = a_.application_date.parsed &&
                              !(ctx_.today.IsValid() && a_.application_date.value > ctx_.today);
    const Date filed = use_app_date ? a_.application_date.value : ctx_.today;
    const int lead = ctx_.rules->GetThreshold("renewal_lead_months").value;
    const Date window_closes = until.value.AddMonths(-lead);
    const Args args = {{"filed", filed.ToIso()},
                       {"filed_basis", use_app_date ? "application_date" : "today"},
                       {"valid_until", until.value.ToIso()},
                       {"deadline", window_closes.ToIso()},
                       {"months", std::to_string(lead)}};
    std::vector<model::SourceRef> ev = {until.where};
    if (use_app_date) ev.push_back(a_.application_date.where);
    if (filed > until.value) {
      Fail("renewal_after_expiry", args, ev);
    } else if (filed > window_closes) {
      Fail("renewal_late", args, ev);
    } else {
      Met("renewal_after_expiry");
      Met("renewal_late");
    }
  }

  const extract::Extraction& e_;
  const model::Application& a_;
  const Context& ctx_;
  const std::vector<model::MaterialResult>* materials_;
  RuleSink& sink_;
  std::vector<model::ConditionResult> results_;
};

}  // namespace

std::vector<model::ConditionResult> CheckConditions(
    const extract::Extraction& extraction, const Context& ctx,
    const std::vector<model::MaterialResult>* materials, RuleSink& sink) {
  return Evaluator(extraction, ctx, materials, sink).Run();
}

}  // namespace pipeline::crosscheck
