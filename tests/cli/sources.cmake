list(APPEND TEST_SOURCES
  tests/cli/options_test.cc
  tests/cli/run_command_test.cc
)
