list(APPEND TEST_SOURCES
  tests/app/decide_test.cc
  tests/app/status_test.cc
)
