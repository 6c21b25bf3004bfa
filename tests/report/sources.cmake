list(APPEND TEST_SOURCES
  tests/report/decision_table_test.cc
  tests/report/document_data_test.cc
  tests/report/mask_test.cc
  tests/report/run_summary_test.cc
  tests/report/message_coverage_test.cc
  tests/report/messages_test.cc
  tests/report/report_json_test.cc
  tests/report/summary_table_test.cc
  tests/report/work_calendar_test.cc
)
