// The repository's message catalogue (templates/messages.zh-CN.tsv), loaded once, for the
// registry tests that word findings or refusals.
#ifndef TESTS_REGISTRY_REPO_MESSAGES_H_
#define TESTS_REGISTRY_REPO_MESSAGES_H_

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "pipeline/report/messages.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {

inline const report::MessageCatalog& RepoMessages() {
  static const report::MessageCatalog* m = [] {
    RealFileSystem fs;
    auto cat =
        report::MessageCatalog::Load(fs, testing::RepoRoot() + "/templates/messages.zh-CN.tsv");
    if (!cat) ADD_FAILURE() << cat.error().ToString();
    return cat ? new report::MessageCatalog(std::move(*cat)) : new report::MessageCatalog();
  }();
  return *m;
}

}  // namespace pipeline::registry

#endif  // TESTS_REGISTRY_REPO_MESSAGES_H_
