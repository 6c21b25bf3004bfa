// Application: what the dossier asks for and who asks, as typed values with provenance.
// Filled by extract::Extract from FormData; read by completeness (to pick a checklist),
// crosscheck and render. Every value is a Sourced<T>: the typed value, the text as written
// and the form cell it came from.
#ifndef PIPELINE_MODEL_APPLICATION_H_
#define PIPELINE_MODEL_APPLICATION_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/model/source_ref.h"

namespace pipeline::model {

// 申请类型
enum class ApplicationKind {
  kUnknown,
  kInitial,        // 首次申请 -> `initial`
  kAddOccupation,  // 增加职业（工种） -> `add_occupation`
  kChange,         // 变更 -> `change`
  kRenewal,        // 续期 -> `renewal`
  kTermination,    // 终止 -> `termination`
};

// 机构类型 (Art. 3)
enum class ApplicantType {
  kUnknown,
  kEmployer,   // 用人单位 -> `employer`
  kSocialOrg,  // 社会培训评价组织 -> `social_org`
};

// 隶属关系 (Art. 4)
enum class Affiliation {
  kUnknown,
  kCentralInProvince,  // 中直驻省 -> `central_in_province`
  kProvincial,         // 省属 -> `provincial`
  kCityOrBelow,        // 市（州）属及以下 -> `city_or_below`
};

// The provincial department's authority code (data/jilin_authorities.tsv): it files 备案 and
// issues the 备案通知 (Art. 7(五)); a city authority reviews and reports to it.
inline constexpr char kProvinceAuthority[] = "220000";

// A yes/no answer in the form (有/无, 是/否); kUnclear when text is present but neither.
enum class YesNo { kUnknown, kYes, kNo, kUnclear };

// Result of a check-digit validation (USCC, resident ID).
enum class CodeCheck {
  kNotChecked,  // no value
  kValid,
  kBadFormat,     // wrong length or characters outside the alphabet
  kBadChecksum,   // well-formed, check digit wrong
  kBadBirthDate,  // resident ID only: digits 7-14 are not a real date
};

// The elements of a filing whose change Art. 8 names (变更事项).
enum class ChangedElement {
  kUnknown,              // not one of the Art. 8 elements (kept for review)
  kRegisteredAddress,    // 注册地址 -> `registered_address`
  kLegalRepresentative,  // 法定代表人 -> `legal_representative`
  kExamSites,            // 考试考核场地 -> `exam_sites`
  kOccupations,          // 职业（工种） -> `occupations`
  kLevels,               // 等级 -> `levels`
  kInstitutionName,      // 机构名称 -> `institution_name` (not in Art. 8; recorded)
};

const char* ApplicationKindName(ApplicationKind k);  // "initial", ..., "unknown"
const char* ApplicantTypeName(ApplicantType t);      // "employer", "social_org", "unknown"
const char* AffiliationName(Affiliation a);
const char* YesNoName(YesNo v);                    // "yes" | "no" | "unclear" | "unknown"
const char* CodeCheckName(CodeCheck c);            // "valid", "bad_format", ...
const char* ChangedElementName(ChangedElement e);  // "registered_address", ..., "unknown"
std::optional<ApplicationKind> ApplicationKindFromName(const std::string& s);
std::optional<ApplicantType> ApplicantTypeFromName(const std::string& s);
std::optional<Affiliation> AffiliationFromName(const std::string& s);
std::optional<ChangedElement> ChangedElementFromName(const std::string& s);

// A value read from the form, with where it came from. `present` is false when the form has
// no such field or it is empty; `raw` is the text as written; `parsed` is true when `value`
// holds a successfully interpreted value (false for present-but-unparsable text).
template <typename T>
struct Sourced {
  T value{};
  std::string raw;
  SourceRef where;
  bool present = false;
  bool parsed = false;
};

// 收费标准公布情况: where the fee schedule was published and when (Art. 6 (2)).
struct FeePublication {
  std::string text;          // normalised text, e.g. `2025年6月1日在本单位官网公布`
  std::optional<Date> date;  // the first date found in the text, if any
  YesNo stated = YesNo::kUnknown;  // kNo when the text says it was not published (未公布)
};

// One changed element of a change dossier (变更事项 | 变更前 | 变更后).
struct ChangeItem {
  ChangedElement element = ChangedElement::kUnknown;
  std::string item;    // the item as written (normalised)
  std::string before;  // 变更前
  std::string after;   // 变更后
  SourceRef where;
};

struct Application {
  Sourced<ApplicationKind> kind;          // 申请类型
  Sourced<ApplicantType> applicant_type;  // 机构类型
  Sourced<std::string> institution_name;  // 机构名称
  Sourced<std::string> unified_credit_code;  // 统一社会信用代码, normalised (ASCII, upper case)
  CodeCheck uscc_check = CodeCheck::kNotChecked;
  Sourced<std::string> legal_representative;     // 法定代表人
  Sourced<std::string> legal_representative_id;  // 法定代表人身份证号, normalised
  CodeCheck legal_representative_id_check = CodeCheck::kNotChecked;
  Sourced<std::string> registered_address;       // 注册地址
  Sourced<std::string> region;                   // 所在地区 (市州), as written (normalised)
  Sourced<Affiliation> affiliation;              // 隶属关系
  Sourced<std::string> contact_person;           // 联系人
  Sourced<std::string> contact_phone;            // 联系电话, digits only (`13912345678`)
  Sourced<Date> application_date;                // 申请日期
  Sourced<std::string> main_business;            // 主营业务
  Sourced<FeePublication> fee_publication;       // 收费标准公布情况
  Sourced<int> fulltime_staff_count;             // 专职工作人员人数
  Sourced<int> expert_count;                     // 专家人数
  Sourced<int> assessor_count;                   // 考评人员人数
  Sourced<int> supervisor_count;                 // 质量督导人员人数
  std::vector<Sourced<std::string>> exam_sites;  // 考试考核场地, one address each
  Sourced<YesNo> video_surveillance;             // 视频监控设施
  Sourced<YesNo> question_bank;                  // 题库
  Sourced<YesNo> safety_fire;                    // 安全、消防
  Sourced<YesNo> incentive_mechanism;       // 培养、评价、使用和激励机制 (employers)
  Sourced<YesNo> pay_linkage;               // 认定结果与薪酬待遇挂钩 (employers)
  Sourced<YesNo> subsidiaries;              // 面向下属子公司 (employers); raw holds the list
  Sourced<std::string> filing_number;       // 原备案编号 (renewal, change)
  Sourced<Date> filing_valid_until;         // 备案有效期至 (renewal, change)
  std::vector<ChangeItem> changes;          // 变更事项 (change)
  Sourced<std::string> termination_reason;  // 终止原因
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_APPLICATION_H_
