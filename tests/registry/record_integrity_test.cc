// Issue 21 through the `beian` binary on a real registry file: decision dates, hints that
// work, no new case for an unchanged dossier whose case ended, warnings recorded in the
// history, read-only commands that never create a registry, a damaged or emptied registry
// refused, backup/check/restore, and the receipt's date.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/registry/sqlite_storage.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;

const char* kSample = "S01-长春鼎新职业技能培训学校-首次申请";

// Offices on one registry (a city publicizes, the province files): one 代字 each, so two
// documents never print one number.
constexpr char kNumberFormats[] =
    R"("doc_number_format": {"220100": "长人社认备〔{year}〕{n}号",
                             "220700": "松人社认备〔{year}〕{n}号",
                             "default": "吉人社认备〔{year}〕{n}号"})";

class RecordIntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    intake_ = dir_ + "/intake";
    registry_ = dir_ + "/registry.sqlite";
    fs::create_directories(intake_);
    fs::copy(testing::RepoRoot() + "/samples/intake/" + kSample, intake_ + "/" + kSample,
             fs::copy_options::recursive);
  }
  int Beian(const std::string& args, std::string* out = nullptr, const std::string& env = "") {
    std::string text;
    int rc = testing::RunCommand(env + " " + testing::BeianBinary() + " " + args + " --registry " +
                                     testing::Quote(registry_) + " --user 张三",
                                 &text, /*merge_stderr=*/true);
    if (out) *out = text;
    return rc;
  }
  int Run(const std::string& date, std::string* out = nullptr, const std::string& extra = "") {
    return Beian("run " + testing::Quote(intake_) + " --out " +
                     testing::Quote(dir_ + "/out-" + date) + " --no-pdf --quiet --date " + date +
                     " " + extra,
                 out);
  }
  nlohmann::json StatusJson(const std::string& ref) {
    std::string out;
    EXPECT_EQ(Beian("status " + ref + " --json --date 2026-12-01", &out), 0) << out;
    return nlohmann::json::parse(out, nullptr, false);
  }
  // Issues the case's 公示 (filing follows the issued 公示) with an office that numbers it.
  void IssuePublicity(const std::string& case_id, const std::string& date) {
    const std::string config = dir_ + "/issuing.json";
    std::ofstream(config) << R"({"allow_fallback_fonts": true, )" << kNumberFormats << "}";
    std::string id, out;
    const nlohmann::json status = StatusJson(case_id);
    for (const nlohmann::json& d : status["documents"]) {
      if (d["kind"] == "publicity_notice") id = d["id"];
    }
    ASSERT_EQ(
        Beian("issue " + id + " --date " + date + " --config " + testing::Quote(config), &out), 0)
        << out;
  }
  std::int64_t Count(const std::string& sql) {
    auto db = SqliteStorage::Open(registry_, /*create=*/false);
    EXPECT_OK(db);
    if (!db) return -1;
    return AsInt((*(*db)->Query(sql))[0][0]);
  }
  std::string dir_, intake_, registry_;
};

// A decision dated before the case's latest recorded event, or after --today, is refused
// naming that event; nothing is recorded.
TEST_F(RecordIntegrityTest, DecisionDatesFollowTheHistoryAndNeverPassToday) {
  ASSERT_EQ(Run("2026-09-01"), 0);
  std::string out;
  EXPECT_EQ(Beian("decide C2026-0001 --stage received --result pass --date 2025-01-01", &out), 2);
  EXPECT_NE(out.find("结论日期2025-01-01早于案件已记录的最近事项（第1条，2026-09-01接收材料）"),
            std::string::npos)
      << out;
  EXPECT_EQ(Beian("decide C2026-0001 --stage received --result pass --date 2026-09-03 "
                  "--today 2026-09-02",
                  &out),
            2);
  EXPECT_NE(out.find("晚于今天（2026-09-02）"), std::string::npos) << out;
  EXPECT_EQ(StatusJson("C2026-0001")["history"].size(), 1u);
  ASSERT_EQ(Beian("decide C2026-0001 --stage received --result pass --date 2026-09-02", &out), 0)
      << out;
  // The next one may not go back before 09-02, whatever the stage; the same day is fine.
  EXPECT_EQ(Beian("decide C2026-0001 --stage preliminary --result pass --date 2026-09-01", &out),
            2);
  EXPECT_NE(out.find("第2条，2026-09-02阶段结论"), std::string::npos) << out;
  ASSERT_EQ(Beian("decide C2026-0001 --stage preliminary --result pass --date 2026-09-02", &out), 0)
      << out;
  // deliberate: its --date against its --today, and against the history.
  for (const char* stage : {"technical", "comprehensive"}) {
    ASSERT_EQ(Beian(std::string("decide C2026-0001 --stage ") + stage +
                        " --result pass --date 2026-09-10",
                    &out),
              0)
        << out;
  }
  EXPECT_EQ(Beian("deliberate C2026-0001 --date 2026-09-09 --today 2026-09-20", &out), 2);
  EXPECT_NE(out.find("2026-09-10阶段结论"), std::string::npos) << out;
  EXPECT_EQ(Beian("deliberate C2026-0001 --date 2026-09-21 --today 2026-09-20", &out), 2);
  ASSERT_EQ(Beian("deliberate C2026-0001 --date 2026-09-15 --today 2026-09-20", &out), 0) << out;
  // A correction may fix the date of the decision it corrects (that entry does not count).
  ASSERT_EQ(
      Beian("deliberate C2026-0001 --date 2026-09-12 --today 2026-09-20 --reason 日期有误", &out),
      0)
      << out;
}

// Every hint names a command that works at that point, with the --registry and --authority
// the user gave: on paper a technical decision leads to `decide --stage comprehensive`, an
// objection to `resolve`, then `file --authority 220000` (the province files).
TEST_F(RecordIntegrityTest, HintsNameACommandThatWorks) {
  ASSERT_EQ(Run("2026-09-01"), 0);
  std::string out;
  const std::string reg = " --registry " + registry_;
  for (const char* stage : {"received", "preliminary", "technical"}) {
    ASSERT_EQ(Beian(std::string("decide C2026-0001 --stage ") + stage +
                        " --result pass --date 2026-09-10",
                    &out),
              0)
        << out;
  }
  const std::string after_technical = StatusJson("C2026-0001")["next"];
  EXPECT_EQ(after_technical,
            "beian decide C2026-0001 --stage comprehensive --result pass|fail" + reg);
  ASSERT_EQ(Beian("decide C2026-0001 --stage comprehensive --result pass --date 2026-09-10", &out),
            0);
  ASSERT_EQ(Beian("deliberate C2026-0001 --date 2026-09-22 --today 2026-09-22", &out), 0);
  EXPECT_NE(out.find("下一步：beian publicize C2026-0001 --start YYYY-MM-DD" + reg),
            std::string::npos)
      << out;
  ASSERT_EQ(
      Beian("publicize C2026-0001 --start 2026-09-25 --date 2026-09-25 --authority 220100", &out),
      0)
      << out;
  ASSERT_EQ(Beian("object C2026-0001 --note 有异议 --date 2026-09-28", &out), 0) << out;
  EXPECT_NE(out.find("下一步：beian resolve C2026-0001 --note …" + reg), std::string::npos) << out;
  ASSERT_EQ(Beian("resolve C2026-0001 --note 已核实 --date 2026-09-29", &out), 0) << out;
  // The 公示 is issued first (filing follows the issued 公示).
  EXPECT_NE(out.find("下一步：beian issue D2026-0002" + reg), std::string::npos) << out;
  IssuePublicity("C2026-0001", "2026-09-29");
  // The case is the 长春 office's (220100): it reports the case to the province (报送), and
  // `file` is refused there; once reported, the province files it.
  EXPECT_EQ(StatusJson("C2026-0001")["next"], "beian submit C2026-0001 --authority 220100" + reg);
  ASSERT_EQ(Beian("file C2026-0001 --authority 220100 --date 2026-10-12", &out), 2);
  ASSERT_EQ(Beian("submit C2026-0001 --authority 220100 --date 2026-10-12", &out), 0) << out;
  EXPECT_NE(out.find("下一步：beian file C2026-0001 --authority 220000" + reg), std::string::npos)
      << out;
  ASSERT_EQ(Beian("file C2026-0001 --authority 220000 --date 2026-10-12", &out), 0) << out;
}

// Re-running an unchanged dossier whose case ended opens nothing and shows the ended case;
// `run --reopen CASE` opens a new one.
TEST_F(RecordIntegrityTest, AnUnchangedDossierOfAnEndedCaseOpensNothingUnlessReopened) {
  ASSERT_EQ(Run("2026-09-01"), 0);
  std::string out;
  ASSERT_EQ(Beian("withdraw C2026-0001 --date 2026-09-02", &out), 0) << out;
  ASSERT_EQ(Run("2026-09-03", &out), 0) << out;
  EXPECT_NE(out.find("未新开案件"), std::string::npos) << out;
  EXPECT_NE(out.find("--reopen C2026-0001"), std::string::npos) << out;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cases"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents WHERE kind = 'receipt'"), 1);
  ASSERT_EQ(Run("2026-09-04", &out, "--reopen C2026-0001"), 0) << out;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM cases"), 2);
  EXPECT_EQ(StatusJson("C2026-0002")["stage"], "received");
}

// A pass against the automatic check (移送 at the province) and a second open case of the same
// institution are warned about and recorded in the history.
TEST_F(RecordIntegrityTest, WarningsAreRecordedInTheHistory) {
  std::string out;
  ASSERT_EQ(Run("2026-09-01", &out, "--authority 220000"), 1) << out;  // 移送: blocking
  nlohmann::json st = StatusJson("C2026-0001");
  ASSERT_EQ(st["versions"][0]["conclusion"], "referred") << st.dump(1);
  ASSERT_EQ(Beian("decide C2026-0001 --stage received --result pass --date 2026-09-02", &out), 0)
      << out;
  EXPECT_NE(out.find("警告：案件C2026-0001在“已接收”阶段记录为通过，但自动检查的结论是“移送”"),
            std::string::npos)
      << out;
  st = StatusJson("C2026-0001");
  ASSERT_EQ(st["history"].size(), 3u);
  EXPECT_EQ(st["history"][1]["action"], "warning");
  EXPECT_EQ(st["history"][2]["action"], "decide");
  // Refer is not against the check: no warning.
  ASSERT_EQ(Beian("decide C2026-0001 --stage preliminary --result refer --date 2026-09-02", &out),
            0);
  EXPECT_EQ(out.find("警告"), std::string::npos) << out;
}

TEST_F(RecordIntegrityTest, ASecondOpenCaseOfAnInstitutionIsWarned) {
  // S09's form is XML: the same institution's dossier as a second application of another kind.
  const std::string s09 = "S09-松原市宏达物流有限公司-XML申请表";
  fs::remove_all(intake_ + "/" + kSample);
  fs::copy(testing::RepoRoot() + "/samples/intake/" + s09, intake_ + "/" + s09,
           fs::copy_options::recursive);
  std::string out;
  ASSERT_EQ(Run("2026-09-01", &out), 0) << out;
  const std::string twin = intake_ + "/S09-增加职业";
  fs::copy(intake_ + "/" + s09, twin, fs::copy_options::recursive);
  std::string form;
  {
    std::ifstream in(twin + "/申请表.xml");
    form.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string from = "<application_kind>首次申请</application_kind>";
  ASSERT_NE(form.find(from), std::string::npos);
  form.replace(form.find(from), from.size(),
               "<application_kind>增加职业（工种）</application_kind>");
  std::ofstream(twin + "/申请表.xml", std::ios::trunc) << form;
  ASSERT_LE(Run("2026-09-02", &out), 1) << out;  // the copy lacks a material: 需补正
  EXPECT_NE(out.find("警告：同一机构另有在办案件 C2026-0001"), std::string::npos) << out;
  nlohmann::json st = StatusJson("C2026-0002");
  ASSERT_EQ(st["history"].size(), 2u) << st.dump(1);
  EXPECT_EQ(st["history"][1]["action"], "warning");
  EXPECT_NE(st["history"][1]["note"].get<std::string>().find("C2026-0001"), std::string::npos);
}

// A change case (Art. 8) of a filed institution: its 备案通知 is titled 备案变更的通知, cites
// 第八条 and lists what changed (法定代表人 冯立军 -> 宋丽华), as filed and as the change gives it.
TEST_F(RecordIntegrityTest, TheChangeNoticeSaysWhatChangedAndCitesArticle8) {
  const std::string s09 = "S09-松原市宏达物流有限公司-XML申请表";
  fs::remove_all(intake_ + "/" + kSample);
  fs::copy(testing::RepoRoot() + "/samples/intake/" + s09, intake_ + "/" + s09,
           fs::copy_options::recursive);
  std::string out;
  auto walk_to_filed = [&](const std::string& id, const std::vector<std::string>& dates) {
    for (const char* stage : {"received", "preliminary", "technical", "comprehensive"}) {
      ASSERT_EQ(
          Beian("decide " + id + " --stage " + stage + " --result pass --date " + dates[0], &out),
          0)
          << out;
    }
    ASSERT_EQ(Beian("deliberate " + id + " --date " + dates[0] + " --today " + dates[0], &out), 0)
        << out;
    ASSERT_EQ(Beian("publicize " + id + " --start " + dates[1] + " --date " + dates[1], &out), 0)
        << out;
    IssuePublicity(id, dates[1]);
    ASSERT_EQ(Beian("file " + id + " --authority 220000 --out " + testing::Quote(dir_ + "/drafts") +
                        " --date " + dates[2],
                    &out),
              0)
        << out;
  };
  ASSERT_EQ(Run("2026-09-01", &out), 0) << out;
  walk_to_filed("C2026-0001", {"2026-09-02", "2026-09-04", "2026-09-14"});

  const std::string change = intake_ + "/S09-变更";
  fs::copy(intake_ + "/" + s09, change, fs::copy_options::recursive);
  fs::remove_all(intake_ + "/" + s09);
  std::string form;
  {
    std::ifstream in(change + "/申请表.xml");
    form.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto replace = [&](const std::string& from, const std::string& to) {
    ASSERT_NE(form.find(from), std::string::npos) << from;
    form.replace(form.find(from), from.size(), to);
  };
  replace("<application_kind>首次申请</application_kind>",
          "<application_kind>变更</application_kind>");
  replace("<legal_representative>冯立军</legal_representative>",
          "<legal_representative>宋丽华</legal_representative>");
  replace("<occupations>",
          "<changes><change item=\"法定代表人\" before=\"冯立军\" after=\"宋丽华\"/></changes>"
          "<occupations>");
  std::ofstream(change + "/申请表.xml", std::ios::trunc) << form;
  ASSERT_LE(Run("2026-10-20", &out), 1) << out;  // the change lacks its materials: 需补正
  walk_to_filed("C2026-0002", {"2026-10-21", "2026-10-23", "2026-11-02"});

  std::string pdf;
  for (const auto& e : fs::directory_iterator(dir_ + "/drafts")) {
    if (e.path().filename().string().rfind("D2026-0006", 0) == 0) pdf = e.path().string();
  }
  ASSERT_FALSE(pdf.empty()) << out;
  std::string text;
  ASSERT_EQ(testing::RunCommand("pdftotext " + testing::Quote(pdf) + " - | tr -d ' \\n'", &text),
            0);
  EXPECT_NE(text.find("关于松原市宏达物流有限公司职业技能等级认定机构备案变更的通知"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("第八条"), std::string::npos) << text;
  EXPECT_EQ(text.find("第七条"), std::string::npos) << text;
  EXPECT_NE(text.find("一、变更事项"), std::string::npos) << text;
  const std::size_t changes = text.find("一、变更事项");
  for (const char* word : {"法定代表人", "冯立军", "宋丽华"}) {
    EXPECT_NE(text.find(word, changes), std::string::npos) << word << "\n" << text;
  }
  // The regulation says nothing of a filing's validity after a change: no sentence unless the
  // office sets unchanged_validity_text; the issued copy then prints it with the filing's end.
  EXPECT_EQ(text.find("有效期"), std::string::npos) << text;
  EXPECT_NE(text.find("三、备案编号"), std::string::npos) << text;
  const std::string config = dir_ + "/office.json";
  std::ofstream(config) << R"({"allow_fallback_fonts": true, )" << kNumberFormats << R"(,
                              "filing_number_format": "吉认备〔{year}〕{n}号",
                              "unchanged_validity_text": "你单位原备案有效期不变，至{valid_until}。"})";
  ASSERT_EQ(Beian("issue D2026-0006 --date 2026-11-03 --config " + testing::Quote(config), &out), 0)
      << out;
  const std::string issued = dir_ + "/archive/220000/2026/吉人社认备〔2026〕1号.pdf";
  ASSERT_TRUE(fs::exists(issued)) << out;
  ASSERT_EQ(testing::RunCommand("pdftotext " + testing::Quote(issued) + " - | tr -d ' \\n'", &text),
            0);
  EXPECT_NE(text.find("三、备案有效期你单位原备案有效期不变，至2029年9月13日。"), std::string::npos)
      << text;
}

// Read-only commands never create a registry; a missing one is named.
TEST_F(RecordIntegrityTest, ReadOnlyCommandsNeverCreateARegistry) {
  std::string out;
  for (const char* cmd : {"status", "due", "filed", "status C2026-0008", "archive verify",
                          "registry check", "ledger --out "}) {
    std::string args = cmd;
    if (args.rfind("ledger", 0) == 0) args += testing::Quote(dir_ + "/l.xlsx");
    EXPECT_EQ(Beian(args + " --date 2026-12-01", &out), 2) << cmd;
    EXPECT_NE(out.find("登记簿 " + registry_ + " 不存在"), std::string::npos) << cmd << out;
    EXPECT_FALSE(fs::exists(registry_)) << cmd;
  }
  ASSERT_EQ(Run("2026-09-01"), 0);
  EXPECT_EQ(Beian("status C2026-0008 --date 2026-12-01", &out), 2);
  EXPECT_NE(out.find("登记簿 " + registry_ + " 中没有案件C2026-0008"), std::string::npos) << out;
}

// An emptied, truncated or overwritten registry is refused at open naming the file and the
// restore command; `registry check` says so; a restore from a checked backup brings it back and
// keeps the damaged file beside it.
TEST_F(RecordIntegrityTest, DamageIsRefusedAndABackupRestoresIt) {
  ASSERT_EQ(Run("2026-09-01"), 0);
  std::string out;
  const std::string backup = dir_ + "/备份/2026-09-01/registry.sqlite";
  ASSERT_EQ(Beian("registry backup " + testing::Quote(backup), &out), 0)
      << out;  // creates its folder
  EXPECT_NE(out.find("integrity_check"), std::string::npos) << out;
  EXPECT_EQ(Beian("registry backup " + testing::Quote(backup), &out), 2);  // no overwrite
  EXPECT_NE(out.find("--force"), std::string::npos) << out;
  ASSERT_EQ(Beian("registry backup " + testing::Quote(backup) + " --force", &out), 0) << out;
  ASSERT_EQ(Beian("registry check", &out), 0) << out;
  EXPECT_NE(out.find("完好"), std::string::npos) << out;
  const std::uintmax_t size = fs::file_size(registry_);
  const std::string restore = "beian registry restore 备份文件 --registry " + registry_;

  // Truncated: page size x page count no longer fits the file.
  fs::resize_file(registry_, size - 4096);
  EXPECT_EQ(Beian("status --date 2026-12-01", &out), 2);
  EXPECT_NE(out.find("登记簿 " + registry_ + " 已损坏或被清空"), std::string::npos) << out;
  EXPECT_NE(out.find("已被截短"), std::string::npos) << out;
  EXPECT_NE(out.find(restore), std::string::npos) << out;
  EXPECT_EQ(Run("2026-09-02", &out), 2);  // run does not write into it
  EXPECT_NE(out.find(restore), std::string::npos) << out;
  EXPECT_EQ(Beian("registry check", &out), 1);
  // Emptied: refused, never taken as a new registry (case numbers would start again).
  fs::resize_file(registry_, 0);
  EXPECT_EQ(Run("2026-09-02", &out), 2);
  EXPECT_NE(out.find("文件长度为0"), std::string::npos) << out;
  EXPECT_EQ(fs::file_size(registry_), 0u);
  // Garbage over the pages after the first: quick_check finds it.
  {
    std::ifstream in(backup, std::ios::binary);
    std::ofstream o(registry_, std::ios::binary | std::ios::trunc);
    o << in.rdbuf();
  }
  {
    std::fstream f(registry_, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(4096);
    const std::string junk(fs::file_size(registry_) - 4096, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  EXPECT_EQ(Beian("registry check", &out), 1) << out;
  EXPECT_NE(out.find(restore), std::string::npos) << out;
  EXPECT_EQ(Beian("status C2026-0001 --date 2026-12-01", &out), 2) << out;
  EXPECT_NE(out.find(restore), std::string::npos) << out;
  EXPECT_EQ(Beian("registry backup " + testing::Quote(dir_ + "/坏.sqlite"), &out), 2) << out;
  EXPECT_FALSE(fs::exists(dir_ + "/坏.sqlite"));

  // A damaged backup is refused and changes nothing.
  const std::string bad = dir_ + "/坏备份.sqlite";
  { std::ofstream(bad) << "not a registry"; }
  EXPECT_EQ(Beian("registry restore " + testing::Quote(bad) + " --date 2026-09-03", &out), 2);
  EXPECT_NE(out.find("不能用于恢复"), std::string::npos) << out;
  // The good one takes the registry's place; the damaged file is kept beside it.
  ASSERT_EQ(Beian("registry restore " + testing::Quote(backup) + " --date 2026-09-03", &out), 0)
      << out;
  EXPECT_TRUE(fs::exists(registry_ + ".replaced-2026-09-03")) << out;
  ASSERT_EQ(Beian("registry check", &out), 0) << out;
  EXPECT_EQ(StatusJson("C2026-0001")["stage"], "received");
}

}  // namespace
}  // namespace pipeline::registry
