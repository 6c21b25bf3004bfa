list(APPEND TEST_SOURCES
  tests/web/commands_test.cc
  tests/web/web_test.cc
)
