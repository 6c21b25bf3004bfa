// The conditions of Art. 6 (1)-(6), Art. 8 and Art. 9, one evaluator per rule of rules.xml.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "pipeline/core/enum_names.h"
#include "pipeline/core/text.h"
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

constexpr EnumName<Material> kMaterialNames[] = {
    {Material::kUnchecked, "unchecked"}, {Material::kNotListed, "not_listed"},
    {Material::kPresent, "present"},     {Material::kMissing, "missing"},
    {Material::kUncertain, "uncertain"},
};

const char* MaterialName(Material m) { return NameOf(kMaterialNames, m, "unchecked"); }

class Evaluator {
 public:
  Evaluator(const model::Extraction& e, const Context& ctx,
            const std::vector<model::MaterialResult>* materials, RuleSink& sink,
            const std::vector<model::OccupationResult>* occupations,
            std::vector<PendingRef>* pending)
      : e_(e),
        a_(e.application),
        ctx_(ctx),
        materials_(materials),
        sink_(sink),
        occupations_(occupations),
        pending_(pending) {
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
    // Art. 9 and Art. 10 each call for the department's own evaluation: a step for a person
    // (it leaves the conditions as they are: Art. 9's is about timing only).
    const Args who = {{"institution", a_.institution_name.value}};
    if (pending_ != nullptr && kind == ApplicationKind::kRenewal) {
      pending_->push_back({"PC-RENEWAL", who});
    }
    if (pending_ != nullptr && kind == ApplicationKind::kTermination) {
      pending_->push_back({"PC-TERMINATION", who});
    }
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
      case ConditionState::kNotApplicable:
        return 0;
      case ConditionState::kMet:
        return 1;
      case ConditionState::kPending:
        return 2;
      case ConditionState::kReview:
        return 3;
      case ConditionState::kNotMet:
        return 4;
    }
    return 0;
  }
  void Raise(std::string_view check, ConditionState s) {
    model::ConditionResult* c = Condition(check);
    if (c == nullptr) return;
    if (Rank(s) > Rank(c->state)) c->state = s;
    const std::string& id = ctx_.rules->ForCheck(check).id;
    if (s != ConditionState::kMet && s != ConditionState::kPending &&
        std::find(c->rule_ids.begin(), c->rule_ids.end(), id) == c->rule_ids.end()) {
      c->rule_ids.push_back(id);
    }
  }
  void Met(std::string_view check) { Raise(check, ConditionState::kMet); }
  // `message` "" = the rule's own message key.
  void Fail(std::string_view check, Args args, std::vector<model::SourceRef> ev,
            std::string_view message = {}) {
    Emit(check, ctx_.rules->ForCheck(check).severity, message, std::move(args), std::move(ev));
  }
  void Review(std::string_view check, Args args, std::vector<model::SourceRef> ev,
              std::string_view message = {}) {
    const bool info = ctx_.rules->ForCheck(check).severity == model::Severity::kInfo;
    Emit(check, info ? model::Severity::kInfo : model::Severity::kReview, message, std::move(args),
         std::move(ev));
  }
  // A finding of severity `sev`; the condition follows it (info findings leave it as it is: a
  // recorded fact is neither met nor unmet).
  void Emit(std::string_view check, model::Severity sev, std::string_view message, Args args,
            std::vector<model::SourceRef> ev) {
    sink_.Emit(check, sev, message, std::move(args), std::move(ev));
    if (sev == model::Severity::kBlocking) Raise(check, ConditionState::kNotMet);
    if (sev == model::Severity::kReview) Raise(check, ConditionState::kReview);
  }
  // A step left to a person (report.json pending_checks); the condition of `check` is at best
  // "pending" from now on.
  void Pending(std::string_view check, std::string id, Args args) {
    Raise(check, ConditionState::kPending);
    if (pending_ != nullptr) pending_->push_back({std::move(id), std::move(args)});
  }
  // A change dossier (Art. 8) shows only what changed: a rule is judged there only when its
  // materials are in the dossier, or required and missing (the proofs of the changed element,
  // materials.xml required="if-changed"); a condition nothing shows stays not_applicable.
  bool Applies(std::string_view check) const {
    if (a_.kind.value != ApplicationKind::kChange) return true;
    const Material m = MaterialOf(check);
    return !ctx_.rules->ForCheck(check).materials.empty() &&
           (m == Material::kPresent || m == Material::kMissing);
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
        c->evidence.push_back(
            {m.id, model::MaterialStatusName(m.status), {JoinListArg(m.files), ""}});
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
        if (m.status == model::MaterialStatus::kUncertain)
          uncertain = true;
        else if (m.status != model::MaterialStatus::kPresent)
          missing = true;
      }
    }
    if (!listed) return Material::kNotListed;
    if (missing) return Material::kMissing;
    return uncertain ? Material::kUncertain : Material::kPresent;
  }
  std::string MaterialIds(std::string_view check) const {
    std::string s;
    for (const std::string& id : ctx_.rules->ForCheck(check).materials)
      s += (s.empty() ? "" : " ") + id;
    return s;
  }

  // ----- generic shapes -----
  // A 有/无 field backed by a material.
  void YesNoRule(std::string_view check, FormField f, const model::Sourced<YesNo>& v) {
    if (!Applies(check)) return;
    Evidence(check, f, v);
    MaterialEvidence(check);
    const Material m = MaterialOf(check);
    const Args args = {{"field", model::FormFieldName(f)},
                       {"value", v.raw},
                       {"stated", model::YesNoName(v.value)},
                       {"material", MaterialIds(check)},
                       {"material_status", MaterialName(m)}};
    if (v.value == YesNo::kNo || m == Material::kMissing) return Fail(check, args, {v.where});
    if (v.value == YesNo::kYes) return Met(check);
    if (v.value == YesNo::kUnknown && m == Material::kPresent) return Met(check);
    Review(check, args, {v.where});
  }
  // A rule resting on materials only.
  void MaterialRule(std::string_view check) {
    if (!Applies(check)) return;
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
  // A head count (据申请表填报). Not understood: review (`<rule message>.unreadable`). None at
  // all fails Art. 6 (3) 「具有…」 (`<rule message>.none`); below the office's minimum fails
  // (the rule's message); without a minimum any number above zero is for a person to weigh
  // against 「相适应的」 (PC-STAFF).
  void CountRule(std::string_view check, FormField f, const model::Sourced<int>& v,
                 std::optional<int> min) {
    Evidence(check, f, v);
    const Args args = {{"field", model::FormFieldName(f)},
                       {"value", v.raw},
                       {"min", min ? std::to_string(*min) : std::string()},
                       {"material", MaterialIds(check)},
                       {"material_status", MaterialName(MaterialOf(check))}};
    const std::string& message = ctx_.rules->ForCheck(check).message;
    if (!v.parsed) return Review(check, args, {v.where}, message + ".unreadable");
    if (v.value <= 0) {
      return Fail(check, args, {v.where}, message + ".none");
    }
    if (min && v.value < *min) return Fail(check, args, {v.where});
    Met(check);
  }
  std::optional<int> Minimum(std::string_view id) const {
    return EffectiveThreshold(*ctx_.rules, ctx_.settings, id);
  }
  // Occupations still requested (not excluded), distinct by code (or name) and 工种.
  std::vector<const model::RequestedOccupation*> LiveOccupations() const {
    std::vector<const model::RequestedOccupation*> out;
    if (occupations_ != nullptr && !occupations_->empty()) {
      for (const model::OccupationResult& o : *occupations_) {
        if (!o.excluded) out.push_back(&o.requested);
      }
      return out;
    }
    for (const model::RequestedOccupation& o : e_.occupations) out.push_back(&o);
    return out;
  }

  // ----- Art. 6 -----
  void Article6() {
    // (1) legal person, legal representative, no bad record, in the province.
    if (Applies("legal_person_credit_code")) {
      const char* c = "legal_person_credit_code";
      Evidence(c, FormField::kInstitutionName, a_.institution_name);
      Evidence(c, FormField::kUnifiedCreditCode, a_.unified_credit_code);
      MaterialEvidence(c);
      const Material m = MaterialOf(c);
      const Args args = {{"value", a_.unified_credit_code.raw},
                         {"check", model::CodeCheckName(a_.uscc_check)},
                         {"material", MaterialIds(c)},
                         {"material_status", MaterialName(m)}};
      if (!a_.unified_credit_code.present || a_.uscc_check == model::CodeCheck::kBadFormat ||
          m == Material::kMissing) {
        Fail(c, args, {a_.unified_credit_code.where});
      } else if (a_.uscc_check == model::CodeCheck::kBadChecksum) {
        Review(c, args, {a_.unified_credit_code.where});
      } else {
        Met(c);
      }
    }
    if (Applies("legal_representative")) {
      const char* c = "legal_representative";
      Evidence(c, FormField::kLegalRepresentative, a_.legal_representative);
      Evidence(c, FormField::kLegalRepresentativeId, a_.legal_representative_id);
      MaterialEvidence(c);
      const Material m = MaterialOf(c);
      if (!a_.legal_representative.present || m == Material::kMissing) {
        Fail(c,
             {{"value", a_.legal_representative.raw},
              {"material", MaterialIds(c)},
              {"material_status", MaterialName(m)}},
             {a_.legal_representative.where});
      } else {
        Met(c);
      }
    }
    CreditRecord();
    if (Applies("works_in_province")) {
      const char* c = "works_in_province";
      Evidence(c, FormField::kRegion, a_.region);
      Evidence(c, FormField::kRegisteredAddress, a_.registered_address);
      const std::string& u = a_.unified_credit_code.value;
      const bool uscc_usable = a_.uscc_check == model::CodeCheck::kValid ||
                               a_.uscc_check == model::CodeCheck::kBadChecksum;
      if (uscc_usable && u.compare(2, 2, "22") != 0) {
        Review(
            c,
            {{"credit_code", u}, {"region", a_.region.raw}, {"address", a_.registered_address.raw}},
            {a_.unified_credit_code.where, a_.registered_address.where});
      } else if (!uscc_usable && !a_.region.present) {
        Review(
            c,
            {{"credit_code", u}, {"region", a_.region.raw}, {"address", a_.registered_address.raw}},
            {a_.registered_address.where});
      } else {
        Met(c);
      }
    }
    // (2) fee schedule computed and published; 不以营利为目的 is never shown by the dossier.
    if (Applies("fee_published")) {
      const char* c = "fee_published";
      const auto& v = a_.fee_publication;
      Evidence(c, FormField::kFeePublication, v);
      MaterialEvidence(c);
      const Material m = MaterialOf(c);
      const Args args = {{"value", v.raw},
                         {"date", v.value.date ? v.value.date->ToIso() : std::string()},
                         {"stated", model::YesNoName(v.value.stated)},
                         {"material", MaterialIds(c)},
                         {"material_status", MaterialName(m)}};
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
      Pending(c, "PC-NONPROFIT", {{"institution", a_.institution_name.value}});
    }
    // (3) department and staff.
    MaterialRule("staff_lists");
    Staff();
    // (4) business related; sites, equipment, question bank, video, safety.
    if (Applies("business_related")) BusinessRelated();
    if (Applies("exam_sites")) {
      const char* c = "exam_sites";
      MaterialEvidence(c);
      std::string sites;
      model::ConditionResult* cond = Condition(c);
      for (const auto& s : a_.exam_sites) {
        sites += (sites.empty() ? "" : "; ") + s.value;
        if (cond != nullptr)
          cond->evidence.push_back({model::FormFieldName(FormField::kExamSites), s.value, s.where});
      }
      const Material m = MaterialOf(c);
      if (a_.exam_sites.empty() || m == Material::kMissing) {
        Fail(c,
             {{"value", sites}, {"material", MaterialIds(c)}, {"material_status", MaterialName(m)}},
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
    if (!Applies("incentive_mechanism")) return;  // a change dossier without M-EMP-01
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
    if (Applies("subsidiaries")) {
      const char* c = "subsidiaries";
      const auto& v = a_.subsidiaries;
      Evidence(c, FormField::kSubsidiaries, v);
      MaterialEvidence(c);
      const bool in_scope = v.value == YesNo::kYes || v.value == YesNo::kUnclear;
      const Material m = MaterialOf(c);
      const Args args = {
          {"value", v.raw}, {"material", MaterialIds(c)}, {"material_status", MaterialName(m)}};
      if (!in_scope)
        Met(c);
      else if (m == Material::kMissing)
        Fail(c, args, {v.where});
      else if (m == Material::kPresent)
        Met(c);
      else
        Review(c, args, {v.where});
    }
  }

  // C61-03: the office's credit list, if any; the officer's own query is always pending.
  void CreditRecord() {
    const char* c = "no_bad_record";
    MaterialEvidence(c);  // the applicant's 承诺书: what it says, not proof
    const Args who = {{"institution", a_.institution_name.value},
                      {"credit_code", a_.unified_credit_code.value},
                      {"legal_representative", a_.legal_representative.value}};
    if (ctx_.credit_list != nullptr) {
      const CreditListEntry* hit = ctx_.credit_list->Match(
          a_.unified_credit_code.value, a_.institution_name.value, a_.legal_representative.value);
      Args args = who;
      if (hit != nullptr) {
        args.insert(args.end(), {{"listed_name", hit->name},
                                 {"listed_credit_code", hit->uscc},
                                 {"listed_legal_representative", hit->legal_representative},
                                 {"source", hit->source},
                                 {"date", hit->date_text},
                                 {"list_file", BaseName(ctx_.credit_list->file())},
                                 {"list_line", std::to_string(hit->line)}});
        std::vector<model::SourceRef> where = {a_.unified_credit_code.where,
                                               a_.institution_name.where};
        if (hit->kind == CreditListEntry::Kind::kTerminated) {
          // An ended filing (Art. 10 or 11) is not by itself a bad record: a person weighs it.
          Review(c, std::move(args), std::move(where), "crosscheck.credit_list_terminated");
        } else {
          Fail(c, std::move(args), std::move(where));
        }
      } else {
        args.push_back({"sources", ctx_.credit_list->Sources()});
        sink_.Emit(c, model::Severity::kInfo, "crosscheck.credit_list_clear", args, {});
        if (model::ConditionResult* cond = Condition(c)) {
          cond->evidence.push_back({"credit_list",
                                    ctx_.credit_list->Sources(),
                                    {BaseName(ctx_.credit_list->file()), ""}});
        }
      }
    }
    Pending(c, "PC-CREDIT", who);
  }

  // (3): the four head counts, and the officer's judgement of 「相适应的」 when the office has
  // set no minimum for some of them.
  void Staff() {
    struct Count {
      const char* check;
      FormField field;
      const model::Sourced<int>* value;
      const char* threshold;
    };
    const Count counts[] = {
        {"fulltime_staff", FormField::kFulltimeStaffCount, &a_.fulltime_staff_count,
         "min_fulltime_staff"},
        {"experts", FormField::kExpertCount, &a_.expert_count, "min_experts"},
        {"assessors_per_occupation", FormField::kAssessorCount, &a_.assessor_count,
         "min_assessors_per_occupation"},
        {"supervisors", FormField::kSupervisorCount, &a_.supervisor_count, "min_supervisors"},
    };
    std::set<std::string> distinct;
    for (const model::RequestedOccupation* o : LiveOccupations()) {
      distinct.insert((o->code.empty() ? o->name : o->code) + "|" + o->work_type);
    }
    const int occupations = static_cast<int>(distinct.size());
    bool unset = false;
    bool judged = false;
    for (const Count& k : counts) {
      if (!Applies(k.check)) continue;
      judged = true;
      std::optional<int> min = Minimum(k.threshold);
      unset = unset || !min;
      const bool per_occupation = std::string_view(k.check) == "assessors_per_occupation";
      if (min && per_occupation) min = std::max(1, occupations) * *min;
      // Without a minimum, fewer assessors than occupations leaves some occupation without
      // one: a person looks at the numbers.
      if (!min && per_occupation && k.value->parsed && k.value->value > 0 &&
          k.value->value < occupations) {
        Evidence(k.check, k.field, *k.value);
        Review(k.check, {{"value", k.value->raw}, {"occupations", std::to_string(occupations)}},
               {k.value->where}, "crosscheck.assessors_per_occupation.few");
        continue;
      }
      CountRule(k.check, k.field, *k.value, min);
    }
    if (judged && unset) {
      Pending("fulltime_staff", "PC-STAFF",
              {{"fulltime", a_.fulltime_staff_count.raw},
               {"experts", a_.expert_count.raw},
               {"assessors", a_.assessor_count.raw},
               {"supervisors", a_.supervisor_count.raw},
               {"occupations", std::to_string(occupations)}});
    }
  }

  // C64-01: the 主营业务 against each occupation still requested (business_terms.xml).
  void BusinessRelated() {
    const char* c = "business_related";
    const std::vector<const model::RequestedOccupation*> live = LiveOccupations();
    if (live.empty()) return;  // nothing left to relate
    Evidence(c, FormField::kMainBusiness, a_.main_business);
    model::ConditionResult* cond = Condition(c);
    std::string unmatched;
    std::vector<model::SourceRef> ev = {a_.main_business.where};
    for (const model::RequestedOccupation* o : live) {
      std::vector<std::string> words;
      if (ctx_.business_terms != nullptr) {
        const model::CatalogueOccupation* entry =
            o->code.empty() ? nullptr : ctx_.catalogue->FindCode(o->code);
        std::vector<model::StandardRef> standards;
        if (entry != nullptr) {
          for (const model::CatalogueStandard* s : ctx_.catalogue->StandardsFor(entry->code)) {
            standards.push_back({s->published_code, s->published_name, s->work_type,
                                 s->edition_year, s->doc_number});
          }
        }
        words = ctx_.business_terms->Match(a_.main_business.value, *o, entry, standards);
      }
      const std::string joined =
          ctx_.business_terms != nullptr ? ctx_.business_terms->JoinForEvidence(words) : "";
      if (cond != nullptr) {
        cond->evidence.push_back({o->code, o->name_raw, o->where});
        if (!words.empty())
          cond->evidence.push_back({"business_match/" + o->code, joined, o->where});
      }
      if (words.empty()) {
        if (!unmatched.empty()) unmatched += "; ";
        unmatched +=
            o->code + " " + o->name + (o->work_type.empty() ? "" : "(" + o->work_type + ")");
        ev.push_back(o->where);
      }
    }
    if (unmatched.empty()) return Met(c);
    Review(c, {{"main_business", a_.main_business.value}, {"occupations", unmatched}},
           std::move(ev));
  }

  // A8-04 / A9-04: the regulation defines no 原备案编号, so a missing one is recorded (the
  // rule's severity, info as shipped) and blocks only when the office requires it.
  void FilingNumber(std::string_view check) {
    Evidence(check, FormField::kFilingNumber, a_.filing_number);
    if (a_.filing_number.present) return Met(check);
    const bool required = ctx_.settings != nullptr && ctx_.settings->require_original_filing_number;
    Emit(check, required ? model::Severity::kBlocking : ctx_.rules->ForCheck(check).severity, {},
         {}, {a_.filing_number.where});
  }

  // ----- Art. 8 -----
  void Article8() {
    FilingNumber("original_filing_number");
    if (a_.changes.empty()) {
      Fail("change_items_present", {}, {e_.form});
      return;
    }
    Met("change_items_present");
    model::ConditionResult* cond = Condition("change_items_present");
    for (const model::ChangeItem& ch : a_.changes) {
      if (cond != nullptr) {
        cond->evidence.push_back(
            {model::ChangedElementName(ch.element), ch.before + " -> " + ch.after, ch.where});
      }
      const Args args = {{"item", ch.item},
                         {"before", ch.before},
                         {"after", ch.after},
                         {"element", model::ChangedElementName(ch.element)}};
      if (ch.element == model::ChangedElement::kUnknown)
        Review("change_item_known", args, {ch.where});
      else
        Met("change_item_known");
      // An Art. 8 element without its old or new value is for the applicant to complete; the
      // same value on both sides is for a person to look at; any other item is A8-02's.
      if (ch.element == model::ChangedElement::kUnknown)
        Met("change_item_complete");
      else if (ch.after.empty() || ch.before.empty())
        Fail("change_item_complete", args, {ch.where});
      else if (ch.before == ch.after)
        Review("change_item_complete", args, {ch.where}, "crosscheck.change_item_unchanged");
      else
        Met("change_item_complete");
    }
  }

  // ----- Art. 9 -----
  void Article9() {
    FilingNumber("renewal_filing_number");
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
    // The loader guarantees an owner="regulation" threshold has a value.
    const int lead = ctx_.rules->GetThreshold("renewal_lead_months").value.value_or(3);
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

  const model::Extraction& e_;
  const model::Application& a_;
  const Context& ctx_;
  const std::vector<model::MaterialResult>* materials_;
  RuleSink& sink_;
  const std::vector<model::OccupationResult>* occupations_;  // may be null
  std::vector<PendingRef>* pending_;                         // may be null
  std::vector<model::ConditionResult> results_;
};

}  // namespace

std::vector<model::ConditionResult> CheckConditions(
    const model::Extraction& extraction, const Context& ctx,
    const std::vector<model::MaterialResult>* materials, RuleSink& sink,
    const std::vector<model::OccupationResult>* occupations, std::vector<PendingRef>* pending) {
  return Evaluator(extraction, ctx, materials, sink, occupations, pending).Run();
}

}  // namespace pipeline::crosscheck
