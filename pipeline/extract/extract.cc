#include "pipeline/extract/extract.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/text.h"
#include "pipeline/extract/codes.h"

namespace pipeline::extract {
namespace {

using model::FormField;
using model::Severity;

// Fields every dossier must fill, whatever its kind.
constexpr FormField kRequiredAlways[] = {
    FormField::kInstitutionName, FormField::kUnifiedCreditCode, FormField::kLegalRepresentative,
    FormField::kApplicantType,   FormField::kApplicationKind,   FormField::kApplicationDate,
    FormField::kContactPerson,   FormField::kContactPhone,
};
// Fields required unless the dossier asks for termination.
constexpr FormField kRequiredUnlessTermination[] = {
    FormField::kRegisteredAddress,
    FormField::kMainBusiness,
};

class Extractor {
 public:
  Extractor(const model::FormData& form, const Normaliser& n) : form_(form), n_(n) {}

  model::Extraction Run() {
    out_.form = {form_.file, ""};
    model::Application& a = out_.application;
    EnumField(FormField::kApplicationKind, "application_kind", a.kind,
              model::ApplicationKindFromName);
    EnumField(FormField::kApplicantType, "applicant_type", a.applicant_type,
              model::ApplicantTypeFromName);
    EnumField(FormField::kAffiliation, "affiliation", a.affiliation, model::AffiliationFromName);
    TextField(FormField::kInstitutionName, a.institution_name);
    Uscc();
    TextField(FormField::kLegalRepresentative, a.legal_representative);
    LegalRepresentativeId();
    TextField(FormField::kRegisteredAddress, a.registered_address);
    TextField(FormField::kRegion, a.region);
    TextField(FormField::kContactPerson, a.contact_person);
    Phone();
    DateField(FormField::kApplicationDate, a.application_date);
    TextField(FormField::kMainBusiness, a.main_business);
    FeePublication();
    CountField(FormField::kFulltimeStaffCount, a.fulltime_staff_count);
    CountField(FormField::kExpertCount, a.expert_count);
    CountField(FormField::kAssessorCount, a.assessor_count);
    CountField(FormField::kSupervisorCount, a.supervisor_count);
    ExamSites();
    YesNoField(FormField::kVideoSurveillance, a.video_surveillance);
    YesNoField(FormField::kQuestionBank, a.question_bank);
    YesNoField(FormField::kSafetyFire, a.safety_fire);
    YesNoField(FormField::kIncentiveMechanism, a.incentive_mechanism);
    YesNoField(FormField::kPayLinkage, a.pay_linkage);
    YesNoField(FormField::kSubsidiaries, a.subsidiaries);
    TextField(FormField::kFilingNumber, a.filing_number);
    DateField(FormField::kFilingValidUntil, a.filing_valid_until, /*month_will_do=*/true);
    TextField(FormField::kTerminationReason, a.termination_reason);
    Changes();
    Occupations();
    RequiredFields();
    return std::move(out_);
  }

 private:
  // Starts a Sourced value from the cell for `f`; returns the cell (nullptr when absent/empty).
  // A not-applicable mark (/, 无, ——; <not_applicable> in checklists/normalise.xml) leaves the
  // field unfilled, never unreadable; where 无 is an answer (yes/no fields, 收费标准公布情况)
  // the caller passes `marks_unfilled` false.
  template <typename T>
  const model::FormCell* Begin(FormField f, model::Sourced<T>& v, bool marks_unfilled = true) {
    const model::FormCell* cell = form_.Find(f);
    v.where = cell != nullptr ? cell->where : model::SourceRef{form_.file, ""};
    if (cell == nullptr) return nullptr;
    v.raw = cell->value;
    v.present = !NormaliseText(cell->value).empty();
    if (v.present && marks_unfilled && n_.IsNotApplicable(cell->value)) {
      v.present = false;
      unfilled_.push_back(f);
    }
    return v.present ? cell : nullptr;
  }

  void Add(const char* rule, Severity sev, const char* msg,
           std::vector<std::pair<std::string, std::string>> args, const model::SourceRef& where) {
    model::Finding f;
    f.rule_id = rule;
    f.severity = sev;
    f.message = msg;
    f.args = std::move(args);
    f.evidence.push_back(where);
    out_.findings.push_back(std::move(f));
  }

  void Unparsable(FormField f, const std::string& raw, const model::SourceRef& where) {
    Add("EXT-003", Severity::kReview, "extract.field_unparsable",
        {{"field", model::FormFieldName(f)}, {"value", raw}}, where);
  }

  // Free text: shown as written (DisplayText); matching normalises it where it compares.
  void TextField(FormField f, model::Sourced<std::string>& v) {
    if (Begin(f, v) == nullptr) return;
    v.value = DisplayText(v.raw);
    v.parsed = true;
  }

  // A choice: the ticked option (ParseChoice), or the option typed as text. Marks with nothing
  // ticked leave the field unfilled; several options (ticked, or listed with none marked) are
  // EXT-005, never a guess.
  template <typename E, typename FromName>
  void EnumField(FormField f, const char* enum_name, model::Sourced<E>& v, FromName from_name) {
    if (Begin(f, v) == nullptr) return;
    ChoiceParse choice = n_.ParseChoice(enum_name, v.raw);
    std::optional<std::string> id;
    std::vector<std::string> several;
    switch (choice.kind) {
      case ChoiceParse::kNone:
        v.present = false;
        unfilled_.push_back(f);
        return;
      case ChoiceParse::kOne:
        id = choice.id;
        break;
      case ChoiceParse::kSeveral:
        several = choice.ticked;
        break;
      case ChoiceParse::kNoMarks: {
        id = n_.MatchEnum(enum_name, v.raw);
        std::vector<std::string> listed = n_.EnumIdsIn(enum_name, v.raw);
        bool exact = id && std::find(listed.begin(), listed.end(), *id) != listed.end() &&
                     listed.size() == 1;
        if (!exact && listed.size() > 1) several = listed;
        break;
      }
    }
    if (!several.empty()) {
      Add("EXT-005", Severity::kBlocking, "extract.choice_several",
          {{"field", model::FormFieldName(f)}, {"value", DisplayText(v.raw)}}, v.where);
      return;
    }
    if (id && id->empty()) id.reset();
    std::optional<E> e = id ? from_name(*id) : std::nullopt;
    if (!e) {
      Unparsable(f, v.raw, v.where);
      return;
    }
    v.value = *e;
    v.parsed = true;
  }

  // `month_will_do`: a month without a day (备案有效期至 2026年3月, as some notices print it) is
  // taken as the month's last day, with a review item saying so (EXT-006).
  void DateField(FormField f, model::Sourced<Date>& v, bool month_will_do = false) {
    if (Begin(f, v) == nullptr) return;
    DateParse p = n_.ParseDate(v.raw);
    if (month_will_do && p.status == ParseStatus::kUnparsable) {
      if (DateParse m = n_.ParseYearMonth(v.raw); m.status != ParseStatus::kUnparsable) {
        p = m;
        if (m.status == ParseStatus::kOk) {
          Add("EXT-006", Severity::kReview, "extract.date_month_only",
              {{"field", model::FormFieldName(f)}, {"value", v.raw}, {"date", m.date.ToIso()}},
              v.where);
        }
      }
    }
    if (p.status == ParseStatus::kOk) {
      v.value = p.date;
      v.parsed = true;
    } else if (p.status == ParseStatus::kImpossible) {
      Add("EXT-004", Severity::kBlocking, "extract.date_impossible",
          {{"field", model::FormFieldName(f)}, {"value", v.raw}}, v.where);
    } else {
      Unparsable(f, v.raw, v.where);
    }
  }

  void CountField(FormField f, model::Sourced<int>& v) {
    if (Begin(f, v) == nullptr) return;
    CountParse p = n_.ParseCount(v.raw);
    if (p.status != ParseStatus::kOk) {
      Unparsable(f, v.raw, v.where);
      return;
    }
    v.value = p.count;
    v.parsed = true;
  }

  void YesNoField(FormField f, model::Sourced<model::YesNo>& v) {
    if (Begin(f, v, /*marks_unfilled=*/false) == nullptr) return;
    v.value = n_.ParseYesNo(v.raw);
    v.parsed = v.value == model::YesNo::kYes || v.value == model::YesNo::kNo;
    // kUnclear is not a finding here: the condition rules put the text in front of a reviewer.
  }

  void Uscc() {
    model::Application& a = out_.application;
    if (Begin(FormField::kUnifiedCreditCode, a.unified_credit_code) == nullptr) return;
    const std::string& raw = a.unified_credit_code.raw;
    a.unified_credit_code.value = NormaliseUscc(raw);
    a.uscc_check = CheckUscc(a.unified_credit_code.value);
    a.unified_credit_code.parsed =
        a.uscc_check == model::CodeCheck::kValid || a.uscc_check == model::CodeCheck::kBadChecksum;
    const model::SourceRef& where = a.unified_credit_code.where;
    const std::string& code = a.unified_credit_code.value;
    if (a.uscc_check == model::CodeCheck::kBadFormat) {
      Add("EXT-010", Severity::kBlocking, "extract.uscc_bad_format", {{"value", raw}}, where);
    } else if (a.uscc_check == model::CodeCheck::kBadChecksum) {
      Add("EXT-011", Severity::kReview, "extract.uscc_bad_checksum",
          {{"value", code}, {"expected", std::string(1, UsccCheckChar(code.substr(0, 17)))}},
          where);
    }
    // Full-width forms, lower case or inner spaces: worth telling the reviewer what was read.
    const std::size_t b = raw.find_first_not_of(" \t\r\n");
    const std::size_t e = raw.find_last_not_of(" \t\r\n");
    const std::string trimmed = b == std::string::npos ? "" : raw.substr(b, e - b + 1);
    if (a.uscc_check != model::CodeCheck::kBadFormat && trimmed != code) {
      Add("EXT-012", Severity::kInfo, "extract.uscc_normalised", {{"raw", raw}, {"value", code}},
          where);
    }
  }

  void LegalRepresentativeId() {
    model::Application& a = out_.application;
    if (Begin(FormField::kLegalRepresentativeId, a.legal_representative_id) == nullptr) return;
    a.legal_representative_id.value = NormaliseResidentId(a.legal_representative_id.raw);
    a.legal_representative_id_check = CheckResidentId(a.legal_representative_id.value);
    a.legal_representative_id.parsed = a.legal_representative_id_check == model::CodeCheck::kValid;
    if (!a.legal_representative_id.parsed) {
      Add("EXT-020", Severity::kReview, "extract.id_invalid",
          {{"field", model::FormFieldName(FormField::kLegalRepresentativeId)},
           {"value", a.legal_representative_id.value},
           {"problem", model::CodeCheckName(a.legal_representative_id_check)}},
          a.legal_representative_id.where);
    }
  }

  void Phone() {
    model::Sourced<std::string>& v = out_.application.contact_phone;
    if (Begin(FormField::kContactPhone, v) == nullptr) return;
    std::optional<std::string> p = NormalisePhone(v.raw);
    if (!p) {
      Add("EXT-040", Severity::kReview, "extract.phone_invalid", {{"value", v.raw}}, v.where);
      return;
    }
    v.value = *p;
    v.parsed = true;
  }

  void FeePublication() {
    model::Sourced<model::FeePublication>& v = out_.application.fee_publication;
    if (Begin(FormField::kFeePublication, v, /*marks_unfilled=*/false) == nullptr) return;
    v.value.text = NormaliseText(v.raw);
    v.value.date = n_.FindDate(v.raw);
    v.value.stated = n_.ParseYesNo(v.raw);
    v.parsed = true;
  }

  void ExamSites() {
    model::Sourced<std::string> whole;
    if (Begin(FormField::kExamSites, whole) == nullptr) return;
    for (std::string& site : n_.SplitList(whole.raw)) {
      model::Sourced<std::string> s;
      s.raw = site;
      s.value = std::move(site);
      s.where = whole.where;
      s.present = s.parsed = true;
      out_.application.exam_sites.push_back(std::move(s));
    }
  }

  void Changes() {
    for (const model::ChangeRow& row : form_.changes) {
      model::ChangeItem c;
      c.item = NormaliseText(row.item);
      c.before = NormaliseText(row.before);
      c.after = NormaliseText(row.after);
      c.where = row.where;
      if (std::optional<std::string> id = n_.MatchEnum("change_item", row.item)) {
        c.element = model::ChangedElementFromName(*id).value_or(model::ChangedElement::kUnknown);
      }
      if (c.item.empty() && c.before.empty() && c.after.empty()) continue;
      out_.application.changes.push_back(std::move(c));
    }
  }

  void Occupations() {
    for (const model::OccupationRow& row : form_.occupations) {
      model::RequestedOccupation o;
      o.seq = NormaliseText(row.seq);
      o.code_raw = row.code;
      o.name_raw = row.name;
      o.levels_raw = row.levels;
      o.where = row.where;
      if (NormaliseText(row.code).empty() && NormaliseText(row.name).empty() &&
          NormaliseText(row.levels).empty()) {
        continue;  // a blank table row
      }
      std::optional<std::string> code = model::NormaliseOccupationCode(row.code);
      std::string name = row.name;
      if (!code && model::NormaliseOccupationCode(row.name) &&
          !NormaliseCompact(row.code).empty()) {
        // The code typed in the name cell and the name in the code cell: read them swapped.
        code = model::NormaliseOccupationCode(row.name);
        name = row.code;
        Add("EXT-030", Severity::kInfo, "extract.occupation_swapped",
            {{"seq", o.seq}, {"code", *code}, {"name", DisplayText(name)}}, row.where);
      } else if (!code && NormaliseCompact(row.code).empty() &&
                 model::NormaliseOccupationCode(row.name)) {
        // Only a code, typed in the name column.
        code = model::NormaliseOccupationCode(row.name);
        name.clear();
        Add("EXT-030", Severity::kInfo, "extract.occupation_swapped",
            {{"seq", o.seq}, {"code", *code}, {"name", ""}}, row.where);
      } else if (!code && NormaliseCompact(row.code).empty()) {
        // Code and name typed together in the name cell (4-03-02-01中式烹调师).
        if (std::optional<CodeAndName> both = SplitLeadingCode(row.name)) {
          code = both->code;
          name = both->name;
        }
      }
      o.code = code.value_or("");
      if (name != row.name) {
        o.code_raw = row.name;
        o.name_raw = name;
      }
      NameAndWorkType nw = SplitWorkType(NormaliseCompact(name));
      o.name = n_.WithoutOccupationMark(nw.name);  // 电子商务师S: 大典's mark, not the name
      o.work_type = std::move(nw.work_type);
      LevelsParse lp = n_.ParseLevels(row.levels);
      o.levels_parsed = lp.status == ParseStatus::kOk;
      o.levels = std::move(lp.levels);
      // 序号 left blank: the row's place in the table, so messages can say which row.
      if (o.seq.empty()) o.seq = std::to_string(out_.occupations.size() + 1);
      out_.occupations.push_back(std::move(o));
    }
  }

  void RequiredFields() {
    auto check = [&](FormField f) {
      const model::FormCell* cell = form_.Find(f);
      const bool unfilled = std::find(unfilled_.begin(), unfilled_.end(), f) != unfilled_.end();
      if (cell != nullptr && !NormaliseText(cell->value).empty() && !unfilled) return;
      Add("EXT-002", Severity::kBlocking, "extract.field_missing",
          {{"field", model::FormFieldName(f)}},
          cell != nullptr ? cell->where : model::SourceRef{form_.file, ""});
    };
    for (FormField f : kRequiredAlways) check(f);
    if (out_.application.kind.value != model::ApplicationKind::kTermination) {
      for (FormField f : kRequiredUnlessTermination) check(f);
    }
  }

  const model::FormData& form_;
  const Normaliser& n_;
  model::Extraction out_;
  std::vector<FormField> unfilled_;  // choices shown with marks but none ticked
};

}  // namespace

model::Extraction ExtractForm(const model::FormData& form, const Normaliser& normaliser) {
  return Extractor(form, normaliser).Run();
}

model::Extraction Extract(const model::Dossier& dossier, const Normaliser& normaliser) {
  if (!dossier.form) {
    model::Extraction e;
    model::Finding f;
    f.rule_id = "EXT-001";
    f.severity = model::Severity::kBlocking;
    f.message = "extract.form_missing";
    f.evidence.push_back({"", ""});
    e.findings.push_back(std::move(f));
    return e;
  }
  return ExtractForm(*dossier.form, normaliser);
}

}  // namespace pipeline::extract
