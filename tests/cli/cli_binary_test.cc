// The command line as a user meets it, through the real binary: help and usage errors, exit
// codes, `beian config` and the settings layers, report.json provenance, summary.json,
// index.html masking, and the progress total on a terminal.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "pipeline/version.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::BeianBinary;
using testing::MakeTempDir;
using testing::RunCommand;

void Write(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// Runs beian with `args`; stdout and stderr apart.
struct Ran {
  int rc;
  std::string out, err;
};
Ran Beian(const std::string& args, const std::string& env = "") {
  const std::string err_file = MakeTempDir() + "/stderr";
  Ran r;
  r.rc =
      RunCommand(env + " " + BeianBinary() + " " + args + " 2>" + testing::Quote(err_file), &r.out);
  r.err = testing::ReadText(err_file);
  return r;
}

TEST(CliBinaryTest, UsageAndHelpExitCodes) {
  Ran bare = Beian("");
  EXPECT_EQ(bare.rc, 2);
  EXPECT_EQ(bare.out, "");
  EXPECT_NE(bare.err.find("usage: beian COMMAND"), std::string::npos) << bare.err;

  Ran bogus = Beian("help bogus");
  EXPECT_EQ(bogus.rc, 2);
  EXPECT_NE(bogus.err.find("未知命令“bogus”"), std::string::npos) << bogus.err;
  EXPECT_EQ(Beian("bogus").rc, 2);

  Ran run_help = Beian("run --help");
  Ran help_run = Beian("help run");
  EXPECT_EQ(run_help.rc, 0) << run_help.err;
  EXPECT_EQ(help_run.rc, 0);
  EXPECT_EQ(run_help.out, help_run.out);
  EXPECT_NE(run_help.out.find("--no-pdf"), std::string::npos);

  Ran catalogue = Beian("help catalogue");
  EXPECT_EQ(catalogue.out.find("--date"), std::string::npos) << catalogue.out;
  EXPECT_EQ(catalogue.out.find("--fonts"), std::string::npos) << catalogue.out;

  Ran reversed = Beian("catalogue 烹调 --authority 220100");
  EXPECT_EQ(reversed.rc, 2);
  EXPECT_NE(reversed.err.find("catalogue：未知选项“--authority”"), std::string::npos)
      << reversed.err;
  Ran extra = Beian("catalogue 烹调 电工");
  EXPECT_EQ(extra.rc, 2);
  EXPECT_NE(extra.err.find("catalogue：多余的参数 '电工'"), std::string::npos) << extra.err;

  EXPECT_EQ(Beian("version").out, std::string("beian ") + kVersion + "\n");
  EXPECT_EQ(Beian("--version").out, Beian("version").out);
}

// Usage errors are the clerk's language (templates/messages.zh-CN.tsv usage.*), quoting the
// option: an unknown option is named before a missing one, with the nearest the command takes.
TEST(CliBinaryTest, UsageErrorsAreChineseAndQuoteTheOption) {
  const std::string dir = MakeTempDir();
  const struct {
    std::string args, error;
  } cases[] = {
      {"decide C2026-0001 --stage received --resutl pass",
       "decide：未知选项“--resutl”；是否要用“--result”？"},
      {"decide C2026-0001 --stage received", "decide：缺少必需的选项或参数“--result”。"},
      {"run " + testing::Quote(dir) + " --out " + testing::Quote(dir + "/o") + " --jobs 0",
       "选项“--jobs”的值应为 1..256，而不是“0”。"},
      {"run " + testing::Quote(dir) + " --out " + testing::Quote(dir + "/o") + " -j 257",
       "选项“--jobs”的值应为 1..256，而不是“257”。"},
      {"deliberate C2026-0001 --date 2026-13-01", "选项“--date”应为 YYYY-MM-DD 格式的日期"},
      {"decide C2026-0001 --stage received --result pass --date 2026-02-30",
       "选项“--date”应为 YYYY-MM-DD 格式的日期，而不是“2026-02-30”。"},
      {"terminate C2026-0001", "terminate：请在“--voluntary”和“--ordered”中给出且只给出一个。"},
      {"registry resto x.sqlite", "registry：“ACTION”的值“resto”无效，可用："},
      {"registry backup", "“registry backup”需要指定文件 FILE。"},
      {"due --within 3m", "选项“--within”应为天数（如 90d），而不是“3m”。"},
      {"rnu x", "未知命令“rnu”；是否要用“run”？"},
  };
  for (const auto& c : cases) {
    Ran r = Beian(c.args);
    EXPECT_EQ(r.rc, 2) << c.args;
    EXPECT_NE(r.err.find(c.error), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find("用法见 beian help"), std::string::npos) << r.err;
  }
  // --jobs 1 is taken (no unknown-option or range error before the missing intake).
  Ran one = Beian("run " + testing::Quote(dir + "/无") + " --out " + testing::Quote(dir + "/o") +
                  " --jobs 1");
  EXPECT_EQ(one.err.find("--jobs"), std::string::npos) << one.err;
}

TEST(CliBinaryTest, ConfigShowsEachValueWithItsLayer) {
  const std::string dir = MakeTempDir();
  Write(dir + "/etc/office.json", "// the office\n{\"draft\": false, \"copy_to\": \"甲\"}\n");
  Write(dir + "/env.json", R"({"copy_to": "乙"})");
  Write(dir + "/opt.json", R"({"contact": "联系人：张三"})");
  const std::string env = "BEIAN_SYSCONFDIR=" + testing::Quote(dir + "/etc") +
                          " BEIAN_CONFIG=" + testing::Quote(dir + "/env.json");
  Ran r = Beian("config --config " + testing::Quote(dir + "/opt.json"), env);
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("draft = false  (" + dir + "/etc/office.json)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("copy_to = \"乙\"  (" + dir + "/env.json)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("contact = \"联系人：张三\"  (" + dir + "/opt.json)"), std::string::npos);
  EXPECT_NE(r.out.find("expert_group = \"技术评估专家组\"  ("), std::string::npos);  // shipped
  EXPECT_NE(r.out.find("templates/office.json)"), std::string::npos);

  // The rules object (crosscheck/rule_settings.h) is layered key by key too.
  Write(dir + "/rules.json", R"({"rules": {"min_experts": 3}})");
  Ran rules = Beian("config --config " + testing::Quote(dir + "/rules.json"));
  EXPECT_NE(rules.out.find("rules.min_experts = 3  (" + dir + "/rules.json)"), std::string::npos)
      << rules.out;
  Write(dir + "/typo.json", R"({"rules": {"min_expert": 3}})");
  Ran typo = Beian("check " + testing::Quote(testing::RepoRoot() + "/samples/intake/B02-空文件夹") +
                   " --date 2026-11-25 --config " + testing::Quote(dir + "/typo.json"));
  EXPECT_EQ(typo.rc, 2);
  EXPECT_NE(typo.err.find(dir + "/typo.json"), std::string::npos) << typo.err;

  // A bad value is reported with the file that set it.
  Write(dir + "/bad.json", R"({"draft": "no"})");
  Ran bad = Beian("config --config " + testing::Quote(dir + "/bad.json"));
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.err.find(dir + "/bad.json"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("draft"), std::string::npos) << bad.err;
  EXPECT_EQ(Beian("config --config " + testing::Quote(dir + "/none.json")).rc, 2);
}

// Issue 20: the setting opinion_form (a bureau-letter form of the expert group's opinions) was
// removed. A settings file that still sets it, to either value, is refused with a Chinese error
// naming the file, by every command that reads the office's settings; nothing is drafted.
TEST(CliBinaryTest, RemovedOpinionFormSettingIsRefusedNamingTheFile) {
  const std::string dir = MakeTempDir() + "/办公室";
  const std::string sample =
      testing::RepoRoot() + "/samples/intake/S01-长春鼎新职业技能培训学校-首次申请";
  for (const char* value : {"bureau", "expert_group"}) {
    SCOPED_TRACE(value);
    const std::string file = dir + "/office-" + value + ".json";
    Write(file, std::string(R"({"draft": true, "opinion_form": ")") + value + "\"}");
    for (const std::string& args :
         {std::string("config"), "check " + testing::Quote(sample) + " --date 2026-11-25",
          "run " + testing::Quote(sample) + " --out " + testing::Quote(dir + "/out") +
              " --date 2026-11-25"}) {
      Ran r = Beian(args + " --config " + testing::Quote(file));
      EXPECT_EQ(r.rc, 2) << args << "\n" << r.out << r.err;
      EXPECT_NE(r.err.find(file), std::string::npos) << args << "\n" << r.err;
      EXPECT_NE(r.err.find("设置项 \"opinion_form\" 已取消"), std::string::npos) << args << "\n"
                                                                                 << r.err;
      EXPECT_NE(r.err.find("请从此设置文件中删去 \"opinion_form\""), std::string::npos) << r.err;
    }
    EXPECT_FALSE(fs::exists(dir + "/out/index.html"));
  }
  // Without the key the same file is taken.
  Write(dir + "/office.json", R"({"draft": true})");
  EXPECT_EQ(Beian("config --config " + testing::Quote(dir + "/office.json")).rc, 0);
}

// The "fonts" setting names a font configuration relative to the settings file that sets it.
TEST(CliBinaryTest, FontsSettingIsRelativeToItsSettingsFile) {
  const std::string dir = MakeTempDir() + "/办公室";
  Write(dir + "/office.json", R"({"fonts": "字体.xml"})");
  const std::string render = "render preliminary_opinion --data " +
                             testing::Quote(testing::RepoRoot() + "/bench/opinion-doc.json") +
                             " --out " + testing::Quote(dir + "/x.pdf") +
                             " --date 2026-11-25 --config " + testing::Quote(dir + "/office.json");
  Ran missing = Beian(render);
  EXPECT_EQ(missing.rc, 2);
  EXPECT_NE(missing.err.find(dir + "/字体.xml"), std::string::npos) << missing.err;
  fs::copy_file(testing::RepoRoot() + "/templates/fonts.xml", dir + "/字体.xml");
  Ran ok = Beian(render);
  EXPECT_EQ(ok.rc, 0) << ok.err;
  EXPECT_TRUE(fs::exists(dir + "/x.pdf"));
}

// The registry file (docs/user-guide.md "Case registry"): --registry -> $BEIAN_REGISTRY -> the
// setting "registry" of the layered settings, and nothing else (no per-user file). A read-only
// command never creates the file: a missing one is refused naming it, so the error says which file
// the rule chose.
TEST(CliBinaryTest, RegistryLocationFollowsTheLayeredSettings) {
  const std::string dir = MakeTempDir();
  Write(dir + "/office.json", "{\"registry\": " + json(dir + "/设置.sqlite").dump() + "}");
  const std::string status =
      "status --date 2026-11-25 --config " + testing::Quote(dir + "/office.json");
  const std::string xdg =
      "XDG_DATA_HOME=" + testing::Quote(dir + "/xdg") + " HOME=" + testing::Quote(dir) + " ";
  auto refused_naming = [&](const Ran& r, const std::string& file) {
    EXPECT_EQ(r.rc, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("登记簿 " + file + " 不存在"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(file));
  };
  refused_naming(Beian(status, xdg + "BEIAN_SYSCONFDIR=''"), dir + "/设置.sqlite");
  refused_naming(Beian(status, xdg + "BEIAN_REGISTRY=" + testing::Quote(dir + "/env.sqlite")),
                 dir + "/env.sqlite");
  refused_naming(Beian(status + " --registry " + testing::Quote(dir + "/flag.sqlite"),
                       xdg + "BEIAN_REGISTRY=" + testing::Quote(dir + "/env.sqlite")),
                 dir + "/flag.sqlite");
  for (const std::string& cmd : {std::string("status"), std::string("due"), std::string("filed"),
                                 std::string("status C2026-0008")}) {
    Ran none = Beian(cmd + " --date 2026-11-25", xdg + "BEIAN_REGISTRY= BEIAN_SYSCONFDIR=''");
    EXPECT_EQ(none.rc, 2) << cmd << ": " << none.out;
    EXPECT_NE(none.err.find("未指定登记簿"), std::string::npos) << cmd << ": " << none.err;
  }
  EXPECT_FALSE(fs::exists(dir + "/xdg"));
  EXPECT_FALSE(fs::exists(dir + "/.local"));
}

// The limits (ingest/limits.h) are layered too; a typo names the file that has it.
TEST(CliBinaryTest, LimitsAreLayeredAndATypoNamesItsFile) {
  const std::string dir = MakeTempDir();
  Write(dir + "/limits.json", R"({"limits": {"max_fles": 3}})");
  Ran r = Beian("check " + testing::Quote(testing::RepoRoot() + "/samples/intake/B02-空文件夹") +
                " --date 2026-11-25 --config " + testing::Quote(dir + "/limits.json"));
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find(dir + "/limits.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("max_fles"), std::string::npos) << r.err;
}

TEST(CliBinaryTest, ReportRecordsVersionParametersAndSettingsHash) {
  const std::string dossier = testing::RepoRoot() + "/samples/intake/B02-空文件夹";
  auto check = [&](const std::string& extra, const std::string& date = "2026-11-25") {
    Ran r = Beian("check " + testing::Quote(dossier) + " --json --date " + date +
                  " --authority 220100 " + extra);
    EXPECT_EQ(r.rc, 1) << r.err;
    return json::parse(r.out, nullptr, false);
  };
  const json report = check("");
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["schema_version"], 2);
  EXPECT_EQ(report["generator"], json({{"name", "beian"}, {"version", kVersion}}));
  EXPECT_EQ(report["parameters"]["date"], "2026-11-25");
  EXPECT_EQ(report["parameters"]["authority"], "220100");
  const json config = json::parse(Beian("config --json").out, nullptr, false);
  EXPECT_EQ(report["parameters"]["settings_hash"], config["settings_hash"]);

  // Another value changes the hash; the same values from another folder do not.
  const std::string a = MakeTempDir(), b = MakeTempDir();
  Write(a + "/office.json", R"({"copy_to": "甲"})");
  Write(b + "/其他/office.json", R"({"copy_to": "甲"})");
  const json with_a = check("--config " + testing::Quote(a + "/office.json"));
  const json with_b = check("--config " + testing::Quote(b + "/其他/office.json"));
  EXPECT_NE(with_a["parameters"]["settings_hash"], report["parameters"]["settings_hash"]);
  EXPECT_EQ(with_a["parameters"]["settings_hash"], with_b["parameters"]["settings_hash"]);
  EXPECT_EQ(check("", "2026-11-26")["parameters"]["date"], "2026-11-26");
}

// summary.json has one row per report; ID and phone numbers that report.json keeps whole are
// masked in summary.json and index.html.
TEST(CliBinaryTest, RunWritesSummaryAndMasksPersonalData) {
  const std::string out = MakeTempDir() + "/出";
  Ran r = Beian("run " + testing::Quote(testing::RepoRoot() + "/samples/intake") + " --out " +
                testing::Quote(out) + " --no-pdf --quiet --date 2026-11-25");
  ASSERT_EQ(r.rc, 1) << r.err;
  const json summary = json::parse(testing::ReadText(out + "/summary.json"), nullptr, false);
  ASSERT_TRUE(summary.is_object());
  // Whole tokens only, as the masking recognises them (not digits inside settings_hash).
  const std::regex personal(R"((?:^|[^0-9A-Za-z])(\d{17}[\dX]|1[3-9]\d{9})(?![0-9A-Za-z]))");
  std::set<std::string> numbers;
  std::size_t reports = 0;
  for (const auto& e : fs::directory_iterator(out)) {
    if (!e.is_directory()) continue;
    ++reports;
    const std::string text = testing::ReadText((e.path() / "report.json").string());
    for (std::sregex_iterator it(text.begin(), text.end(), personal), end; it != end; ++it) {
      numbers.insert((*it)[1].str());
    }
  }
  ASSERT_EQ(summary["dossiers"].size(), reports);
  EXPECT_EQ(summary["totals"]["dossiers"], reports);
  int by_conclusion = 0;
  for (const auto& [k, v] : summary["totals"]["by_conclusion"].items())
    by_conclusion += v.get<int>();
  EXPECT_EQ(by_conclusion, static_cast<int>(reports));
  for (const json& row : summary["dossiers"]) {
    EXPECT_TRUE(fs::exists(out + "/" + row["report"].get<std::string>())) << row;
    EXPECT_TRUE(row["documents"].empty()) << "--no-pdf drafts nothing";
  }
  ASSERT_FALSE(numbers.empty()) << "the samples hold ID/phone numbers; the check needs some";
  const std::string page = testing::ReadText(out + "/index.html");
  const std::string summary_text = testing::ReadText(out + "/summary.json");
  for (const std::string& n : numbers) {
    EXPECT_EQ(page.find(n), std::string::npos) << n << " unmasked in index.html";
    EXPECT_EQ(summary_text.find(n), std::string::npos) << n << " unmasked in summary.json";
  }
  EXPECT_NE(page.find("********"), std::string::npos);
}

// A run without --authority and with a credit list that has no 类别 column says both in
// summary.json's warnings and on index.html; with --authority and a typed list, neither.
TEST(CliBinaryTest, RunWarnsOfNoAuthorityAndAnUntypedCreditList) {
  const std::string intake = MakeTempDir() + "/收件";
  fs::create_directories(intake);
  fs::copy(testing::RepoRoot() + "/samples/intake/B02-空文件夹", intake + "/甲",
           fs::copy_options::recursive);
  const std::string lists = testing::RepoRoot() + "/tests/crosscheck/testdata/";
  struct Case {
    std::string flags;
    std::vector<std::string> warnings;
  } cases[] = {
      {"--credit-list " + testing::Quote(lists + "信用名单.csv"),
       {"no_office_authority", "credit_list_untyped"}},
      {"--authority 220100 --credit-list " + testing::Quote(lists + "信用名单（分类）.csv"), {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.flags);
    const std::string out = MakeTempDir() + "/出";
    Ran r = Beian("run " + testing::Quote(intake) + " --out " + testing::Quote(out) +
                  " --no-pdf --quiet --date 2026-11-25 " + c.flags);
    ASSERT_EQ(r.rc, 1) << r.err;
    const json summary = json::parse(testing::ReadText(out + "/summary.json"), nullptr, false);
    ASSERT_TRUE(summary.is_object());
    EXPECT_EQ(summary["warnings"], json(c.warnings));
    const std::string page = testing::ReadText(out + "/index.html");
    const bool untyped = c.warnings.size() == 2;
    EXPECT_EQ(page.find("没有“类别”列") != std::string::npos, untyped);
    EXPECT_EQ(r.err.find("没有“类别”列") != std::string::npos, untyped) << r.err;
  }
}

// The drafted PDFs name the program and its version (project(VERSION)) as their Creator.
TEST(CliBinaryTest, PdfMetadataCarriesTheVersion) {
  const std::string intake = MakeTempDir() + "/收件";
  fs::create_directories(intake);
  fs::copy(testing::RepoRoot() + "/samples/intake/B02-空文件夹", intake + "/甲",
           fs::copy_options::recursive);
  const std::string out = MakeTempDir();
  Ran r = Beian("run " + testing::Quote(intake) + " --out " + testing::Quote(out) +
                " --quiet --date 2026-11-25");
  ASSERT_EQ(r.rc, 1) << r.err;
  std::string pdf;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().extension() == ".pdf") pdf = e.path().string();
  }
  ASSERT_FALSE(pdf.empty());
  std::string info;
  ASSERT_EQ(RunCommand("pdfinfo " + testing::Quote(pdf), &info), 0);
  EXPECT_TRUE(std::regex_search(info, std::regex(std::string("Creator: +beian ") + kVersion)))
      << info;
  // summary.json lists the drafted documents, and index.html links them.
  const json summary = json::parse(testing::ReadText(out + "/summary.json"), nullptr, false);
  ASSERT_EQ(summary["dossiers"].size(), 1u);
  std::set<std::string> listed;
  for (const json& d : summary["dossiers"][0]["documents"]) listed.insert(d["file"]);
  EXPECT_EQ(listed.count(fs::path(pdf).filename().string()), 1u);
  EXPECT_NE(testing::ReadText(out + "/index.html").find(".pdf\""), std::string::npos);
}

// On a terminal every dossier shows, the last included, then one total line with the time and
// the conclusions; redirected, nothing (no clock reaches a file).
TEST(CliBinaryTest, ProgressEndsWithATotalOnATerminal) {
  if (RunCommand("command -v script >/dev/null", nullptr) != 0) {
    GTEST_FAIL() << "script(1) (package bsdutils) is needed to give beian a terminal";
  }
  const std::string samples = testing::RepoRoot() + "/samples/intake/";
  const std::string intake = MakeTempDir() + "/收件";
  fs::create_directories(intake);
  fs::copy(samples + "B02-空文件夹", intake + "/甲", fs::copy_options::recursive);
  fs::copy(samples + "B02-空文件夹", intake + "/乙", fs::copy_options::recursive);
  const std::string out = MakeTempDir();
  const std::string cmd = BeianBinary() + " run " + testing::Quote(intake) + " --out " +
                          testing::Quote(out) + " --no-pdf --date 2026-11-25";
  std::string tty;
  RunCommand("script -qec " + testing::Quote(cmd + " >/dev/null") + " /dev/null", &tty);
  EXPECT_NE(tty.find("[1/2] 乙"), std::string::npos) << tty;
  EXPECT_NE(tty.find("[2/2] 甲"), std::string::npos) << tty;
  EXPECT_TRUE(std::regex_search(tty, std::regex("共 2 个卷宗，用时 [0-9.]+ 秒：需补正 2"))) << tty;
  Ran redirected = Beian("run " + testing::Quote(intake) + " --out " + testing::Quote(out) +
                         " --no-pdf --date 2026-11-25");
  EXPECT_EQ(redirected.err, "");
}

}  // namespace
}  // namespace pipeline
