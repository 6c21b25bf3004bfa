#include "tests/extract/extract_testing.h"

#include "tests/testing/shipped_data.h"

namespace pipeline::extract::testing {

const Normaliser& RealNormaliser() {
  return pipeline::testing::LoadShipped(&LoadNormaliser, "checklists/normalise.xml");
}

}  // namespace pipeline::extract::testing
