// GB/T 9704 layout of the drafts and issued documents (issue 20), through the `beian` binary on
// the bundled samples, read back page by page with pdftotext:
// - the 版记 of every bureau document (the 移送函 too, from a run at the 长春 office that refers
//   the other offices' cases) sits at the foot of its last, even face (7.5), with the
//   issuing bureau's 办公室 as 印发机关 by default and the 成文日期 as 印发日期; the expert
//   group's opinions, receipts and worksheets have none;
// - the 署名 and 成文日期 are never alone on a page (7.3.5);
// - title lines break between words and are balanced (7.3.1); the contact is the 附注 (7.3.6);
// - the fallback-font guard: `beian issue` refuses the shipped stand-in fonts unless the office
//   sets allow_fallback_fonts, `beian config` warns, the worksheet names the fonts.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/utf8.h"
#include "tests/testing/sample_runs.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::Quote;
using testing::RepoRoot;
using testing::RunCommand;

constexpr const char kLayoutDate[] = "2026-11-25";
constexpr const char kDocDate[] = "2026年11月25日";

// The bureau's documents (issue 20, decisions taken): full 版头 and 版记.
const std::set<std::string> kBureauKinds = {"correction_notice", "referral_notice",
                                            "transfer_letter", "refusal_notice",
                                            "termination_notice"};

bool IsPageNumber(const std::string& line) {
  return std::regex_match(line, std::regex("—[0-9]+—"));
}

// The text lines of each page of a PDF, without spaces, empty lines and the watermarks.
std::vector<std::vector<std::string>> PageLines(const std::string& pdf) {
  std::string raw;
  RunCommand("pdftotext -raw -enc UTF-8 " + Quote(pdf) + " -", &raw);  // drawing order
  std::vector<std::vector<std::string>> pages(1);
  std::istringstream in(raw);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && line[0] == '\f') {
      pages.emplace_back();
      line.erase(0, 1);
    }
    std::string compact;
    for (char c : line) {
      if (c != ' ' && c != '\t' && c != '\r') compact += c;
    }
    // The watermarks (草稿, 内部工作用) come out as lines of one character.
    static const std::set<std::string> kWatermark = {"草", "稿", "内", "部", "工", "作", "用"};
    if (compact.empty() || kWatermark.count(compact) > 0) continue;
    pages.back().push_back(compact);
  }
  while (pages.size() > 1 && pages.back().empty()) pages.pop_back();
  return pages;
}

int PdfPages(const std::string& pdf) {
  std::string info;
  RunCommand("pdfinfo " + Quote(pdf), &info);
  std::smatch m;
  return std::regex_search(info, m, std::regex("Pages:\\s+([0-9]+)")) ? std::stoi(m[1]) : 0;
}

struct Draft {
  std::string dossier, kind, path;
  std::string institution;  // report.json institution.name
};

// The drafts a run wrote into `out` (every kind, or only those of `kinds`).
std::vector<Draft> DraftsIn(const std::string& out, const std::set<std::string>& kinds = {}) {
  std::vector<Draft> list;
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string report = (e.path() / "report.json").string();
    if (!fs::exists(report)) continue;
    json j = json::parse(testing::ReadText(report));
    for (const json& d : j["documents"]) {
      if (!kinds.empty() && kinds.count(d["kind"].get<std::string>()) == 0) continue;
      list.push_back({j["dossier"], d["kind"], (e.path() / d["file"].get<std::string>()),
                      j["institution"].value("name", "")});
    }
  }
  return list;
}

// The run over the samples with default settings on kLayoutDate (the ctest fixture
// samples_run's, read only); every draft it wrote.
const std::vector<Draft>& SampleDrafts() {
  static const std::vector<Draft> drafts = DraftsIn(testing::SampleRunFolder("default"));
  return drafts;
}

// The samples run at the 长春 office (--authority 220100): the cases of other offices are
// referred, so their 移送函 (transfer_letter, to the competent department) and 告知书 are drawn;
// under default settings no sample is referred.
const std::vector<Draft>& ReferredDrafts() {
  static const std::vector<Draft> drafts = [] {
    const std::string out = testing::MakeTempDir();
    std::string output;
    int rc = RunCommand(testing::BeianBinary() + " run " + Quote(RepoRoot() + "/samples/intake") +
                            " --out " + Quote(out) + " --date " + kLayoutDate +
                            " --authority 220100 --quiet",
                        &output, /*merge_stderr=*/true);
    EXPECT_TRUE(rc == 0 || rc == 1) << output;
    return DraftsIn(out, {"transfer_letter", "referral_notice"});
  }();
  return drafts;
}

// Every draft of the default run and the referred cases' letters of the 长春 run.
std::vector<Draft> AllDrafts() {
  std::vector<Draft> all = SampleDrafts();
  all.insert(all.end(), ReferredDrafts().begin(), ReferredDrafts().end());
  return all;
}

// The 移送函 is a bureau letter like the others: the complete 版头 (发文字号 line and the red
// separator line under it, a vector path: tests/e2e/red_rule.py), checked here; its 版记 and
// signature with the tests below, which read AllDrafts().
TEST(LayoutEndToEndTest, TransferLetterHasTheCompleteHead) {
  int transfer = 0;
  for (const Draft& d : ReferredDrafts()) {
    if (d.kind != "transfer_letter") continue;
    SCOPED_TRACE(d.dossier);
    ++transfer;
    std::string out;
    RunCommand("python3 " + Quote(RepoRoot() + "/tests/e2e/red_rule.py") + " " + Quote(d.path),
               &out, true);
    EXPECT_EQ(out, "ok\n");
    const auto pages = PageLines(d.path);
    std::string first;
    for (const std::string& line : pages.front()) first += line + "\n";
    EXPECT_TRUE(std::regex_search(first, std::regex("〔2026〕号"))) << first;
    EXPECT_NE(first.find("移送"), std::string::npos) << first;
  }
  EXPECT_GE(transfer, 10);
}

TEST(LayoutEndToEndTest, BureauDocumentsEndWithTheBanjiOnAnEvenFace) {
  int bureau = 0, transfer = 0;
  for (const Draft& d : AllDrafts()) {
    SCOPED_TRACE(d.dossier + " " + d.kind);
    const auto pages = PageLines(d.path);
    ASSERT_EQ(static_cast<int>(pages.size()), PdfPages(d.path));
    std::vector<int> banji_pages;
    for (std::size_t p = 0; p < pages.size(); ++p) {
      for (const std::string& line : pages[p]) {
        // The 印发 row: 印发机关 left, 印发日期 right (pdftotext may join them).
        if (std::regex_search(line, std::regex("[0-9]+年[0-9]+月[0-9]+日印发$"))) {
          banji_pages.push_back(static_cast<int>(p));
        }
      }
    }
    if (kBureauKinds.count(d.kind) == 0) {
      EXPECT_TRUE(banji_pages.empty()) << "no 版记 on a " << d.kind;
      continue;
    }
    ++bureau;
    if (d.kind == "transfer_letter") ++transfer;
    EXPECT_EQ(pages.size() % 2, 0u) << "the 版记 is on an even face";
    ASSERT_EQ(banji_pages, std::vector<int>{static_cast<int>(pages.size()) - 1});
    // 印发机关 (the issuer's 办公室 by default) and 印发日期 = 成文日期, at the foot.
    const std::vector<std::string>& last = pages.back();
    std::string joined;
    for (const std::string& line : last) joined += line + "\n";
    EXPECT_NE(joined.find("办公室"), std::string::npos) << joined;
    EXPECT_NE(joined.find(std::string(kDocDate) + "印发"), std::string::npos) << joined;
    // Every page is numbered here (no blank face precedes the 版记 page in the samples).
    for (std::size_t p = 0; p < pages.size(); ++p) {
      const std::string number = "—" + std::to_string(p + 1) + "—";
      EXPECT_NE(std::find(pages[p].begin(), pages[p].end(), number), pages[p].end()) << number;
    }
  }
  EXPECT_GE(bureau, 20);
  EXPECT_GE(transfer, 10) << "the 移送函 of the referred cases";
}

// GB/T 9704 7.3.5: the page with the 署名 and 成文日期 also holds 正文 above them (not only the
// 签字 lines of the expert group or the 署名 itself).
TEST(LayoutEndToEndTest, SignatureIsNeverAloneOnItsPage) {
  int checked = 0;
  for (const Draft& d : AllDrafts()) {
    if (d.kind == "worksheet") continue;
    SCOPED_TRACE(d.dossier + " " + d.kind);
    const auto pages = PageLines(d.path);
    bool found = false;
    for (const auto& page : pages) {
      auto date = std::find(page.begin(), page.end(), std::string(kDocDate));
      if (date == page.end()) continue;
      found = true;
      int text_lines = 0;
      for (auto it = page.begin(); it != date; ++it) {
        if (IsPageNumber(*it) || it->find("（签字）") != std::string::npos) continue;
        ++text_lines;
      }
      // The line just above the date is the 署名.
      EXPECT_GE(text_lines, 2) << "署名 and 成文日期 without 正文 on their page";
    }
    EXPECT_TRUE(found) << "no 成文日期 line";
    ++checked;
  }
  EXPECT_GE(checked, 38);
}

std::u32string U32(const std::string& s) {
  const std::vector<char32_t> cps = DecodeUtf8(s);
  return std::u32string(cps.begin(), cps.end());
}

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, out);
  return out;
}

// The title lines of a draft: the 22 pt lines of page 1 (pdftotext -bbox: 28-40 pt tall) below
// the 发文字号 line when there is one (the shrunk 发文机关标志 can be as tall).
std::vector<std::u32string> TitleLines(const std::string& pdf) {
  std::string html;
  RunCommand("pdftotext -f 1 -l 1 -bbox " + Quote(pdf) + " -", &html);
  const std::regex word(
      "<word xMin=\"[0-9.]+\" yMin=\"([0-9.]+)\" xMax=\"[0-9.]+\" "
      "yMax=\"([0-9.]+)\">([^<]*)</word>");
  double below = 0;
  std::vector<std::u32string> lines;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), word); it != std::sregex_iterator();
       ++it) {
    const double top = std::stod((*it)[1]), bottom = std::stod((*it)[2]);
    const std::string text = (*it)[3];
    if (std::regex_search(text, std::regex("〔[0-9]{4}〕"))) below = bottom;
    const std::u32string u = U32(text);
    if (bottom - top > 28 && bottom - top < 40 && u.size() > 1 && top > below) {
      lines.push_back(u);
    } else if (!lines.empty()) {
      break;  // the title's lines are consecutive
    }
  }
  return lines;
}

// GB/T 9704 7.3.1 (词意完整、排列对称): no title line of any sample draft ends inside a word of
// templates/title_words.txt, inside the institution's name or inside a credit code, and the
// lines are balanced.
TEST(LayoutEndToEndTest, TitleLinesBreakBetweenWordsAndAreBalanced) {
  std::vector<std::u32string> words;
  std::istringstream list(testing::ReadText(RepoRoot() + "/templates/title_words.txt"));
  for (std::string line; std::getline(list, line);) {
    if (!line.empty() && line[0] != '#') words.push_back(U32(line));
  }
  ASSERT_GE(words.size(), 10u);
  int broken = 0;
  for (const Draft& d : SampleDrafts()) {
    const std::vector<std::u32string> lines = TitleLines(d.path);
    SCOPED_TRACE(d.dossier + " " + d.kind);
    ASSERT_FALSE(lines.empty());
    if (lines.size() < 2) continue;
    ++broken;
    std::u32string title;
    std::vector<std::size_t> breaks;
    std::size_t shortest = lines[0].size(), longest = 0;
    for (const std::u32string& l : lines) {
      if (!title.empty()) breaks.push_back(title.size());
      title += l;
      shortest = std::min(shortest, l.size());
      longest = std::max(longest, l.size());
    }
    std::vector<std::u32string> spans = words;
    if (!d.institution.empty()) spans.push_back(U32(d.institution));
    for (std::size_t b : breaks) {
      for (const std::u32string& w : spans) {
        for (std::size_t at = title.find(w); at != std::u32string::npos;
             at = title.find(w, at + 1)) {
          EXPECT_FALSE(at < b && b < at + w.size())
              << "line break inside " << Utf8(w) << ": " << Utf8(title);
        }
      }
    }
    EXPECT_GE(2 * shortest, longest) << "unbalanced";
  }
  EXPECT_GE(broken, 15);
}

TEST(LayoutEndToEndTest, WorksheetNamesTheFontsAndTheInferredPrintOffice) {
  int worksheets = 0;
  for (const Draft& d : SampleDrafts()) {
    if (d.kind != "worksheet") continue;
    ++worksheets;
    std::string text;
    for (const auto& page : PageLines(d.path)) {
      for (const std::string& line : page) {
        if (!IsPageNumber(line)) text += line;
      }
    }
    SCOPED_TRACE(d.dossier);
    EXPECT_NE(
        text.find("本案草稿的标题字体：NotoSerifCJK-Bold.ttc，是随程序安装的替代字体，不是小标宋"
                  "；设置allow_fallback_fonts不为true时，beianissue不予印发。"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("本案草稿的正文字体：gbsn00lp.ttf，是随程序安装的替代字体，不是仿宋"),
              std::string::npos)
        << text;
    if (d.dossier.rfind("S07-", 0) == 0) {
      EXPECT_NE(text.find("补正材料通知书版记中的印发机关是推定的（白城市人力资源和社会保障局办公"
                          "室），本机关未设置print_office，请核对。"),
                std::string::npos)
          << text;
    }
    if (d.dossier.rfind("S01-", 0) == 0) {
      EXPECT_EQ(text.find("印发机关"), std::string::npos) << "S01 has no bureau draft";
    }
  }
  EXPECT_GE(worksheets, 38);
}

// The contact setting is the 附注 (GB/T 9704 7.3.6): in brackets on the line under the
// 成文日期, not a paragraph of the 正文 above the signature.
TEST(LayoutEndToEndTest, ContactIsTheNoteUnderTheDate) {
  const std::string dir = testing::MakeTempDir();
  const std::string s07 = "S07-白城市瑞丰农业科技有限公司-缺件";
  fs::create_directories(dir + "/intake");
  fs::copy(RepoRoot() + "/samples/intake/" + s07, dir + "/intake/" + s07,
           fs::copy_options::recursive);
  std::ofstream(dir + "/office.json") << R"({"contact": "张丽，0436-62001234"})";
  std::string out;
  ASSERT_EQ(RunCommand(testing::BeianBinary() + " run " + Quote(dir + "/intake") + " --out " +
                           Quote(dir + "/out") + " --date " + kLayoutDate + " --quiet --config " +
                           Quote(dir + "/office.json"),
                       &out, /*merge_stderr=*/true),
            1)
      << out;
  std::string notice;
  for (const auto& e : fs::directory_iterator(dir + "/out")) {
    if (fs::exists(e.path() / "补正材料通知书.pdf")) notice = (e.path() / "补正材料通知书.pdf");
  }
  ASSERT_FALSE(notice.empty());
  std::vector<std::string> lines;
  for (const auto& page : PageLines(notice)) lines.insert(lines.end(), page.begin(), page.end());
  auto date = std::find(lines.begin(), lines.end(), std::string(kDocDate));
  ASSERT_NE(date, lines.end());
  ASSERT_NE(date + 1, lines.end());
  EXPECT_EQ(*(date + 1), "（联系人：张丽；联系电话：0436-62001234）");
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find("联系人及电话"), std::string::npos) << line;
  }
}

// The fallback-font guard through the registry: S01's 材料接收回执 (D2026-0001).
class FontGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    data_ = dir_ + "/data-root";
    const std::string intake = dir_ + "/intake";
    fs::create_directories(intake);
    const std::string s01 = "S01-长春鼎新职业技能培训学校-首次申请";
    fs::copy(RepoRoot() + "/samples/intake/" + s01, intake + "/" + s01,
             fs::copy_options::recursive);
    testing::MakeOfficeDataRoot(data_, {{"doc_number_format", "吉人社认备〔{year}〕{n}号"},
                                        {"receipt_number_format", "吉人社认收〔{year}〕{n}号"}});
    std::string out;
    ASSERT_EQ(Beian("run " + Quote(intake) + " --out " + Quote(dir_ + "/out") +
                        " --no-pdf --quiet --date 2026-09-20",
                    &out),
              0)
        << out;
  }
  int Beian(const std::string& args, std::string* out) {
    return RunCommand(testing::BeianBinary() + " " + args + " --registry " +
                          Quote(dir_ + "/registry.sqlite") + " --user 李四 --data-dir " +
                          Quote(data_),
                      out, /*merge_stderr=*/true);
  }
  int Config(const std::string& args, std::string* out) {
    return RunCommand(testing::BeianBinary() + " config --data-dir " + Quote(data_) + args, out,
                      /*merge_stderr=*/true);
  }
  std::string dir_, data_;
};

TEST_F(FontGuardTest, IssueRefusesTheShippedStandInsUnlessTheOfficeAllowsThem) {
  std::string out;
  ASSERT_EQ(Config("", &out), 0) << out;
  EXPECT_NE(
      out.find("# 注意：标题或正文用的是随程序安装的替代字体（title（NotoSerifCJK-Bold.ttc）、"
               "body（gbsn00lp.ttf））"),
      std::string::npos)
      << out;
  EXPECT_EQ(Beian("issue D2026-0001 --date 2026-09-21", &out), 2) << out;
  for (const char* want : {"不能印发", "title（NotoSerifCJK-Bold.ttc）、body（gbsn00lp.ttf）",
                           "\"allow_fallback_fonts\": true", "--fonts"}) {
    EXPECT_NE(out.find(want), std::string::npos) << want << "\n" << out;
  }
  EXPECT_FALSE(fs::exists(dir_ + "/archive")) << "nothing issued";

  // The office allows them: no warning (the setting over the office's own file).
  std::ofstream(dir_ + "/allow.json") << R"({"allow_fallback_fonts": true})";
  ASSERT_EQ(Config(" --config " + Quote(dir_ + "/allow.json"), &out), 0) << out;
  EXPECT_EQ(out.find("替代字体"), std::string::npos) << out;
  ASSERT_EQ(Config(" --json", &out), 0) << out;
  const json config = json::parse(out, nullptr, false);
  ASSERT_TRUE(config.contains("warnings")) << out;
  ASSERT_EQ(config["warnings"].size(), 1u) << out;
  EXPECT_NE(config["warnings"][0].get<std::string>().find("allow_fallback_fonts"),
            std::string::npos);
  std::ofstream(dir_ + "/bad.json") << R"({"allow_fallback_fonts": "yes"})";
  EXPECT_NE(Config(" --config " + Quote(dir_ + "/bad.json"), &out), 0) << out;
  EXPECT_NE(out.find("allow_fallback_fonts"), std::string::npos) << out;

  // The office's own fonts (here a copy of a stand-in under another name, as a licensed font
  // would be installed): title and body no longer point at a shipped stand-in.
  fs::copy_file("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", dir_ + "/仿宋.ttf");
  std::string fonts = testing::ReadText(RepoRoot() + "/templates/fonts.xml");
  for (const char* role : {"title", "body"}) {
    fonts = std::regex_replace(
        fonts, std::regex(std::string("<font role=\"") + role + "\"[^>]*>"),
        std::string("<font role=\"") + role + "\" path=\"" + dir_ + "/仿宋.ttf\" face=\"0\"/>");
  }
  std::ofstream(dir_ + "/fonts.xml") << fonts;
  std::ofstream(dir_ + "/office-fonts.json") << R"({"fonts": "fonts.xml"})";
  const std::string office_fonts = " --config " + Quote(dir_ + "/office-fonts.json");
  ASSERT_EQ(Config(office_fonts, &out), 0) << out;
  EXPECT_EQ(out.find("替代字体"), std::string::npos) << out;
  ASSERT_EQ(Beian("issue D2026-0001 --date 2026-09-21" + office_fonts, &out), 0) << out;
  EXPECT_NE(out.find("吉人社认收〔2026〕1号"), std::string::npos) << out;
}

}  // namespace
}  // namespace pipeline
