#include "pipeline/model/application.h"

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<ApplicationKind> kApplicationKindNames[] = {
    {ApplicationKind::kInitial, "initial"},
    {ApplicationKind::kAddOccupation, "add_occupation"},
    {ApplicationKind::kChange, "change"},
    {ApplicationKind::kRenewal, "renewal"},
    {ApplicationKind::kTermination, "termination"},
};

constexpr EnumName<ApplicantType> kApplicantTypeNames[] = {
    {ApplicantType::kEmployer, "employer"},
    {ApplicantType::kSocialOrg, "social_org"},
};

constexpr EnumName<Affiliation> kAffiliationNames[] = {
    {Affiliation::kCentralInProvince, "central_in_province"},
    {Affiliation::kProvincial, "provincial"},
    {Affiliation::kCityOrBelow, "city_or_below"},
};

constexpr EnumName<YesNo> kYesNoNames[] = {
    {YesNo::kYes, "yes"},
    {YesNo::kNo, "no"},
    {YesNo::kUnclear, "unclear"},
    {YesNo::kUnknown, "unknown"},
};

constexpr EnumName<CodeCheck> kCodeCheckNames[] = {
    {CodeCheck::kNotChecked, "not_checked"},      {CodeCheck::kValid, "valid"},
    {CodeCheck::kBadFormat, "bad_format"},        {CodeCheck::kBadChecksum, "bad_checksum"},
    {CodeCheck::kBadBirthDate, "bad_birth_date"},
};

constexpr EnumName<ChangedElement> kChangedElementNames[] = {
    {ChangedElement::kRegisteredAddress, "registered_address"},
    {ChangedElement::kLegalRepresentative, "legal_representative"},
    {ChangedElement::kExamSites, "exam_sites"},
    {ChangedElement::kOccupations, "occupations"},
    {ChangedElement::kLevels, "levels"},
    {ChangedElement::kInstitutionName, "institution_name"},
};

}  // namespace

const char* ApplicationKindName(ApplicationKind k) {
  return NameOf(kApplicationKindNames, k, "unknown");
}

const char* ApplicantTypeName(ApplicantType t) { return NameOf(kApplicantTypeNames, t, "unknown"); }

const char* AffiliationName(Affiliation a) { return NameOf(kAffiliationNames, a, "unknown"); }

const char* YesNoName(YesNo v) { return NameOf(kYesNoNames, v, "unknown"); }

const char* CodeCheckName(CodeCheck c) { return NameOf(kCodeCheckNames, c, "not_checked"); }

const char* ChangedElementName(ChangedElement e) {
  return NameOf(kChangedElementNames, e, "unknown");
}

std::optional<ApplicationKind> ApplicationKindFromName(const std::string& s) {
  return ValueOf(kApplicationKindNames, s);
}

std::optional<ApplicantType> ApplicantTypeFromName(const std::string& s) {
  return ValueOf(kApplicantTypeNames, s);
}

std::optional<Affiliation> AffiliationFromName(const std::string& s) {
  return ValueOf(kAffiliationNames, s);
}

std::optional<ChangedElement> ChangedElementFromName(const std::string& s) {
  return ValueOf(kChangedElementNames, s);
}

}  // namespace pipeline::model
