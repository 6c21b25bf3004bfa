#include "pipeline/report/document_data.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::report {
namespace {

TEST(DocumentDataTest, ShippedOfficeSettingsLoad) {
  RealFileSystem fs;
  Result<OfficeSettings> s = LoadOfficeSettings(fs, testing::RepoRoot() + "/templates/office.json");
  ASSERT_OK(s);
  EXPECT_EQ(s->correction_deadline_working_days, 0);  // the regulation sets no deadline
  EXPECT_EQ(s->files.at("worksheet"), "审核工作单.pdf");
  EXPECT_FALSE(s->opinion_file.empty());
}

TEST(DocumentDataTest, BrokenOfficeSettingsNameTheKey) {
  testing::FakeFileSystem fs;
  fs.AddFile("o.json", R"({"draft": "yes"})");
  Result<OfficeSettings> s = LoadOfficeSettings(fs, "o.json");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().ToString(), "o.json: key \"draft\" must be true or false");
  fs.AddFile("p.json", "{not json");
  EXPECT_EQ(LoadOfficeSettings(fs, "p.json").error().ToString(), "p.json: not a JSON object");
}

DocumentSpec Spec(const char* kind, const char* sender) {
  DocumentSpec d;
  d.kind = kind;
  d.tmpl = kind;
  d.title = "x";
  d.sender = sender;
  return d;
}

MessageCatalog TestMessages() {
  testing::FakeFileSystem fs;
  fs.AddFile(
      "m.tsv",
      "form.bad\t{field}填写有误\nmat.missing\t缺少{m}\nocc.group\t{name}属第{group}大类\n"
      "location.cell\t表{table}第{row}行第{cell}列\ndocument.evidence_separator\t；\n"
      "worksheet.calendar_gap\t{year}年未覆盖，扩充{file}\n"
      "correction.material.missing.statement\t未提交{material}\n"
      "correction.material.missing.action\t提交{material}\ncorrection.request\t请{actions}。\n"
      "correction.join\t，\ncorrection.join_last\t，并\ncorrection.full_stop\t。\n"
      "correction.citation\t（《办法》{basis}）\n");
  Result<MessageCatalog> loaded = MessageCatalog::Load(fs, "m.tsv");
  EXPECT_OK(loaded);
  return *loaded;
}

TEST(DocumentDataTest, ContactSplitsIntoPersonAndPhone) {
  struct Case {
    const char* contact;
    const char* person;
    const char* phone;
  } cases[] = {
      {"张三 0431-1234567", "张三", "0431-1234567"},
      {"张丽，0432-62001234", "张丽", "0432-62001234"},
      {"0431-88886666", "", "0431-88886666"},
      {"联系人：张三", "", ""},  // no phone: the 附注 prints the setting as written
      {"李四 (0431) 8888 6666", "李四", "(0431) 8888 6666"},
  };
  for (const Case& c : cases) {
    const Contact got = SplitContact(c.contact);
    EXPECT_EQ(got.person, c.person) << c.contact;
    EXPECT_EQ(got.phone, c.phone) << c.contact;
  }
}

TEST(DocumentDataTest, CorrectionNoticeGetsWorkingDayDeadlineAndIssuer) {
  Result<WorkCalendar> cal =
      WorkCalendar::FromTsv("date\tkind\tnote\n2026-11-26\tholiday\tx\n", "h.tsv");
  ASSERT_OK(cal);
  OfficeSettings office;
  office.date_format = "{year}年{month}月{day}日";
  office.contact = "张三 0431-1234567";
  const MessageCatalog messages = TestMessages();
  const DocumentSpec notice = Spec("correction_notice", "bureau");
  model::CaseReport r;
  r.jurisdiction.authority = "长春市人力资源和社会保障局";
  // No deadline, no lapse text, no 发文字号 by default: the regulation sets none.
  nlohmann::json d = DocumentObject(r, notice, office, *cal, {2026, 11, 25}, "", messages);
  EXPECT_EQ(d["issuer"], "长春市人力资源和社会保障局");
  EXPECT_EQ(d["date"], "2026年11月25日");
  EXPECT_FALSE(d.contains("deadline"));
  EXPECT_FALSE(d.contains("deadline_blank"));
  EXPECT_FALSE(d.contains("lapse_text"));
  // The 版头 is always complete: without a format the 发文字号 line has a blank 机关代字.
  EXPECT_TRUE(d.contains("doc_number"));
  EXPECT_EQ(d["contact"], "张三 0431-1234567");
  EXPECT_EQ(d["contact_person"], "张三");  // the 附注 (GB/T 9704 7.3.6) names both
  EXPECT_EQ(d["contact_phone"], "0431-1234567");
  EXPECT_FALSE(d.contains("groups"));
  office.correction_deadline_working_days = 2;
  office.doc_number_format = "长人社认备〔{year}〕{n}号";
  d = DocumentObject(r, notice, office, *cal, {2026, 11, 25}, "", messages);
  // By default the deadline counts from delivery, which the draft cannot know.
  EXPECT_EQ(d["deadline_days"], "2");
  EXPECT_FALSE(d.contains("deadline"));
  office.correction_deadline_from = "doc_date";
  d = DocumentObject(r, notice, office, *cal, {2026, 11, 25}, "", messages);
  EXPECT_FALSE(d.contains("deadline_days"));
  EXPECT_EQ(d["deadline"], "2026年11月30日");            // 26th is a holiday, 28/29 a weekend
  EXPECT_EQ(d["doc_number"], "长人社认备〔2026〕  号");  // the number is given at issue
  // Per authority (doc_number_format as an object): the office's code, else the dossier's.
  ASSERT_OK(ParseDocNumberFormats(nlohmann::json{{"220100", "长人社认备〔{year}〕{n}号"},
                                                 {"default", "吉人社认备〔{year}〕{n}号"}},
                                  "office.json", &office.doc_number_format));
  r.jurisdiction.code = "220100";
  EXPECT_EQ(DocumentObject(r, notice, office, *cal, {2026, 11, 25}, "", messages)["doc_number"],
            "长人社认备〔2026〕  号");
  EXPECT_EQ(DocumentObject(r, notice, office, *cal, {2026, 11, 25}, "吉林省人力资源和社会保障厅",
                           messages, "220000")["doc_number"],
            "吉人社认备〔2026〕  号");
  EXPECT_FALSE(
      ParseDocNumberFormats(nlohmann::json{{"长春", "x"}}, "office.json", &office.doc_number_format)
          .ok());
  office.doc_number_format = "长人社认备〔{year}〕{n}号";
  // Blocking findings with consequence correct, grouped; others are not the notice's.
  model::Finding form_bad, material_missing, excluded;
  form_bad.rule_id = "EXT-010";
  form_bad.severity = model::Severity::kBlocking;
  form_bad.topic = model::Topic::kForm;
  form_bad.message = "form.bad";
  form_bad.args = {{"field", "申请日期"}};
  form_bad.evidence = {{"申请表.docx", "T1R5C2"}};
  material_missing = form_bad;
  material_missing.rule_id = "M-COM-03";
  material_missing.topic = model::Topic::kMaterials;
  material_missing.message = "completeness.material_missing";
  material_missing.args = {{"material", "营业执照"}, {"basis", "第六条（一）"}};
  material_missing.evidence = {};
  model::MaterialResult licence;
  licence.id = "M-COM-03";
  licence.name = "营业执照";
  licence.status = model::MaterialStatus::kMissing;
  r.materials = {licence};
  excluded = form_bad;
  excluded.topic = model::Topic::kOccupations;
  excluded.consequence = model::Consequence::kExcludeOccupation;
  excluded.message = "occ.group";
  excluded.args = {{"seq", "2"}};
  r.findings = {form_bad, material_missing, excluded};
  model::OccupationResult o;
  o.requested.seq = "2";
  o.requested.name = "心理咨询师";
  o.requested.name_raw = "心理咨询师";
  o.major_group = 2;
  o.excluded = true;
  o.exclusion_reason = "occ.group";
  r.occupations = {o};
  d = DocumentObject(r, notice, office, *cal, {2026, 11, 25}, "", messages);
  ASSERT_EQ(d["groups"].size(), 2u);
  EXPECT_EQ(d["groups"][0]["group"], "materials");
  // The correction items' words: statement, the data's basis, 。, the request.
  EXPECT_EQ(d["groups"][0]["items"][0]["message"],
            "未提交营业执照（《办法》第六条（一））。请提交营业执照。");
  EXPECT_EQ(d["cites_instrument"], true);  // the notice names the instrument once
  EXPECT_EQ(d["groups"][1]["group"], "form");
  // A finding without wording of its own keeps its message, closed with 。.
  EXPECT_EQ(d["groups"][1]["items"][0]["message"], "申请日期填写有误。");
  // Places are for the worksheet only; no ids in official text.
  EXPECT_FALSE(d["groups"][1]["items"][0].contains("evidence"));
  EXPECT_FALSE(d["groups"][1]["items"][0].contains("rule"));
  ASSERT_EQ(d["excluded_occupations"].size(), 1u);
  EXPECT_EQ(d["excluded_occupations"][0]["reason"], "心理咨询师属第2大类");
  EXPECT_EQ(d["requirements_section"], "4");  // two groups, the exclusions, then this
  // The office running beian (--authority) signs instead; an unconfirmed authority never does.
  r.jurisdiction.authority_to_confirm = true;
  const DocumentSpec opinion = Spec("preliminary_opinion", "expert_group");
  d = DocumentObject(r, opinion, office, *cal, {2026, 11, 25}, "", messages);
  EXPECT_FALSE(d.contains("issuer"));
  EXPECT_FALSE(d.contains("deadline"));
  EXPECT_FALSE(d.contains("doc_number"));  // the expert group's opinion has none
  d = DocumentObject(r, opinion, office, *cal, {2026, 11, 25}, "吉林省人力资源和社会保障厅",
                     messages);
  EXPECT_EQ(d["issuer"], "吉林省人力资源和社会保障厅");
  EXPECT_EQ(d["addressee"], "吉林省人力资源和社会保障厅");  // 主送 the competent bureau
  EXPECT_FALSE(d.contains("doc_number"));  // never the bureau's number (no bureau form)
}

// Issue 7: a deadline running into a year the holiday calendar does not cover is never
// counted silently: the notice leaves it blank and the worksheet says which file to extend.
TEST(DocumentDataTest, Issue7DeadlineBeyondCalendarIsLeftBlank) {
  Result<WorkCalendar> cal =
      WorkCalendar::FromTsv("date\tkind\tnote\n2026-01-01\tholiday\tx\n", "h.tsv");
  ASSERT_OK(cal);
  OfficeSettings office;
  office.date_format = "{year}年{month}月{day}日";
  office.correction_deadline_working_days = 15;
  office.correction_deadline_from = "doc_date";  // a date is printed: it must be counted
  const MessageCatalog messages = TestMessages();
  model::CaseReport r;
  nlohmann::json d = DocumentObject(r, Spec("correction_notice", "bureau"), office, *cal,
                                    {2026, 12, 20}, "", messages);
  EXPECT_FALSE(d.contains("deadline"));
  EXPECT_EQ(d["deadline_blank"], true);
  d = DocumentObject(r, Spec("worksheet", "internal"), office, *cal, {2026, 12, 20}, "", messages);
  // The first note is the calendar's; the last says whose name the drafts are in.
  ASSERT_EQ(d["worksheet"]["notes"].size(), 2u);
  EXPECT_EQ(d["worksheet"]["notes"][0], "2027年未覆盖，扩充data/holidays_cn.tsv");
  // Within the calendar: counted, no note.
  d = DocumentObject(r, Spec("worksheet", "internal"), office, *cal, {2026, 11, 2}, "", messages);
  EXPECT_EQ(d["worksheet"]["notes"].size(), 1u);
}

TEST(DocumentDataTest, MaterialsCompleteNeedsEveryRequiredMaterialAndNoBlockingIngestFinding) {
  model::CaseReport r;
  EXPECT_FALSE(MaterialsComplete(r));  // no checklist applied at all
  model::MaterialResult required, optional;
  required.status = model::MaterialStatus::kPresent;
  optional.required = false;
  optional.status = model::MaterialStatus::kMissing;
  r.materials = {required, optional};
  EXPECT_TRUE(MaterialsComplete(r));
  model::Finding two_forms;
  two_forms.rule_id = "ING-011";
  two_forms.severity = model::Severity::kBlocking;
  r.findings = {two_forms};
  EXPECT_FALSE(MaterialsComplete(r));
  r.findings[0].severity = model::Severity::kReview;
  EXPECT_TRUE(MaterialsComplete(r));
  r.materials[0].status = model::MaterialStatus::kUnreadable;
  EXPECT_FALSE(MaterialsComplete(r));
}

}  // namespace
}  // namespace pipeline::report
