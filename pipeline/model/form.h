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
#define PIPELINE_FORM_FIELDS(X)                                                 \
  X(kInstitutionName /* 机构名称 */, "institution_name")                        \
  X(kUnifiedCreditCode /* 统一社会信用代码 */, "unified_credit_code")           \
  X(kLegalRepresentative /* 法定代表人 */, "legal_representative")              \
  X(kLegalRepresentativeId /* 法定代表人身份证号 */, "legal_representative_id") \
  X(kRegisteredAddress /* 注册地址 */, "registered_address")                    \
  X(kApplicantType /* 机构类型 */, "applicant_type")                            \
  X(kAffiliation /* 隶属关系 */, "affiliation")                                 \
  X(kRegion /* 所在地区 */, "region")                                           \
  X(kApplicationKind /* 申请类型 */, "application_kind")                        \
  X(kContactPerson /* 联系人 */, "contact_person")                              \
  X(kContactPhone /* 联系电话 */, "contact_phone")                              \
  X(kApplicationDate /* 申请日期 */, "application_date")                        \
  X(kMainBusiness /* 主营业务 */, "main_business")                              \
  X(kFeePublication /* 收费标准公布情况 */, "fee_publication")                  \
  X(kFulltimeStaffCount /* 专职工作人员人数 */, "fulltime_staff_count")         \
  X(kExpertCount /* 专家人数 */, "expert_count")                                \
  X(kAssessorCount /* 考评人员人数 */, "assessor_count")                        \
  X(kSupervisorCount /* 质量督导人员人数 */, "supervisor_count")                \
  X(kExamSites /* 考试考核场地 */, "exam_sites")                                \
  X(kVideoSurveillance /* 视频监控设施 */, "video_surveillance")                \
  X(kQuestionBank /* 题库 */, "question_bank")                                  \
  X(kSafetyFire /* 安全消防 */, "safety_fire")                                  \
  X(kIncentiveMechanism /* 培养评价使用激励机制 */, "incentive_mechanism")      \
  X(kPayLinkage /* 与薪酬待遇挂钩 */, "pay_linkage")                            \
  X(kSubsidiaries /* 子公司 */, "subsidiaries")                                 \
  X(kFilingNumber /* 原备案编号 */, "filing_number")                            \
  X(kFilingValidUntil /* 备案有效期至 */, "filing_valid_until")                 \
  X(kChangeItems /* 变更事项 */, "change_items")                                \
  X(kTerminationReason /* 终止原因 */, "termination_reason")

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
  SourceRef where;    // e.g. {`申请表.docx`, `表1 第2行 第2列`}
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

// A reader limit (ingest::Limits) the form ran into: reported as a finding naming the file and
// the limit. `fatal` when the form was not read at all (too big, nested too deep), otherwise
// the part beyond the limit was skipped or cut.
struct LimitHit {
  std::string limit;     // the key of the limit ("max_xml_depth", "max_occupations", ...)
  std::string value;     // the limit's value as configured
  std::string location;  // where in the form ("T1R3C2", "/application/occupations"), may be ""
  bool fatal = false;
};

struct FormData {
  std::string file;  // display path of the form inside the dossier
  FormSource source = FormSource::kDocx;
  std::vector<FormCell> cells;              // in document order
  std::vector<OccupationRow> occupations;   // in document order
  std::vector<ChangeRow> changes;           // in document order
  std::vector<std::string> unknown_labels;  // labels that matched no field (for review)
  std::vector<LimitHit> limit_hits;         // reader limits hit, in reading order
  // Rows outside any recognised occupations table that hold an occupation code (4-03-02-01):
  // an occupations table whose header was not recognised (their locations, at most 10).
  std::vector<std::string> unread_occupation_rows;

  // First cell for `f`, or nullptr.
  const FormCell* Find(FormField f) const;
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_FORM_H_
