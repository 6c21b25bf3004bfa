// Helpers shared by the ingest tests: the real label table and committed test files.
#ifndef TESTS_INGEST_INGEST_TEST_UTIL_H_
#define TESTS_INGEST_INGEST_TEST_UTIL_H_

#include <string>

#include "pipeline/ingest/form_labels.h"

namespace pipeline::ingest::testing {

// checklists/form_labels.xml, loaded once; the test fails (ADD_FAILURE) if it does not load.
const FormLabels& RealLabels();

// Path of tests/ingest/testdata/<rel> under the repo root.
std::string TestdataPath(const std::string& rel);

// A PDF of `pages` empty A4 pages that qpdf and viewers open (without a cross-reference table:
// it is rebuilt on reading).
std::string PagesPdf(int pages = 1);

// Bytes of tests/ingest/testdata/<rel>; "" (and a test failure) when unreadable.
std::string ReadTestdata(const std::string& rel);

}  // namespace pipeline::ingest::testing

#endif  // TESTS_INGEST_INGEST_TEST_UTIL_H_
