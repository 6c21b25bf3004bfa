#include "tests/extract/extract_testing.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/test_paths.h"

namespace pipeline::extract::testing {

const Normaliser& RealNormaliser() {
  static const Normaliser* n = [] {
    RealFileSystem fs;
    Result<Normaliser> r =
        LoadNormaliser(fs, pipeline::testing::RepoRoot() + "/checklists/normalise.xml");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new Normaliser(r.ok() ? std::move(r).value() : Normaliser());
  }();
  return *n;
}

}  // namespace pipeline::extract::testing
