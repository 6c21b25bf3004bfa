list(APPEND TEST_SOURCES
  tests/evaluation/evaluation_command_test.cc
  tests/evaluation/evaluation_test.cc
  tests/evaluation/ledger_test.cc
  tests/evaluation/standard_test.cc
  tests/evaluation/xlsx_reader_test.cc
)
