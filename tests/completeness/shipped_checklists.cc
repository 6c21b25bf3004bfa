#include "tests/completeness/shipped_checklists.h"

#include <gtest/gtest.h>

#include "pipeline/core/file_system.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::completeness::testing {

const ChecklistSet& ShippedChecklists() {
  static const ChecklistSet* set = [] {
    RealFileSystem fs;
    Result<ChecklistSet> r = LoadChecklists(fs, "checklists/materials.xml");
    EXPECT_OK(r);
    return new ChecklistSet(r ? std::move(r).value() : ChecklistSet());
  }();
  return *set;
}

}  // namespace pipeline::completeness::testing
