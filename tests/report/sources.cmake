list(APPEND TEST_SOURCES
  tests/report/messages_test.cc
  tests/report/summary_table_test.cc
)
