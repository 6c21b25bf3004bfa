list(APPEND TEST_SOURCES
  tests/web/web_test.cc
)
