#include "tests/completeness/shipped_checklists.h"

#include "tests/testing/shipped_data.h"

namespace pipeline::completeness::testing {

const ChecklistSet& ShippedChecklists() {
  return pipeline::testing::LoadShipped(&LoadChecklists, "checklists/materials.xml");
}

}  // namespace pipeline::completeness::testing
