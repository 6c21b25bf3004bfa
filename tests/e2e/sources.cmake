# End-to-end tests over samples/intake (expected outcomes: samples/expected.json; golden reports:
# tests/golden/).
list(APPEND TEST_SOURCES
  tests/e2e/archives_e2e_test.cc
  tests/e2e/documents_e2e_test.cc
  tests/e2e/layout_e2e_test.cc
  tests/e2e/materials_e2e_test.cc
  tests/e2e/samples_pipeline_test.cc
  tests/e2e/samples_rules_test.cc
  tests/e2e/samples_test.cc
  tests/e2e/office_forms_test.cc
  tests/e2e/real_forms_test.cc
  tests/e2e/verdicts_e2e_test.cc
)
