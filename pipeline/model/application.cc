#include "pipeline/model/application.h"

namespace pipeline::model {

const char* ApplicationKindName(ApplicationKind k) {
  switch (k) {
    case ApplicationKind::kInitial: return "initial";
    case ApplicationKind::kAddOccupation: return "add_occupation";
    case ApplicationKind::kChange: return "change";
    case ApplicationKind::kRenewal: return "renewal";
    case ApplicationKind::kTermination: return "termination";
    case ApplicationKind::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* ApplicantTypeName(ApplicantType t) {
  switch (t) {
    case ApplicantType::kEmployer: return "employer";
    case ApplicantType::kSocialOrg: return "social_org";
    case ApplicantType::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* AffiliationName(Affiliation a) {
  switch (a) {
    case Affiliation::kCentralInProvince: return "central_in_province";
    case Affiliation::kProvincial: return "provincial";
    case Affiliation::kCityOrBelow: return "city_or_below";
    case Affiliation::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* YesNoName(YesNo v) {
  switch (v) {
    case YesNo::kYes: return "yes";
    case YesNo::kNo: return "no";
    case YesNo::kUnclear: return "unclear";
    case YesNo::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* CodeCheckName(CodeCheck c) {
  switch (c) {
    case CodeCheck::kNotChecked: return "not_checked";
    case CodeCheck::kValid: return "valid";
    case CodeCheck::kBadFormat: return "bad_format";
    case CodeCheck::kBadChecksum: return "bad_checksum";
    case CodeCheck::kBadBirthDate: return "bad_birth_date";
  }
  return "not_checked";
}

const char* ChangedElementName(ChangedElement e) {
  switch (e) {
    case ChangedElement::kRegisteredAddress: return "registered_address";
    case ChangedElement::kLegalRepresentative: return "legal_representative";
    case ChangedElement::kExamSites: return "exam_sites";
    case ChangedElement::kOccupations: return "occupations";
    case ChangedElement::kLevels: return "levels";
    case ChangedElement::kInstitutionName: return "institution_name";
    case ChangedElement::kUnknown: return "unknown";
  }
  return "unknown";
}

std::optional<ApplicationKind> ApplicationKindFromName(const std::string& s) {
  for (auto k : {ApplicationKind::kInitial, ApplicationKind::kAddOccupation,
                 ApplicationKind::kChange, ApplicationKind::kRenewal,
                 ApplicationKind::kTermination}) {
    if (s == ApplicationKindName(k)) return k;
  }
  return std::nullopt;
}

std::optional<ApplicantType> ApplicantTypeFromName(const std::string& s) {
  for (auto t : {ApplicantType::kEmployer, ApplicantType::kSocialOrg}) {
    if (s == ApplicantTypeName(t)) return t;
  }
  return std::nullopt;
}

std::optional<Affiliation> AffiliationFromName(const std::string& s) {
  for (auto a : {Affiliation::kCentralInProvince, Affiliation::kProvincial,
                 Affiliation::kCityOrBelow}) {
    if (s == AffiliationName(a)) return a;
  }
  return std::nullopt;
}

std::optional<ChangedElement> ChangedElementFromName(const std::string& s) {
  for (auto e : {ChangedElement::kRegisteredAddress, ChangedElement::kLegalRepresentative,
                 ChangedElement::kExamSites, ChangedElement::kOccupations,
                 ChangedElement::kLevels, ChangedElement::kInstitutionName}) {
    if (s == ChangedElementName(e)) return e;
  }
  return std::nullopt;
}

}  // namespace pipeline::model
