// The data a document template receives: the dossier's report JSON plus a `document` object
// (issuer, 成文日期, deadline, addressee, draft flag, ...) built from the office settings in
// templates/office.json. This is the template-rendering edge, so JSON is the currency here.
#ifndef PIPELINE_REPORT_DOCUMENT_DATA_H_
#define PIPELINE_REPORT_DOCUMENT_DATA_H_

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::report {

// Settings an office changes without recompiling (templates/office.json).
struct OfficeSettings {
  bool draft = true;                       // watermark 草稿 on generated documents
  int correction_deadline_working_days = 15;  // 补正 deadline after the 成文日期
  std::string date_format;                 // e.g. `{year}年{month}月{day}日`
  std::string expert_group;                // signer of the 初评意见
  std::string opinion_addressee;           // 主送 of the 初评意见 ("" = none)
  std::string copy_to;                     // 抄送 ("" = none)
  std::string print_office;                // 印发机关 in the 版记 ("" = none)
  std::string contact;                     // contact line of the correction notice
  std::string opinion_file;                // output file name of the 初评意见, e.g. `初评意见.pdf`
  std::string notice_file;                 // output file name of the 补正材料通知书
};

// Reads templates/office.json; errors name the file (and JSON byte offset) and the bad key.
Result<OfficeSettings> LoadOfficeSettings(const FileSystem& fs, const std::string& path);

// The settings from an already merged JSON object (pipeline/core/settings.h); errors name
// `path` (the settings file at fault) and the bad key.
Result<OfficeSettings> OfficeSettingsFromJson(const nlohmann::json& j, const std::string& path);

// Which document `beian run` drafts for a dossier.
enum class DraftDocument {
  kPreliminaryOpinion,  // materials complete: 初评意见 (templates/documents/preliminary_opinion.xml)
  kCorrectionNotice,    // materials incomplete: 补正材料通知书 (correction_notice.xml)
  kNone,                // nothing to draft (not a dossier at all, e.g. a stray file)
};

// The template name (file stem under templates/documents/) for `doc`.
const char* DraftTemplateName(DraftDocument doc);

// Materials complete = every required material present and no blocking ingest finding.
bool MaterialsComplete(const model::CaseReport& report);

// Formats `d` with a pattern holding {year}, {month}, {day} (no zero padding, GB/T 9704 7.3.5.4).
std::string FormatDate(const Date& d, const std::string& pattern);

// The `document` object for `report`: issuer = the office's authority name when the run names
// one (--authority), else the dossier's jurisdiction authority; date = `today`; for the
// correction notice, deadline = today + N working days and addressee = the institution.
//
// For the correction notice, `materials_to_submit` lists the required materials that are missing
// and every unreadable one ({id, name, status, files}), and `corrections` lists the blocking findings the applicant must fix
// besides the materials (topics intake, form, occupations, jurisdiction), worded, with evidence
// locations in words: the notice's section on what to explain or correct.
nlohmann::json DocumentObject(const model::CaseReport& report, DraftDocument doc,
                              const OfficeSettings& office, const WorkCalendar& calendar,
                              const Date& today, const std::string& office_authority_name,
                              const MessageCatalog& messages);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_DOCUMENT_DATA_H_
