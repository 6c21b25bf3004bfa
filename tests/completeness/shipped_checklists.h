// The shipped checklists/materials.xml, loaded once for the completeness tests (run from the
// repo root).
#ifndef TESTS_COMPLETENESS_SHIPPED_CHECKLISTS_H_
#define TESTS_COMPLETENESS_SHIPPED_CHECKLISTS_H_

#include "pipeline/completeness/checklist.h"

namespace pipeline::completeness::testing {

const ChecklistSet& ShippedChecklists();

}  // namespace pipeline::completeness::testing

#endif  // TESTS_COMPLETENESS_SHIPPED_CHECKLISTS_H_
