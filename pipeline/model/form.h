// FormData: the application form (申请表.docx or 申请表.xml) read into labelled cells and the
// occupations table, before any interpretation. Labels are mapped to FormField ids through the
// synonym table in checklists/form_labels.xml; ingest fills this, extract interprets it.
#ifndef PIPELINE_MODEL_FORM_H_
#define PIPELINE_MODEL_FORM_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model/source_ref.h"

namespace pipeline::model {

// Every field the form can carry. The English name (FormFieldName) is the identifier used in
// checklists/form_labels.xml, templates and report.json.
// NOTE: add new fields at the end of the list; names appear in data files.
#define PIPELINE_FORM_FIELDS(X)                                          \
  X(kInstitutionName, "institution_name")           /* 机构名称 */        \
  X(kUnifiedCreditCode, "unified_credit_code")      /* 统一社会信用代码 */ \
  X(kLegalRepresentative, "legal_representative")   /* 法定代表人 */      \
  X(kLegalRepresentativeId, "legal_representative_id") /* 法定代表人身份证号 */ \
  X(kRegisteredAddress, "registered_address")       /* 注册地址 */        \
  X(kApplicantType, "applicant_type")               /* 机构类型 */        \
  X(kAffiliation, "affiliation")                    /* 隶属关系 */        \
  X(kRegion, "region")                              /* 所在地区 */        \
  X(kApplicationKind, "application_kind")           /* 申请类型 */        \
  X(kContactPerson, "contact_person")               /* 联系人 */          \
  X(kContactPhone, "contact_phone")                 /* 联系电话 */        \
  X(kApplicationDate, "application_date")           /* 申请日期 */        \
  X(kMainBusiness, "main_business")                 /* 主营业务 */        \
  X(kFeePublication, "fee_publication")             /* 收费标准公布情况 */ \
  X(kFulltimeStaffCount, "fulltime_staff_count")    /* 专职工作人员人数 */ \
  X(kExpertCount, "expert_count")                   /* 专家人数 */        \
  X(kAssessorCount, "assessor_count")               /* 考评人员人数 */    \
  X(kSupervisorCount, "supervisor_count")           /* 质量督导人员人数 */ \
  X(kExamSites, "exam_sites")                       /* 考试考核场地 */    \
  X(kVideoSurveillance, "video_surveillance")       /* 视频监控设施 */    \
  X(kQuestionBank, "question_bank")                 /* 题库 */            \
  X(kSafetyFire, "safety_fire")                     /* 安全消防 */        \
  X(kIncentiveMechanism, "incentive_mechanism")     /* 培养评价使用激励机制 */ \
  X(kPayLinkage, "pay_linkage")                     /* 与薪酬待遇挂钩 */  \
  X(kSubsidiaries, "subsidiaries")                  /* 子公司 */          \
  X(kFilingNumber, "filing_number")                 /* 原备案编号 */      \
  X(kFilingValidUntil, "filing_valid_until")        /* 备案有效期至 */    \
  X(kChangeItems, "change_items")                   /* 变更事项 */        \
  X(kTerminationReason, "termination_reason")       /* 终止原因 */

enum class FormField {
#define PIPELINE_FORM_FIELD_ENUM(id, name) id,
  PIPELINE_FORM_FIELDS(PIPELINE_FORM_FIELD_ENUM)
#undef PIPELINE_FORM_FIELD_ENUM
};

const char* FormFieldName(FormField f);
std::optional<FormField> FormFieldFromName(std::string_view name);
// All fields in declaration order.
const std::vector<FormField>& AllFormFields();

struct FormCell {
  FormField field;
  std::string label;  // the label as written in the form (for evidence)
  std::string value;  // the cell text, whitespace-trimmed, otherwise as written
  SourceRef where;    // e.g. {"申请表.docx", "表1 第2行 第2列"}
};

// One row of the occupations table: 序号 | 职业编码 | 职业（工种）名称 | 申报等级.
struct OccupationRow {
  std::string seq;
  std::string code;
  std::string name;
  std::string levels;
  SourceRef where;
};

// One row of the change table (变更事项 | 变更前 | 变更后), change dossiers only.
struct ChangeRow {
  std::string item;
  std::string before;
  std::string after;
  SourceRef where;
};

enum class FormSource { kDocx, kXml };

struct FormData {
  std::string file;  // display path of the form inside the dossier
  FormSource source = FormSource::kDocx;
  std::vector<FormCell> cells;             // in document order
  std::vector<OccupationRow> occupations;  // in document order
  std::vector<ChangeRow> changes;          // in document order
  std::vector<std::string> unknown_labels; // labels that matched no field (for review)

  // First cell for `f`, or nullptr.
  const FormCell* Find(FormField f) const;
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_FORM_H_
