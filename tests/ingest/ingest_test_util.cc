#include "tests/ingest/ingest_test_util.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/test_paths.h"

namespace pipeline::ingest::testing {

const FormLabels& RealLabels() {
  static const FormLabels labels = [] {
    RealFileSystem fs;
    Result<FormLabels> r =
        LoadFormLabels(fs, JoinPath(pipeline::testing::RepoRoot(), "checklists/form_labels.xml"));
    if (!r) {
      ADD_FAILURE() << r.error().ToString();
      return FormLabels();
    }
    return *r;
  }();
  return labels;
}

std::string TestdataPath(const std::string& rel) {
  return JoinPath(pipeline::testing::RepoRoot(), "tests/ingest/testdata/" + rel);
}

std::string ReadTestdata(const std::string& rel) {
  RealFileSystem fs;
  Result<std::string> r = fs.ReadFile(TestdataPath(rel), FileSystem::kDefaultMaxRead);
  if (!r) {
    ADD_FAILURE() << r.error().ToString();
    return "";
  }
  return *r;
}

}  // namespace pipeline::ingest::testing
