// ASSERT_OK / EXPECT_OK for Status and Result<T>: print status.ToString() on failure.
#ifndef TESTS_TESTING_STATUS_MATCHERS_H_
#define TESTS_TESTING_STATUS_MATCHERS_H_

#include <gtest/gtest.h>

#include "pipeline/core/status.h"

namespace pipeline::testing {

inline Status ToStatus(const Status& s) { return s; }
template <typename T>
Status ToStatus(const Result<T>& r) {
  return r.status();
}

}  // namespace pipeline::testing

#define EXPECT_OK(expr)                                          \
  do {                                                           \
    ::pipeline::Status s_ = ::pipeline::testing::ToStatus(expr); \
    EXPECT_TRUE(s_.ok()) << s_.ToString();                       \
  } while (0)
#define ASSERT_OK(expr)                                          \
  do {                                                           \
    ::pipeline::Status s_ = ::pipeline::testing::ToStatus(expr); \
    ASSERT_TRUE(s_.ok()) << s_.ToString();                       \
  } while (0)

#endif  // TESTS_TESTING_STATUS_MATCHERS_H_
