// Table-driven tests for the shared text helpers (pipeline/core/text.h).
#include "pipeline/core/text.h"

#include <gtest/gtest.h>

#include <string>

namespace pipeline {
namespace {

TEST(WhiteSpaceTest, OneSetForEveryStage) {
  for (char32_t cp :
       {U' ', U'\t', U'\n', U'\r', char32_t{0xA0}, char32_t{0x3000}, char32_t{0x2003},
        char32_t{0x200B}, char32_t{0x200D}, char32_t{0x2060}, char32_t{0xFEFF}, char32_t{0x2028}}) {
    SCOPED_TRACE(static_cast<unsigned>(cp));
    EXPECT_TRUE(IsWhiteSpace(cp));
  }
  for (char32_t cp : {U'a', U'0', U'-', U'中', U'（', char32_t{0xFFFD}}) {
    SCOPED_TRACE(static_cast<unsigned>(cp));
    EXPECT_FALSE(IsWhiteSpace(cp));
  }
  EXPECT_TRUE(IsLineBreak(U'\n'));
  EXPECT_TRUE(IsLineBreak(0x2029));
  EXPECT_FALSE(IsLineBreak(U' '));
}

TEST(NfkcTest, FoldsFullWidthFormsAndReplacesInvalidBytes) {
  EXPECT_EQ(Nfkc("４－０３（北京）ＡＢ"), "4-03(北京)AB");
  EXPECT_EQ(Nfkc(""), "");
  EXPECT_EQ(Nfkc("a\xff"
                 "b"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(TrimSpaceTest, TrimsEveryKindOfSpaceAndKeepsTheInside) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"", ""},
      {"\xE3\x80\x80\xC2\xA0 申请表\t", "申请表"},     // U+3000, NBSP
      {"\xE2\x80\x8B长春 市\xEF\xBB\xBF", "长春 市"},  // ZWSP, BOM
      {"\xc9\xea", "\xc9\xea"},                        // invalid bytes kept as written
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(TrimSpace(c.in), c.want);
  }
}

TEST(ReplaceAllTest, ReplacesEveryOccurrenceOnce) {
  EXPECT_EQ(ReplaceAll("第{page}页/{page}", "{page}", "12"), "第12页/12");
  EXPECT_EQ(ReplaceAll("aaa", "a", "aa"), "aaaaaa");  // what comes in is not searched again
  EXPECT_EQ(ReplaceAll("abc", "", "x"), "abc");
  EXPECT_EQ(ReplaceAll("", "a", "b"), "");
}

TEST(AsciiCaseTest, ChangesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("DOCX申请Ab1"), "docx申请ab1");
  EXPECT_EQ(AsciiUpper("91220101mA1"), "91220101MA1");
}

TEST(Fnv1a64Test, KeepsTheValuesCaseIdsWereIssuedWith) {
  // beian's start value is 1469598103934665603, not the published 14695981039346656037:
  // case ids already issued depend on it, so these values must never change.
  Fnv1a64 empty;
  EXPECT_EQ(empty.value(), 0x14650fb0739d0383ull);
  Fnv1a64 a;
  a.AddBytes("a");
  EXPECT_EQ(a.value(), 0x44bd8ad473cd9906ull);
  Fnv1a64 foobar;
  foobar.AddBytes("foobar");
  EXPECT_EQ(foobar.value(), 0x88fad7c0a8ff07f2ull);
  Fnv1a64 chinese;
  chinese.AddBytes("申请");
  EXPECT_EQ(chinese.value(), 0xd6d35157021d4ae1ull);
  Fnv1a64 whole;
  whole.Add(0x161);  // a whole value is one step, not its bytes
  EXPECT_NE(whole.value(), a.value());
}

TEST(TextNormaliseTest, FullWidthAndWhitespace) {
  struct Case {
    const char* in;
    const char* want;
  } cases[] = {
      {"", ""},
      {"   ", ""},
      {"４－０３－０２－０１", "4-03-02-01"},  // full-width digits and hyphen-minus
      {"ＡＢＣ　ｄｅｆ", "ABC def"},           // ideographic space
      {"  中式\t烹调师 \n ", "中式 烹调师"},
      {"中式烹调师（药膳制作师）", "中式烹调师(药膳制作师)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(NormaliseText(c.in), c.want);
  }
}

TEST(TextNormaliseTest, CompactRemovesAllSpaces) {
  EXPECT_EQ(NormaliseCompact(" 中式 烹调师\n"), "中式烹调师");
}

TEST(TextNormaliseTest, SplitWorkTypeTakesTrailingBrackets) {
  NameAndWorkType nw = SplitWorkType("中式烹调师(药膳制作师)");
  EXPECT_EQ(nw.name, "中式烹调师");
  EXPECT_EQ(nw.work_type, "药膳制作师");
  EXPECT_EQ(SplitWorkType("电工").work_type, "");
}

TEST(TextNormaliseTest, EditDistanceCountsCodePoints) {
  EXPECT_EQ(EditDistance("中式烹饪师", "中式烹调师"), 1u);
  EXPECT_EQ(EditDistance("", "电工"), 2u);
  EXPECT_EQ(EditDistance("电工", "电工"), 0u);
  EXPECT_GT(BigramSimilarity("中式烹饪师", "中式烹调师"), 0.4);
  EXPECT_EQ(BigramSimilarity("电工", "电工"), 1.0);
}

TEST(DisplayTextTest, ShowsWhatWasWrittenTrimmedWithCjkLinesJoined) {
  struct Case {
    const char* in;
    const char* display;
    const char* normalised;
  } cases[] = {
      {"中培华测（北京）", "中培华测（北京）", "中培华测(北京)"},
      {"  中培华测\n（北京）职业技能培训中心　", "中培华测（北京）职业技能培训中心",
       "中培华测(北京)职业技能培训中心"},
      {"吉林省长春市\r\n朝阳区", "吉林省长春市朝阳区", "吉林省长春市朝阳区"},
      {"Changchun\nRoad 5", "Changchun Road 5", "Changchun Road 5"},
      {"长春市 朝阳区", "长春市 朝阳区", "长春市 朝阳区"},
      {"ＡＢＣ", "ＡＢＣ", "ABC"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(DisplayText(c.in), c.display);
    EXPECT_EQ(NormaliseText(c.in), c.normalised);
  }
}

}  // namespace
}  // namespace pipeline
