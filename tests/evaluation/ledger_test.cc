// The ledger (台账.xlsx) through the `beian` binary, read back with openpyxl (not beian's own
// reader): `beian ledger` over a real SQLite registry, and the copy `beian run` keeps in its
// output folder, with and without a registry.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "pipeline/registry/sqlite_storage.h"
#include "tests/evaluation/evaluation_testing.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::evaluation {
namespace {

using test_util::Quote;
using test_util::XlsxTool;

namespace fs = std::filesystem;

nlohmann::json ReadLedger(const std::string& file) {
  std::string out;
  EXPECT_EQ(XlsxTool("ledger " + Quote(file), &out), 0) << out;
  return nlohmann::json::parse(out, nullptr, false);
}

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    intake_ = dir_ + "/intake";
    fs::create_directories(intake_);
    for (const char* s :
         {"S01-长春鼎新职业技能培训学校-首次申请", "S02-吉林市松江化工装备有限公司-首次申请"}) {
      fs::copy(testing::RepoRoot() + "/samples/intake/" + s, intake_ + "/" + s,
               fs::copy_options::recursive);
    }
  }
  int Beian(const std::string& args, std::string* out = nullptr) {
    std::string text;
    int rc = testing::RunCommand(
        args.rfind("env ", 0) == 0 ? args : testing::BeianBinary() + " " + args, &text, true);
    if (out) *out = text;
    return rc;
  }
  std::string dir_, intake_;
};

// The row of `case_id` in the cases sheet, as column header -> value.
nlohmann::json Row(const nlohmann::json& ledger, const std::string& case_id) {
  const auto& cells = ledger["per_sheet"]["台账"]["cells"];
  for (std::size_t r = 1; r < cells.size(); ++r) {
    if (cells[r][0] == case_id) {
      nlohmann::json row;
      for (std::size_t c = 0; c < cells[0].size(); ++c)
        row[cells[0][c].get<std::string>()] = cells[r][c];
      return row;
    }
  }
  return nullptr;
}

TEST_F(LedgerTest, LedgerOverTheRegistryHasCasesCountsAndOccupations) {
  const std::string reg = " --registry " + Quote(dir_ + "/registry.sqlite");
  std::string out;
  ASSERT_EQ(Beian("run " + Quote(intake_) + " --out " + Quote(dir_ + "/out") +
                      " --no-pdf --quiet --date 2026-11-25" + reg,
                  &out),
            0)
      << out;
  for (const char* stage : {"received", "preliminary"}) {
    ASSERT_EQ(Beian(std::string("decide C2026-0001 --stage ") + stage +
                        " --result pass --date 2026-11-26" + reg,
                    &out),
              0)
        << out;
  }
  ASSERT_EQ(Beian("scoresheet C2026-0001 --out " + Quote(dir_ + "/sheet") + reg, &out), 0) << out;
  ASSERT_EQ(XlsxTool("fill " + Quote(dir_ + "/sheet/技术评估评分表.xlsx") + " " +
                         Quote(dir_ + "/filled.xlsx"),
                     &out),
            0)
      << out;
  ASSERT_EQ(Beian("evaluate C2026-0001 --scores " + Quote(dir_ + "/filled.xlsx") +
                      " --result 合格 --out " + Quote(dir_ + "/docs") + " --date 2026-11-27" + reg,
                  &out),
            0)
      << out;
  ASSERT_EQ(Beian("ledger --out " + Quote(dir_ + "/台账.xlsx") + " --date 2026-11-28" + reg, &out),
            0)
      << out;
  EXPECT_NE(out.find("2个案件"), std::string::npos) << out;
  nlohmann::json l = ReadLedger(dir_ + "/台账.xlsx");
  ASSERT_FALSE(l.is_discarded());
  EXPECT_EQ(l["sheets"], nlohmann::json({"台账", "统计", "职业（工种）"}));
  const auto& cases = l["per_sheet"]["台账"];
  EXPECT_EQ(cases["freeze"], "A2");
  EXPECT_EQ(cases["autofilter"], "A1:U3");  // ... 备案日期, 备案编号, 有效期起, 有效期止
  EXPECT_EQ(cases["cells"][0][0], "案件编号");
  EXPECT_EQ(cases["cells"][0][9], "技术评估得分");
  EXPECT_GE(cases["widths"]["B"].get<double>(), 20.0);  // institution names fit
  nlohmann::json s01 = Row(l, "C2026-0001");
  ASSERT_FALSE(s01.is_null()) << cases.dump();
  EXPECT_EQ(s01["机构名称"], "长春市鼎新职业技能培训学校");
  EXPECT_EQ(s01["统一社会信用代码"], "52220102MJ0A1B2C32");
  EXPECT_EQ(s01["受理部门"], "长春市人力资源和社会保障局");
  EXPECT_EQ(s01["申请类型"], "首次申请");
  EXPECT_EQ(s01["机构类型"], "社会培训评价组织");
  EXPECT_EQ(s01["职业（工种）及等级"],
            "中式烹调师：五级至三级；中式面点师：五级至四级；保育师：五级至三级");
  EXPECT_EQ(s01["材料齐全性"], "材料齐全");
  EXPECT_EQ(s01["初评结论"], "通过");
  EXPECT_EQ(s01["技术评估得分"], 86);
  EXPECT_EQ(s01["当前阶段"], "综合汇总");
  EXPECT_EQ(s01["接收日期"], "date:2026-11-25");  // a real Excel date
  EXPECT_EQ(s01["初评日期"], "date:2026-11-26");
  EXPECT_EQ(s01["技术评估日期"], "date:2026-11-27");
  EXPECT_TRUE(s01["综合汇总日期"].is_null());
  EXPECT_TRUE(s01["备案日期"].is_null());  // no 备案通知 issued yet
  EXPECT_TRUE(s01["备案编号"].is_null());
  EXPECT_TRUE(s01["有效期起"].is_null());
  nlohmann::json s02 = Row(l, "C2026-0002");
  ASSERT_FALSE(s02.is_null());
  EXPECT_EQ(s02["机构类型"], "用人单位");
  EXPECT_EQ(s02["当前阶段"], "已接收");
  EXPECT_TRUE(s02["技术评估得分"].is_null());
  // Counts per authority and per stage, with totals.
  const std::string counts = l["per_sheet"]["统计"]["cells"].dump();
  EXPECT_NE(counts.find("[\"长春市人力资源和社会保障局\",1]"), std::string::npos) << counts;
  EXPECT_NE(counts.find("[\"吉林市人力资源和社会保障局\",1]"), std::string::npos) << counts;
  EXPECT_NE(counts.find("[\"综合汇总\",1]"), std::string::npos) << counts;
  EXPECT_NE(counts.find("[\"已接收\",1]"), std::string::npos) << counts;
  EXPECT_NE(counts.find("\"=SUM("), std::string::npos) << counts;
  // Every requested occupation with its cross-check status.
  const auto& occ = l["per_sheet"]["职业（工种）"];
  EXPECT_EQ(occ["cells"][0][7], "核查结果");
  std::size_t s01_rows = 0;
  for (const auto& r : occ["cells"]) {
    if (r[1] == "C2026-0001") {
      ++s01_rows;
      EXPECT_EQ(r[7], "符合");
      EXPECT_EQ(r[8], "申报");
    }
  }
  EXPECT_EQ(s01_rows, 3u);
  EXPECT_EQ(occ["autofilter"].get<std::string>().substr(0, 3), "A1:");
  // S02 is an employer: its sheet has the Art. 6(六) items (incentive, pay linkage) besides.
  for (const char* stage : {"received", "preliminary"}) {
    ASSERT_EQ(Beian(std::string("decide C2026-0002 --stage ") + stage +
                        " --result pass --date 2026-11-26" + reg,
                    &out),
              0)
        << out;
  }
  ASSERT_EQ(Beian("scoresheet C2026-0002 --out " + Quote(dir_ + "/emp") + reg, &out), 0) << out;
  ASSERT_EQ(XlsxTool("sheet " + Quote(dir_ + "/emp/技术评估评分表.xlsx"), &out), 0) << out;
  const nlohmann::json emp = nlohmann::json::parse(out)["per_sheet"]["通用项目"]["items"];
  EXPECT_EQ(emp.size(), 14u);
  EXPECT_EQ(emp.back(), "TE-EMP-02");
  // `beian run` wrote the same ledger into its output folder (at the run's date).
  nlohmann::json run = ReadLedger(dir_ + "/out/台账.xlsx");
  ASSERT_FALSE(run.is_discarded());
  EXPECT_EQ(Row(run, "C2026-0001")["当前阶段"], "已接收");
}

TEST_F(LedgerTest, RunWithoutARegistryKeepsALedgerOfItsReports) {
  std::string out;
  ASSERT_EQ(Beian("env -u BEIAN_REGISTRY " + testing::BeianBinary() + " run " + Quote(intake_) +
                      " --out " + Quote(dir_ + "/out") + " --no-pdf --quiet --date 2026-11-25",
                  &out),
            0)
      << out;
  nlohmann::json l = ReadLedger(dir_ + "/out/台账.xlsx");
  ASSERT_FALSE(l.is_discarded());
  const auto& cells = l["per_sheet"]["台账"]["cells"];
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0][0], "卷宗指纹");                             // not a case number: no registry
  EXPECT_EQ(cells[1][0].get<std::string>().substr(0, 3), "JL-");  // report ids: no registry
  EXPECT_EQ(cells[1][11], nullptr);                               // no stage without a registry
  EXPECT_EQ(cells[1][12], "date:2026-11-25");
}

// An employer may be filed for 特级技师 and 首席技师 (registry levels 0 and -1): the ledger
// names them, as the 备案通知 does, instead of dropping or misreading them.
TEST_F(LedgerTest, AnEmployersChiefAndPrincipalTechniciansKeepTheirLevels) {
  const std::string registry = dir_ + "/registry.sqlite";
  std::string out;
  ASSERT_EQ(Beian("run " + Quote(intake_) + " --out " + Quote(dir_ + "/out") +
                      " --no-pdf --quiet --date 2026-11-25 --registry " + Quote(registry),
                  &out),
            0)
      << out;
  {
    auto db = registry::SqliteStorage::Open(registry, /*create=*/false);
    ASSERT_OK(db);
    ASSERT_OK((*db)->Execute(
        "UPDATE occupations SET levels = '-1,0,3' WHERE case_id = 'C2026-0002' AND seq = 1", {}));
  }
  ASSERT_EQ(Beian("ledger --out " + Quote(dir_ + "/台账.xlsx") + " --date 2026-11-28 --registry " +
                      Quote(registry),
                  &out),
            0)
      << out;
  const nlohmann::json s02 = Row(ReadLedger(dir_ + "/台账.xlsx"), "C2026-0002");
  ASSERT_FALSE(s02.is_null());
  const std::string levels = s02["职业（工种）及等级"].get<std::string>();
  EXPECT_NE(levels.find("三级、特级技师、首席技师"), std::string::npos) << levels;
  EXPECT_EQ(levels.find("一级"), std::string::npos) << "首席技师 (-1) is not 一级: " << levels;
}

}  // namespace
}  // namespace pipeline::evaluation
