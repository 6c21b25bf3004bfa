#include "pipeline/core/enum_names.h"

#include <gtest/gtest.h>

namespace pipeline {
namespace {

enum class Colour { kUnknown, kRed, kDarkBlue };

constexpr EnumName<Colour> kColourNames[] = {
    {Colour::kRed, "red"},
    {Colour::kDarkBlue, "dark_blue"},
};

TEST(EnumNamesTest, NameOfFindsTheRowOrTheAbsentName) {
  EXPECT_STREQ(NameOf(kColourNames, Colour::kRed, "unknown"), "red");
  EXPECT_STREQ(NameOf(kColourNames, Colour::kDarkBlue, "unknown"), "dark_blue");
  EXPECT_STREQ(NameOf(kColourNames, Colour::kUnknown, "unknown"), "unknown");
}

TEST(EnumNamesTest, ValueOfIsExactAndNeverYieldsAValueOutsideTheTable) {
  EXPECT_EQ(ValueOf(kColourNames, "dark_blue"), Colour::kDarkBlue);
  EXPECT_EQ(ValueOf(kColourNames, "unknown"), std::nullopt);
  EXPECT_EQ(ValueOf(kColourNames, "Red"), std::nullopt);
  EXPECT_EQ(ValueOf(kColourNames, ""), std::nullopt);
}

TEST(EnumNamesTest, WorksAtCompileTime) {
  static_assert(ValueOf(kColourNames, "red") == Colour::kRed);
  static_assert(NameOf(kColourNames, Colour::kUnknown, "x")[0] == 'x');
}

}  // namespace
}  // namespace pipeline
