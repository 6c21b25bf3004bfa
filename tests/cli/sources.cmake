list(APPEND TEST_SOURCES
  tests/cli/options_test.cc
)
