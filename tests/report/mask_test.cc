#include "pipeline/report/mask.h"

#include <gtest/gtest.h>

namespace pipeline::report {
namespace {

TEST(MaskTest, MasksIdAndPhoneNumbersOnly) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"220102199001012018", "220102********2018"},
      {"身份证号220102199001012X1", "身份证号220102199001012X1"},  // 19 characters: no ID
      {"法定代表人身份证号：22010219900101201X。", "法定代表人身份证号：220102********201X。"},
      {"电话13912345678，13812345678", "电话139****5678，138****5678"},
      {"0431-88886666", "0431-****6666"},
      {"043188886666", "0431****6666"},
      {"统一社会信用代码 91220101MA17X6QB3K", "统一社会信用代码 91220101MA17X6QB3K"},
      {"第13912345678901号", "第13912345678901号"},  // longer digit run: not a phone
      {"职业编码 4-03-02-01，五级至三级", "职业编码 4-03-02-01，五级至三级"},
      {"JL-3d104abe2a", "JL-3d104abe2a"},
      {"", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(MaskPersonalData(c.in), c.want);
  }
}

}  // namespace
}  // namespace pipeline::report
