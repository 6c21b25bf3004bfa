#include "pipeline/extract/codes.h"

#include <gtest/gtest.h>

namespace pipeline::extract {
namespace {

using model::CodeCheck;

TEST(UsccCheckTest, PublishedVectors) {
  struct Case {
    const char* code;
    CodeCheck want;
  } cases[] = {
      // valid (uscc.md §6)
      {"91350100M000100Y43", CodeCheck::kValid},
      {"91110000600037341L", CodeCheck::kValid},
      {"121200004013590816", CodeCheck::kValid},
      {"91110108551385082Q", CodeCheck::kValid},
      {"914403001922038216", CodeCheck::kValid},
      {"91310115MA1K3BTP2B", CodeCheck::kValid},
      {"9144030071526726XG", CodeCheck::kValid},
      {"91620105L015101280", CodeCheck::kValid},
      {"9131000063159284XQ", CodeCheck::kValid},
      // invalid
      {"91350100M000100Y4Z", CodeCheck::kBadFormat},  // Z outside the alphabet
      {"91110000600037341N", CodeCheck::kBadChecksum},
      {"914403001922038217", CodeCheck::kBadChecksum},
      {"91110108717809965C", CodeCheck::kBadChecksum},  // mock "real" code
      {"A1110000600037341L", CodeCheck::kBadFormat},
      {"9111000060003IOZSV", CodeCheck::kBadFormat},
      {"9111000060003734", CodeCheck::kBadFormat},  // short
      {"", CodeCheck::kNotChecked},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.code);
    EXPECT_EQ(CheckUscc(c.code), c.want);
  }
}

TEST(UsccCheckTest, WorkedExampleCheckCharIsThree) {
  EXPECT_EQ(UsccCheckChar("91350100M000100Y4"), '3');
}

TEST(UsccCheckTest, NormalisesFullWidthAndLowerCase) {
  EXPECT_EQ(NormaliseUscc(" ９１３５０１００ｍ０００１００ｙ４３ "), "91350100M000100Y43");
  EXPECT_EQ(NormaliseUscc("9131 0115 ma1k 3btp 2b"), "91310115MA1K3BTP2B");
}

TEST(ResidentIdCheckTest, Vectors) {
  struct Case {
    const char* id;
    CodeCheck want;
  } cases[] = {
      {"11010519491231002X", CodeCheck::kValid},  // GB 11643 example
      {"220102198001011234", CodeCheck::kValid},
      {"220104199003150024", CodeCheck::kValid},
      {"110105194912310021", CodeCheck::kBadChecksum},
      {"11010519491331002X", CodeCheck::kBadBirthDate},  // month 13
      {"110105194902300025", CodeCheck::kBadBirthDate},  // 30 February
      {"1101051949123100", CodeCheck::kBadFormat},
      {"11010519491231002Y", CodeCheck::kBadFormat},
      {"110105491231002", CodeCheck::kBadFormat},  // old 15-digit form
      {"", CodeCheck::kNotChecked},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    EXPECT_EQ(CheckResidentId(c.id), c.want);
  }
  EXPECT_EQ(CheckResidentId(NormaliseResidentId("１１０１０５１９４９１２３１００２ｘ")),
            CodeCheck::kValid);
}

TEST(OccupationCodeNormaliserTest, Forms) {
  struct Case {
    const char* in;
    const char* want;  // "" = not a code
  } cases[] = {
      {"4-03-02-01", "4-03-02-01"},
      {"４－０３－０２－０１", "4-03-02-01"},
      {"4—03—02—01", "4-03-02-01"},
      {" 4-03-02-01 ", "4-03-02-01"},
      {"4.03.02.01", "4-03-02-01"},
      {"4030201", "4-03-02-01"},
      {"6-30-05-01-014", "6-30-05-01-014"},
      {"4-3-2-1", ""},
      {"4-03-02", ""},
      {"X4-03-02-01", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(model::NormaliseOccupationCode(c.in).value_or(""), c.want);
  }
}

TEST(PhoneNormaliserTest, Forms) {
  struct Case {
    const char* in;
    const char* want;  // "" = invalid
  } cases[] = {
      {"13912345678", "13912345678"},
      {"139 1234 5678", "13912345678"},
      {"１３９１２３４５６７８", "13912345678"},
      {"+86 139-1234-5678", "13912345678"},
      {"0431-88888888", "043188888888"},
      {"(0431)8888888", "04318888888"},
      {"0431-88888888/13912345678", "043188888888"},
      {"12345", ""},
      {"", ""},
      {"23912345678", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(NormalisePhone(c.in).value_or(""), c.want);
  }
}

}  // namespace
}  // namespace pipeline::extract
