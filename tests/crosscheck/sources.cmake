list(APPEND TEST_SOURCES
  tests/crosscheck/catalogue_test.cc
  tests/crosscheck/check_test.cc
  tests/crosscheck/credit_list_test.cc
  tests/crosscheck/crosscheck_testing.cc
  tests/crosscheck/jurisdiction_test.cc
  tests/crosscheck/rules_test.cc
  tests/crosscheck/verdicts_test.cc
)
