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

std::string PagesPdf(int pages) {
  std::string kids;
  std::string objects;
  for (int i = 0; i < pages; ++i) {
    const std::string num = std::to_string(3 + i);
    kids += num + " 0 R ";
    objects += num + " 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n";
  }
  return "%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[" + kids +
         "]/Count " + std::to_string(pages) + ">>endobj\n" + objects +
         "trailer<</Root 1 0 R>>\n%%EOF\n";
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
