list(APPEND TEST_SOURCES
  tests/cli/cli_binary_test.cc
  tests/cli/locations_test.cc
  tests/cli/options_test.cc
  tests/cli/run_command_test.cc
)
