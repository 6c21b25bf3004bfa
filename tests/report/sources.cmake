list(APPEND TEST_SOURCES
  tests/report/messages_test.cc
)
