list(APPEND TEST_SOURCES
  tests/extract/codes_test.cc
  tests/extract/extract_testing.cc
  tests/extract/extract_test.cc
  tests/extract/normaliser_test.cc
  tests/extract/form_choice_test.cc
)
