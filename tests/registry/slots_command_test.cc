// Slots a clerk or the expert group must fill before a document is issued, through the `beian`
// binary on a real registry file (issue 20):
// - the 初评意见's open points are choice slots (符合 / 不符合): `run` keeps the opinion, `status
//   --json` lists the choices, `edit` refuses any other value naming the point and the values,
//   the draft prints boxes while a point is blank and the word once set, the conclusion follows
//   the points, and `issue` refuses the opinion while a point is undecided;
// - a 备案通知 of a case received by an office whose name data/jilin_authorities.tsv lacks
//   (长白山) has its 抄送 as the slot copy_to_office, a visible blank refused at issue.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/testing/registry_binary.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SlotsTest : public testing::RegistryBinaryTest {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    registry_ = dir_ + "/registry.sqlite";
    data_ = dir_ + "/data-root";
    testing::MakeOfficeDataRoot(data_, {{"doc_number_format", "吉人社认备〔{year}〕{n}号"},
                                        {"filing_number_format", "吉认备〔{year}〕{n}号"},
                                        {"allow_fallback_fonts", true}});
  }
  // Runs the sample `name` at `authority` (its drafts kept: no --no-pdf).
  void Run(const std::string& name, const std::string& authority) {
    const std::string intake = dir_ + "/intake";
    fs::create_directories(intake);
    fs::copy(testing::RepoRoot() + "/samples/intake/" + name, intake + "/" + name,
             fs::copy_options::recursive);
    std::string out;
    const int rc =
        Beian("run " + testing::Quote(intake) + " --out " + testing::Quote(dir_ + "/out") +
                  " --authority " + authority + " --quiet --date 2026-09-20",
              &out);
    ASSERT_TRUE(rc == 0 || rc == 1) << out;
  }
  json Status(const std::string& ref) {
    std::string out;
    EXPECT_EQ(Beian("status " + ref + " --json --date 2026-09-30", &out, false), 0) << out;
    return json::parse(out, nullptr, false);
  }
  std::string OnlyDocument(const std::string& case_id, const std::string& kind) {
    std::string id;
    const json status = Status(case_id);
    for (const json& d : status["documents"]) {
      if (d["kind"] == kind) {
        EXPECT_TRUE(id.empty()) << "two " << kind;
        id = d["id"];
      }
    }
    EXPECT_FALSE(id.empty()) << "no " << kind;
    return id;
  }
  std::string Draft(const std::string& id, const std::string& file) {
    Ok("status " + id + " --out " + testing::Quote(dir_ + "/drafts"));
    return testing::FlatPdfText(dir_ + "/drafts/" + id + "-" + file);
  }
};

TEST_F(SlotsTest, OpinionPointsAreChoicesTheGroupDecidesBeforeIssue) {
  Run("S01-长春鼎新职业技能培训学校-首次申请", "220100");
  const std::string id = OnlyDocument("C2026-0001", "preliminary_opinion");
  const json slots = Status(id)["slots"];
  std::vector<std::string> points;
  for (const json& s : slots) {
    if (!s.contains("choices")) continue;
    EXPECT_EQ(s["choices"], json({"符合", "不符合"})) << s;
    EXPECT_EQ(s["text"], "");
    points.push_back(s["name"]);
  }
  ASSERT_GE(points.size(), 2u) << slots;
  EXPECT_EQ(points[0], "art6_1");

  // Blank: boxes, and the conclusion is conditional on the group's ticks.
  std::string text = Draft(id, "初评意见.pdf");
  EXPECT_NE(text.find("专家组核实后勾选：□符合□不符合"), std::string::npos) << text;
  EXPECT_EQ(text.find("经专家组核实，符合"), std::string::npos) << text;
  EXPECT_NE(text.find("勾选的事项均为“符合”的"), std::string::npos) << text;

  std::string out;
  EXPECT_EQ(Beian("issue " + id + " --date 2026-09-21", &out), 2) << out;
  EXPECT_NE(out.find("尚有专家组未作出结论的事项"), std::string::npos) << out;
  EXPECT_NE(out.find("（" + points[0] + "）"), std::string::npos) << out;

  EXPECT_EQ(Beian("edit " + id + " --slot " + points[0] + " --text 基本符合", &out), 2) << out;
  EXPECT_NE(out.find("（" + points[0] + "）只能填写：符合、不符合；“基本符合”不在其中"),
            std::string::npos)
      << out;
  EXPECT_EQ(Beian("edit " + id + " --slot art6_9 --text 符合", &out), 2) << out;
  EXPECT_NE(out.find("没有名为“art6_9”的可填写内容"), std::string::npos) << out;

  // One point 不符合, the others blank: the conclusion is not the unqualified one.
  Ok("edit " + id + " --slot " + points[0] + " --text 不符合");
  EXPECT_EQ(Status(id)["slots"][0]["text"], "不符合");
  text = Draft(id, "初评意见.pdf");
  EXPECT_NE(text.find("初审情况：经专家组核实，不符合。"), std::string::npos) << text;
  EXPECT_NE(text.find("上述事项中有不符合的情形"), std::string::npos) << text;
  EXPECT_EQ(text.find("建议进入现场技术评估环节"), std::string::npos) << text;

  // Every point 符合: the issued copy prints the words, no box, and the plain conclusion.
  for (const std::string& p : points) Ok("edit " + id + " --slot " + p + " --text 符合");
  Ok("issue " + id + " --date 2026-09-21");
  const json issued = Status(id);
  EXPECT_EQ(issued["state"], "issued");
  EXPECT_EQ(issued["number"], "") << "an expert group's opinion has no 发文字号";
  std::string archived;
  for (const auto& e : fs::recursive_directory_iterator(dir_ + "/archive")) {
    if (e.path().filename().string().find(id) != std::string::npos) archived = e.path().string();
  }
  ASSERT_FALSE(archived.empty());
  text = testing::FlatPdfText(archived);
  EXPECT_EQ(text.find("□"), std::string::npos) << text;
  EXPECT_EQ(text.find("勾选"), std::string::npos) << text;
  EXPECT_NE(text.find("初审情况：经专家组核实，符合。"), std::string::npos) << text;
  EXPECT_NE(text.find("并经专家组核实，未见不符合第六条规定条件的情形"), std::string::npos) << text;
  EXPECT_EQ(Beian("edit " + id + " --slot " + points[0] + " --text 不符合", &out), 2) << out;
}

TEST_F(SlotsTest, CopyToAnOfficeWithoutANameIsASlotRefusedAtIssueWhileBlank) {
  // R07 received by the 长白山 office (JL-CBS: data/jilin_authorities.tsv has no name for it),
  // taken to the province, which publicizes and files it.
  Run("R07-长白山池北区雪岭职业技能培训学校-管委会辖区", "JL-CBS");
  for (const char* stage : {"received", "preliminary", "technical", "comprehensive"}) {
    Ok(std::string("decide C2026-0001 --stage ") + stage + " --result pass --date 2026-09-21");
  }
  Ok("deliberate C2026-0001 --date 2026-09-22 --note 会议 --today 2026-09-22");
  Ok("publicize C2026-0001 --start 2026-09-25 --date 2026-09-25 --authority 220000");
  Ok("issue " + OnlyDocument("C2026-0001", "publicity_notice") + " --date 2026-09-25");
  Ok("file C2026-0001 --authority 220000 --date 2026-10-12");
  const std::string id = OnlyDocument("C2026-0001", "filing_notice");
  bool listed = false;
  const json status = Status(id);
  for (const json& s : status["slots"]) listed = listed || s["name"] == "copy_to_office";
  EXPECT_TRUE(listed) << status["slots"];
  EXPECT_NE(Draft(id, "备案通知.pdf").find("抄送：＿＿＿＿＿＿＿＿＿＿。"), std::string::npos);
  std::string out;
  EXPECT_EQ(Beian("issue " + id + " --date 2026-10-12", &out), 2) << out;
  EXPECT_NE(out.find("抄送的受理机关名称（copy_to_office"), std::string::npos) << out;
  Ok("edit " + id + " --slot copy_to_office --text 长白山管委会人力资源和社会保障局");
  EXPECT_NE(Draft(id, "备案通知.pdf").find("抄送：长白山管委会人力资源和社会保障局。"),
            std::string::npos);
  Ok("issue " + id + " --date 2026-10-12");
}

}  // namespace
}  // namespace pipeline::registry
