// The registry commands' tests through the binary: a fixture with a temporary folder, a
// registry file and an office data root in it, and `beian` run against both as the user 王五.
#ifndef TESTS_TESTING_REGISTRY_BINARY_H_
#define TESTS_TESTING_REGISTRY_BINARY_H_

#include <gtest/gtest.h>

#include <string>

#include "tests/testing/test_paths.h"

namespace pipeline::testing {

class RegistryBinaryTest : public ::testing::Test {
 protected:
  // `beian ARGS --registry R --user 王五 --data-dir D`; its output (stderr merged unless told).
  int Beian(const std::string& args, std::string* out = nullptr, bool merge_stderr = true) {
    std::string text;
    const int rc = RunCommand(BeianBinary() + " " + args + " --registry " + Quote(registry_) +
                                  " --user 王五 --data-dir " + Quote(data_),
                              &text, merge_stderr);
    if (out != nullptr) *out = text;
    return rc;
  }
  // Runs a command that must succeed; returns its output.
  std::string Ok(const std::string& args) {
    std::string out;
    EXPECT_EQ(Beian(args, &out), 0) << args << "\n" << out;
    return out;
  }

  std::string dir_, registry_, data_;  // set by the test's SetUp
};

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_REGISTRY_BINARY_H_
