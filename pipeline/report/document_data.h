// The data a document template receives: the report JSON of the dossier plus a `document` object
// (issuer, 成文日期, deadline, addressee, draft flag, ...) built from the office settings in
// templates/office.json. This is the template-rendering edge, so JSON is the currency here.
#ifndef PIPELINE_REPORT_DOCUMENT_DATA_H_
#define PIPELINE_REPORT_DOCUMENT_DATA_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/settings.h"
#include "pipeline/core/status.h"
#include "pipeline/model/report.h"
#include "pipeline/report/decision_table.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline::report {

// The 发文字号 format (setting doc_number_format, with {year} and {n}): one string for every
// authority, or an object keyed by authority code (220100: 长人社认备〔{year}〕{n}号, 220000:
// 吉人社认备〔{year}〕{n}号), with the key default for any other code. A 市 office's
// documents so never take the province's 机关代字.
struct DocNumberFormats {
  std::string fallback;                             // the plain string, or "default"
  std::map<std::string, std::string> by_authority;  // authority code -> format
  DocNumberFormats& operator=(std::string plain) {
    fallback = std::move(plain);
    by_authority.clear();
    return *this;
  }
  // The format of `authority_code` ("" when none applies).
  std::string For(const std::string& authority_code) const;
};
// Reads the setting's value (a string, or an object of 6-digit codes and "default" to strings);
// an error names `path` and the key `key` (doc_number_format, receipt_number_format).
Status ParseDocNumberFormats(const nlohmann::json& value, const std::string& path,
                             DocNumberFormats* out, const std::string& key = "doc_number_format");

// Settings an office changes without recompiling (templates/office.json). What the regulation
// leaves open (deadlines, legal consequences, numbering) is empty by default and then printed
// nowhere.
struct OfficeSettings {
  // Empty text settings print nothing. In the comments below, 「」 quote document wording.
  bool draft = true;  // watermark 草稿 on generated documents
  // Issue documents whose body or title font is still a shipped stand-in for 仿宋 / 小标宋
  // (templates/fonts.xml <substitute>); false by default: `beian issue` refuses (optional key).
  bool allow_fallback_fonts = false;
  int correction_deadline_working_days = 0;  // 补正 deadline in working days; 0 = none printed
  // What the 补正 deadline counts from (optional key; the regulation does not say): delivery
  // (the notice says 「自收到本通知之日起N个工作日内」; beian due counts from the delivery date
  // recorded by beian served) or doc_date (the notice prints the date N working days after
  // its 成文日期).
  std::string correction_deadline_from = "delivery";
  std::string correction_lapse_text;  // legal consequence of not correcting (empty: none)
  DocNumberFormats
      doc_number_format;  // 发文字号, e.g. 「长人社认备〔{year}〕{n}号」, per authority
  std::string date_format;        // e.g. 「{year}年{month}月{day}日」
  std::string expert_group;       // signer of the 初评意见
  std::string opinion_addressee;  // 主送 of the 初评意见 (empty: the competent bureau)
  std::string copy_to;            // 抄送
  std::string print_office;       // 印发机关 in the 版记
  std::string contact;            // contact line of the documents sent to applicants
  // How to seek 行政复议 / 行政诉讼, printed at the end of every 不予备案告知书 and ordered
  // 终止 notice. The regulation is silent: empty by default, and the worksheet then asks the
  // legal department to confirm it (optional key).
  std::string remedy_text;
  // The bureau's own conclusion after quoting Art. 9 to a renewal filed after expiry (the
  // article itself says nothing about late renewals): empty = none printed (optional key).
  std::string expired_renewal_text;
  // What a change or 增加职业 备案通知 says of the filing's validity, e.g.
  // 「你单位原备案有效期不变， 至{valid_until}。」: the regulation does not say (Art. 7 gives three
  // years to a filing, Art. 8 is silent); empty = no validity sentence (optional key).
  std::string unchanged_validity_text;
  std::string opinion_file;  // output file name of the 初评意见, e.g. 「初评意见.pdf」
  std::string notice_file;   // output file name of the 补正材料通知书
  // Output file name per document kind (decision table), from the *_file keys.
  std::map<std::string, std::string> files;
};

// Reads templates/office.json; errors name the file (and JSON byte offset) and the bad key.
// `messages`, when given, words the refusal of a removed setting (settings.removed.<key>, in
// templates/messages.zh-CN.tsv); without it that refusal is English.
Result<OfficeSettings> LoadOfficeSettings(const FileSystem& fs, const std::string& path,
                                          const MessageCatalog* messages = nullptr);

// The settings from an already merged JSON object (pipeline/core/settings.h); errors name
// `path` (the settings file at fault) and the bad key. A setting that was removed (e.g.
// opinion_form, issue 20) is refused, never ignored: the office must know it no longer acts.
Result<OfficeSettings> OfficeSettingsFromJson(const nlohmann::json& j, const std::string& path,
                                              const MessageCatalog* messages = nullptr);

// The settings over layered files (docs/user-guide.md "Settings"): each layer is checked on top of
// the ones below it, so a bad value is reported with the file that set it.
Result<OfficeSettings> OfficeSettingsFromLayers(const LayeredSettings& settings,
                                                const MessageCatalog* messages = nullptr);
// Reads and merges `files` (lowest precedence first), then OfficeSettingsFromLayers.
Result<OfficeSettings> LoadOfficeSettings(const FileSystem& fs,
                                          const std::vector<std::string>& files,
                                          const MessageCatalog* messages = nullptr);

// The office's `contact` setting (e.g. 「张三 0431-1234567」) split into the person and the
// telephone number for the 附注 (GB/T 9704 7.3.6): the phone is the trailing run of digits,
// dashes, brackets, `+` and spaces holding at least five digits; the person is what precedes it,
// without trailing spaces or punctuation. Both empty when there is no such phone.
struct Contact {
  std::string person;
  std::string phone;
};
Contact SplitContact(const std::string& contact);

// Adds the authority `name` to the 抄送 of a bureau document's `document` object (copy_to: the
// office's copy_to setting, else none), unless it is named there already; 抄送机关 are
// separated by document.copy_to_separator (GB/T 9704 7.4.2). Used where a document goes to
// another authority by rule: a 市（州） office's 终止备案通知 to the province, which issued the
// 备案通知; the province's 备案通知 of a 市（州） case to that office.
void AddCopyTo(nlohmann::json& document, const std::string& name, const MessageCatalog& messages);

// Materials complete = every required material present and no blocking ingest finding.
bool MaterialsComplete(const model::CaseReport& report);

// The 补正 deadline: today + N working days, or nothing when the setting is 0. counted is
// false when the count runs into a year the holiday calendar does not cover: then the
// document leaves the date blank and the worksheet says which data file to extend.
struct Deadline {
  bool set = false;
  bool counted = false;
  Date date;
};
Deadline CorrectionDeadline(const OfficeSettings& office, const WorkCalendar& calendar,
                            const Date& today);

// The document object a template receives for spec (a decision-table document kind): issuer =
// the authority name of the office when the run names one (--authority), else the jurisdiction
// authority of the dossier; date = today worded; 发文字号 for documents the bureau sends
// (sequence number left blank; the format of the office's authority code, else of the
// dossier's own authority when the drafts are in its name); worded lists the templates print
// (excluded occupations with their reasons, the grouped items of the correction notice, the refusal
// and referral reasons, the worksheet items with evidence in words). Nothing in it is an internal
// code except on the worksheet.
nlohmann::json DocumentObject(const model::CaseReport& report, const DocumentSpec& spec,
                              const OfficeSettings& office, const WorkCalendar& calendar,
                              const Date& today, const std::string& office_authority_name,
                              const MessageCatalog& messages,
                              const std::string& office_authority_code = "");

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_DOCUMENT_DATA_H_
