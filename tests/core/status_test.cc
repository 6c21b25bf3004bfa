#include "pipeline/core/status.h"

#include <gtest/gtest.h>

namespace pipeline {
namespace {

TEST(StatusTest, ToStringNamesFileAndLine) {
  EXPECT_EQ(Status::Ok().ToString(), "OK");
  EXPECT_EQ(Status::InvalidData("bad regex", "checklists/x.xml", 14).ToString(),
            "checklists/x.xml:14: bad regex");
  EXPECT_EQ(Status::NotFound("no such file", "a.pdf").ToString(), "a.pdf: no such file");
  EXPECT_EQ(Status::IoError("denied").WithContext("loading fonts").ToString(),
            "loading fonts: denied");
}

TEST(StatusTest, ResultHoldsValueOrError) {
  Result<int> good = 7;
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(*good, 7);
  Result<int> bad = Status::NotFound("x");
  EXPECT_FALSE(bad);
  EXPECT_EQ(bad.error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace pipeline
