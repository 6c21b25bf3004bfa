// End-to-end tests of the drafts (issue 7), through the `beian` binary on the bundled samples:
// - every case gets the documents the decision table gives its outcome (report.json
//   documents[] and the files in its folder, nothing stale from an earlier run);
// - no official PDF contains internal text, checked against a deny-list GENERATED from the data
//   (every rule and material id in checklists/, every raw enum value the message catalogue
//   words, the case-id pattern) plus 请人工, ISO dates, empty quotes and half-width semicolons;
// - the 补正材料通知书 is complete: every blocking finding whose consequence is `correct` has its
//   worded message (as in report.json) in the notice's text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/render/render_test_util.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using render::testing::StripSpaces;
using testing::BeianBinary;
using testing::MakeTempDir;
using testing::RepoRoot;
using testing::RunCommand;

constexpr const char kDate[] = "2026-11-25";

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// pdftotext output without whitespace, without the watermarks' characters (草稿, 内部工作用) and
// without the
// page numbers (— 2 —), which pdftotext interleaves with the body as lines of their own.
std::string PdfText(const std::string& pdf, bool strip) {
  std::string raw;
  RunCommand("pdftotext -enc UTF-8 '" + pdf + "' -", &raw);
  if (!strip) return raw;
  std::string out;
  std::istringstream lines(raw);
  for (std::string line; std::getline(lines, line);) {
    if (line == "草" || line == "稿") continue;  // 草稿
    if (line == "内" || line == "部" || line == "工" || line == "作" || line == "用") continue;
    if (std::regex_match(line, std::regex("\f?— [0-9]+ —"))) continue;
    for (char c : line) {
      if (c != ' ' && c != '\t' && c != '\f' && c != '\r') out += c;
    }
  }
  return out;
}

// One run of the binary over the samples (plus S02 as the 长春市 office), shared by the tests.
struct SampleRun {
  std::string out;
  std::map<std::string, json> reports;      // dossier -> report.json
  std::map<std::string, std::string> dirs;  // dossier -> its output folder
};

SampleRun DoRun(const std::string& intake, const std::string& extra) {
  SampleRun r;
  r.out = MakeTempDir();
  std::string output;
  int rc = RunCommand(BeianBinary() + " run '" + intake + "' --out '" + r.out + "' --date " +
                          kDate + " --quiet" + extra,
                      &output, /*merge_stderr=*/true);
  EXPECT_TRUE(rc == 0 || rc == 1) << output;
  for (const auto& e : fs::directory_iterator(r.out)) {
    const std::string report = (e.path() / "report.json").string();
    if (!fs::exists(report)) continue;
    json j = json::parse(ReadText(report));
    r.reports[j["dossier"].get<std::string>()] = j;
    r.dirs[j["dossier"].get<std::string>()] = e.path().string();
  }
  return r;
}

const SampleRun& Samples() {
  static const SampleRun run = DoRun(RepoRoot() + "/samples/intake", "");
  return run;
}

std::string SampleNamed(const std::string& prefix) {
  for (const auto& e : fs::directory_iterator(RepoRoot() + "/samples/intake")) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0) return name;
  }
  return "";
}

// S02 filed with the wrong office: 长春市 runs beian for a 吉林市 employer (Art. 4).
const SampleRun& S02AsChangchun() {
  static const SampleRun run = [] {
    const std::string intake = MakeTempDir() + "/收件";
    fs::create_directories(intake);
    const std::string s02 = SampleNamed("S02-");
    fs::copy(RepoRoot() + "/samples/intake/" + s02, intake + "/" + s02,
             fs::copy_options::recursive);
    return DoRun(intake, " --authority 220100");
  }();
  return run;
}

std::vector<std::string> Kinds(const json& report) {
  std::vector<std::string> out;
  for (const json& d : report["documents"]) out.push_back(d["kind"].get<std::string>());
  return out;
}

// ------------------------------------------------------------------- which documents

TEST(DocumentsEndToEndTest, EachSampleGetsTheDocumentsOfItsOutcome) {
  // What the decision table (templates/decisions.xml) gives each sample's outcome today.
  const std::map<std::string, std::vector<std::string>> want = {
      {"B01-", {}},  // a stray file: report only
      {"B02-", {"correction_notice", "worksheet"}},
      // 心理咨询师 excluded, 保育师 goes on: the opinion lists the exclusion.
      {"R01-", {"preliminary_opinion", "worksheet"}},
      {"R06-", {"correction_notice", "worksheet"}},
      {"R10-", {"correction_notice", "worksheet"}},
      {"R11-", {"correction_notice", "worksheet"}},
      {"R12-", {"correction_notice", "worksheet"}},
      {"R14-", {"correction_notice", "worksheet"}},
      {"R15-", {"refusal_notice", "worksheet"}},  // expired filing (A9-02: not_eligible)
      {"R16-", {"correction_notice", "worksheet"}},
      {"S01-", {"preliminary_opinion", "worksheet"}},
      {"S04-", {"renewal_opinion", "worksheet"}},
      {"S05-", {"preliminary_opinion", "worksheet"}},
      {"S06-", {"termination_opinion", "worksheet"}},
      {"S07-", {"correction_notice", "worksheet"}},
  };
  const SampleRun& run = Samples();
  for (const auto& [prefix, kinds] : want) {
    SCOPED_TRACE(prefix);
    const std::string name = SampleNamed(prefix);
    ASSERT_EQ(run.reports.count(name), 1u);
    EXPECT_EQ(Kinds(run.reports.at(name)), kinds);
  }
  const json& referred = S02AsChangchun().reports.begin()->second;
  EXPECT_EQ(Kinds(referred), (std::vector<std::string>{"referral_notice", "worksheet"}));
}

TEST(DocumentsEndToEndTest, DocumentsListedAreTheFilesWritten) {
  const SampleRun& run = Samples();
  for (const auto& [name, report] : run.reports) {
    SCOPED_TRACE(name);
    std::set<std::string> listed, written;
    for (const json& d : report["documents"]) {
      listed.insert(d["file"].get<std::string>());
      EXPECT_EQ(d["official"], d["kind"] != "worksheet");
      EXPECT_FALSE(d["title"].get<std::string>().empty());
    }
    for (const auto& e : fs::directory_iterator(run.dirs.at(name))) {
      if (e.path().extension() == ".pdf") written.insert(e.path().filename().string());
    }
    EXPECT_EQ(listed, written);
  }
}

TEST(DocumentsEndToEndTest, RerunReplacesTheCaseFolderDocuments) {
  // A case first drafted as a 补正 notice, then (materials supplied) as an opinion: the old
  // notice must not stay next to the new opinion.
  const std::string intake = MakeTempDir() + "/收件";
  fs::create_directories(intake);
  const std::string s01 = SampleNamed("S01-");
  fs::copy(RepoRoot() + "/samples/intake/" + s01, intake + "/" + s01, fs::copy_options::recursive);
  const std::string out = MakeTempDir();
  const std::string cmd =
      BeianBinary() + " run '" + intake + "' --out '" + out + "' --date " + kDate + " --quiet";
  std::string output;
  fs::path report_pdf;
  for (const auto& e : fs::recursive_directory_iterator(intake)) {
    if (e.path().filename().string().find("申请报告") != std::string::npos) report_pdf = e.path();
  }
  ASSERT_FALSE(report_pdf.empty());
  const fs::path aside = report_pdf.string() + ".aside";
  fs::rename(report_pdf, aside);  // required material missing -> 补正
  RunCommand(cmd, &output, true);
  fs::path dir;
  for (const auto& e : fs::directory_iterator(out)) {
    if (e.is_directory()) dir = e.path();  // not 台账.xlsx, summary.json or index.html
  }
  EXPECT_TRUE(fs::exists(dir / "补正材料通知书.pdf")) << output;
  fs::rename(aside, report_pdf);
  RunCommand(cmd, &output, true);
  EXPECT_TRUE(fs::exists(dir / "初评意见.pdf")) << output;
  EXPECT_FALSE(fs::exists(dir / "补正材料通知书.pdf"));
  RunCommand(cmd + " --no-pdf", &output, true);
  EXPECT_FALSE(fs::exists(dir / "初评意见.pdf"));
  EXPECT_TRUE(json::parse(ReadText((dir / "report.json").string()))["documents"].empty());
}

// ------------------------------------------------------------------- nothing internal

// Every id="..." of a <rule> or <material> in checklists/*.xml.
std::set<std::string> ChecklistIds() {
  std::set<std::string> ids;
  for (const auto& e : fs::directory_iterator(RepoRoot() + "/checklists")) {
    if (e.path().extension() != ".xml") continue;
    pugi::xml_document doc;
    EXPECT_TRUE(doc.load_file(e.path().c_str()));
    for (const pugi::xpath_node& n : doc.select_nodes("//rule[@id] | //material[@id]")) {
      ids.insert(n.node().attribute("id").value());
    }
  }
  return ids;
}

// Raw enum values: the code values the message catalogue words (`arg.<name>.<value>`,
// kind.*, applicant_type.*, conclusion.*, severity.*, consequence.*).
std::set<std::string> RawEnumValues() {
  std::set<std::string> values;
  std::istringstream lines(ReadText(RepoRoot() + "/templates/messages.zh-CN.tsv"));
  for (std::string line; std::getline(lines, line);) {
    const std::string key = line.substr(0, line.find('\t'));
    for (const char* prefix :
         {"kind.", "applicant_type.", "conclusion.", "severity.", "consequence."}) {
      if (key.rfind(prefix, 0) == 0) values.insert(key.substr(std::string(prefix).size()));
    }
    if (key.rfind("arg.", 0) == 0 && key.rfind("arg.field.", 0) != 0) {
      values.insert(key.substr(key.rfind('.') + 1));
    }
  }
  return values;
}

// The ASCII words of `text` (runs of letters, digits and '_').
std::set<std::string> AsciiWords(const std::string& text) {
  std::set<std::string> words;
  std::string w;
  for (char c : text + " ") {
    const bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (word) {
      w += c;
    } else if (!w.empty()) {
      words.insert(w);
      w.clear();
    }
  }
  return words;
}

std::vector<std::string> InternalTextIn(const std::string& pdf, const std::set<std::string>& ids,
                                        const std::set<std::string>& enums) {
  std::vector<std::string> found;
  const std::string raw = PdfText(pdf, false);
  const std::string text = PdfText(pdf, true);
  for (const std::string& id : ids) {
    if (text.find(id) != std::string::npos) found.push_back("id " + id);
  }
  for (const std::string& w : AsciiWords(raw)) {
    if (enums.count(w) != 0) found.push_back("raw value " + w);
  }
  const std::pair<const char*, const char*> patterns[] = {
      {"case id", "JL-[0-9a-f]{10}"},  {"ISO date", "[0-9]{4}-[0-9]{2}-[0-9]{2}"},
      {"staff instruction", "请人工"}, {"empty quotes", "“”"},
      {"half-width semicolon", ";"},   {"issuer missing", "提交至。"},
  };
  for (const auto& [what, re] : patterns) {
    std::smatch m;
    if (std::regex_search(text, m, std::regex(re)))
      found.push_back(std::string(what) + " " + m.str());
  }
  return found;
}

// The code values of the enum-typed keys of the reports themselves (material and condition
// states, occupation statuses, severities, topics, consequences, check results, affiliations).
void AddReportEnums(const json& report, std::set<std::string>& values) {
  auto add = [&](const json& v) {
    if (v.is_string() && !v.get<std::string>().empty()) values.insert(v.get<std::string>());
  };
  for (const json& m : report["materials"]) add(m["status"]);
  for (const json& c : report.value("conditions", json::array())) add(c["state"]);
  for (const json& o : report.value("occupations", json::array())) add(o["status"]);
  for (const json& f : report["findings"]) {
    add(f["severity"]);
    add(f["topic"]);
    add(f["consequence"]);
  }
  add(report["conclusion"]);
  add(report["completeness"]);
  if (report.contains("institution")) {
    for (const char* k : {"affiliation", "uscc_check", "legal_representative_id_check",
                          "applicant_type", "application_kind"}) {
      if (report["institution"].contains(k)) add(report["institution"][k]);
    }
  }
}

TEST(DocumentsEndToEndTest, OfficialDraftsCarryNoInternalText) {
  const std::set<std::string> ids = ChecklistIds();
  std::set<std::string> enums = RawEnumValues();
  for (const SampleRun* run : {&Samples(), &S02AsChangchun()}) {
    for (const auto& [name, report] : run->reports) AddReportEnums(report, enums);
  }
  ASSERT_TRUE(enums.count("met") && enums.count("present") && enums.count("city_or_below"));
  ASSERT_GT(ids.size(), 40u);  // the deny-list really comes from the data
  ASSERT_TRUE(ids.count("M-COM-05") && ids.count("C61-03") && enums.count("bad_checksum") &&
              enums.count("unknown") && enums.count("yes"));
  std::size_t checked = 0;
  for (const SampleRun* run : {&Samples(), &S02AsChangchun()}) {
    for (const auto& [name, report] : run->reports) {
      for (const json& d : report["documents"]) {
        if (d["official"] != true) continue;
        const std::string pdf = run->dirs.at(name) + "/" + d["file"].get<std::string>();
        SCOPED_TRACE(name + " " + d["file"].get<std::string>());
        EXPECT_EQ(InternalTextIn(pdf, ids, enums), std::vector<std::string>());
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 34u);
}

TEST(DocumentsEndToEndTest, DenyListCatchesInternalText) {
  // The checker itself: a worksheet is internal and carries ids, the case id and rule ids.
  const SampleRun& run = Samples();
  const std::string name = SampleNamed("R06-");
  const std::string pdf = run.dirs.at(name) + "/审核工作单.pdf";
  std::vector<std::string> found = InternalTextIn(pdf, ChecklistIds(), RawEnumValues());
  EXPECT_FALSE(found.empty());
  EXPECT_NE(PdfText(pdf, true).find(run.reports.at(name)["case_id"].get<std::string>()),
            std::string::npos);  // the worksheet names the case id
}

// ------------------------------------------------------------------- one complete notice

TEST(DocumentsEndToEndTest, CorrectionNoticeNamesEveryCorrectableBlockingFinding) {
  const SampleRun& run = Samples();
  std::size_t notices = 0;
  for (const auto& [name, report] : run.reports) {
    bool has_notice = false;
    for (const json& d : report["documents"])
      has_notice = has_notice || d["kind"] == "correction_notice";
    bool correctable = false, refused_or_referred = false;
    for (const json& f : report["findings"]) {
      if (f["severity"] != "blocking") continue;
      correctable = correctable || f["consequence"] == "correct";
      refused_or_referred =
          refused_or_referred || f["consequence"] == "refer" || f["consequence"] == "not_eligible";
    }
    SCOPED_TRACE(name);
    const bool folder = !report["materials"].empty() || report["dossier"] != SampleNamed("B01-");
    EXPECT_EQ(has_notice, folder && correctable && !refused_or_referred);
    if (!has_notice) continue;
    ++notices;
    const std::string text = PdfText(run.dirs.at(name) + "/补正材料通知书.pdf", true);
    for (const json& f : report["findings"]) {
      if (f["severity"] != "blocking" || f["consequence"] != "correct") continue;
      EXPECT_NE(text.find(StripSpaces(f["message"].get<std::string>())), std::string::npos)
          << f["rule"] << " " << f["message"];
    }
  }
  EXPECT_GE(notices, 10u);
}

TEST(DocumentsEndToEndTest, ReferralNamesTheCompetentAuthorityAndReviewsNothing) {
  const SampleRun& run = S02AsChangchun();
  ASSERT_EQ(run.reports.size(), 1u);
  const std::string text = PdfText(run.dirs.begin()->second + "/移送告知书.pdf", true);
  for (const char* want : {"长春市人力资源和社会保障局", "移送告知书", "第四条",
                           "请你单位向吉林市人力资源和社会保障局提交备案申请。",
                           "本机关未对你单位申请材料的内容进行审查。"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
}

TEST(DocumentsEndToEndTest, ExcludedOccupationsAreListedWithTheirReason) {
  const SampleRun& run = Samples();
  const std::string text = PdfText(run.dirs.at(SampleNamed("R01-")) + "/初评意见.pdf", true);
  EXPECT_NE(text.find("下列职业（工种）不予备案：1.心理咨询师：属于《职业分类大典》第2大类"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("上述不予备案的职业（工种）不进入现场技术评估环节。"), std::string::npos);
}

TEST(DocumentsEndToEndTest, TerminationAndRenewalGetTheirOwnDrafts) {
  const SampleRun& run = Samples();
  const std::string s06 = PdfText(run.dirs.at(SampleNamed("S06-")) + "/自愿终止备案意见.pdf", true);
  for (const char* want : {"第十条", "自愿终止备案处理", "第十二条、第十三条", "复核、更正、撤销",
                           "档案保管", "应退尽退"}) {
    EXPECT_NE(s06.find(want), std::string::npos) << want << "\n" << s06;
  }
  EXPECT_EQ(s06.find("现场技术评估"), std::string::npos);
  const std::string s04 = PdfText(run.dirs.at(SampleNamed("S04-")) + "/续期评估意见.pdf", true);
  for (const char* want : {"第九条", "工作开展情况", "据申请表填报，备案有效期至2026年3月31日",
                           "申请日期为2025年11月20日", "技术评估专家组组长（签字）："}) {
    EXPECT_NE(s04.find(want), std::string::npos) << want << "\n" << s04;
  }
}

TEST(DocumentsEndToEndTest, OpinionIsTheExpertGroupsWithSignatureLines) {
  const SampleRun& run = Samples();
  const std::string dir = run.dirs.at(SampleNamed("S01-"));
  const std::string text = PdfText(dir + "/初评意见.pdf", true);
  // No bureau 发文机关标志 before the title; 主送 the competent bureau; the group signs.
  EXPECT_EQ(text.rfind("关于", 0), 0u) << text;
  for (const char* want : {"长春市人力资源和社会保障局：", "技术评估专家组组长（签字）：",
                           "技术评估专家组成员（签字）：", "技术评估专家组2026年11月25日",
                           "据申请表填报", "按文件名称核对"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  for (const char* never : {"专家组审核了", "核查结果：符合", "视为撤回"}) {
    EXPECT_EQ(text.find(never), std::string::npos) << never;
  }
}

TEST(DocumentsEndToEndTest, WorksheetHoldsWhatAPersonMustDecideWithEvidence) {
  const SampleRun& run = Samples();
  const std::string name = SampleNamed("R06-");
  const std::string text = PdfText(run.dirs.at(name) + "/审核工作单.pdf", true);
  for (const char* want : {"审核工作单（内部工作用）", "一、待审核人员判断的事项", "（OCC-005）",
                           "申请表.docx表2第3行", "□属实□不属实", "二、待办核查",
                           "三、已写入对外文书的事项", "（OCC-002）", "审核人（签字）："}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // Every review finding of the report is on the worksheet.
  for (const json& f : run.reports.at(name)["findings"]) {
    if (f["severity"] != "review") continue;
    EXPECT_NE(text.find("（" + f["rule"].get<std::string>() + "）"), std::string::npos)
        << f["rule"];
  }
}

}  // namespace
}  // namespace pipeline
