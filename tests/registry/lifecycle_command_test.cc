// The filing lifecycle after deliberation through the `beian` binary: 公示, objections, filing,
// issuing with 发文字号 and the archive, archive verification, due dates, and issue runs killed
// at fault-injection points.
#include <gtest/gtest.h>
#include <podofo/podofo.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/sha256.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/ingest/zip_reader.h"
#include "pipeline/registry/commands.h"
#include "pipeline/registry/fault.h"
#include "pipeline/registry/pdfa.h"
#include "pipeline/registry/sqlite_storage.h"
#include "pipeline/render/pdf/deflate.h"
#include "tests/render/render_test_util.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;

// One part of an XLSX file (e.g. xl/sharedStrings.xml), read with beian's own zip reader.
std::string XlsxPart(const std::string& path, const std::string& part) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string xlsx = bytes.str();
  ingest::ZipReader zip(xlsx, ingest::Limits{});
  Result<std::string> text = zip.Read(part);
  EXPECT_OK(text);
  return text ? *text : std::string();
}

// 公示 periods over 春节 and 国庆 with make-up working days (reference values of
// /work/shared/reference/calendar.md §3), both conventions for the first day.
TEST(PublicityEndTest, FiveWorkingDaysAcrossHolidays) {
  RealFileSystem rfs;
  Result<report::WorkCalendar> cal = report::LoadWorkCalendar(rfs, testing::RepoRoot() + "/data");
  ASSERT_OK(cal);
  struct Case {
    Date start;
    bool count_start;
    Date end;
  } cases[] = {
      {{2025, 9, 26}, true, {2025, 10, 9}},  // 国庆 2025, 9-28 and 10-11 make-up days
      {{2025, 9, 26}, false, {2025, 10, 10}},
      {{2026, 2, 12}, true, {2026, 2, 25}},  // 春节 2026, 2-14 make-up day
      {{2026, 2, 12}, false, {2026, 2, 26}},
      {{2025, 1, 24}, true, {2025, 2, 6}},  // 春节 2025, 1-26 make-up day
      {{2025, 1, 24}, false, {2025, 2, 7}},
      {{2026, 9, 25}, false, {2026, 10, 9}},  // 国庆 2026
      {{2026, 10, 3}, true, {2026, 10, 13}},  // starts on a holiday: it never counts
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.start.ToIso() + (c.count_start ? " counted" : " not counted"));
    EXPECT_EQ(PublicityEnd(*cal, c.start, 5, c.count_start), c.end);
  }
}

class LifecycleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    intake_ = dir_ + "/intake";
    registry_ = dir_ + "/registry.sqlite";
    data_ = dir_ + "/data-root";
    fs::create_directories(intake_);
    fs::copy(testing::RepoRoot() + "/samples/intake/S01-长春鼎新职业技能培训学校-首次申请",
             intake_ + "/S01-长春鼎新职业技能培训学校-首次申请", fs::copy_options::recursive);
    // An office's own settings: a data root with its own templates/office.json.
    // Offices on one registry (a city publicizes, the province files): one 代字 each.
    testing::MakeOfficeDataRoot(
        data_,
        {{"doc_number_format",
          {{"220100", "长人社认备〔{year}〕{n}号"}, {"default", "吉人社认备〔{year}〕{n}号"}}},
         {"filing_number_format", "吉认备〔{year}〕{n}号"},
         {"publicity_contact", "来信请注明“公示异议”。"},
         {"objection_office", "长春市人社局职业能力建设处"},
         {"objection_phone", "0431-88888888"},
         {"allow_fallback_fonts", true}});
  }
  int Beian(const std::string& args, std::string* out = nullptr, const std::string& env = "") {
    std::string text;
    int rc = testing::RunCommand(env + " " + testing::BeianBinary() + " " + args + " --registry " +
                                     testing::Quote(registry_) + " --user 李四" + " --data-dir " +
                                     testing::Quote(data_),
                                 &text, /*merge_stderr=*/true);
    if (out) *out = text;
    return rc;
  }
  // Registers S01 and takes it to publicity (deliberation recorded on 2026-09-22).
  void ToPublicity() {
    std::string out;
    ASSERT_EQ(Beian("run " + testing::Quote(intake_) + " --out " + testing::Quote(dir_ + "/out") +
                        " --no-pdf --quiet --date 2026-09-20",
                    &out),
              0)
        << out;
    for (const char* stage : {"received", "preliminary", "technical", "comprehensive"}) {
      ASSERT_EQ(Beian(std::string("decide C2026-0001 --stage ") + stage +
                          " --result pass --date 2026-09-21",
                      &out),
                0)
          << out;
    }
    ASSERT_EQ(
        Beian("deliberate C2026-0001 --date 2026-09-22 --note 厅务会 --today 2026-09-22", &out), 0)
        << out;
  }
  // Publicity from 2026-09-25 (ends 2026-10-09) by the 长春 office; D2026-0001 is the
  // 材料接收回执 drafted by run, D2026-0002 the 公示.
  void Publicized() {
    ToPublicity();
    std::string out;
    ASSERT_EQ(
        Beian("publicize C2026-0001 --start 2026-09-25 --date 2026-09-25 --authority 220100", &out),
        0)
        << out;
  }
  // ... then the 公示 issued on its first day (长人社认备〔2026〕1号 of 220100) and the case
  // filed at the province on 2026-10-12: D2026-0003 is the 备案通知.
  void ToFiled() {
    Publicized();
    std::string out;
    ASSERT_EQ(Beian("issue D2026-0002 --date 2026-09-25", &out), 0) << out;
    ASSERT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 0) << out;
  }
  std::string Pdf(const std::string& path) {
    std::string text;
    testing::RunCommand("pdftotext " + testing::Quote(path) + " -", &text);
    return text;
  }
  nlohmann::json Document(const std::string& id) {
    auto db = SqliteStorage::Open(registry_);
    auto rows = (*db)->Query(
        "SELECT state, number, seq_value, path, sha256 FROM documents WHERE document_id = ?", {id});
    const Row& r = (*rows)[0];
    return {{"state", AsText(r[0])},
            {"number", AsText(r[1])},
            {"seq", AsInt(r[2])},
            {"path", AsText(r[3])},
            {"sha256", AsText(r[4])}};
  }
  std::string dir_, intake_, registry_, data_;
};

TEST_F(LifecycleTest, PublicityObjectionAndFilingGuards) {
  ToPublicity();
  std::string out;
  // Filing before the 公示 is refused, naming the command that comes next.
  EXPECT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-09-23", &out), 2);
  EXPECT_NE(out.find("beian publicize C2026-0001"), std::string::npos) << out;
  // A start in a year the calendar does not cover is refused, never guessed.
  EXPECT_EQ(Beian("publicize C2026-0001 --start 2027-03-01 --date 2027-03-01", &out), 2);
  EXPECT_NE(out.find("节假日表"), std::string::npos) << out;
  ASSERT_EQ(
      Beian("publicize C2026-0001 --start 2026-09-25 --date 2026-09-25 --authority 220100", &out),
      0)
      << out;
  EXPECT_NE(out.find("2026-10-09"), std::string::npos) << out;
  const std::string draft = dir_ + "/drafts/D2026-0002-公示.pdf";
  ASSERT_TRUE(fs::exists(draft)) << out;
  std::string text = Pdf(draft);
  EXPECT_NE(text.find("2026年9月25日至2026年10月9日"), std::string::npos) << text;
  EXPECT_NE(text.find("长春市鼎新"), std::string::npos) << text;
  EXPECT_NE(text.find("草"), std::string::npos);  // watermark 草稿
  text = testing::FlatPdfText(draft);
  EXPECT_NE(text.find("中式烹调师：五级至"), std::string::npos) << text;
  // Where and how to object, and until when: the settings, blanks for those unset.
  EXPECT_NE(text.find("可于2026年10月9日（含当日）前向下列部门反映，并说明理由。"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("受理部门：长春市人社局职业能力建设处"), std::string::npos) << text;
  EXPECT_NE(text.find("联系电话：0431-88888888"), std::string::npos) << text;
  EXPECT_NE(text.find("地址：＿＿＿＿"), std::string::npos) << text;
  EXPECT_NE(text.find("电子邮箱：＿＿＿＿"), std::string::npos) << text;
  EXPECT_NE(text.find("来信请注明“公示异议”。"), std::string::npos) << text;
  EXPECT_NE(text.find("首次备案"), std::string::npos) << text;
  EXPECT_EQ(text.find("第八条"), std::string::npos) << text;
  EXPECT_EQ(Beian("publicize C2026-0001 --start 2026-09-28 --date 2026-09-28", &out), 2)
      << "a second 公示 for the same case";
  // During the period, and with an open objection, filing is refused.
  EXPECT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-09", &out), 2);
  EXPECT_NE(out.find("2026-10-09"), std::string::npos) << out;
  ASSERT_EQ(Beian("object C2026-0001 --note 来信反映场地不符 --date 2026-10-08", &out), 0) << out;
  EXPECT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 2);
  EXPECT_NE(out.find("异议"), std::string::npos) << out;
  ASSERT_EQ(Beian("resolve C2026-0001 --note 经核实不属实 --date 2026-10-12", &out), 0) << out;
  EXPECT_EQ(Beian("resolve C2026-0001 --note 再次 --date 2026-10-12", &out), 2);
  // Only the province files.
  EXPECT_EQ(Beian("file C2026-0001 --authority 220100 --date 2026-10-12", &out), 2);
  EXPECT_NE(out.find("220000"), std::string::npos) << out;
  // The period over, no objection open: filing still waits for the 公示 to be issued (a draft
  // was never published), naming it and the command that issues it.
  EXPECT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 2);
  EXPECT_NE(out.find("案件C2026-0001的公示（文书D2026-0002）尚未签发"), std::string::npos) << out;
  EXPECT_NE(out.find("beian issue D2026-0002 --registry " + registry_), std::string::npos) << out;
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-12", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["next"], "beian issue D2026-0002 --registry " + registry_);
  ASSERT_EQ(Beian("issue D2026-0002 --date 2026-10-12", &out), 0) << out;
  ASSERT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 0) << out;
  text = Pdf(dir_ + "/drafts/D2026-0003-备案通知.pdf");
  EXPECT_NE(text.find("2026年10月12日至2029年10月11日"), std::string::npos) << text;
  EXPECT_NE(text.find("中式烹调师"), std::string::npos) << text;
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-12", &out), 0) << out;
  nlohmann::json st = nlohmann::json::parse(out);
  EXPECT_EQ(st["stage"], "filed");
  EXPECT_EQ(st["documents"].size(), 3u);  // 材料接收回执, 公示, 备案通知
  EXPECT_EQ(st["history"].back()["action"], "file");
  EXPECT_EQ(Beian("object C2026-0001 --note 迟到 --date 2026-10-13", &out), 2);
}

TEST_F(LifecycleTest, IssueNumbersArchivesAndRefusesASecondIssue) {
  ToFiled();
  std::string out;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;
  EXPECT_EQ(out.find("/Root"), std::string::npos) << "no PDF trailer on the terminal: " << out;
  nlohmann::json d = Document("D2026-0003");
  EXPECT_EQ(d["state"], "issued");
  EXPECT_EQ(d["number"], "吉人社认备〔2026〕1号");
  EXPECT_EQ(d["path"], "220000/2026/吉人社认备〔2026〕1号.pdf");
  const std::string file = dir_ + "/archive/" + d["path"].get<std::string>();
  std::string text = Pdf(file);
  EXPECT_NE(text.find("吉人社认备〔2026〕1号"), std::string::npos) << text;
  EXPECT_EQ(text.find("草稿"), std::string::npos) << "an issued copy has no watermark";
  EXPECT_EQ(text.find("草"), std::string::npos);
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(d["sha256"], Sha256Hex(bytes.str()));
  // Issuing twice is refused; the archived file is untouched.
  EXPECT_EQ(Beian("issue D2026-0003 --date 2026-10-14", &out), 2);
  EXPECT_NE(out.find("已签发"), std::string::npos) << out;
  // The 公示 issued before the filing took 220100's first number, in 220100's own 代字. A number
  // given by hand (its corrected re-issue) is taken out of the sequence, and is never used twice.
  EXPECT_EQ(Document("D2026-0002")["number"], "长人社认备〔2026〕1号");
  ASSERT_EQ(Beian("reissue D2026-0002 --date 2026-10-13", &out), 0) << out;
  ASSERT_EQ(Beian("issue D2026-0004 --number 7 --date 2026-10-13", &out), 0) << out;
  EXPECT_EQ(Document("D2026-0004")["number"], "长人社认备〔2026〕7号");
  auto db = SqliteStorage::Open(registry_);
  auto next = (*db)->Query(
      "SELECT next_value FROM number_sequences WHERE authority = '220100' AND year = 2026");
  EXPECT_EQ(AsInt((*next)[0][0]), 8);
  // The 归档文件目录 (DA/T 22) beside the files, as CSV and XLSX.
  std::ifstream csv_in(dir_ + "/archive/220000/2026/归档文件目录.csv", std::ios::binary);
  std::stringstream csv;
  csv << csv_in.rdbuf();
  EXPECT_EQ(csv.str(),
            "\xEF\xBB\xBF档号,文号,责任者,题名,日期,页数,密级,保管期限,备注\r\n"
            "＿＿-2026-＿＿-0001,吉人社认备〔2026〕1号,吉林省人力资源和社会保障厅,"
            "关于长春市鼎新职业技能培训学校职业技能等级认定机构备案的通知,20261013,2,,,\r\n");
  const std::string strings =
      XlsxPart(dir_ + "/archive/220000/2026/归档文件目录.xlsx", "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("吉人社认备〔2026〕1号"), std::string::npos);
  EXPECT_NE(strings.find("保管期限"), std::string::npos);
}

// doc_number_format per authority: the 市 office's 报送报告 takes its own 代字 and sequence, the
// province's 备案通知 the province's; an authority without a format is refused, named.
TEST_F(LifecycleTest, NumberFormatPerAuthority) {
  Publicized();
  std::string out;
  const std::string config = dir_ + "/formats.json";
  std::ofstream(config) << R"({"doc_number_format": {"220100": "长人社认备〔{year}〕{n}号",
                                                      "220000": "吉人社认备〔{year}〕{n}号"}})";
  ASSERT_EQ(Beian("issue D2026-0002 --date 2026-09-25 --config " + testing::Quote(config), &out), 0)
      << out;  // the 公示: 长人社认备〔2026〕1号
  ASSERT_EQ(Beian("submit C2026-0001 --authority 220100 --date 2026-10-12", &out), 0) << out;
  ASSERT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 0) << out;
  // (The layers merge: the data root's 220100 format is blanked, not left out.)
  std::ofstream(config) << R"({"doc_number_format": {"220100": "",
                                                      "220000": "吉人社认备〔{year}〕{n}号"}})";
  EXPECT_EQ(Beian("issue D2026-0003 --date 2026-10-13 --config " + testing::Quote(config), &out),
            2);
  EXPECT_NE(out.find("未设置机关220100的发文字号格式"), std::string::npos) << out;
  std::ofstream(config) << R"({"doc_number_format": {"220100": "长人社认备〔{year}〕{n}号",
                                                      "220000": "吉人社认备〔{year}〕{n}号"}})";
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13 --config " + testing::Quote(config), &out), 0)
      << out;
  ASSERT_EQ(Beian("issue D2026-0004 --date 2026-10-13 --config " + testing::Quote(config), &out), 0)
      << out;
  EXPECT_EQ(Document("D2026-0003")["number"], "长人社认备〔2026〕2号");  // 报送报告 (220100)
  EXPECT_EQ(Document("D2026-0004")["number"], "吉人社认备〔2026〕1号");  // 备案通知 (220000)
  const std::string text =
      Pdf(dir_ + "/archive/" + Document("D2026-0003")["path"].get<std::string>());
  EXPECT_NE(text.find("长人社认备〔2026〕2号"), std::string::npos) << text;
  EXPECT_EQ(text.find("吉人社认备"), std::string::npos) << text;
  // A bad value is refused naming the setting.
  std::ofstream(config) << R"({"doc_number_format": {"长春": "x"}})";
  EXPECT_EQ(Beian("issue D2026-0002 --date 2026-10-13 --config " + testing::Quote(config), &out),
            2);
  EXPECT_NE(out.find("doc_number_format"), std::string::npos) << out;
}

// Issue 21: two documents never print one number. Two offices on one registry with one plain
// doc_number_format would each number from 1: the second issue is refused inside its
// transaction (no number taken, the draft unchanged), naming both documents, the number and
// the setting; with a format per authority code both issue.
TEST_F(LifecycleTest, TwoAuthoritiesWithOnePlainFormatNeverPrintOneNumber) {
  Publicized();
  std::string out;
  const std::string config = dir_ + "/formats.json";
  std::ofstream(config) << R"({"doc_number_format": "长人社认备〔{year}〕{n}号"})";
  const std::string with_config = " --config " + testing::Quote(config);
  ASSERT_EQ(Beian("issue D2026-0002 --date 2026-09-25" + with_config, &out), 0) << out;
  EXPECT_EQ(Document("D2026-0002")["number"], "长人社认备〔2026〕1号");  // the 公示, 220100
  ASSERT_EQ(Beian("submit C2026-0001 --authority 220100 --date 2026-10-12", &out), 0) << out;
  ASSERT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 0) << out;
  EXPECT_EQ(Beian("issue D2026-0004 --date 2026-10-13" + with_config, &out), 2) << out;
  for (const char* want :
       {"文书D2026-0004（机关220000）不能签发", "“长人社认备〔2026〕1号”",
        "已由文书D2026-0002（机关220100）使用", "\"doc_number_format\"", "以机关代码为键的对象"}) {
    EXPECT_NE(out.find(want), std::string::npos) << want << "\n" << out;
  }
  EXPECT_EQ(Document("D2026-0004")["state"], "draft");
  EXPECT_EQ(Document("D2026-0004")["number"], "");
  auto db = SqliteStorage::Open(registry_);
  auto taken = (*db)->Query("SELECT COUNT(*) FROM number_sequences WHERE authority = '220000'");
  EXPECT_EQ(AsInt((*taken)[0][0]), 0) << "the refused issue took no number";
  EXPECT_FALSE(fs::exists(dir_ + "/archive/220000"));
  std::ofstream(config) << R"({"doc_number_format": {"220100": "长人社认备〔{year}〕{n}号",
                                                      "220000": "吉人社认备〔{year}〕{n}号"}})";
  ASSERT_EQ(Beian("issue D2026-0004 --date 2026-10-13" + with_config, &out), 0) << out;
  EXPECT_EQ(Document("D2026-0004")["number"], "吉人社认备〔2026〕1号");  // 备案通知, 220000
  EXPECT_EQ(Document("D2026-0002")["number"], "长人社认备〔2026〕1号");
}

// Issue 20: the 报送报告 (市 → province) is an upward document: 签发人 on the right of the
// 发文字号 line, the number one character in from the left (GB/T 9704 7.2.4, 7.2.5), and its 附件
// are the reported case's documents as the registry holds them, never a placeholder.
TEST_F(LifecycleTest, SubmissionIsAnUpwardDocumentWithItsAttachments) {
  Publicized();
  std::string out;
  ASSERT_EQ(Beian("issue D2026-0002 --date 2026-09-25", &out), 0) << out;  // the 公示
  ASSERT_EQ(Beian("submit C2026-0001 --authority 220100 --date 2026-10-12", &out), 0) << out;
  ASSERT_EQ(Beian("edit D2026-0003 --slot signer --text 王五 --date 2026-10-13", &out), 0) << out;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;
  const std::string file = dir_ + "/archive/" + Document("D2026-0003")["path"].get<std::string>();
  std::string layout;
  testing::RunCommand("pdftotext -layout " + testing::Quote(file) + " -", &layout);
  EXPECT_TRUE(std::regex_search(layout, std::regex("\\n +长人社认备〔2026〕2号 +签发人：王五\\n")))
      << layout;
  const std::string text = testing::FlatPdfText(file);  // a 附件's 题名 wraps
  for (const char* want : {"附件：1.长春市鼎新职业技能培训学校材料接收回执",
                           "2.长春市鼎新职业技能培训学校职业技能等级认定机构备案公示"
                           "（公示期2026年9月25日至2026年10月9日）（长人社认备〔2026〕1号）"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  EXPECT_EQ(text.find("各单位综合技术评估意见"), std::string::npos) << text;
}

// The issued copy is PDF/A-2b in structure (Debian has no validator): XMP with pdfaid and the
// Info dictionary's title, author and dates; an sRGB OutputIntent whose profile is the ICC
// file's bytes; every font embedded with a ToUnicode map; /ID present; no /Encrypt. The draft
// stays an ordinary PDF.
TEST_F(LifecycleTest, IssuedCopyIsPdfA2bInStructure) {
  ToFiled();
  std::string out;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;
  const std::string file = dir_ + "/archive/" + Document("D2026-0003")["path"].get<std::string>();
  PoDoFo::PdfMemDocument doc;
  doc.Load(file.c_str());
  PoDoFo::PdfObject* catalog = doc.GetCatalog();
  PoDoFo::PdfObject* meta =
      doc.GetObjects().GetObject(catalog->GetDictionary().GetKey("Metadata")->GetReference());
  ASSERT_NE(meta, nullptr);
  char* buf = nullptr;
  PoDoFo::pdf_long len = 0;
  meta->GetStream()->GetFilteredCopy(&buf, &len);
  const std::string xmp(buf, static_cast<std::size_t>(len));
  PoDoFo::podofo_free(buf);
  EXPECT_NE(xmp.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos) << xmp;
  EXPECT_NE(xmp.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
  const std::string title = doc.GetInfo()->GetTitle().GetStringUtf8();
  EXPECT_EQ(title, "关于长春市鼎新职业技能培训学校职业技能等级认定机构备案的通知");
  EXPECT_NE(xmp.find(">" + title + "<"), std::string::npos);
  EXPECT_NE(xmp.find(">" + doc.GetInfo()->GetAuthor().GetStringUtf8() + "<"), std::string::npos);
  EXPECT_NE(xmp.find("<xmp:CreateDate>2026-10-13T00:00:00+08:00</xmp:CreateDate>"),
            std::string::npos);
  EXPECT_EQ(doc.GetInfo()
                ->GetObject()
                ->GetDictionary()
                .GetKey("CreationDate")
                ->GetString()
                .GetStringUtf8(),
            "D:20261013000000+08'00'");
  EXPECT_NE(xmp.find("<pdf:Producer>beian</pdf:Producer>"), std::string::npos);
  EXPECT_EQ(doc.GetInfo()->GetProducer().GetStringUtf8(), "beian");
  // OutputIntent: GTS_PDFA1 with the sRGB profile's bytes.
  const PoDoFo::PdfArray& intents = catalog->GetDictionary().GetKey("OutputIntents")->GetArray();
  ASSERT_EQ(intents.size(), 1u);
  PoDoFo::PdfObject* intent = doc.GetObjects().GetObject(intents[0].GetReference());
  EXPECT_EQ(intent->GetDictionary().GetKey("S")->GetName().GetName(), "GTS_PDFA1");
  PoDoFo::PdfObject* profile = doc.GetObjects().GetObject(
      intent->GetDictionary().GetKey("DestOutputProfile")->GetReference());
  profile->GetStream()->GetFilteredCopy(&buf, &len);
  const std::string embedded(buf, static_cast<std::size_t>(len));
  PoDoFo::podofo_free(buf);
  std::ifstream icc_in(kDefaultIccProfile, std::ios::binary);
  std::stringstream icc;
  icc << icc_in.rdbuf();
  EXPECT_FALSE(icc.str().empty());
  EXPECT_TRUE(embedded == icc.str()) << "the ICC profile's bytes are embedded";
  // Fonts, /ID, no encryption.
  std::string fonts;
  testing::RunCommand("pdffonts " + testing::Quote(file), &fonts);
  std::istringstream lines(fonts);
  std::string line;
  int font_rows = 0;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (n < 2) continue;  // header rows
    ++font_rows;
    EXPECT_NE(line.find(" yes yes yes "), std::string::npos) << line;
  }
  EXPECT_GT(font_rows, 0) << fonts;
  // Every font program is compressed as hard as libdeflate goes (kIssuedFlateLevel: 12), not
  // at a draft's level 1.
  const std::vector<render::testing::FontProgram> programs = render::testing::FontPrograms(file);
  EXPECT_EQ(programs.size(), static_cast<std::size_t>(font_rows));
  for (const render::testing::FontProgram& p : programs) {
    EXPECT_EQ(p.filter, "FlateDecode");
    EXPECT_TRUE(p.raw == render::pdf::FlateCompress(p.decoded, 12));
    EXPECT_LT(p.raw.size(), render::pdf::FlateCompress(p.decoded, 1).size());
  }
  const std::string draft_file = dir_ + "/drafts/D2026-0003-备案通知.pdf";
  EXPECT_NE(doc.GetTrailer()->GetDictionary().GetKey("ID"), nullptr);
  EXPECT_EQ(doc.GetTrailer()->GetDictionary().GetKey("Encrypt"), nullptr);
  // The draft is an ordinary PDF.
  PoDoFo::PdfMemDocument draft;
  draft.Load(draft_file.c_str());
  EXPECT_EQ(draft.GetCatalog()->GetDictionary().GetKey("OutputIntents"), nullptr);
}

// A corrected re-issue is a new draft and, once issued, a new number that names the document
// it replaces; the old issued copy stays in the archive and the registry.
TEST_F(LifecycleTest, CorrectedReissueTakesANewNumberAndNamesTheOldOne) {
  ToFiled();
  std::string out;
  EXPECT_EQ(Beian("reissue D2026-0003 --date 2026-10-13", &out), 2)
      << "a draft is edited, not re-issued";
  ASSERT_EQ(Beian("edit D2026-0003 --slot note --text 原稿 --date 2026-10-13", &out), 0) << out;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;
  ASSERT_EQ(Beian("reissue D2026-0003 --date 2026-10-20", &out), 0) << out;
  EXPECT_NE(out.find("D2026-0004"), std::string::npos) << out;
  ASSERT_EQ(Beian("edit D2026-0004 --slot note --text 更正稿 --date 2026-10-20", &out), 0) << out;
  ASSERT_EQ(Beian("issue D2026-0004 --date 2026-10-20", &out), 0) << out;
  nlohmann::json d = Document("D2026-0004");
  EXPECT_EQ(d["number"], "吉人社认备〔2026〕2号");
  std::string text = Pdf(dir_ + "/archive/" + d["path"].get<std::string>());
  EXPECT_NE(text.find("本文件更正并替代吉人社认备〔2026〕1号"), std::string::npos) << text;
  EXPECT_NE(text.find("更正稿"), std::string::npos) << text;
  EXPECT_EQ(Document("D2026-0003")["state"], "issued");
  std::ifstream csv(dir_ + "/archive/220000/2026/归档文件目录.csv", std::ios::binary);
  std::stringstream rows;
  rows << csv.rdbuf();
  EXPECT_NE(rows.str().find(",替代吉人社认备〔2026〕1号\r\n"), std::string::npos) << rows.str();
  ASSERT_EQ(Beian("archive verify", &out), 0) << out;
}

TEST_F(LifecycleTest, ArchiveVerifyFindsAlteredMissingAndUnregisteredFiles) {
  ToFiled();
  std::string out;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;  // the 公示 was issued
  ASSERT_EQ(Beian("archive verify", &out), 0) << out;
  EXPECT_NE(out.find("2件已签发文书，均完好"), std::string::npos) << out;
  const std::string root = dir_ + "/archive/";
  const std::string notice = root + Document("D2026-0003")["path"].get<std::string>();
  const std::string publicity = root + Document("D2026-0002")["path"].get<std::string>();
  std::ofstream(notice, std::ios::app) << "x";                 // altered
  fs::remove(publicity);                                       // removed
  std::ofstream(root + "220000/2026/手工放入.pdf") << "%PDF";  // added by hand
  EXPECT_EQ(Beian("archive verify", &out), 1) << out;
  EXPECT_NE(out.find("已被改动：220000/2026/吉人社认备〔2026〕1号.pdf"), std::string::npos) << out;
  EXPECT_NE(out.find("缺失：220100/2026/"), std::string::npos) << out;
  EXPECT_NE(out.find("未登记：220000/2026/手工放入.pdf"), std::string::npos) << out;
  EXPECT_NE(out.find("3处问题"), std::string::npos) << out;
}

// Issue runs killed after the number is taken, before the final rename and before the last
// commit: the registry stays consistent and the next issue completes with no number lost or
// given twice.
TEST_F(LifecycleTest, KilledIssuesResumeWithTheirNumber) {
  ToFiled();
  std::string out;
  // Killed after allocation, before its transaction commits: the number was never given.
  EXPECT_EQ(
      Beian("issue D2026-0003 --date 2026-10-13", &out, "BEIAN_FAULT=after_number_allocation"),
      kFaultExitCode)
      << out;
  EXPECT_EQ(Document("D2026-0003")["state"], "draft");
  // Killed before the archive file gets its name: the number stays bound to the document.
  EXPECT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out, "BEIAN_FAULT=before_final_rename"),
            kFaultExitCode)
      << out;
  nlohmann::json d = Document("D2026-0003");
  EXPECT_EQ(d["state"], "issuing");
  EXPECT_EQ(d["seq"], 1);
  EXPECT_FALSE(fs::exists(dir_ + "/archive/220000/2026/吉人社认备〔2026〕1号.pdf"));
  // Killed after the file is in place, before the registry records it.
  EXPECT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out, "BEIAN_FAULT=before_commit"),
            kFaultExitCode)
      << out;
  EXPECT_TRUE(fs::exists(dir_ + "/archive/220000/2026/吉人社认备〔2026〕1号.pdf"));
  EXPECT_EQ(Document("D2026-0003")["state"], "issuing");
  // The next command completes: same number, same file, now recorded.
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;
  d = Document("D2026-0003");
  EXPECT_EQ(d["state"], "issued");
  EXPECT_EQ(d["number"], "吉人社认备〔2026〕1号");
  ASSERT_EQ(Beian("archive verify", &out), 0) << out;  // no stray .part left
  // The province's next document takes number 2.
  auto db = SqliteStorage::Open(registry_);
  auto next = (*db)->Query(
      "SELECT next_value FROM number_sequences WHERE authority = '220000' AND year = 2026");
  EXPECT_EQ(AsInt((*next)[0][0]), 2);
}

TEST_F(LifecycleTest, ReviewerSlotsAreRenderedInDraftAndIssuedCopy) {
  ToFiled();
  std::string out;
  ASSERT_EQ(Beian("edit D2026-0003 --slot note --text 请于收到本通知后办理相关手续。", &out), 0)
      << out;
  EXPECT_NE(Pdf(dir_ + "/drafts/D2026-0003-备案通知.pdf").find("请于收到本通知后办理相关手续"),
            std::string::npos);
  std::ofstream(dir_ + "/opinion.txt") << "专家组一致同意。\n";
  ASSERT_EQ(
      Beian("edit D2026-0003 --slot note --file " + testing::Quote(dir_ + "/opinion.txt"), &out), 0)
      << out;
  EXPECT_EQ(Beian("edit D2026-0003 --slot 补充说明 --text x", &out), 2);
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;
  std::string issued = Pdf(dir_ + "/archive/" + Document("D2026-0003")["path"].get<std::string>());
  EXPECT_NE(issued.find("专家组一致同意。"), std::string::npos) << issued;
  EXPECT_EQ(issued.find("请于收到本通知后"), std::string::npos) << "the slot was replaced";
  EXPECT_EQ(Beian("edit D2026-0003 --slot note --text 晚了", &out), 2) << out;
}

// beian status DOCUMENT-ID: the slots the document's template prints, with the text filled so
// far; --out renders the draft as edit does. edit refuses a slot the template does not print
// (it would be stored and never seen), naming the ones it does.
TEST_F(LifecycleTest, DocumentStatusShowsTheTemplatesSlotsAndEditRefusesOthers) {
  ToPublicity();
  std::string out;
  ASSERT_EQ(Beian("status C2026-0001 --json", &out), 0) << out;
  const nlohmann::json kase = nlohmann::json::parse(out);
  std::string receipt;
  for (const auto& d : kase["documents"]) {
    if (d["kind"] == "receipt") receipt = d["id"].get<std::string>();
  }
  ASSERT_FALSE(receipt.empty()) << out;
  ASSERT_EQ(Beian("edit " + receipt + " --slot note --text 请携带原件核验。", &out), 0) << out;
  const std::string preview = dir_ + "/preview";
  ASSERT_EQ(Beian("status " + receipt + " --json --out " + testing::Quote(preview), &out), 0)
      << out;
  const nlohmann::json j = nlohmann::json::parse(out.substr(out.find('{')));
  EXPECT_EQ(j["document"], receipt);
  EXPECT_EQ(j["kind"], "receipt");
  EXPECT_EQ(j["state"], "draft");
  EXPECT_EQ(j["cases"], nlohmann::json::array({"C2026-0001"}));
  ASSERT_EQ(j["slots"].size(), 1u) << j.dump();
  EXPECT_EQ(j["slots"][0]["name"], "note");
  EXPECT_EQ(j["slots"][0]["text"], "请携带原件核验。");
  const std::string draft = j["draft_file"];
  EXPECT_EQ(draft.rfind(preview, 0), 0u) << draft;
  EXPECT_NE(Pdf(draft).find("请携带原件核验"), std::string::npos);

  ASSERT_EQ(Beian("status " + receipt, &out), 0) << out;
  EXPECT_NE(out.find("（note）：请携带原件核验。"), std::string::npos) << out;
  EXPECT_NE(out.find("C2026-0001"), std::string::npos) << out;
  EXPECT_EQ(Beian("edit " + receipt + " --slot expert_opinion --text 同意", &out), 2);
  EXPECT_NE(out.find("expert_opinion"), std::string::npos) << out;
  EXPECT_NE(out.find("note"), std::string::npos) << "names the slots it has: " << out;
  EXPECT_EQ(Beian("status D2026-9999", &out), 2);
  EXPECT_NE(out.find("D2026-9999"), std::string::npos) << out;
}

// beian filed --authority: a 市（州） office's list holds the filings of the cases it received;
// the province's (or no --authority) every filing. S01 was received by 长春 (220100).
TEST_F(LifecycleTest, FiledListsAnOfficesOwnFilings) {
  ToFiled();
  std::string out;
  for (const char* authority : {"", " --authority 220000", " --authority 220100"}) {
    ASSERT_EQ(Beian(std::string("filed --date 2026-10-13") + authority, &out), 0) << out;
    EXPECT_NE(out.find("长春市鼎新职业技能培训学校"), std::string::npos) << authority << "\n"
                                                                         << out;
  }
  ASSERT_EQ(Beian("filed --date 2026-10-13 --authority 220200", &out), 0) << out;
  EXPECT_EQ(out.find("长春市鼎新职业技能培训学校"), std::string::npos) << out;
  const std::string xlsx = dir_ + "/jilin.xlsx";
  ASSERT_EQ(
      Beian("filed --date 2026-10-13 --authority 220200 --xlsx " + testing::Quote(xlsx), &out), 0)
      << out;
  EXPECT_TRUE(fs::exists(xlsx));
}

TEST_F(LifecycleTest, OrderedTerminationDraftsTheNoticeAndLaterRunsAreFlagged) {
  ToFiled();
  std::string out;
  EXPECT_EQ(Beian("terminate C2026-0001 --ordered --date 2027-01-05 --authority 220000", &out), 2);
  ASSERT_EQ(Beian("terminate C2026-0001 --ordered --reason 违规发放职业技能等级证书 "
                  "--date 2027-01-05 --authority 220000",
                  &out),
            0)
      << out;
  std::string text = testing::FlatPdfText(dir_ + "/drafts/D2027-0001-终止备案通知.pdf");
  EXPECT_NE(text.find("第十一条"), std::string::npos) << text;
  EXPECT_NE(text.find("复核、更正、撤销"), std::string::npos) << text;  // Art. 12
  // Terminated by the province itself: no 抄送 to it (issue 20).
  EXPECT_EQ(text.find("抄送：吉林省人力资源和社会保障厅"), std::string::npos) << text;
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2027-01-05", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["stage"], "terminated");
  // 已备案机构名单 as of a date: in force the day before the termination, not from it on.
  ASSERT_EQ(Beian("filed --date 2027-01-04", &out), 0) << out;
  EXPECT_NE(out.find("长春市鼎新职业技能培训学校"), std::string::npos) << out;
  ASSERT_EQ(Beian("filed --date 2027-01-05", &out), 0) << out;
  EXPECT_EQ(out.find("长春市鼎新职业技能培训学校"), std::string::npos) << out;
  // The institution applies again: the run says it was terminated before.
  fs::rename(intake_ + "/S01-长春鼎新职业技能培训学校-首次申请", intake_ + "/S01-再次申请");
  std::ofstream(intake_ + "/S01-再次申请/说明.txt") << "再次申请";
  ASSERT_EQ(Beian("run " + testing::Quote(intake_) + " --out " + testing::Quote(dir_ + "/out2") +
                      " --no-pdf --date 2027-02-01",
                  &out),
            0)
      << out;
  EXPECT_NE(out.find("曾被终止备案"), std::string::npos) << out;
  fs::path case_dir;
  for (const auto& e : fs::directory_iterator(dir_ + "/out2")) {
    if (e.is_directory()) case_dir = e.path();  // not 台账.xlsx, summary.json or index.html
  }
  std::ifstream in(case_dir / "report.json");
  nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["registry"]["previously_terminated"], true);
  EXPECT_EQ(report["registry"]["outcome"], "new_case");
  // ... and it is a finding (REG-008, review), so the case asks a person to look.
  bool flagged = false;
  for (const auto& f : report["findings"]) {
    if (f["rule"] == "REG-008") {
      flagged = true;
      EXPECT_EQ(f["severity"], "review");
      EXPECT_NE(f["message"].get<std::string>().find("曾被终止备案"), std::string::npos);
    }
  }
  EXPECT_TRUE(flagged) << report["findings"].dump(2);
  EXPECT_EQ(report["conclusion"], "review_needed");
}

// The ordered 终止备案通知: which filing ends (备案编号, the notice that granted it, validity),
// from when, the breached provision, Art. 13's wind-up as a precondition checked (not an
// instruction after), one instrument named 《办法》 (no ambiguous 该办法), remedy_text last. The
// bureau's facts are slots: blanks in the draft, and issue refuses until they are filled.
TEST_F(LifecycleTest, OrderedTerminationNoticeSaysWhichFilingEndsFromWhenAndWhy) {
  ToFiled();
  std::string out;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;  // the 备案通知
  // The office's remedy_text (行政复议 / 行政诉讼) is taken when the notice is drafted.
  std::ofstream(dir_ + "/remedy.json")
      << R"({"remedy_text": "如不服本决定，可依法申请行政复议或者提起行政诉讼。"})";
  ASSERT_EQ(Beian("terminate C2026-0001 --ordered --reason 违规发放职业技能等级证书 "
                  "--date 2027-01-05 --authority 220000 --config " +
                      testing::Quote(dir_ + "/remedy.json"),
                  &out),
            0)
      << out;
  std::string text = testing::FlatPdfText(dir_ + "/drafts/D2027-0001-终止备案通知.pdf");
  for (const char* want :
       {"经查，你单位违规发放职业技能等级证书，严重违反＿＿＿＿",
        "的规定。＿＿＿＿年＿＿月＿＿日，经核查，",
        "（吉人社规〔2025〕1号，以下简称《办法》）第十三条规定做好终止备案前的相关收尾工作。",
        "根据《办法》第十一条规定，责令你单位终止职业技能等级认定机构备案。",
        "终止备案自＿＿＿＿年＿＿月＿＿日起生效。",
        "你单位备案编号为吉认备〔2026〕1号的职业技能等级认定机构备案（2026年10月13日以吉人社认备〔2"
        "026〕1号"
        "通知备案，有效期2026年10月13日至2029年10月12日）同时终止。"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  for (const char* never : {"该办法", "请你单位做好", "届满"}) {
    EXPECT_EQ(text.find(never), std::string::npos) << never << "\n" << text;
  }
  EXPECT_EQ(Beian("issue D2027-0001 --date 2027-01-06", &out), 2);
  for (const char* slot :
       {"effective_date", "provision", "wind_up_date", "beian edit D2027-0001"}) {
    EXPECT_NE(out.find(slot), std::string::npos) << slot << "\n" << out;
  }
  EXPECT_EQ(Document("D2027-0001")["state"], "draft");
  ASSERT_EQ(Beian("edit D2027-0001 --slot effective_date --text 2027年1月20日", &out), 0) << out;
  ASSERT_EQ(Beian("edit D2027-0001 --slot provision --text "
                  "《吉林省职业技能等级评价机构管理办法》（吉人社规〔2024〕1号）第二十条",
                  &out),
            0)
      << out;
  EXPECT_EQ(Beian("issue D2027-0001 --date 2027-01-06", &out), 2);
  EXPECT_NE(out.find("wind_up_date"), std::string::npos) << out;
  EXPECT_EQ(out.find("effective_date"), std::string::npos) << out;
  ASSERT_EQ(Beian("edit D2027-0001 --slot wind_up_date --text 2027年1月15日", &out), 0) << out;
  ASSERT_EQ(Beian("issue D2027-0001 --date 2027-01-16", &out), 0) << out;
  text =
      testing::FlatPdfText(dir_ + "/archive/" + Document("D2027-0001")["path"].get<std::string>());
  for (const char* want :
       {"严重违反《吉林省职业技能等级评价机构管理办法》（吉人社规〔2024〕1号）第二十条的规定。",
        "2027年1月15日，经核查，", "终止备案自2027年1月20日起生效。"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // remedy_text is the last paragraph, before the signature.
  EXPECT_NE(text.find("证书继续有效。如不服本决定，可依法申请行政复议或者提起行政诉讼。"
                      "吉林省人力资源和社会保障厅2027年1月16日"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("＿"), std::string::npos) << text;
}

TEST_F(LifecycleTest, RunDraftsAReceiptForEachNewVersionOnly) {
  std::string out;
  const std::string run = "run " + testing::Quote(intake_) + " --quiet --date 2026-09-20 --out ";
  ASSERT_EQ(Beian(run + testing::Quote(dir_ + "/o1"), &out), 0) << out;
  const std::string receipt = dir_ + "/drafts/D2026-0001-材料接收回执.pdf";
  ASSERT_TRUE(fs::exists(receipt)) << out;
  std::string text = Pdf(receipt);
  EXPECT_NE(text.find("2026年9月20日收到，共21个文件"), std::string::npos) << text;
  EXPECT_NE(text.find("申请报告.pdf"), std::string::npos) << text;
  EXPECT_NE(text.find("长春市鼎新职业技能培训学校："), std::string::npos) << text;
  ASSERT_EQ(Beian(run + testing::Quote(dir_ + "/o2"), &out), 0)
      << out;  // unchanged: no new receipt
  EXPECT_FALSE(fs::exists(dir_ + "/drafts/D2026-0002-材料接收回执.pdf"));
  fs::path case_dir;
  for (const auto& e : fs::directory_iterator(dir_ + "/o1")) {
    if (e.is_directory()) case_dir = e.path();  // not 台账.xlsx, summary.json or index.html
  }
  std::ifstream in(case_dir / "report.json");
  EXPECT_EQ(nlohmann::json::parse(in)["registry"]["receipt"], "D2026-0001");
}

TEST_F(LifecycleTest, CalendarCheckSaysWhichYearsAreCovered) {
  std::string out;
  const std::string cmd = testing::BeianBinary() + " calendar check --date ";
  ASSERT_EQ(testing::RunCommand(cmd + "2026-05-01", &out, true), 0) << out;
  EXPECT_NE(out.find("2025 年至 2026 年"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand(cmd + "2027-05-01", &out, true), 1) << out;
  EXPECT_NE(out.find("未覆盖"), std::string::npos) << out;
}

TEST_F(LifecycleTest, DueListsRenewalWindowAndValidityEnd) {
  ToFiled();
  std::string out;
  ASSERT_EQ(Beian("due --within 90d --json --date 2029-06-01", &out), 0) << out;
  nlohmann::json j = nlohmann::json::parse(out);
  ASSERT_EQ(j["items"].size(), 1u) << out;
  EXPECT_EQ(j["items"][0]["kind"], "renewal_window_closes");
  EXPECT_EQ(j["items"][0]["date"], "2029-07-11");
  ASSERT_EQ(Beian("due --within 200d --date 2029-06-01", &out), 0) << out;
  EXPECT_NE(out.find("备案有效期届满"), std::string::npos) << out;
  EXPECT_NE(out.find("续期申请截止"), std::string::npos) << out;
  EXPECT_EQ(Beian("due --within 9x", &out), 2);
  ASSERT_EQ(
      Beian("due --within 200d --date 2029-06-01 --xlsx " + testing::Quote(dir_ + "/due.xlsx"),
            &out),
      0)
      << out;
  const std::string strings = XlsxPart(dir_ + "/due.xlsx", "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("备案有效期届满"), std::string::npos) << strings;
}

TEST_F(LifecycleTest, FiledListsInstitutionsWithOccupationsAndValidity) {
  ToFiled();
  std::string out;
  ASSERT_EQ(Beian("filed --date 2026-10-13", &out), 0) << out;
  EXPECT_NE(out.find("长春市鼎新职业技能培训学校"), std::string::npos) << out;
  EXPECT_NE(out.find("中式烹调师"), std::string::npos) << out;
  EXPECT_NE(out.find("2029-10-11"), std::string::npos) << out;
  EXPECT_NE(out.find("备案编号"), std::string::npos) << out;
  // As of a date: not yet in force the day before its period, nor the day after it ends.
  for (const char* outside : {"2026-10-11", "2029-10-12"}) {
    ASSERT_EQ(Beian(std::string("filed --date ") + outside, &out), 0) << out;
    EXPECT_EQ(out.find("长春市鼎新职业技能培训学校"), std::string::npos) << outside << "\n" << out;
  }
  ASSERT_EQ(Beian("filed --date 2029-10-11", &out), 0) << out;
  EXPECT_NE(out.find("长春市鼎新职业技能培训学校"), std::string::npos) << "its last day\n" << out;
  ASSERT_EQ(Beian("filed --date 2026-10-13 --xlsx " + testing::Quote(dir_ + "/filed.xlsx"), &out),
            0)
      << out;
  const std::string strings = XlsxPart(dir_ + "/filed.xlsx", "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("五级至三级"), std::string::npos) << strings;
  EXPECT_EQ(strings.find("2029-10-11"), std::string::npos) << "dates are Excel dates, not text";
  const std::string sheet = XlsxPart(dir_ + "/filed.xlsx", "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<v>47402</v>"), std::string::npos) << sheet;  // 2029-10-11
  const std::string workbook = XlsxPart(dir_ + "/filed.xlsx", "xl/workbook.xml");
  EXPECT_NE(workbook.find("已备案机构名单"), std::string::npos) << workbook;
}

// Issue 21: no two rows of one 归档文件目录 read alike. Each 题名 names what its document is
// about (the institution; the receipt's application; the 公示's period), set once at issue: a
// changed wording later does not rewrite a 题名 already given.
TEST_F(LifecycleTest, CatalogueTitlesNameWhatEachDocumentIsAboutOnceAtIssue) {
  Publicized();
  {
    std::ifstream in(data_ + "/templates/office.json");
    nlohmann::json office = nlohmann::json::parse(in);
    office["receipt_number_format"] = "长人社认收〔{year}〕{n}号";
    std::ofstream(data_ + "/templates/office.json") << office.dump(2);
  }
  std::string out;
  ASSERT_EQ(Beian("issue D2026-0001 --date 2026-10-13", &out), 0) << out;  // receipt
  {
    const std::string path = data_ + "/templates/messages.zh-CN.tsv";
    std::string messages = testing::ReadText(path);
    const std::string line = "\nregistry.title.receipt\t";
    const std::size_t at = messages.find(line);
    ASSERT_NE(at, std::string::npos);
    messages.insert(at + line.size(), "改后的措辞");
    std::ofstream(path) << messages;
  }
  ASSERT_EQ(Beian("issue D2026-0002 --date 2026-10-13", &out), 0) << out;  // 公示
  ASSERT_EQ(Beian("submit C2026-0001 --authority 220100 --date 2026-10-12", &out), 0) << out;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-13", &out), 0) << out;  // 报送报告
  const std::string city = testing::ReadText(dir_ + "/archive/220100/2026/归档文件目录.csv");
  for (const char* title :
       {",长春市鼎新职业技能培训学校首次申请材料接收回执,",
        ",长春市鼎新职业技能培训学校职业技能等级认定机构备案公示"
        "（公示期2026年9月25日至2026年10月9日）,",
        ",关于报送长春市鼎新职业技能培训学校职业技能等级认定机构备案材料的报告,"}) {
    EXPECT_NE(city.find(title), std::string::npos) << title << "\n" << city;
  }
  EXPECT_EQ(city.find("改后的措辞"), std::string::npos) << "a 题名 given is kept: " << city;
  EXPECT_EQ(Document("D2026-0001")["state"], "issued");
}

// DA/T 22: the 档号 from the office's 全宗号 and retention codes; 保管期限 per document kind (a
// receipt is not 永久); a 件号 is given once, at issue, in issue order, and never moves when a
// document with an earlier 成文日期 is issued later.
TEST_F(LifecycleTest, CatalogueItemsAreGivenOnceWithTheirArchivalCodes) {
  Publicized();
  {
    std::ifstream in(data_ + "/templates/office.json");
    nlohmann::json office = nlohmann::json::parse(in);
    office["archive_fonds"] = "J012";
    office["archive_retention"] = {{"default", "永久"}, {"receipt", "定期10年"}};
    office["archive_retention_codes"] = {{"永久", "Y"}, {"定期10年", "D10"}};
    std::ofstream(data_ + "/templates/office.json") << office.dump(2);
  }
  std::string out;
  // Issued on 10-13, the receipt and the 公示 keep their own days (09-20, 09-25). The receipt
  // has its own sequence (receipt_number_format, issue 21): without the setting it is refused,
  // naming it; with it, the receipt dated before the 公示 takes 回执编号 1 and no 发文字号.
  ASSERT_EQ(Beian("issue D2026-0002 --date 2026-10-13", &out), 0) << out;  // 公示, 220100
  EXPECT_NE(out.find("长人社认备〔2026〕1号"), std::string::npos) << out;
  ASSERT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 0) << out;
  EXPECT_EQ(Beian("issue D2026-0001 --date 2026-10-13", &out), 2) << out;
  EXPECT_NE(out.find("\"receipt_number_format\""), std::string::npos) << out;
  {
    std::ifstream in(data_ + "/templates/office.json");
    nlohmann::json office = nlohmann::json::parse(in);
    office["receipt_number_format"] = "长人社认收〔{year}〕{n}号";
    office["receipt_handler"] = "李四";
    office["contact"] = "0431-88888888";
    std::ofstream(data_ + "/templates/office.json") << office.dump(2);
  }
  ASSERT_EQ(Beian("issue D2026-0001 --date 2026-10-13", &out), 0) << out;  // receipt
  EXPECT_NE(out.find("回执编号 长人社认收〔2026〕1号"), std::string::npos) << out;
  const std::string receipt = Pdf(dir_ + "/archive/220100/2026/长人社认收〔2026〕1号.pdf");
  EXPECT_NE(receipt.find("回执编号：长人社认收〔2026〕1号"), std::string::npos) << receipt;
  EXPECT_NE(receipt.find("经办人：李四"), std::string::npos) << receipt;
  EXPECT_NE(receipt.find("联系方式：0431-88888888"), std::string::npos) << receipt;
  EXPECT_NE(receipt.find("2026年9月20日收到"), std::string::npos) << receipt;
  ASSERT_EQ(Beian("issue D2026-0003 --date 2026-10-20", &out), 0) << out;  // 备案通知, 220000
  // A corrected re-issue dated earlier than the notice it replaces: numbers follow dates, so the
  // next number is refused to it, naming the number dated later; placed by hand, 件号 2.
  ASSERT_EQ(Beian("reissue D2026-0003 --date 2026-10-14", &out), 0) << out;
  ASSERT_EQ(Beian("edit D2026-0004 --slot note --text 更正稿 --date 2026-10-14", &out), 0) << out;
  EXPECT_EQ(Beian("issue D2026-0004 --date 2026-10-14", &out), 2) << out;
  EXPECT_NE(out.find("早于本机关已签发的吉人社认备〔2026〕1号（2026-10-20）"), std::string::npos)
      << out;
  ASSERT_EQ(Beian("issue D2026-0004 --date 2026-10-14 --number 2", &out), 0) << out;
  auto csv = [&](const std::string& authority) {
    std::ifstream in(dir_ + "/archive/" + authority + "/2026/归档文件目录.csv", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const std::string city = csv("220100");
  EXPECT_NE(city.find("\r\nJ012-2026-D10-0001,"), std::string::npos) << city;  // the receipt
  EXPECT_NE(city.find(",定期10年,"), std::string::npos) << city;
  EXPECT_NE(city.find("\r\nJ012-2026-Y-0001,"), std::string::npos) << city;  // the 公示
  const std::string province = csv("220000");
  const std::size_t first = province.find("J012-2026-Y-0001,吉人社认备〔2026〕");
  const std::size_t second = province.find("J012-2026-Y-0002,吉人社认备〔2026〕");
  ASSERT_NE(first, std::string::npos) << province;
  ASSERT_NE(second, std::string::npos) << province;
  EXPECT_LT(first, second) << "rows in 件号 order";
  const std::string item1 = province.substr(first, second - first);
  EXPECT_NE(item1.find(",20261020,"), std::string::npos) << "item 1 is the notice: " << item1;
  EXPECT_EQ(item1.find(",替代"), std::string::npos) << item1;
  EXPECT_NE(province.find(",20261014,", second), std::string::npos) << province;
  EXPECT_NE(province.find(",替代", second), std::string::npos) << "item 2 the corrected copy";
  ASSERT_EQ(Beian("archive verify", &out), 0) << out;
}

}  // namespace
}  // namespace pipeline::registry
