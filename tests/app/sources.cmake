list(APPEND TEST_SOURCES
  tests/app/case_note_test.cc
  tests/app/decide_test.cc
  tests/app/status_test.cc
)
