#include "pipeline/core/utf8.h"

#include <gtest/gtest.h>

namespace pipeline {
namespace {

TEST(Utf8Test, ValidatesChineseAndRejectsGbk) {
  EXPECT_TRUE(IsValidUtf8("申请表.docx"));
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_FALSE(IsValidUtf8("\xc9\xea\xc7\xeb.docx"));  // 申请 in GBK
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));           // a surrogate
}

TEST(Utf8Test, DisplayPathEscapesInvalidBytesOnly) {
  EXPECT_EQ(DisplayPath("表\xc9.pdf"), "表\\xC9.pdf");
  EXPECT_EQ(DisplayPath("申请表.docx"), "申请表.docx");
}

TEST(Utf8Test, DecodesAndEncodesCodePoints) {
  std::vector<char32_t> cps = DecodeUtf8("吉A1");
  ASSERT_EQ(cps.size(), 3u);
  EXPECT_EQ(cps[0], U'吉');
  std::string out;
  for (char32_t c : cps) AppendUtf8(c, out);
  EXPECT_EQ(out, "吉A1");
  EXPECT_EQ(Utf8Length("〔2025〕"), 6u);
}

}  // namespace
}  // namespace pipeline
