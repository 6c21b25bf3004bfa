// The rest of the filing lifecycle through the `beian` binary against a real SQLite file:
// a change with an undeclared difference (Art. 8) returned for 补正 and filed after, delivery
// (beian served) and the 补正 deadline of `due`, a renewal checked against the registry's
// expiry (Art. 9), a 市（州） office's 报送 and the province filing it (Art. 7(五)), and the
// validity and 备案编号 settings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/registry/sqlite_storage.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;

const char kS09[] = "S09-松原市宏达物流有限公司-XML申请表";  // initial, 申请表.xml, 松原市

void ReplaceOnce(std::string* text, const std::string& from, const std::string& to) {
  const std::size_t at = text->find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text->replace(at, from.size(), to);
}

// PDF text without line breaks and spaces (Chinese lines wrap anywhere).
std::string PdfText(const std::string& path) {
  std::string text, out;
  testing::RunCommand("pdftotext " + testing::Quote(path) + " -", &text);
  for (char ch : text) {
    if (ch != '\n' && ch != ' ' && ch != '\f') out += ch;
  }
  return out;
}

class RecordLifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    registry_ = dir_ + "/registry.sqlite";
    data_ = dir_ + "/data-root";
    // Offices on one registry (a city publicizes, the province files): one 代字 each.
    testing::MakeOfficeDataRoot(data_, {{"doc_number_format",
                                         {{"220100", "长人社认备〔{year}〕{n}号"},
                                          {"220700", "松人社认备〔{year}〕{n}号"},
                                          {"default", "吉人社认备〔{year}〕{n}号"}}},
                                        {"filing_number_format", "吉认备〔{year}〕{n}号"},
                                        {"correction_deadline_working_days", 10},
                                        {"allow_fallback_fonts", true}});
  }
  int Beian(const std::string& args, std::string* out = nullptr) {
    std::string text;
    int rc = testing::RunCommand(testing::BeianBinary() + " " + args + " --registry " +
                                     testing::Quote(registry_) + " --user 李四 --data-dir " +
                                     testing::Quote(data_),
                                 &text, /*merge_stderr=*/true);
    if (out) *out = text;
    return rc;
  }
  // A dossier `name` in a fresh intake folder: the files `files` of sample `from` (all but its
  // form when empty) and S09's 申请表.xml edited by `edit`. Returns the intake folder.
  std::string Dossier(const std::string& name, const std::string& from,
                      const std::vector<std::string>& files,
                      const std::function<void(std::string*)>& edit) {
    const std::string intake = dir_ + "/in-" + std::to_string(++intakes_);
    const std::string folder = intake + "/" + name;
    fs::create_directories(folder);
    const std::string samples = testing::RepoRoot() + "/samples/intake/";
    std::vector<std::string> names = files;
    if (names.empty()) {  // every file of the sample but its form
      for (const auto& e : fs::directory_iterator(samples + from)) {
        const std::string n = e.path().filename().string();
        if (n.rfind("申请表", 0) != 0) names.push_back(n);
      }
    }
    for (const std::string& f : names) {  // "SAMPLE/FILE" takes a file of another sample
      const std::size_t slash = f.find('/');
      const std::string source =
          slash == std::string::npos ? samples + from + "/" + f : samples + f;
      fs::copy(source, folder + "/" + f.substr(slash == std::string::npos ? 0 : slash + 1),
               fs::copy_options::recursive);
    }
    std::string form = testing::ReadText(samples + kS09 + "/申请表.xml");
    edit(&form);
    std::ofstream(folder + "/申请表.xml") << form;
    return intake;
  }
  // Runs `intake` on `date` (drafts written); returns the report.json of its only dossier.
  nlohmann::json Run(const std::string& intake, const std::string& date, int expected_rc,
                     const std::string& options = "") {
    const std::string out_dir = dir_ + "/out-" + std::to_string(++runs_);
    std::string out;
    const int rc = Beian("run " + testing::Quote(intake) + " --out " + testing::Quote(out_dir) +
                             " --quiet --date " + date + " " + options,
                         &out);
    EXPECT_EQ(rc, expected_rc) << out;
    for (const auto& e : fs::directory_iterator(out_dir)) {
      if (e.is_directory()) {
        last_case_dir_ = e.path().string();
        nlohmann::json report =
            nlohmann::json::parse(testing::ReadText(last_case_dir_ + "/report.json"));
        if (rc != expected_rc) ADD_FAILURE() << report["findings"].dump(2);
        return report;
      }
    }
    ADD_FAILURE() << "no case folder in " << out_dir;
    return nullptr;
  }
  void Ok(const std::string& args) {
    std::string out;
    ASSERT_EQ(Beian(args, &out), 0) << args << "\n" << out;
  }
  // S09 registered on 2026-09-20 and taken through every stage to publicity (from 2026-09-25,
  // ends 2026-10-09) by the 松原市 office: C2026-0001; D2026-0001 receipt, D2026-0002 初评意见 (its
  // open points are choice slots), D2026-0003 公示, issued on its first day (filing follows the
  // issued 公示).
  void ToPublicity() {
    Run(Dossier(kS09, kS09, {}, [](std::string*) {}), "2026-09-20", 0);
    for (const char* stage : {"received", "preliminary", "technical", "comprehensive"}) {
      Ok(std::string("decide C2026-0001 --stage ") + stage + " --result pass --date 2026-09-21");
    }
    Ok("deliberate C2026-0001 --date 2026-09-22 --note 专题会议 --today 2026-09-22");
    Ok("publicize C2026-0001 --start 2026-09-25 --date 2026-09-25 --authority 220700");
    Ok("issue D2026-0003 --date 2026-09-25");
  }
  // ... and filed by the province on 2026-10-12 (D2026-0004 the 备案通知, F2026-0001).
  void FileInitial() {
    ToPublicity();
    Ok("file C2026-0001 --authority 220000 --date 2026-10-12");
  }
  std::vector<Row> Sql(const std::string& sql) {
    Result<std::unique_ptr<SqliteStorage>> db = SqliteStorage::Open(registry_);
    EXPECT_OK(db);
    if (!db) return {};
    Result<std::vector<Row>> rows = (*db)->Query(sql);
    EXPECT_OK(rows);
    return rows ? *rows : std::vector<Row>{};
  }
  // S09's voluntary termination dossier: S06's materials, S09's form as a 终止 application
  // stating the filing as the registry holds it (吉认备〔2026〕1号, until 2029-10-11).
  std::string TerminationDossier() {
    return Dossier("松原宏达-终止", "S06-通化市鑫源汽车维修有限公司-终止", {}, [](std::string* f) {
      ReplaceOnce(f, "<application_kind>首次申请", "<application_kind>终止");
      ReplaceOnce(f, "</application>",
                  "  <filing_number>吉认备〔2026〕1号</filing_number>\n"
                  "  <filing_valid_until>2029年10月11日</filing_valid_until>\n"
                  "</application>");
    });
  }
  // A renewal of S09 whose form claims validity until 2030-06-30 (the registry says
  // 2029-10-11), with S04's materials (a 社会培训评价组织's).
  std::string RenewalDossier() {
    return Dossier(
        "松原宏达-续期", "S04-延边长白家政职业技能培训中心-续期", {}, [](std::string* f) {
          ReplaceOnce(f, "<application_kind>首次申请", "<application_kind>续期");
          ReplaceOnce(f, "<applicant_type>用人单位", "<applicant_type>社会培训评价组织");
          ReplaceOnce(f, "<application_date>2025年9月8日", "<application_date>2029年8月1日");
          ReplaceOnce(f, "</application>",
                      "  <filing_number>吉认备〔2026〕1号</filing_number>\n"
                      "  <filing_valid_until>2030年6月30日</filing_valid_until>\n"
                      "</application>");
        });
  }
  static bool HasRule(const nlohmann::json& report, const std::string& rule) {
    for (const auto& f : report["findings"]) {
      if (f["rule"] == rule) return true;
    }
    return false;
  }

  std::string dir_, registry_, data_, last_case_dir_;
  int intakes_ = 0, runs_ = 0;
};

// A change dossier of S09 (Art. 8): 法定代表人 declared, 注册地址 changed too.
void ChangeForm(std::string* form, bool declare_address) {
  ReplaceOnce(form, "<legal_representative>冯立军", "<legal_representative>宋丽华");
  ReplaceOnce(form, "<application_kind>首次申请", "<application_kind>变更");
  ReplaceOnce(form, "沿江东路2099号</registered_address>", "建华路88号</registered_address>");
  std::string changes =
      "  <filing_number>吉认备〔2026〕1号</filing_number>\n"
      "  <filing_valid_until>2029年10月11日</filing_valid_until>\n  <changes>\n"
      "    <change item=\"法定代表人\" before=\"冯立军\" after=\"宋丽华\"/>\n";
  if (declare_address) {
    changes +=
        "    <change item=\"注册地址\" before=\"吉林省松原市宁江区沿江东路2099号\" "
        "after=\"吉林省松原市宁江区建华路88号\"/>\n";
  }
  ReplaceOnce(form, "</application>", changes + "  </changes>\n</application>");
}

const std::vector<std::string> kChangeFiles = {"变更申请.pdf", "法定代表人变更登记通知书.pdf",
                                               "新任法定代表人身份证明.pdf", "原备案通知.pdf",
                                               std::string(kS09) + "/营业执照（副本）.jpg"};
const char kS05[] = "S05-梅河口市康宁养老服务培训学校-变更";

TEST_F(RecordLifecycleTest, ChangeWithAnUndeclaredDifferenceIsReturnedThenFiledUpdatingTheRecord) {
  FileInitial();
  // Version 1: the 注册地址 differs from the filed record, and the form does not say so.
  nlohmann::json v1 = Run(
      Dossier("松原宏达-变更", kS05, kChangeFiles, [](std::string* f) { ChangeForm(f, false); }),
      "2026-11-02", 1);
  EXPECT_TRUE(HasRule(v1, "REG-001")) << v1["findings"].dump(2);
  EXPECT_EQ(v1["conclusion"], "corrections_needed");
  EXPECT_EQ(v1["registry_check"]["comparison"][0]["status"], "undeclared");
  EXPECT_EQ(v1["registry_check"]["comparison"][1]["status"], "declared");
  const std::string notice = v1["registry"]["correction_notice"];
  EXPECT_EQ(notice, "D2026-0006");  // D2026-0005 is the receipt
  const std::string notice_text = PdfText(last_case_dir_ + "/补正材料通知书.pdf");
  EXPECT_NE(notice_text.find("变更事项表未列明该项变更"), std::string::npos) << notice_text;
  EXPECT_NE(notice_text.find("建华路88号"), std::string::npos);
  // The deadline counts from delivery (correction_deadline_from, default delivery).
  EXPECT_NE(notice_text.find("请自收到本通知之日起10个工作日内"), std::string::npos) << notice_text;

  Ok("decide C2026-0002 --stage received --result pass --date 2026-11-03");
  Ok("decide C2026-0002 --stage preliminary --result return --date 2026-11-03");
  // No delivery recorded: the 补正 deadline counts from the return (10 working days).
  std::string out;
  ASSERT_EQ(Beian("due --within 60d --json --date 2026-11-04", &out), 0) << out;
  nlohmann::json due = nlohmann::json::parse(out);
  ASSERT_EQ(due["items"].size(), 1u) << out;
  EXPECT_EQ(due["items"][0]["kind"], "correction_due");
  EXPECT_EQ(due["items"][0]["date"], "2026-11-17");
  EXPECT_EQ(due["items"][0]["counted_from"], "returned");
  // Delivered on 2026-11-06: the deadline counts from then.
  Ok("served " + notice + " --date 2026-11-06");
  EXPECT_EQ(Beian("served " + notice + " --date 2026-11-07", &out), 2) << out;
  EXPECT_NE(out.find("2026-11-06"), std::string::npos) << out;
  ASSERT_EQ(Beian("due --within 60d --json --date 2026-11-09", &out), 0) << out;
  due = nlohmann::json::parse(out);
  ASSERT_EQ(due["items"].size(), 1u) << out;
  EXPECT_EQ(due["items"][0]["date"], "2026-11-20");
  EXPECT_EQ(due["items"][0]["counted_from"], "served");
  ASSERT_EQ(Beian("due --within 60d --json --date 2026-11-23", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["items"][0]["kind"], "correction_overdue") << out;
  ASSERT_EQ(Beian("status C2026-0002 --json --date 2026-11-09", &out), 0) << out;
  nlohmann::json status = nlohmann::json::parse(out);
  EXPECT_EQ(status["history"].back()["action"], "served");
  bool delivered = false;
  for (const auto& d : status["documents"]) {
    if (d["id"] == notice) delivered = d["served"] == "2026-11-06";
  }
  EXPECT_TRUE(delivered) << out;
  ASSERT_EQ(Beian("status C2026-0002 --date 2026-11-09", &out), 0) << out;
  EXPECT_NE(out.find("2026-11-06送达"), std::string::npos) << out;
  // A corrected delivery date names the entry it corrects, with the reason.
  const int first_delivery = status["history"].back()["seq"];
  Ok("served " + notice + " --date 2026-11-05 --reason 送达回证日期登记有误");
  ASSERT_EQ(Beian("status C2026-0002 --json --date 2026-11-09", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["history"].back()["corrects"], first_delivery) << out;
  ASSERT_EQ(Beian("status C2026-0002 --date 2026-11-09", &out), 0) << out;
  EXPECT_NE(out.find("更正第" + std::to_string(first_delivery) + "条，理由：送达回证日期登记有误"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("更正第?条"), std::string::npos) << out;

  // Version 2 declares the address: no finding, and the 初评意见 lists the comparison.
  nlohmann::json v2 = Run(Dossier("松原宏达-变更（第二次）", kS05, kChangeFiles,
                                  [](std::string* f) { ChangeForm(f, true); }),
                          "2026-11-20", 0);
  EXPECT_EQ(v2["registry"]["outcome"], "new_version");
  EXPECT_EQ(v2["registry"]["case"], "C2026-0002");
  EXPECT_FALSE(HasRule(v2, "REG-001")) << v2["findings"].dump(2);
  const std::string opinion = PdfText(last_case_dir_ + "/初评意见.pdf");
  EXPECT_NE(opinion.find("对照备案信息（据登记簿记载）"), std::string::npos) << opinion;
  EXPECT_NE(opinion.find("不一致，已列为变更事项"), std::string::npos) << opinion;
  EXPECT_NE(opinion.find("沿江东路2099号"), std::string::npos) << opinion;

  // Through the whole path again (Art. 8: 重新履行评估备案流程); filing updates the record.
  for (const char* stage : {"preliminary", "technical", "comprehensive"}) {
    Ok(std::string("decide C2026-0002 --stage ") + stage + " --result pass --date 2026-11-23");
  }
  Ok("deliberate C2026-0002 --date 2026-11-24 --note 专题会议 --today 2026-11-24");
  Ok("publicize C2026-0002 --start 2026-11-25 --date 2026-11-25 --authority 220700");
  {
    // The 公示 of a change says it is one (Art. 8) and what is to change.
    ASSERT_EQ(Beian("status C2026-0002 --json --date 2026-11-25", &out), 0) << out;
    std::string id;
    const nlohmann::json st = nlohmann::json::parse(out);
    for (const auto& d : st["documents"]) {
      if (d["kind"] == "publicity_notice") id = d["id"];
    }
    const std::string text = testing::FlatPdfText(dir_ + "/drafts/" + id + "-公示.pdf");
    EXPECT_NE(text.find("第七条、第八条规定"), std::string::npos) << text;
    EXPECT_NE(text.find("松原市宏达物流有限公司申请备案变更，变更事项如下："), std::string::npos)
        << text;
    EXPECT_NE(
        text.find("变更为“吉林省松原市宁江区建华路88号”；法定代表人由“冯立军”变更为“宋丽华”。"),
        std::string::npos)
        << text;
    Ok("issue " + id + " --date 2026-11-25");
  }
  Ok("file C2026-0002 --authority 220000 --date 2026-12-07");
  std::vector<Row> rec =
      Sql("SELECT filing_id, registered_address, legal_representative, valid_until, filing_number "
          "FROM filings WHERE state = 'active'");
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(AsText(rec[0][0]), "F2026-0001");  // the same filing, its validity unchanged
  EXPECT_EQ(AsText(rec[0][1]), "吉林省松原市宁江区建华路88号");
  EXPECT_EQ(AsText(rec[0][2]), "宋丽华");
  EXPECT_EQ(AsText(rec[0][3]), "2029-10-11");
  EXPECT_EQ(AsText(rec[0][4]), "吉认备〔2026〕1号");
  // The 已备案机构名单 lists the filed record once (not the first filing's and the change's).
  std::string listed;
  ASSERT_EQ(Beian("filed --date 2026-12-08", &listed), 0) << listed;
  std::size_t rows = 0;
  for (std::size_t at = listed.find("仓储管理员"); at != std::string::npos;
       at = listed.find("仓储管理员", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 1u) << listed;
  // A later change dossier is compared with the updated record.
  nlohmann::json again = Run(
      Dossier("松原宏达-再变更", kS05, kChangeFiles, [](std::string* f) { ChangeForm(f, true); }),
      "2026-12-10", 0);
  for (const auto& c : again["registry_check"]["comparison"]) {
    if (c["element"] == "registered_address") {
      EXPECT_EQ(c["status"], "same");
    }
  }
}

// The voluntary 终止备案通知 (Art. 10) when the terminating authority is not the one run drafted
// for: `terminate --voluntary` draws its own (run's draft superseded), after the evaluation
// passed, on that day's date; Art. 13's wind-up stated as done before (checked by the
// evaluation), the filing that ends named; no remedy (not an adverse decision).
TEST_F(RecordLifecycleTest, VoluntaryTerminationFollowsItsEvaluation) {
  FileInitial();  // filed 2026-10-12 to 2029-10-11, 吉认备〔2026〕1号
  nlohmann::json r = Run(TerminationDossier(), "2029-11-02", 0);  // 松原 (220700) drafts
  const std::string case_id = r["registry"]["case"];
  const std::string run_draft = r["registry"]["termination_notice"];
  Ok("decide " + case_id + " --stage received --result pass --date 2029-11-03 --today 2029-11-03");
  Ok("decide " + case_id +
     " --stage preliminary --result pass --date 2029-11-05 --today 2029-11-05");
  Ok("terminate " + case_id + " --voluntary --date 2029-11-06 --authority 220000");
  std::vector<Row> doc = Sql(
      "SELECT document_id FROM documents WHERE kind = 'termination_notice' AND state = 'draft'");
  ASSERT_EQ(doc.size(), 1u);
  const std::string id = AsText(doc[0][0]);
  EXPECT_NE(id, run_draft);
  EXPECT_EQ(
      AsText(
          Sql("SELECT state FROM documents WHERE document_id = '" + run_draft + "'").at(0).at(0)),
      "superseded");
  const std::string text = testing::FlatPdfText(dir_ + "/drafts/" + id + "-终止备案通知.pdf");
  for (const char* want :
       {"关于同意松原市宏达物流有限公司自愿终止职业技能等级认定机构备案的通知",
        "自愿终止备案的申请收悉。2029年11月5日，经评估，你单位已按照",
        "第十三条规定做好终止备案前的相关收尾工作。根据《办法》第十条规定，对你单位作出自愿终止备案"
        "处理。",
        "备案编号为吉认备〔2026〕1号的", "有效期2026年10月12日至2029年10月11日）同时终止。"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  for (const char* never : {"责令", "行政复议", "请你单位做好", "届满", "意见"}) {
    EXPECT_EQ(text.find(never), std::string::npos) << never << "\n" << text;
  }
  std::string out;
  EXPECT_EQ(Beian("issue " + id + " --date 2029-11-07", &out), 2);
  EXPECT_NE(out.find("effective_date"), std::string::npos) << out;
  EXPECT_EQ(out.find("evaluation_date"), std::string::npos) << out;
  Ok("edit " + id + " --slot effective_date --text 2029年11月7日");
  Ok("issue " + id + " --date 2029-11-07");
}

// One document for one decision: run drafts the 终止备案通知 (a registry document) as the
// decision to be issued after the evaluation, its evaluation day and effective date blank, the
// expired filing said on the worksheet only; `terminate --voluntary` adopts it (same id, the
// registry's facts merged), it is refused issue until terminated and filled, then issued
// (numbered, archived, archive verify clean).
TEST_F(RecordLifecycleTest, VoluntaryTerminationAdoptsRunsNotice) {
  FileInitial();
  nlohmann::json r = Run(TerminationDossier(), "2029-11-02", 0, "--authority 220700");
  const std::string case_id = r["registry"]["case"];
  const std::string id = r["registry"]["termination_notice"];
  // `status` takes the report's dossier fingerprint (its JL- id) for the case it was recorded as.
  const std::string fingerprint = r["case_id"];
  ASSERT_EQ(fingerprint.rfind("JL-", 0), 0u) << fingerprint;
  std::string shown;
  ASSERT_EQ(Beian("status " + fingerprint + " --json", &shown), 0) << shown;
  EXPECT_EQ(nlohmann::json::parse(shown)["case"], case_id) << shown;
  EXPECT_EQ(Beian("status JL-0000000000", &shown), 2) << shown;
  EXPECT_NE(shown.find("JL-0000000000"), std::string::npos) << shown;
  ASSERT_EQ(r["documents"].size(), 2u) << r["documents"].dump();
  EXPECT_EQ(r["documents"][0]["kind"], "termination_notice");
  EXPECT_EQ(r["documents"][0]["title"], "终止备案通知");
  const std::string drafted = testing::FlatPdfText(last_case_dir_ + "/终止备案通知.pdf");
  for (const char* want :
       {"关于同意松原市宏达物流有限公司自愿终止职业技能等级认定机构备案的通知",
        "收悉。＿＿＿＿年＿＿月＿＿日，经评估", "终止备案自＿＿＿＿年＿＿月＿＿日起生效",
        "备案编号为吉认备〔2026〕1号的"}) {
    EXPECT_NE(drafted.find(want), std::string::npos) << want << "\n" << drafted;
  }
  EXPECT_EQ(drafted.find("届满"), std::string::npos) << drafted;
  // 松原 terminates a filing the province's 备案通知 made: 抄送 the province (issue 20).
  EXPECT_NE(drafted.find("抄送：吉林省人力资源和社会保障厅"), std::string::npos) << drafted;
  // The worksheet's watermark (内部工作用) falls between its lines: compared without its
  // characters.
  auto unmarked = [](std::string text) {
    for (const char* mark : {"内", "部", "工", "作", "用"}) {
      for (std::size_t at = text.find(mark); at != std::string::npos; at = text.find(mark)) {
        text.erase(at, std::string(mark).size());
      }
    }
    return text;
  };
  const std::string sheet = unmarked(testing::FlatPdfText(last_case_dir_ + "/审核工作单.pdf"));
  for (const char* want : {"原备案有效期至2029年10月11日，在本次审核日（2029年11月2日）前已届满",
                           "终止备案通知按评估后印发的决定起", "PC-TERMINATION"}) {
    EXPECT_NE(sheet.find(unmarked(want)), std::string::npos) << want << "\n" << sheet;
  }
  std::string out;
  EXPECT_EQ(Beian("issue " + id + " --date 2029-11-02", &out), 2);  // not yet decided
  EXPECT_NE(out.find("beian decide " + case_id + " --stage received"), std::string::npos) << out;
  Ok("decide " + case_id + " --stage received --result pass --date 2029-11-03 --today 2029-11-03");
  Ok("decide " + case_id +
     " --stage preliminary --result pass --date 2029-11-05 --today 2029-11-05");
  ASSERT_EQ(Beian("terminate " + case_id + " --voluntary --date 2029-11-06", &out), 0) << out;
  EXPECT_NE(out.find("沿用 beian run 已起草的终止备案通知（文书编号 " + id), std::string::npos)
      << out;
  std::vector<Row> docs =
      Sql("SELECT document_id FROM documents WHERE kind = 'termination_notice'");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(AsText(docs[0][0]), id);
  const std::string adopted = testing::FlatPdfText(dir_ + "/drafts/" + id + "-终止备案通知.pdf");
  for (const char* want :
       {"收悉。2029年11月5日，经评估", "有效期2026年10月12日至2029年10月11日）"}) {
    EXPECT_NE(adopted.find(want), std::string::npos) << want << "\n" << adopted;
  }
  EXPECT_EQ(Beian("issue " + id + " --date 2029-11-07", &out), 2);
  EXPECT_NE(out.find("effective_date"), std::string::npos) << out;
  Ok("edit " + id + " --slot effective_date --text 2029年11月7日");
  ASSERT_EQ(Beian("issue " + id + " --date 2029-11-07", &out), 0) << out;
  EXPECT_NE(out.find("松人社认备〔2029〕"), std::string::npos) << out;  // 松原 terminates
  const std::vector<Row> issued =
      Sql("SELECT state, number, path, title FROM documents WHERE document_id = '" + id + "'");
  ASSERT_EQ(issued.size(), 1u);
  EXPECT_EQ(AsText(issued[0][0]), "issued");
  EXPECT_EQ(AsText(issued[0][3]),
            "关于同意松原市宏达物流有限公司自愿终止职业技能等级认定机构备案的通知");
  const std::string number = AsText(issued[0][1]);
  const std::string text = testing::FlatPdfText(dir_ + "/archive/" + AsText(issued[0][2]));
  for (const std::string& want : {std::string("2029年11月7日起生效"), number,
                                  std::string("抄送：吉林省人力资源和社会保障厅")}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  EXPECT_EQ(text.find("草稿"), std::string::npos) << text;
  EXPECT_EQ(Beian("archive verify --date 2029-11-08", &out), 0) << out;
}

// S06 itself with a registry: its one draft, the 终止备案通知, is registered (beside the receipt);
// a termination the registry cannot make (no filing of S06's institution) changes nothing.
TEST_F(RecordLifecycleTest, RunRegistersS06sTerminationNotice) {
  const std::string intake = dir_ + "/in-s06";
  const std::string name = "S06-通化市鑫源汽车维修有限公司-终止";
  fs::create_directories(intake);
  fs::copy(testing::RepoRoot() + "/samples/intake/" + name, intake + "/" + name,
           fs::copy_options::recursive);
  nlohmann::json r = Run(intake, "2026-11-25", 0, "--authority 220500");
  const std::string case_id = r["registry"]["case"];
  const std::string id = r["registry"]["termination_notice"];
  const std::string kinds = "SELECT document_id, kind, state FROM documents ORDER BY document_id";
  std::vector<Row> docs = Sql(kinds);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(AsText(docs[0][1]), "receipt");
  EXPECT_EQ(AsText(docs[1][0]), id);
  EXPECT_EQ(AsText(docs[1][1]), "termination_notice");
  EXPECT_EQ(AsText(docs[1][2]), "draft");
  Ok("decide " + case_id + " --stage received --result pass --date 2026-11-26 --today 2026-11-26");
  Ok("decide " + case_id +
     " --stage preliminary --result pass --date 2026-11-27 --today 2026-11-27");
  std::string out;
  EXPECT_EQ(Beian("terminate " + case_id + " --voluntary --date 2026-11-30", &out), 2);
  EXPECT_NE(out.find("91220502MA14R7T2PL"), std::string::npos) << out;
  docs = Sql(kinds);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(AsText(docs[1][2]), "draft");
}

TEST_F(RecordLifecycleTest, RenewalIsCheckedAgainstTheRegistryExpiryNotTheForm) {
  FileInitial();  // valid 2026-10-12 to 2029-10-11; renewal due by 2029-07-11 (Art. 9)
  // The form claims validity until 2030-06-30, which would make 2029-08-01 on time.
  nlohmann::json r = Run(RenewalDossier(), "2029-08-01", 0);
  EXPECT_TRUE(HasRule(r, "REG-005")) << r["findings"].dump(2);  // late by the registry
  EXPECT_TRUE(HasRule(r, "REG-006"));                           // the form's date differs
  EXPECT_FALSE(HasRule(r, "A9-03"));
  EXPECT_EQ(r["registry_check"]["filing"]["valid_until"], "2029-10-11");
  EXPECT_EQ(r["registry_check"]["filing"]["renewal_deadline"], "2029-07-11");
  EXPECT_EQ(r["registry_check"]["filing"]["renewal_on_time"], false);
  EXPECT_EQ(r["conclusion"], "review_needed");
  for (const auto& c : r["conditions"]) {
    if (c["id"] == "art9") {
      EXPECT_EQ(c["state"], "review") << c.dump();
    }
  }
  EXPECT_EQ(r["registry"]["case"], "C2029-0001");
  // Evaluated and renewed: three years on from the old end, the 备案编号 kept.
  Ok("decide C2029-0001 --stage received --result pass --date 2029-08-02 --today 2029-08-02");
  Ok("decide C2029-0001 --stage preliminary --result pass --date 2029-08-02 --today 2029-08-02");
  // The 松原市 office reports it to the province (Art. 9 cited for a renewal), which renews it.
  Ok("submit C2029-0001 --authority 220700 --date 2029-08-03");
  const std::string report = PdfText(dir_ + "/drafts/D2029-0002-报送报告.pdf");
  EXPECT_NE(report.find("第九条规定"), std::string::npos) << report;
  EXPECT_NE(report.find("松原市宏达物流有限公司：经对认定机构工作开展情况进行评估，评估合格。"),
            std::string::npos)
      << report;
  EXPECT_EQ(report.find("公示期"), std::string::npos) << report;
  Ok("file C2029-0001 --authority 220000 --date 2029-08-03");
  std::vector<Row> f =
      Sql("SELECT valid_from, valid_until, filing_number, renewed_from, registered_address "
          "FROM filings WHERE state = 'active'");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(AsText(f[0][0]), "2029-10-12");
  EXPECT_EQ(AsText(f[0][1]), "2032-10-11");
  EXPECT_EQ(AsText(f[0][2]), "吉认备〔2026〕1号");
  EXPECT_EQ(AsText(f[0][3]), "F2026-0001");
  EXPECT_EQ(AsText(f[0][4]), "吉林省松原市宁江区沿江东路2099号");  // the record carried on
  std::string notice;
  for (const auto& e : fs::directory_iterator(dir_ + "/drafts")) {
    if (e.path().filename().string().find("续期备案通知") != std::string::npos) {
      notice = PdfText(e.path().string());
    }
  }
  EXPECT_NE(notice.find("2029年10月12日至2032年10月11日"), std::string::npos) << notice;
  EXPECT_NE(notice.find("备案编号：吉认备〔2026〕1号"), std::string::npos) << notice;
  // 已备案机构名单 as of a date lists the period in force then: the first until 2029-10-11,
  // the renewal's from 2029-10-12, one row per occupation either way.
  std::string listed;
  ASSERT_EQ(Beian("filed --date 2029-09-01", &listed), 0) << listed;
  EXPECT_NE(listed.find("2026-10-12"), std::string::npos) << listed;
  EXPECT_EQ(listed.find("2032-10-11"), std::string::npos) << listed;
  ASSERT_EQ(Beian("filed --date 2029-10-12", &listed), 0) << listed;
  EXPECT_NE(listed.find("2032-10-11"), std::string::npos) << listed;
  EXPECT_EQ(listed.find("2026-10-12"), std::string::npos) << listed;
}

TEST_F(RecordLifecycleTest, RenewalFromTheNoticeDateWhenTheOfficeSaysSo) {
  std::ifstream in(data_ + "/templates/office.json");
  nlohmann::json office = nlohmann::json::parse(in);
  office["renewal_validity_start"] = "doc_date";
  std::ofstream(data_ + "/templates/office.json") << office.dump(2);
  FileInitial();
  nlohmann::json r = Run(RenewalDossier(), "2029-06-01", 0);
  EXPECT_FALSE(HasRule(r, "REG-005")) << r["findings"].dump(2);  // on time by the registry
  EXPECT_EQ(r["registry_check"]["filing"]["renewal_on_time"], true);
  Ok("decide C2029-0001 --stage received --result pass --date 2029-06-02 --today 2029-06-02");
  Ok("decide C2029-0001 --stage preliminary --result pass --date 2029-06-02 --today 2029-06-02");
  Ok("file C2029-0001 --authority 220000 --date 2029-06-05");
  std::vector<Row> f = Sql("SELECT valid_from, valid_until FROM filings WHERE state = 'active'");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(AsText(f[0][0]), "2029-06-05");
  EXPECT_EQ(AsText(f[0][1]), "2032-06-04");
  Ok("issue D2029-0002 --date 2029-06-10");  // D2029-0001 is the receipt
  f = Sql("SELECT valid_from, valid_until FROM filings WHERE state = 'active'");
  EXPECT_EQ(AsText(f[0][0]), "2029-06-10");
  EXPECT_EQ(AsText(f[0][1]), "2032-06-09");
}

TEST_F(RecordLifecycleTest, CityOfficeSubmitsToTheProvinceWhichFiles) {
  ToPublicity();
  std::string out;
  // The city cannot file; the refusal says what to do instead.
  EXPECT_EQ(Beian("file C2026-0001 --authority 220700 --date 2026-10-12", &out), 2) << out;
  EXPECT_NE(out.find("beian submit C2026-0001 --authority 220700"), std::string::npos) << out;
  EXPECT_NE(out.find("第七条（五）"), std::string::npos) << out;
  // Not before the 公示 has ended.
  EXPECT_EQ(Beian("submit C2026-0001 --authority 220700 --date 2026-10-09", &out), 2) << out;
  ASSERT_EQ(Beian("submit C2026-0001 --authority 220700 --date 2026-10-12", &out), 0) << out;
  EXPECT_NE(out.find("D2026-0004"), std::string::npos) << out;
  const std::string text = PdfText(dir_ + "/drafts/D2026-0004-报送报告.pdf");
  EXPECT_NE(text.find("关于报送职业技能等级认定机构备案材料的报告"), std::string::npos) << text;
  EXPECT_NE(text.find("吉林省人力资源和社会保障厅："), std::string::npos) << text;
  EXPECT_NE(text.find("松原市宏达物流有限公司"), std::string::npos) << text;
  EXPECT_NE(text.find("公示期2026年9月25日至2026年10月9日"), std::string::npos) << text;
  EXPECT_NE(text.find("草稿"), std::string::npos);
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-12", &out), 0) << out;
  nlohmann::json status = nlohmann::json::parse(out);
  EXPECT_EQ(status["stage"], "publicity");
  EXPECT_EQ(status["history"].back()["action"], "submit");
  // The province files the case on the same registry.
  Ok("file C2026-0001 --authority 220000 --date 2026-10-14");
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-14", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["stage"], "filed");
  // The province's 备案通知 of the 松原 case is 抄送 to the 松原 office (issue 20).
  const std::string notice = testing::FlatPdfText(dir_ + "/drafts/D2026-0005-备案通知.pdf");
  EXPECT_NE(notice.find("抄送：松原市人力资源和社会保障局"), std::string::npos) << notice;
}

TEST_F(RecordLifecycleTest, IssuingLaterThanFileStartsTheValidityOnTheIssuedDate) {
  FileInitial();
  std::string out;
  ASSERT_EQ(Beian("issue D2026-0004 --date 2026-10-20", &out), 0) << out;
  std::vector<Row> f = Sql("SELECT valid_from, valid_until, filing_number FROM filings");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(AsText(f[0][0]), "2026-10-20");
  EXPECT_EQ(AsText(f[0][1]), "2029-10-19");
  std::vector<Row> path = Sql("SELECT path FROM documents WHERE document_id = 'D2026-0004'");
  ASSERT_EQ(path.size(), 1u);
  const std::string text = PdfText(dir_ + "/archive/" + AsText(path[0][0]));
  EXPECT_NE(text.find("自2026年10月20日至2029年10月19日"), std::string::npos) << text;
  EXPECT_NE(text.find("备案编号：吉认备〔2026〕1号"), std::string::npos) << text;
  // Filed by the province for the 松原 office that received it: 抄送 to that office.
  const std::string flat = testing::FlatPdfText(dir_ + "/archive/" + AsText(path[0][0]));
  EXPECT_NE(flat.find("抄送：松原市人力资源和社会保障局"), std::string::npos) << flat;
  EXPECT_EQ(flat.find("抄送：吉林省人力资源和社会保障厅"), std::string::npos) << flat;
}

// Without filing_number_format the draft 备案通知 leaves the 备案编号 blank and issue refuses,
// naming the setting; once it is set, the notice drafted before gets its number when issued.
TEST_F(RecordLifecycleTest, FileDateSettingKeepsTheStartAndIssueNumbersTheFiling) {
  std::ifstream in(data_ + "/templates/office.json");
  nlohmann::json office = nlohmann::json::parse(in);
  office["filing_validity_start"] = "file_date";
  office.erase("filing_number_format");
  std::ofstream(data_ + "/templates/office.json") << office.dump(2);
  FileInitial();
  std::string out;
  EXPECT_NE(PdfText(dir_ + "/drafts/D2026-0004-备案通知.pdf").find("备案编号：＿＿＿＿"),
            std::string::npos);
  EXPECT_EQ(Beian("issue D2026-0004 --date 2026-10-20", &out), 2);
  EXPECT_NE(out.find("没有备案编号"), std::string::npos) << out;
  EXPECT_NE(out.find("\"filing_number_format\""), std::string::npos) << out;
  std::vector<Row> state =
      Sql("SELECT state, number FROM documents WHERE document_id = "
          "'D2026-0004'");
  EXPECT_EQ(AsText(state[0][0]), "draft") << "no 发文字号 taken by a refused issue";
  EXPECT_EQ(AsText(state[0][1]), "");
  office["filing_number_format"] = "吉认备〔{year}〕{n}号";
  std::ofstream(data_ + "/templates/office.json") << office.dump(2);
  ASSERT_EQ(Beian("issue D2026-0004 --date 2027-01-04", &out), 0) << out;
  std::vector<Row> f = Sql("SELECT valid_from, valid_until, filing_number FROM filings");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(AsText(f[0][0]), "2026-10-12");
  EXPECT_EQ(AsText(f[0][2]), "吉认备〔2027〕1号") << "numbered in the year it is issued";
  std::vector<Row> path = Sql("SELECT path FROM documents WHERE document_id = 'D2026-0004'");
  const std::string text = PdfText(dir_ + "/archive/" + AsText(path[0][0]));
  EXPECT_NE(text.find("备案编号：吉认备〔2027〕1号"), std::string::npos) << text;
  EXPECT_EQ(text.find("＿＿＿＿"), std::string::npos) << text;
  // A bad value of the setting is refused naming it.
  office["filing_validity_start"] = "tomorrow";
  std::ofstream(data_ + "/templates/office.json") << office.dump(2);
  EXPECT_EQ(Beian("status --date 2026-10-20", &out), 2);
  EXPECT_NE(out.find("filing_validity_start"), std::string::npos) << out;
}

}  // namespace
}  // namespace pipeline::registry
