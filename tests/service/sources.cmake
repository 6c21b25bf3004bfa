list(APPEND TEST_SOURCES
  tests/service/case_rows_test.cc
  tests/service/intake_state_test.cc
  tests/service/kill_test.cc
  tests/service/report_wire_test.cc
  tests/service/service_test.cc
  tests/service/stop_test.cc
  tests/service/watch_retry_test.cc
  tests/service/watch_files_test.cc
)
