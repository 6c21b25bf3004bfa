list(APPEND TEST_SOURCES
  tests/completeness/checklist_test.cc
  tests/completeness/classify_test.cc
  tests/completeness/completeness_test.cc
  tests/completeness/shipped_checklists.cc
)
