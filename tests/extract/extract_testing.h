// Shared by the extract and crosscheck tests: the shipped checklists/normalise.xml, loaded once.
#ifndef TESTS_EXTRACT_EXTRACT_TESTING_H_
#define TESTS_EXTRACT_EXTRACT_TESTING_H_

#include "pipeline/extract/normaliser.h"

namespace pipeline::extract::testing {

// The repo's normaliser; a load failure is reported as a test failure (and the tests that use
// it fail on the empty normaliser).
const Normaliser& RealNormaliser();

}  // namespace pipeline::extract::testing

#endif  // TESTS_EXTRACT_EXTRACT_TESTING_H_
