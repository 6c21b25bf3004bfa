// A shipped data file (checklists/materials.xml, checklists/normalise.xml, ...) loaded once per
// test process with its stage's loader; a load error fails the test that first asks for it.
#ifndef TESTS_TESTING_SHIPPED_DATA_H_
#define TESTS_TESTING_SHIPPED_DATA_H_

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "tests/testing/test_paths.h"

namespace pipeline::testing {

// REQUIRES: every call for one T names the same file (the value is kept per T).
template <typename T>
const T& LoadShipped(Result<T> (*load)(const FileSystem&, const std::string&),
                     const std::string& relative_path) {
  static const T* value = [&] {
    RealFileSystem fs;
    Result<T> r = load(fs, RepoRoot() + "/" + relative_path);
    EXPECT_TRUE(r.ok()) << relative_path << ": " << r.status().ToString();
    return new T(r.ok() ? std::move(r).value() : T());
  }();
  return *value;
}

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_SHIPPED_DATA_H_
